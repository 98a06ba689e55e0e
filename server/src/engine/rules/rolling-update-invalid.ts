import { isMap } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { isDeployment } from '../k8s/objects';
import { defineRule } from '../catalog/rule';
import { readRollingUpdate } from '../k8s/rollout';
import { pairRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'rolling-update-invalid',
    title: 'maxSurge and maxUnavailable are both 0',
    severity: 'error',
    rationale: 'With no surge and no unavailability allowed, no pod could ever be replaced; the API server rejects the Deployment.',
    appliesTo: 'Deployment',
    docs: {
      why: 'A rolling update needs room either to add a pod (`maxSurge`) or to remove one (`maxUnavailable`). When both are 0 (or 0%), the API server refuses the object with "may not be 0 when maxSurge is 0", so the apply fails, usually in the middle of a pipeline.',
      severityReason: 'Error: the manifest cannot be applied.',
      bad: `rollingUpdate:
  maxSurge: 0
  maxUnavailable: 0`,
      good: `rollingUpdate:
  maxSurge: 1
  maxUnavailable: 0`,
      howToFix: 'Set `maxSurge: 1` (keeps full capacity while rolling) and leave `maxUnavailable: 0`.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      if (!isDeployment(object)) {
        continue;
      }
      const settings = readRollingUpdate(object);
      if (settings.strategyType === 'Recreate' || !settings.maxSurgePair || !settings.maxUnavailablePair || !settings.understood) {
        continue;
      }
      if (settings.maxSurge.value !== 0 || settings.maxUnavailable.value !== 0) {
        continue;
      }
      const range = pairRange(settings.maxSurgePair, object.ref);
      if (!range) {
        continue;
      }
      const rollingUpdate = settings.rollingUpdatePair?.value;
      const edits = isMap(rollingUpdate) ? new YamlEditor(object.ref).setEntries(rollingUpdate, { maxSurge: 1 }) : undefined;
      report({
        object,
        range,
        fixes: () => definedFixes(fix('Set maxSurge: 1', edits, { preferred: true, safe: true })),
        message:
          'maxSurge and maxUnavailable are both 0: the API server rejects this Deployment (no pod could ever be replaced). Set maxSurge: 1 to roll with full capacity.',
      });
    }
  },
});
