// A worker thread that runs fuzz cases (check.ts) and answers each with its outcome. The test thread bounds
// each case's time and replaces a worker that overran its bound. Harmless when loaded outside a worker.
import { parentPort } from 'node:worker_threads';
import { checkCase } from './check';

export interface CaseRequest {
  id: number;
  text: string;
}

export type CaseOutcome =
  { id: number; ok: true; findings: number; fixes: number; simulations: number } | { id: number; ok: false; error: string };

parentPort?.on('message', (request: CaseRequest) => {
  let outcome: CaseOutcome;
  try {
    outcome = { id: request.id, ok: true, ...checkCase(request.text) };
  } catch (error) {
    outcome = { id: request.id, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  parentPort?.postMessage(outcome);
});
