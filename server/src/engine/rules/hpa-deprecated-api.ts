import { definedFixes, fix } from '../fix/builders';
import { apiVersionEdit, isHpa, legacyMetrics, rewriteMetric } from '../k8s/hpa';
import { describeObject, splitApiVersion } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import type { TextEdit } from '../types';
import { getPair, pairRange } from '../model/yamlAccess';

const REMOVED_IN: Record<string, string> = { v2beta1: '1.25', v2beta2: '1.26' };

export default defineRule({
  meta: {
    id: 'hpa-deprecated-api',
    title: 'HorizontalPodAutoscaler in a removed API version',
    severity: 'error',
    rationale:
      'autoscaling/v2beta1 and autoscaling/v2beta2 were removed in Kubernetes 1.25 and 1.26: the API server rejects the HorizontalPodAutoscaler, so the workload is not autoscaled at all.',
    appliesTo: 'HorizontalPodAutoscaler (autoscaling/v2beta1, autoscaling/v2beta2)',
    docs: {
      why: [
        'Kubernetes stopped serving `autoscaling/v2beta1` in 1.25 and `autoscaling/v2beta2` in 1.26. Applying such a manifest to a current cluster fails ("no matches for kind HorizontalPodAutoscaler in version autoscaling/v2beta2"), and in a pipeline that applies many objects the rest may go out without the autoscaler: the workload then runs at whatever replica count it had, and the next load peak finds it short.',
        '',
        "`autoscaling/v2` has the same structure as v2beta2. From v2beta1 the metric blocks change: `targetAverageUtilization`, `targetAverageValue` and `targetValue` become `target: {type: Utilization|AverageValue|Value, ...}`, `metricName`/`selector`/`metricSelector` become `metric: {name, selector}`, and an Object metric's `target` reference becomes `describedObject`.",
      ].join('\n'),
      severityReason: 'Error: every supported Kubernetes version rejects the object.',
      bad: `apiVersion: autoscaling/v2beta1
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
        'Change `apiVersion` to `autoscaling/v2` and rewrite v2beta1 metric fields into `target:` and `metric:` blocks. The quick fix does both, entry by entry, keeping comments.',
      notFlagged: '`autoscaling/v1` (still served) and `autoscaling/v2`.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      if (!isHpa(object)) {
        continue;
      }
      const { version } = splitApiVersion(object.apiVersion);
      const removedIn = REMOVED_IN[version];
      if (!removedIn) {
        continue;
      }
      const pair = getPair(object.node, 'apiVersion', object.ref);
      const apiEdit = apiVersionEdit(object);
      const metrics = legacyMetrics(object);
      const metricEdits = metrics.map((metric) => rewriteMetric(metric, object));
      const edits: TextEdit[] | undefined =
        apiEdit && metricEdits.every((e) => e !== undefined)
          ? [apiEdit, ...metricEdits.flat().filter((e): e is TextEdit => e !== undefined)]
          : undefined;
      report({
        object,
        range: (pair && pairRange(pair, object.ref)) ?? object.kindRange,
        message: `${describeObject(object)} uses ${object.apiVersion}, removed in Kubernetes ${removedIn}: the API server rejects it and the workload is not autoscaled. Use autoscaling/v2${metrics.length > 0 ? ' and the v2 metric fields (target: {type, ...})' : ''}.`,
        fixes: () =>
          definedFixes(
            fix(
              `Convert to autoscaling/v2${metrics.length > 0 ? ` (rewrite ${metrics.length} metric${metrics.length === 1 ? '' : 's'})` : ''}`,
              edits,
              { preferred: true, safe: true },
            ),
          ),
      });
    }
  },
});
