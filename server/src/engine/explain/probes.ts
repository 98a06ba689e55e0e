// What a probe's numbers come to: when the pod is first Ready (the rollout simulation's own readiness arithmetic,
// startupProbe included), how long a failing pod stays in rotation or a hung container runs before its restart
// (k8s/probes.ts).
import type { Project } from '../facts/project';
import { describeContainer, type Container, type Workload } from '../k8s/objects';
import { effectiveProbe, failureDetectionSeconds, lastCheckBeforeRestart, probeFields, probeNode, type ProbeFields } from '../k8s/probes';
import { containerTiming } from '../simulation/model';
import { containerReadyAfter } from '../simulation/podTiming';
import { DEFAULT_ASSUMPTIONS } from '../simulation/types';
import { field, ordinal, plural, secs } from './common';
import type { Explanation, ExplanationLine, TimelineTarget } from './types';

export type ProbeKind = 'readinessProbe' | 'livenessProbe' | 'startupProbe';

function scheduleLine({ values, explicit }: ProbeFields): ExplanationLine {
  return {
    text: `Checks every ${secs(values.periodSeconds)} (${field('periodSeconds', values.periodSeconds, explicit.has('periodSeconds'))}), the first ${values.initialDelaySeconds === 0 ? 'as soon as the container starts' : `${secs(values.initialDelaySeconds)} after the container starts`} (${field('initialDelaySeconds', values.initialDelaySeconds, explicit.has('initialDelaySeconds'))}); a check that takes over ${secs(values.timeoutSeconds)} fails (${field('timeoutSeconds', values.timeoutSeconds, explicit.has('timeoutSeconds'))}).`,
  };
}

/** "3 failed checks 10s apart (`failureThreshold` 3, the default)". */
function failuresText({ values, explicit }: ProbeFields): string {
  return `${plural(values.failureThreshold, 'failed check')}${values.failureThreshold > 1 ? ` ${secs(values.periodSeconds)} apart` : ''} (${field('failureThreshold', values.failureThreshold, explicit.has('failureThreshold'))})`;
}

function readinessLines(workload: Workload, container: Container, fields: ProbeFields, project: Project): ExplanationLine[] {
  const { values, explicit } = fields;
  const a = DEFAULT_ASSUMPTIONS;
  const timing = containerTiming(workload, container, project);
  const earliest = containerReadyAfter(timing, 0);
  const assumed = containerReadyAfter(timing, a.appStartSeconds);
  // The pod is Ready when every container is.
  const podReady = Math.max(
    ...workload.containers.map((c) => containerReadyAfter(containerTiming(workload, c, project), a.appStartSeconds)),
  );
  const passes =
    values.successThreshold === 1
      ? `one passing check, ${field('successThreshold', 1, explicit.has('successThreshold'))}`
      : `${values.successThreshold} passing checks in a row, \`successThreshold\` ${values.successThreshold}`;
  const detection = failureDetectionSeconds(values);
  return [
    {
      text: `Ready at the earliest ${secs(earliest)} after the container starts (${passes}${timing.startup ? ', after the startupProbe succeeds' : ''}).`,
    },
    {
      text: `With an app that accepts requests ${secs(a.appStartSeconds)} after its container starts (the timeline's assumption): Ready at ${secs(assumed)}; the pod is Ready ${secs(podReady + a.podStartSeconds)} after it is created (${secs(a.podStartSeconds)} to start its containers${workload.containers.length > 1 ? ', and every container Ready' : ''}).`,
    },
    {
      text: `A pod that stops answering stays in rotation for up to ${secs(detection.answering)}: ${failuresText(fields)}; ${secs(detection.hanging)} when the checks hang until their timeout. Routers then need about ${secs(a.propagationSeconds)} more to stop sending to it (assumed).`,
    },
  ];
}

