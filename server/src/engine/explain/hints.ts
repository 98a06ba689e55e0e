// The Kubernetes defaults that decide a rollout, where the manifest leaves a field out: maxUnavailable and
// maxSurge of a Deployment (resolved against its replicas), a probe's period, timeout and failure threshold, a
// pod's grace period. Shown at the end of the line of the entry they belong to. Patches and templates get none:
// what they leave out comes from elsewhere.
import { isMap, type Node, type Pair } from 'yaml';
import type { Project } from '../facts/project';
import { asWorkload, type K8sObject, type Workload } from '../k8s/objects';
import { PROBE_DEFAULTS, probeFields, type ProbeField } from '../k8s/probes';
import { readRollingUpdate, replicaCount, resolveFenceposts, type IntOrPercent } from '../k8s/rollout';
import type { FileModel } from '../model/fileModel';
import { deref, getMap, getPair, type DocRef } from '../model/yamlAccess';
import { isRolloutKind } from '../simulation/model';
import { MAX_INT32 } from '../simulation/validate';
import { plural } from './common';
import type { DefaultHint, HintMode } from './types';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;

/** Offset (chunk-relative) of the end of the line the pair's key is on, before any carriage return. */
function endOfKeyLine(pair: Pair, text: string): number | undefined {
  const keyEnd = (pair.key as Node | null)?.range?.[1];
  if (keyEnd === undefined) return undefined;
  let end = text.indexOf('\n', keyEnd);
  if (end < 0) end = text.length;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

function written(value: IntOrPercent): string {
  return value.kind === 'percent' ? `${value.value}%` : String(value.value);
}

/** One hint: what it says (and, shorter, for a line with little room), and where the value comes from. */
interface Part {
  label: string;
  compact?: string;
  tooltip: string;
}

/**
 * VS Code cuts the hints of a line short beyond this many characters (`editor.inlayHints.maximumLength`, 43 by
 * default); the commas and spaces between hints count here too.
 */
const LINE_BUDGET = 43;

/** The labels of one line's hints: in full when they fit the budget, otherwise in their compact form. */
function fitLabels(parts: readonly Part[]): string[] {
  const length = (labels: string[]) => labels.reduce((sum, label) => sum + label.length + 2, -2);
  const full = parts.map((part) => part.label);
  return length(full) <= LINE_BUDGET ? full : parts.map((part) => part.compact ?? part.label);
}

/** Hints after the line of `pair`, one value each (with its own tooltip), a comma after all but the last. */
type Emit = (pair: Pair | undefined, parts: Part[], implicit: boolean) => void;

function deploymentHints(object: K8sObject, project: Project, mode: HintMode, emit: Emit): void {
  const { ref } = object;
  const settings = readRollingUpdate(object);
  const count = replicaCount(object, project);
  // Nothing from what Kubernetes would not take (a replica count beyond int32).
  if (!count.known || !settings.understood || count.replicas > MAX_INT32) return;
  const specPair = getPair(object.node, 'spec', ref);
  const hpaMax = count.autoscaler?.maxReplicas;
  const replicasOmitted = !getPair(getMap(object.node, 'spec', ref), 'replicas', ref) && hpaMax === undefined;
  const replicasPart: Part = { label: 'replicas 1', tooltip: '`replicas` is not set: 1, the default.' };
  const { replicas } = count;
  const atMax: Part | undefined =
    hpaMax === undefined
      ? undefined
      : {
          label: `at ${replicas} replicas (HPA max)`,
          compact: `HPA max ${replicas}`,
          tooltip: `At ${replicas} replicas: the maxReplicas of the HorizontalPodAutoscaler that scales this Deployment.`,
        };
  const strategy: Part[] = [];
  if (settings.strategyType === undefined || settings.strategyType === 'RollingUpdate') {
    const fence = resolveFenceposts(settings.maxSurge, settings.maxUnavailable, replicas);
    const fields = [
      {
        name: 'maxUnavailable',
        value: settings.maxUnavailable,
        explicit: settings.maxUnavailableExplicit,
        pair: settings.maxUnavailablePair,
        count: fence.forcedUnavailable ? 0 : fence.unavailable,
        up: false,
        raised: fence.forcedUnavailable,
      },
      {
        name: 'maxSurge',
        value: settings.maxSurge,
        explicit: settings.maxSurgeExplicit,
        pair: settings.maxSurgePair,
        count: fence.surge,
        up: true,
        raised: false,
      },
    ];
    for (const f of fields) {
      const pods = plural(f.count, 'pod');
      const percent = f.value.kind === 'percent';
      const how = percent
        ? `${written(f.value)} of ${plural(replicas, 'replica')}, rounded ${f.up ? 'up' : 'down'}, = ${pods}`
        : written(f.value);
      const raised = f.raised ? ', raised to 1' : '';
      const why = f.raised ? ' Both come to 0, so the controller raises maxUnavailable to 1.' : '';
      if (!f.explicit) {
        strategy.push({
          label: `${f.name} ${written(f.value)}${percent ? ` = ${f.count}` : ''}${raised}`,
          compact: `${f.name} ${f.raised ? 1 : f.count}`,
          tooltip: `\`${f.name}\` is not set: the default ${how}.${why}`,
        });
      } else if (mode === 'all' && percent) {
        emit(
          f.pair,
          [
            { label: `= ${pods}${raised}`, compact: `= ${f.raised ? 1 : f.count}`, tooltip: `\`${f.name}\` ${how}.${why}` },
            ...(atMax ? [atMax] : []),
          ],
          false,
        );
      }
    }
  }
  if (strategy.length > 0 && atMax) strategy.push(atMax);
  const strategyAnchor = settings.rollingUpdatePair ?? settings.strategyPair;
  if (strategy.length > 0 && strategyAnchor) {
    emit(strategyAnchor, strategy, true);
    if (replicasOmitted) emit(specPair, [replicasPart], true);
  } else if (strategy.length > 0 || replicasOmitted) {
    emit(specPair, [...(replicasOmitted ? [replicasPart] : []), ...strategy], true);
  }
}

const PROBE_LABELS: Partial<Record<ProbeField, (value: number) => string>> = {
  periodSeconds: (value) => `every ${value}s`,
  timeoutSeconds: (value) => `timeout ${value}s`,
  failureThreshold: (value) => `failureThreshold ${value}`,
};

function probeHints(workload: Workload, ref: DocRef, emit: Emit): void {
  for (const container of workload.containers) {
    for (const which of PROBES) {
      const pair = getPair(container.node, which, ref);
      const node = deref(pair?.value, ref);
      if (!pair || !isMap(node)) continue;
      const fields = probeFields(node, ref);
      const omitted = (Object.keys(PROBE_LABELS) as ProbeField[]).filter((f) => !fields.explicit.has(f) && !fields.unreadable.includes(f));
      const parts = omitted.map((f) => ({
        label: PROBE_LABELS[f]!(PROBE_DEFAULTS[f]),
        tooltip: `\`${f}\` is not set: ${PROBE_DEFAULTS[f]}, the default.`,
      }));
      if (parts.length > 0) emit(pair, parts, true);
    }
  }
}

function graceHint(workload: Workload, ref: DocRef, emit: Emit): void {
  if (workload.runsToCompletion || !workload.podSpec || getPair(workload.podSpec, 'terminationGracePeriodSeconds', ref)) return;
  const tooltip =
    '`terminationGracePeriodSeconds` is not set: 30, the default. SIGKILL comes at most 30s after a pod is deleted, the preStop wait included.';
  emit(workload.podSpecPair, [{ label: 'grace 30s', tooltip }], true);
}

/** The hints of the model's text within `range` (offsets), sorted by offset. */
export function defaultHints(
  model: FileModel,
  project: Project,
  options: { patchFile: boolean; mode: HintMode; range?: [number, number] },
): DefaultHint[] {
  if (options.mode === 'off') return [];
  const [from, to] = options.range ?? [0, Infinity];
  const hints: DefaultHint[] = [];
  const placed = new Set<number>();
  for (const { chunk, start } of model.chunks) {
    if (chunk.helm || start > to || start + chunk.text.length < from) continue;
    const emit: Emit = (pair, parts, implicit) => {
      const end = pair && endOfKeyLine(pair, chunk.text);
      if (end === undefined) return;
      const offset = start + end;
      // Aliased containers share their anchor's entries: one set of hints per place.
      if (offset < from || offset > to || placed.has(offset)) return;
      placed.add(offset);
      const labels = fitLabels(parts);
      parts.forEach((part, i) =>
        hints.push({ offset, label: i < parts.length - 1 ? `${labels[i]},` : labels[i], tooltip: part.tooltip, implicit }),
      );
    };
    for (const document of chunk.documents(options.patchFile)) {
      for (const object of document.objects) {
        const workload = asWorkload(object);
        if (!workload || workload.isFragment) continue;
        if (object.kind === 'Deployment' && isRolloutKind(object)) deploymentHints(object, project, options.mode, emit);
        probeHints(workload, object.ref, emit);
        graceHint(workload, object.ref, emit);
      }
    }
  }
  // Stable: the hints of one place keep their order.
  return hints.sort((a, b) => a.offset - b.offset);
}
