import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { asWorkload, isDeployment, type K8sObject } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { describeAutoscaler, maxReplicasOf } from '../k8s/autoscaling';
import { formatIntOrPercent, readRollingUpdate, replicaCount, resolveFenceposts, type ReplicaCount } from '../k8s/rollout';
import { getMap, keyRange, pairRange } from '../model/yamlAccess';
import type { Fix } from '../types';

function replicasPhrase(count: ReplicaCount): string {
  if (count.autoscaler && maxReplicasOf(count.autoscaler) !== undefined) {
    return `of up to ${count.replicas} replicas (${describeAutoscaler(count.autoscaler)} scales it)`;
  }
  return `of the ${count.replicas} replica${count.replicas === 1 ? '' : 's'}${count.declared === undefined ? ' (replicas defaults to 1)' : ''}`;
}

function pods(n: number): string {
  return `${n} pod${n === 1 ? '' : 's'}`;
}

/** maxUnavailable: 0, plus maxSurge: 1 when the surge would otherwise resolve to 0 (the pair the API server rejects). */
function zeroUnavailableFix(object: K8sObject, surge: number) {
  const spec = getMap(object.node, 'spec', object.ref);
  if (!spec) {
    return [];
  }
  const values: Record<string, number> = surge >= 1 ? { maxUnavailable: 0 } : { maxUnavailable: 0, maxSurge: 1 };
  // A new `strategy` goes before `template`, where people expect it, not after the whole pod template.
  const edits = new YamlEditor(object.ref).setPath(spec, ['strategy', 'rollingUpdate'], values, 'template');
  return definedFixes(
    fix(surge >= 1 ? 'Set maxUnavailable: 0' : 'Set maxUnavailable: 0 and maxSurge: 1', edits, { preferred: true, safe: true }),
  );
}

