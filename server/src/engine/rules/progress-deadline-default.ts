import { Commented } from '../fix/edits/emit';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { asWorkload, describeObject, isDeployment } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { getInt, getMap, getPair } from '../model/yamlAccess';

/** What the fix writes: long enough for one pod's image pull, start and readiness; far shorter than ten minutes. */
export const SUGGESTED_PROGRESS_DEADLINE = 180;

export default defineRule({
  meta: {
    id: 'progress-deadline-default',
    title: 'Deployment without progressDeadlineSeconds',
    severity: 'info',
    rationale:
      'Without progressDeadlineSeconds a rollout that makes no progress (new pods crash or never become Ready) is reported as failed only after 600 seconds, so `kubectl rollout status` and deploy pipelines wait ten minutes before they notice.',
    appliesTo: 'Deployment (apps/v1, apps/v1beta2, apps/v1beta1: 600 s by default; extensions/v1beta1 had no deadline at all)',
    docs: {
      why: [
        'A Deployment whose new pods never become Ready does not roll back by itself: it stays half-rolled until `progressDeadlineSeconds` pass without progress, then reports `ProgressDeadlineExceeded`. Only then do `kubectl rollout status`, Argo CD, Flux and most CI deploy steps fail and trigger a rollback or an alert. The default is 600 seconds in `apps/v1`, `apps/v1beta2` and `apps/v1beta1`; only `extensions/v1beta1` had no deadline at all (its default was the largest int32, which the controller treats as none).',
        '',
        'The deadline counts time *without progress*: any new pod becoming available resets it, so it only needs to exceed the slowest single step (image pull, start, readiness) and does not grow with the replica count.',
      ].join('\n'),
      severityReason:
        'Information: the default is not wrong, only slow to report a broken rollout; the right value depends on how long your pods take to start.',
      bad: `kind: Deployment
spec:
  replicas: 3
  template: ...`,
      good: `kind: Deployment
spec:
  replicas: 3
  progressDeadlineSeconds: 180
  template: ...`,
      howToFix: `Set \`spec.progressDeadlineSeconds\` a little above the longest time one new pod needs to pull its image, start and pass readiness (the quick fix writes ${SUGGESTED_PROGRESS_DEADLINE}, with a comment to adjust it).`,
      notFlagged:
        'Deployments scaled to zero, Kustomize patches, and other workload kinds (StatefulSets and DaemonSets have no progress deadline).',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      if (!isDeployment(object)) {
        continue;
      }
      const spec = getMap(object.node, 'spec', object.ref);
      if (
        !spec ||
        getPair(spec, 'progressDeadlineSeconds', object.ref) ||
        getInt(spec, 'replicas', object.ref) === 0 ||
        asWorkload(object)?.isFragment
      ) {
        continue;
      }
      const legacy = object.apiVersion === 'extensions/v1beta1';
      // Built when asked for: a YAML editor samples the document's writing style.
      const edits = () =>
        new YamlEditor(object.ref).setPath(
          spec,
          ['progressDeadlineSeconds'],
          new Commented(SUGGESTED_PROGRESS_DEADLINE, 'longer than one pod takes to pull, start and become Ready'),
          'template',
        );
      report({
        object,
        range: object.kindRange,
        message: legacy
          ? `${describeObject(object)} has no progressDeadlineSeconds, and in ${object.apiVersion} that means no deadline: a rollout whose new pods never become Ready is never reported as failed.`
          : `${describeObject(object)} has no progressDeadlineSeconds: a rollout whose new pods never become Ready is reported as failed only after the default 600 seconds, so deploy pipelines wait ten minutes to notice.`,
        fixes: () =>
          definedFixes(fix(`Set progressDeadlineSeconds: ${SUGGESTED_PROGRESS_DEADLINE}`, edits(), { preferred: true, safe: false })),
      });
    }
  },
});