function livenessLines(fields: ProbeFields, gatedByStartup: boolean): ExplanationLine[] {
  const { values, explicit } = fields;
  const detection = failureDetectionSeconds(values);
  const lines: ExplanationLine[] = [
    {
      text: `A container that stops answering is restarted after up to ${secs(detection.answering)}: ${failuresText(fields)}; ${secs(detection.hanging)} when the checks hang until their timeout.`,
    },
  ];
  if (gatedByStartup) {
    lines.push({ text: 'It starts checking only once the startupProbe has succeeded.' });
  } else {
    const last = lastCheckBeforeRestart(values);
    lines.push({
      text: `An app that does not answer by the ${ordinal(values.failureThreshold)} check, ${secs(last)} after its container starts, is restarted before it is up (${field('initialDelaySeconds', values.initialDelaySeconds, explicit.has('initialDelaySeconds'))}).`,
    });
  }
  return lines;
}

function startupLines(workload: Workload, container: Container, fields: ProbeFields, project: Project): ExplanationLine[] {
  const { values, explicit } = fields;
  const a = DEFAULT_ASSUMPTIONS;
  const last = lastCheckBeforeRestart(values);
  const ready = containerReadyAfter(containerTiming(workload, container, project), a.appStartSeconds);
  return [
    {
      text: `The app must answer by the ${ordinal(values.failureThreshold)} check, ${secs(last)} after its container starts (${field('failureThreshold', values.failureThreshold, explicit.has('failureThreshold'))}), or the container is restarted.`,
    },
    {
      text: `Readiness and liveness checks wait until it succeeds: with an app that accepts requests ${secs(a.appStartSeconds)} after its container starts (the timeline's assumption), the container is Ready at ${secs(ready)}.`,
    },
  ];
}

const RULES: Record<ProbeKind, string[]> = {
  readinessProbe: ['readiness-probe-missing', 'probes-identical'],
  livenessProbe: ['liveness-probe-missing', 'probes-identical'],
  startupProbe: [],
};

export function explainProbe(
  workload: Workload,
  container: Container,
  which: ProbeKind,
  project: Project,
  range: [number, number],
  timeline: TimelineTarget | undefined,
): Explanation {
  const { ref } = workload.object;
  const node = probeNode(container, which, ref);
  const fields = probeFields(node, ref);
  const title = `\`${which}\` of ${describeContainer(container).replace(/^Container/, 'container')}`;
  const base = { range, title, ...(timeline ? { timeline } : {}) };
  if (fields.unreadable.length > 0) {
    const names = fields.unreadable.map((name) => `\`${name}\``).join(', ');
    return {
      ...base,
      lines: [
        {
          text: `${names} ${fields.unreadable.length === 1 ? 'is' : 'are'} not a whole number from 0 to 2147483647 (a template placeholder?): the timing cannot be known from the text.`,
        },
      ],
      ruleIds: [],
    };
  }
  const lines: ExplanationLine[] = [scheduleLine(fields)];
  if (!effectiveProbe(node, container, ref)) {
    lines.push({ text: 'It has no handler (`httpGet`, `tcpSocket`, `grpc` or `exec`): the API server rejects it.' });
  }
  const gatedByStartup = which !== 'startupProbe' && probeNode(container, 'startupProbe', ref) !== undefined;
  if (which === 'readinessProbe') lines.push(...readinessLines(workload, container, fields, project));
  else if (which === 'livenessProbe') lines.push(...livenessLines(fields, gatedByStartup));
  else lines.push(...startupLines(workload, container, fields, project));
  const ruleIds = [...RULES[which]];
  const { periodSeconds, timeoutSeconds } = fields.values;
  if (timeoutSeconds >= periodSeconds) {
    lines.push({
      text: `\`timeoutSeconds\` ${timeoutSeconds} is not below \`periodSeconds\` ${periodSeconds}: a hanging check runs into the next one.`,
    });
    ruleIds.push('probe-timeout-exceeds-period');
  }
  return { ...base, lines, ruleIds };
}
