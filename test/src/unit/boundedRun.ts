// Runs code that might hang (an unbounded loop is exactly what some tests look for) in a worker thread, so a
// hang fails the test with a message instead of freezing the whole run. The bound is a deadline on the
// worker, not an assertion about speed: it is far above what the code needs.
import { Worker } from 'node:worker_threads';

export class BoundExceeded extends Error {}

/**
 * Evaluates `body` (the body of a CommonJS function of `data` returning a structured-cloneable value; it may
 * `require` the built server with absolute paths) in a worker. Rejects with BoundExceeded when it has not
 * answered within `ms`, and with the worker's own error when it throws.
 */
export function runBounded<T>(body: string, data: unknown, ms: number): Promise<T> {
  const script = `const { parentPort, workerData } = require('node:worker_threads');
const run = (data) => { ${body} };
Promise.resolve()
  .then(() => run(workerData))
  .then((value) => parentPort.postMessage({ ok: true, value }), (error) => parentPort.postMessage({ ok: false, error: String(error && error.stack || error) }));`;
  const worker = new Worker(script, { eval: true, workerData: data });
  return new Promise<T>((resolve, reject) => {
    const deadline = setTimeout(() => {
      void worker.terminate();
      reject(new BoundExceeded(`did not finish within ${ms} ms`));
    }, ms);
    worker.once('message', (message: { ok: boolean; value?: T; error?: string }) => {
      clearTimeout(deadline);
      void worker.terminate();
      if (message.ok) resolve(message.value as T);
      else reject(new Error(message.error));
    });
    worker.once('error', (error) => {
      clearTimeout(deadline);
      reject(error);
    });
  });
}
