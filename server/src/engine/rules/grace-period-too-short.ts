import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix, ownedPodSpec, suggestedGrace } from '../fix/builders';
import { describeContainer, type Workload } from '../k8s/objects';
import { gracePeriod, readPreStop, type PreStopWait } from '../k8s/lifecycle';
import type { Fix } from '../types';
import { defineRule } from '../catalog/rule';

function seconds(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)}s`;
}

/** A shorter wait that fits: 15s of room for in-flight requests when the grace period allows it. */
function shorterWait(graceSeconds: number): number {
  return graceSeconds > 20 ? graceSeconds - 15 : Math.max(1, Math.floor(graceSeconds / 2));
}

function graceFixes(workload: Workload, wait: PreStopWait, graceSeconds: number): Fix[] {
  const { ref } = workload.object;
  const editor = new YamlEditor(ref);
  const podSpec = ownedPodSpec(workload);
  const grace = suggestedGrace(wait.seconds);
  const raise = podSpec ? editor.setEntries(podSpec, { terminationGracePeriodSeconds: grace }) : undefined;
  // Shorten the wait only where it is a literal number we can rewrite in place.
  let shorten;
  const shorter = shorterWait(graceSeconds);
  if (
    !wait.fromEnv &&
    !wait.atLeast &&
    (editor.text.slice(wait.range[0] - ref.base, wait.range[1] - ref.base).match(/sleep\s/g) ?? []).length <= 1
  ) {
    const text = editor.text.slice(wait.range[0] - ref.base, wait.range[1] - ref.base);
    const digits =
      /^(seconds\s*:\s*["']?)(\d+(?:\.\d+)?)/.exec(text) ??
      /^(["']?)(\d+(?:\.\d+)?)s?["']?$/.exec(text) ??
      /(sleep\s+)(\d+(?:\.\d+)?)(?=s?\b)/.exec(text);
    if (digits && text.indexOf(digits[0]) === text.lastIndexOf(digits[0])) {
      const at = wait.range[0] - ref.base + digits.index + digits[1].length;
      shorten = [editor.replace(at, at + digits[2].length, String(shorter))];
    }
  }
  return definedFixes(
    fix(`Raise terminationGracePeriodSeconds to ${grace}`, raise, { preferred: true, safe: true }),
    fix(`Shorten the preStop wait to ${shorter}s`, shorten, { safe: false }),
  );
}

export default defineRule({
  meta: {
    id: 'grace-period-too-short',
    title: 'terminationGracePeriodSeconds does not exceed the preStop wait',
    severity: 'error',
    rationale:
      'The preStop hook runs inside the termination grace period; when it waits as long as the grace period or longer, the kubelet cuts the hook off when the period runs out, sends SIGTERM and kills the container 2 seconds later, so in-flight requests get at most 2 seconds to finish.',
    appliesTo: 'Every container with a preStop wait, in any workload kind',
    docs: {
      why: 'On termination the kubelet runs the preStop hook, then sends SIGTERM, and sends SIGKILL `terminationGracePeriodSeconds` (default 30) after the start, whatever is still running. The preStop time counts inside that budget: a hook still running when the period ends is stopped, and the kubelet grants a one-off 2-second extension after SIGTERM before SIGKILL. So the grace period must exceed the preStop wait plus the time the app needs to finish in-flight requests after SIGTERM. The rule reads the wait from the native `sleep.seconds` action, from `exec` `sleep N`, and from `sh -c "... sleep N ..."` scripts (resolving `$VAR` from the container\'s literal `env`).',
      severityReason:
        'Error: on every termination the app gets at most 2 seconds after SIGTERM before SIGKILL, whatever its requests need.',
      bad: `terminationGracePeriodSeconds: 30
containers:
  - name: web
    lifecycle:
      preStop:
        exec:
          command: ["sleep", "30"]`,
      good: `terminationGracePeriodSeconds: 45
containers:
  - name: web
    lifecycle:
      preStop:
        exec:
          command: ["sleep", "10"]`,
      howToFix:
        'Raise `terminationGracePeriodSeconds` to the preStop wait plus your longest request plus a margin (e.g. wait 10s, grace 45s), or shorten the wait.',
      notFlagged:
        'preStop hooks whose duration cannot be known (httpGet hooks, scripts without a literal sleep), and Kustomize patches that do not set the grace period.',
    },
  },
  check({ workloads, report }) {
    for (const workload of workloads) {
      const { ref } = workload.object;
      const grace = gracePeriod(workload.podSpec, ref);
      if ((workload.isFragment && !grace.explicit) || grace.invalid) {
        continue; // the base object decides the grace period; or its value is not one the API server takes
      }
      for (const container of workload.containers) {
        const wait = readPreStop(container, ref).wait;
        if (!wait || wait.seconds < grace.seconds) {
          continue;
        }
        const waitText = `${wait.atLeast ? 'at least ' : ''}${seconds(wait.seconds)}${wait.fromEnv ? ` ($${wait.fromEnv})` : ''}`;
        const graceText = `${seconds(grace.seconds)}${grace.explicit ? '' : ' (the default)'}`;
        report({
          object: workload.object,
          container,
          range: wait.range,
          fixes: () => graceFixes(workload, wait, grace.seconds),
          message: `${describeContainer(container)}: the preStop hook waits ${waitText} but terminationGracePeriodSeconds is ${graceText}: the kubelet stops the hook when the grace period runs out, sends SIGTERM and kills the container 2 seconds later, so in-flight requests are cut off. Make the grace period longer than the wait plus your longest request (e.g. ${Math.ceil(wait.seconds) + 15}s).`,
        });
      }
    }
  },
});
