// The list of rules. Adding a rule: a file in rules/ named after its id, an entry here, fixtures in
// test/fixtures/rules/<id>/, then `npm run docs` to regenerate its docs page and the README table.
import type { Rule } from './rule';
import appendHeadersRemoved from '../rules/append-headers-removed';
import envoyDrainTooShort from '../rules/envoy-drain-too-short';
import appStartsBeforeEnvoy from '../rules/app-starts-before-envoy';
import envoyRetryMissing from '../rules/envoy-retry-missing';
import gracePeriodTooShort from '../rules/grace-period-too-short';
import livenessProbeMissing from '../rules/liveness-probe-missing';
import prestopHookMissing from '../rules/prestop-hook-missing';
import probesIdentical from '../rules/probes-identical';
import readinessProbeMissing from '../rules/readiness-probe-missing';
import invalidFieldValue from '../rules/invalid-field-value';
import recreateStrategy from '../rules/recreate-strategy';
import rollingUpdateInvalid from '../rules/rolling-update-invalid';
import rollingUpdateUnavailable from '../rules/rolling-update-unavailable';
import unusedSuppression from '../rules/unused-suppression';
import resourcesMissing from '../rules/resources-missing';
import hpaDeprecatedApi from '../rules/hpa-deprecated-api';
import hpaLegacyMetricFields from '../rules/hpa-legacy-metric-fields';
import hpaTargetMissingRequests from '../rules/hpa-target-missing-requests';
import pdbMissing from '../rules/pdb-missing';
import pdbSelectsNothing from '../rules/pdb-selects-nothing';
import pdbBlocksEviction from '../rules/pdb-blocks-eviction';
import progressDeadlineDefault from '../rules/progress-deadline-default';
import probePortUnknown from '../rules/probe-port-unknown';
import probePortUdp from '../rules/probe-port-udp';
import probeTimeoutExceedsPeriod from '../rules/probe-timeout-exceeds-period';
import singleReplica from '../rules/single-replica';
import replicasWithAutoscaler from '../rules/replicas-with-autoscaler';
import autoscalerMinReplicas from '../rules/autoscaler-min-replicas';
import autoscalerTargetMissing from '../rules/autoscaler-target-missing';
import replicasNotSpread from '../rules/replicas-not-spread';
import pdbUnhealthyEvictionPolicy from '../rules/pdb-unhealthy-eviction-policy';

/** In the order a user meets the problems: probes, rollout strategy, shutdown, traffic layer. */
export const RULES: readonly Rule[] = [
  // First: the object cannot be applied at all (issue 15).
  invalidFieldValue,
  readinessProbeMissing,
  livenessProbeMissing,
  probesIdentical,
  rollingUpdateUnavailable,
  recreateStrategy,
  rollingUpdateInvalid,
  prestopHookMissing,
  gracePeriodTooShort,
  envoyRetryMissing,
  appendHeadersRemoved,
  // The Envoy sidecar's shutdown and start-up (issue 12).
  envoyDrainTooShort,
  appStartsBeforeEnvoy,
  // Capacity, autoscaling, disruption budgets, rollout deadlines (issue 6).
  probePortUnknown,
  probePortUdp,
  probeTimeoutExceedsPeriod,
  resourcesMissing,
  progressDeadlineDefault,
  singleReplica,
  pdbMissing,
  pdbSelectsNothing,
  pdbBlocksEviction,
  hpaDeprecatedApi,
  hpaLegacyMetricFields,
  hpaTargetMissingRequests,
  // Autoscaling and disruption checks other linters have (issue 12).
  replicasWithAutoscaler,
  autoscalerMinReplicas,
  autoscalerTargetMissing,
  replicasNotSpread,
  pdbUnhealthyEvictionPolicy,
  // Last: computed by the engine after every other rule ran (engine/suppression.ts).
  unusedSuppression,
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);

const byId = new Map(RULES.map((rule) => [rule.meta.id, rule]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export const DOCS_BASE_URL = 'https://github.com/kube-zero-downtime/kube-zero-downtime/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}
