// What one fuzz case must survive, through the engine's public entry points only: lint, every fix of every
// finding applied and linted again, the fix-all edits (what --fix applies) applied and linted again, and the
// rollout simulation and its picture for every Deployment and StatefulSet. Any exception, or a rule that threw
// (reported by the engine as an internal error), fails the case; a hang is caught by the caller's bound.
import { lintWithFixes } from '../../../../server/out/engine';
import { applicableFixes, applyEdits } from '../../../../server/out/engine/fix/fixAll';
import { renderTimelineSvg, rolloutTargets, simulateTarget } from '../../../../server/out/engine/simulation';

/** Fixes re-linted per case at most (taken in order): enough to reach every rule's fixes across a run. */
const MAX_FIXES = 12;
/** Rollout targets simulated per case at most. */
const MAX_TARGETS = 4;

function lintChecked(text: string, what: string): ReturnType<typeof lintWithFixes> {
  const result = lintWithFixes(text);
  const failed = result.internalErrors?.[0];
  if (failed) throw new Error(`${what}: rule ${failed.ruleId} threw: ${failed.message}`);
  return result;
}

/** Runs the case; throws what went wrong. Returns how much it exercised (for the run's summary). */
export function checkCase(text: string): { findings: number; fixes: number; simulations: number } {
  const result = lintChecked(text, 'lint');
  let fixes = 0;
  for (const finding of result.findings) {
    for (const fix of finding.fixes) {
      if (fixes >= MAX_FIXES) break;
      fixes++;
      lintChecked(applyEdits(text, fix.edits), `re-lint after "${fix.title}" (${finding.ruleId})`);
    }
  }
  const all = applicableFixes(result.findings, { safeOnly: true });
  if (all.length > 0) lintChecked(applyEdits(text, all), 're-lint after fix-all');
  let simulations = 0;
  for (const target of rolloutTargets(text).slice(0, MAX_TARGETS)) {
    const simulation = simulateTarget(target);
    renderTimelineSvg(simulation, { interactive: true });
    simulations++;
  }
  return { findings: result.findings.length, fixes, simulations };
}
