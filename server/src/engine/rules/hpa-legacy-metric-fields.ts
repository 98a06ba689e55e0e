import { isScalar, type Pair } from 'yaml';
import { definedFixes, fix } from '../fix/builders';
import { isHpa, legacyMetrics, rewriteMetric } from '../k8s/hpa';
import { describeObject, splitApiVersion } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { getPair, pairRange, keyRange } from '../model/yamlAccess';

function keyName(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : '';
}

export default defineRule({
  meta: {
    id: 'hpa-legacy-metric-fields',
    title: 'autoscaling/v2 HorizontalPodAutoscaler with v2beta1 metric fields',
    severity: 'error',
    rationale:
      'A half-migrated HorizontalPodAutoscaler (apiVersion changed to autoscaling/v2, metric blocks still in the v2beta1 shape) is rejected by the API server, or, when a v2 target is present too, carries fields that are silently dropped.',
    appliesTo: 'HorizontalPodAutoscaler (autoscaling/v2, autoscaling/v2beta2)',
    docs: {
      why: [
        'Changing `apiVersion: autoscaling/v2beta1` to `autoscaling/v2` is not enough: v2 has no `targetAverageUtilization`, `targetAverageValue`, `targetValue`, `metricName` or `metricSelector`, and every metric needs a `target` with a `type`. A metric still written the v2beta1 way fails validation ("must specify a metric target type"), so the autoscaler is not created or not updated, and the workload is not scaled. The pattern appears in blog posts and even in well-known documentation, so it gets copied.',
        '',
        'When the metric already has a v2 `target` as well, the legacy fields are unknown fields: dropped (with a warning, or rejected under strict field validation), and misleading to the next reader.',
      ].join('\n'),
      severityReason:
        'Error when the metric has no v2 `target` (the API server rejects it); warning when a v2 `target` is there too (the legacy fields are only dead weight).',
      bad: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
spec:
  metrics:
    - type: Resource
      resource:
        name: cpu
        targetAverageUtilization: 70`,
      good: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
spec:
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70`,
      howToFix:
        "Rewrite each metric in the v2 shape: `target: {type: Utilization, averageUtilization: N}` for `targetAverageUtilization`, `{type: AverageValue, averageValue: Q}` for `targetAverageValue`, `{type: Value, value: Q}` for `targetValue`, `metric: {name, selector}` for `metricName` and its selector, `describedObject` for an Object metric's target reference. The quick fix rewrites the metric, keeping comments.",
      notFlagged: 'HPAs in autoscaling/v2beta1 (see `hpa-deprecated-api`, whose fix does the same rewrite) and autoscaling/v1.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      if (!isHpa(object) || !['v2', 'v2beta2'].includes(splitApiVersion(object.apiVersion).version)) {
        continue;
      }
      for (const metric of legacyMetrics(object)) {
        const legacy = metric.pairs.filter(
          (pair) => keyName(pair) !== 'selector' && keyName(pair) !== 'averageValue' && keyName(pair) !== 'target',
        );
        const first = legacy[0] ?? metric.pairs[0];
        const hasTarget =
          getPair(metric.source, 'target', object.ref) !== undefined && !metric.pairs.some((pair) => keyName(pair) === 'target');
        const names = [...new Set(metric.pairs.map(keyName))];
        report({
          object,
          range: pairRange(first, object.ref) ?? keyRange(first, object.ref) ?? object.kindRange,
          severity: hasTarget ? 'warning' : undefined,
          message: hasTarget
            ? `${names.join(', ')} ${names.length === 1 ? 'is a' : 'are'} v2beta1 field${names.length === 1 ? '' : 's'}: ${object.apiVersion} ignores ${names.length === 1 ? 'it' : 'them'} (the metric's target is the v2 \`target\`). Remove ${names.length === 1 ? 'it' : 'them'}.`
            : `${describeObject(object)} is ${object.apiVersion} but this ${metric.type} metric uses v2beta1 fields (${names.join(', ')}): v2 requires \`target: {type, ...}\`, so the API server rejects the autoscaler and the workload is not scaled.`,
          fixes: () =>
            definedFixes(
              fix(
                hasTarget
                  ? `Remove the v2beta1 field${names.length === 1 ? '' : 's'} (${names.join(', ')})`
                  : 'Rewrite the metric for autoscaling/v2',
                rewriteMetric(metric, object),
                { preferred: true, safe: true },
              ),
            ),
        });
      }
    }
  },
});
