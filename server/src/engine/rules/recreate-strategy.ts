import { isMap } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { isDeployment } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { readRollingUpdate, replicaCount } from '../k8s/rollout';
import { pairRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'recreate-strategy',
    title: 'Deployment uses the Recreate strategy',
    severity: 'warning',
    rationale:
      '`strategy.type: Recreate` deletes every old pod before it creates any new one: each rollout is a full outage until the new pods are Ready.',
    appliesTo: 'Deployment',
    docs: {
      why: 'Recreate exists for applications that cannot run two versions side by side (a ReadWriteOnce volume, a singleton that must not overlap). For anything else it turns every deploy into downtime: all replicas terminate, then the new ones start, pull images and warm up while nothing serves.',
      severityReason: 'Warning: guaranteed downtime on every rollout, but sometimes chosen on purpose; suppress it where that is the case.',
      bad: `strategy:
  type: Recreate`,
      good: `strategy:
  type: RollingUpdate
  rollingUpdate:
    maxUnavailable: 0
    maxSurge: 1`,
      howToFix:
        'Switch to `type: RollingUpdate` with `maxUnavailable: 0` and `maxSurge: 1`. If the app really cannot overlap versions (e.g. a ReadWriteOnce volume), keep Recreate and suppress this finding with a reason.',
    },
  },
  check({ objects, project, report }) {
    for (const object of objects) {
      if (!isDeployment(object)) {
        continue;
      }
      const settings = readRollingUpdate(object);
      if (settings.strategyType !== 'Recreate' || !settings.typePair) {
        continue;
      }
      const range = pairRange(settings.typePair, object.ref);
      if (!range) {
        continue;
      }
      const count = replicaCount(object, project);
      const all = count.known ? (count.replicas === 1 ? 'the only replica' : `all ${count.replicas} replicas`) : 'every replica';
      const strategy = settings.strategyPair?.value;
      // Built when asked for: a YAML editor samples the document's writing style.
      const edits = () =>
        isMap(strategy)
          ? new YamlEditor(object.ref).setEntries(strategy, { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } })
          : undefined;
      report({
        object,
        range,
        // Not safe for fix-all: Recreate is sometimes deliberate (a ReadWriteOnce volume).
        fixes: () =>
          definedFixes(fix('Switch to RollingUpdate with maxUnavailable: 0, maxSurge: 1', edits(), { preferred: true, safe: false })),
        message: `strategy.type: Recreate stops ${all} before any new pod starts: every rollout is a full outage until the new pods are Ready. Use RollingUpdate with maxUnavailable: 0 unless the app cannot run two versions at once.`,
      });
    }
  },
});