export default defineRule({
  meta: {
    id: 'rolling-update-unavailable',
    title: 'Rolling update lets pods go away before their replacements are Ready',
    severity: 'warning',
    rationale:
      'maxUnavailable (default 25%) is how many pods a rollout may take away before their replacements are Ready; every one of them is serving capacity lost during each rollout.',
    appliesTo: 'Deployment (apps/v1, apps/v1beta1, apps/v1beta2, extensions/v1beta1)',
    docs: {
      why: "During a rolling update the Deployment controller keeps at least `replicas - maxUnavailable` pods available and at most `replicas + maxSurge` pods in total. Percentages are taken of `spec.replicas` (default 1): maxUnavailable rounds **down**, maxSurge rounds **up**, and if both come out 0, maxUnavailable becomes 1. With the default 25%, a 4-replica Deployment drops to 3 serving pods at each step of every rollout; at 8 replicas, 2 pods. `extensions/v1beta1` Deployments defaulted to maxUnavailable 1. `maxUnavailable: 0` with `maxSurge` of at least 1 keeps full capacity: each new pod must be Ready before an old one goes. The message gives the numbers for your replica count, using the autoscaler's maximum when a HorizontalPodAutoscaler or a KEDA ScaledObject scales the Deployment (in the same file, or in a workspace or a CLI run in another file).",
      severityReason:
        'Warning when maxUnavailable is left to its default (an accident, usually) or when it can take every replica down. Information when a value is set explicitly and still keeps at least one pod serving: that is a deliberate trade of capacity for rollout speed.',
      bad: `spec:
  replicas: 4
  # no strategy: maxUnavailable defaults to 25% (1 pod)`,
      good: `spec:
  replicas: 4
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxUnavailable: 0
      maxSurge: 1`,
      howToFix:
        'Set `spec.strategy.rollingUpdate.maxUnavailable: 0` and keep `maxSurge` at 1 or more (the cluster needs room for the surge pods).',
      notFlagged:
        '`strategy.type: Recreate` (see `recreate-strategy`), both values 0 (see `rolling-update-invalid`), values that are not numbers (templates), and Kustomize patches that do not set maxUnavailable.',
    },
  },
  check({ objects, project, report }) {
    for (const object of objects) {
      if (!isDeployment(object)) {
        continue;
      }
      const settings = readRollingUpdate(object);
      if (settings.strategyType !== undefined && settings.strategyType !== 'RollingUpdate') {
        continue;
      }
      const count = replicaCount(object, project);
      if (!settings.understood || !count.known || count.replicas === 0) {
        continue; // templated values, or scaled to zero (e.g. a workloadRef'd Deployment): nothing rolls
      }
      const { maxUnavailable, maxSurge } = settings;
      if (maxUnavailable.value === 0 && maxSurge.value === 0) {
        continue; // rejected by the API server: rolling-update-invalid says so
      }
      const { surge, unavailable, forcedUnavailable } = resolveFenceposts(maxSurge, maxUnavailable, count.replicas);
      // A function: the fix is built (a YAML editor over the document) only when it is asked for.
      const fixes = (): Fix[] => zeroUnavailableFix(object, surge);
      const replicasText = replicasPhrase(count);
      const written = formatIntOrPercent(maxUnavailable);
      const outage = unavailable >= count.replicas;

      if (!settings.maxUnavailableExplicit) {
        const workload = asWorkload(object);
        if (workload?.isFragment) {
          continue; // a patch: the base decides
        }
        const range =
          (settings.rollingUpdatePair && keyRange(settings.rollingUpdatePair, object.ref)) ??
          (settings.strategyPair && keyRange(settings.strategyPair, object.ref)) ??
          object.kindRange;
        if (unavailable === 0) {
          report({
            object,
            range,
            fixes,
            severity: 'info',
            message: `maxUnavailable is not set: it defaults to ${written}, which rounds down to 0 ${replicasText} today, but becomes 1 pod at 4 replicas and grows as you scale. Set maxUnavailable: 0 to keep full capacity during rollouts at any replica count.`,
          });
        } else {
          report({
            object,
            range,
            fixes,
            message: `maxUnavailable is not set: it defaults to ${written}, which is ${unavailable} ${replicasText}${forcedUnavailable ? ' (both values resolve to 0, so the controller uses 1)' : ''}: during a rollout ${pods(unavailable)} stop${unavailable === 1 ? 's' : ''} serving before ${unavailable === 1 ? 'its replacement is' : 'their replacements are'} Ready${outage ? ', which is every replica: a full outage' : ''}.`,
          });
        }
        continue;
      }

      const range = settings.maxUnavailablePair && pairRange(settings.maxUnavailablePair, object.ref);
      if (!range || maxUnavailable.value === 0) {
        continue; // explicit 0: the zero-downtime setting
      }
      if (outage) {
        report({
          object,
          range,
          fixes,
          message: `maxUnavailable: ${written} is ${unavailable} ${replicasText}: a rollout can take every pod down before a replacement is Ready (a full outage). Set maxUnavailable: 0 with maxSurge: 1.`,
        });
      } else if (unavailable === 0) {
        report({
          object,
          range,
          fixes,
          severity: 'info',
          message: `maxUnavailable: ${written} rounds down to 0 ${replicasText} today, but takes pods away before their replacements are Ready once you scale to ${Math.ceil(100 / Math.max(1, maxUnavailable.value))} or more. Set maxUnavailable: 0 if capacity matters during rollouts.`,
        });
      } else {
        report({
          object,
          range,
          fixes,
          severity: 'info',
          message: `maxUnavailable: ${written} lets ${unavailable} ${replicasText} stop serving during a rollout (${count.replicas - unavailable} keep serving)${forcedUnavailable ? '; it rounds down to 0 and maxSurge is 0 too, so the controller uses 1' : ''}. Set maxUnavailable: 0 with maxSurge ≥ 1 to keep full capacity.`,
        });
      }
    }
  },
});
