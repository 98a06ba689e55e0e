// Worker threads for fuzz cases, each case under a time bound: a worker that has not answered within the bound
// is terminated (its case is a hang) and replaced. The bound is a deadline, not a speed assertion: it is
// hundreds of times what a case needs, so only a hang (or a blow-up) reaches it.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CaseOutcome } from './worker';

export type PoolOutcome = CaseOutcome | { id: number; ok: false; hang: true; error: string };

interface Slot {
  worker: Worker;
  busy: boolean;
}

const WORKER = path.join(__dirname, 'worker.js');

export class CasePool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private nextId = 0;

  constructor(
    size: number,
    private readonly boundMs: number,
  ) {
    for (let i = 0; i < size; i++) this.slots.push({ worker: new Worker(WORKER), busy: false });
  }

  /** Runs one case on the next free worker. */
  async run(text: string, boundMs = this.boundMs): Promise<PoolOutcome> {
    const slot = await this.acquire();
    const id = this.nextId++;
    try {
      return await new Promise<PoolOutcome>((resolve) => {
        const worker = slot.worker;
        const done = (outcome: PoolOutcome, replace: boolean) => {
          clearTimeout(timer);
          worker.removeListener('message', onMessage);
          worker.removeListener('error', onError);
          if (replace) {
            void worker.terminate();
            slot.worker = new Worker(WORKER);
          }
          resolve(outcome);
        };
        const timer = setTimeout(
          () => done({ id, ok: false, hang: true, error: `no answer within ${boundMs} ms (a hang, or a blow-up)` }, true),
          boundMs,
        );
        const onMessage = (outcome: CaseOutcome) => {
          if (outcome.id === id) done(outcome, false);
        };
        // The worker itself died (out of memory, a module that does not load): the case failed with that.
        const onError = (error: Error) => done({ id, ok: false, error: `the worker died: ${error.stack ?? error.message}` }, true);
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.postMessage({ id, text });
      });
    } finally {
      slot.busy = false;
      this.waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
  }

  private async acquire(): Promise<Slot> {
    for (;;) {
      const free = this.slots.find((slot) => !slot.busy);
      if (free) {
        free.busy = true;
        return free;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }
}

/** What identifies a failure while shrinking: a hang, or the error's first line with numbers left out. */
export function signature(outcome: PoolOutcome): string {
  if (outcome.ok) return 'ok';
  if ('hang' in outcome) return 'hang';
  return outcome.error.split('\n')[0].replace(/\d+/g, '#');
}

/**
 * The smallest text (by lines removed, then long lines cut) that still fails the same way, within `attempts`
 * runs. Line chunks of halving size are removed while the failure stays (delta debugging, simplified).
 */
export async function shrink(pool: CasePool, text: string, failure: string, attempts: number, boundMs: number): Promise<string> {
  let lines = text.split('\n');
  let left = attempts;
  const fails = async (candidate: string[]) => {
    left--;
    return signature(await pool.run(candidate.join('\n'), boundMs)) === failure;
  };
  for (let chunk = Math.ceil(lines.length / 2); chunk >= 1 && left > 0; chunk = Math.floor(chunk / 2)) {
    for (let start = 0; start < lines.length && left > 0;) {
      const candidate = [...lines.slice(0, start), ...lines.slice(start + chunk)];
      if (candidate.length > 0 && (await fails(candidate))) lines = candidate;
      else start += chunk;
    }
  }
  for (let i = 0; i < lines.length && left > 0; i++) {
    if (lines[i].length <= 120) continue;
    const candidate = [...lines];
    candidate[i] = `${lines[i].slice(0, 100)}…`;
    if (await fails(candidate)) lines = candidate;
  }
  return lines.join('\n');
}
