// What a pod's shutdown settings come to, from its deletion (t = 0): the preStop wait, SIGTERM and SIGKILL as
// the kubelet times them (k8s/lifecycle.ts), and whether routers are still sending requests at SIGTERM.
import { gracePeriod, KUBELET_MINIMUM_GRACE_SECONDS, readPreStop, terminationTimes, type PreStopInfo } from '../k8s/lifecycle';
import { describeContainer, type Container, type Workload } from '../k8s/objects';
import { DEFAULT_ASSUMPTIONS } from '../simulation/types';
import { field, secs } from './common';
import type { Explanation, ExplanationLine, TimelineTarget } from './types';

const RULE_IDS = ['prestop-hook-missing', 'grace-period-too-short'];
/** More containers than this are summed up in one line. */
const MAX_CONTAINERS_LISTED = 6;

function hookText(preStop: PreStopInfo): string {
  const wait = preStop.wait!;
  const what = wait.form === 'sleep-action' ? `\`sleep.seconds\` ${wait.seconds}` : `\`sleep ${wait.seconds}\``;
  return `${what}${wait.fromEnv ? ` (from \`$${wait.fromEnv}\`)` : ''}${wait.atLeast ? ', at least: the script also loops or waits' : ''}`;
}

function graceText(grace: { seconds: number; explicit: boolean }): string {
  return field('terminationGracePeriodSeconds', grace.seconds, grace.explicit);
}

function routersLine(sigterm: number): ExplanationLine {
  const propagation = DEFAULT_ASSUMPTIONS.propagationSeconds;
  return {
    text:
      sigterm < propagation
        ? `Routers keep sending requests for about ${secs(propagation)} after the deletion (the timeline's assumption): those arriving after SIGTERM at ${secs(sigterm)} fail.`
        : `Routers stop sending requests about ${secs(propagation)} after the deletion (the timeline's assumption), before SIGTERM.`,
  };
}

function containerLines(container: Container, grace: { seconds: number; explicit: boolean }, workload: Workload): ExplanationLine[] {
  const preStop = readPreStop(container, workload.object.ref);
  if (preStop.pair && !preStop.wait) {
    return [
      { text: "The preStop hook's duration cannot be read (an HTTP call, or a script without `sleep`): SIGTERM comes when it returns." },
      {
        text: `SIGKILL comes ${secs(grace.seconds)} after the deletion if the hook and the app are not done by then (${graceText(grace)}).`,
      },
    ];
  }
  // Reached for a hook whose wait is known (the preStop entry is what is hovered).
  const wait = preStop.wait?.seconds ?? 0;
  const times = terminationTimes(wait, grace.seconds);
  const lines: ExplanationLine[] = [
    {
      text: `0s to ${secs(times.sigterm)}: the preStop hook waits (${preStop.wait ? hookText(preStop) : 'nothing'}); the app keeps serving.`,
    },
  ];
  if (times.preStopCut) {
    lines.push({
      text: `At ${secs(times.sigterm)} the grace period (${graceText(grace)}) runs out during the hook: the kubelet stops it, sends SIGTERM, and SIGKILL ${secs(KUBELET_MINIMUM_GRACE_SECONDS)} later, at ${secs(times.sigkill)}: requests still in flight are cut off.`,
    });
  } else {
    lines.push({ text: `At ${secs(times.sigterm)}: SIGTERM; the app stops accepting and finishes what is in flight.` });
    lines.push({
      text: `At ${secs(times.sigkill)}: SIGKILL if it is still running (${graceText(grace)}, counted from the deletion, the preStop wait included; never less than ${secs(KUBELET_MINIMUM_GRACE_SECONDS)} after SIGTERM).`,
    });
  }
  lines.push(routersLine(times.sigterm));
  return lines;
}

function podLines(workload: Workload, grace: { seconds: number; explicit: boolean }): ExplanationLine[] {
  const lines: ExplanationLine[] = [
    {
      text: `${graceText(grace)}: SIGKILL ${secs(grace.seconds)} after the deletion at the latest, the preStop wait included (never less than ${secs(KUBELET_MINIMUM_GRACE_SECONDS)} after SIGTERM).`,
    },
  ];
  const { ref } = workload.object;
  let earliestSigterm = Infinity;
  for (const container of workload.containers.slice(0, MAX_CONTAINERS_LISTED)) {
    const preStop = readPreStop(container, ref);
    const name = describeContainer(container);
    if (preStop.pair && !preStop.wait) {
      lines.push({ text: `${name}: a preStop hook of unknown length; SIGTERM when it returns.` });
      continue;
    }
    const times = terminationTimes(preStop.wait?.seconds ?? 0, grace.seconds);
    earliestSigterm = Math.min(earliestSigterm, times.sigterm);
    lines.push({
      text: `${name}: ${preStop.wait ? `preStop ${secs(preStop.wait.seconds)}` : 'no preStop'}, SIGTERM at ${secs(times.sigterm)}, SIGKILL at ${secs(times.sigkill)}.`,
    });
  }
  if (workload.containers.length > MAX_CONTAINERS_LISTED) {
    lines.push({ text: `And ${workload.containers.length - MAX_CONTAINERS_LISTED} more containers.` });
  }
  if (Number.isFinite(earliestSigterm)) lines.push(routersLine(earliestSigterm));
  return lines;
}

/** The shutdown of the workload's pods: of one container (its preStop hook), or of the whole pod (the grace period). */
export function explainTermination(
  workload: Workload,
  container: Container | undefined,
  range: [number, number],
  timeline: TimelineTarget | undefined,
): Explanation {
  const grace = gracePeriod(workload.podSpec, workload.object.ref);
  const title = `Shutdown of ${container ? describeContainer(container).replace(/^Container/, 'container') : 'a pod'} (0s: the pod is deleted)`;
  const base = { range, title, ruleIds: RULE_IDS, ...(timeline ? { timeline } : {}) };
  if (grace.pair && !grace.explicit) {
    return {
      ...base,
      lines: [
        { text: '`terminationGracePeriodSeconds` is not a number (a template placeholder?): the timing cannot be known from the text.' },
      ],
    };
  }
  return { ...base, lines: container ? containerLines(container, grace, workload) : podLines(workload, grace) };
}
