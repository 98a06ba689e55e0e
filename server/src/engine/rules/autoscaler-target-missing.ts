import { isScalar, type Node } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { isHpa } from '../k8s/hpa';
import { describeAutoscaler, isKedaScaledObject, SCALABLE_KINDS } from '../k8s/autoscaling';
import { collectFacts, emptyFacts } from '../facts/collect';
import { describeFact } from '../k8s/disruption';
import { defineRule } from '../catalog/rule';
import { editDistance } from '../text';
import type { Fix } from '../types';
import { getMap, getPair, pairRange } from '../model/yamlAccess';

export default defineRule({
  meta: {
    id: 'autoscaler-target-missing',
    title: 'Autoscaler whose scaleTargetRef matches no workload',
    severity: 'warning',
    rationale:
      'A HorizontalPodAutoscaler or KEDA ScaledObject whose scaleTargetRef names a workload that does not exist scales nothing: the workload it was written for keeps its fixed replica count under any load.',
    appliesTo:
      'HorizontalPodAutoscaler (autoscaling/*), KEDA ScaledObject (keda.sh), judged against every workload of the workspace folder',
    docs: {
      why: [
        "An autoscaler finds its workload by `scaleTargetRef` (kind, name, in its own namespace). A typo, a workload renamed without its HPA, or the wrong kind (a `StatefulSet` referenced as a `Deployment`), and the autoscaler reports `FailedGetScale` events while the workload stays at its manifest's replica count: it never scales up under load, and nothing warns in the manifest.",
        '',
        'Absence can only be concluded when every object is known, so the rule runs only when the whole workspace folder has been indexed (the language server in a workspace, or the CLI given a directory), and not when the folder holds Helm templates, YAML that does not parse, or a kustomization whose resources come from outside the folder (their objects are unknown). Workloads created by operators are not known either: suppress the finding for such autoscalers.',
      ].join('\n'),
      severityReason: 'Warning: the cluster accepts the object, but the scaling it was meant to give is absent.',
      bad: `kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef:
    kind: Deployment
    name: wbe   # the Deployment is "web"`,
      good: `kind: HorizontalPodAutoscaler
spec:
  scaleTargetRef:
    kind: Deployment
    name: web`,
      howToFix:
        'Point `scaleTargetRef` at the workload to scale (its kind and `metadata.name`, in the same namespace), or delete the autoscaler. The quick fixes offer the closest names of that kind, and the kind of a workload with that very name.',
      notFlagged:
        'Autoscalers when the workspace was not fully indexed (a single file), targets of kinds the rule does not know as workloads (custom resources), targets that are templated, and Kustomize patches.',
    },
  },
  check({ objects, project, report, scope }) {
    if (!scope.complete || project.hasOpaque()) return;
    for (const object of objects) {
      if (!(isHpa(object) || isKedaScaledObject(object)) || object.patch) continue;
      const own = emptyFacts();
      collectFacts(object, own);
      const autoscaler = own.autoscalers[0];
      const kind = autoscaler?.targetKind;
      const name = autoscaler?.targetName;
      if (!autoscaler || !kind || !name || !SCALABLE_KINDS.has(kind) || /[{}$]/.test(name)) continue;
      const named = project.workloadsNamed(name, object.namespace);
      if (named.some((workload) => workload.kind === kind)) continue;
      const { ref } = object;
      const targetRef = getMap(getMap(object.node, 'spec', ref), 'scaleTargetRef', ref);
      const namePair = getPair(targetRef, 'name', ref);
      const kindPair = getPair(targetRef, 'kind', ref);
      const sameKind = project
        .workloadsIn(object.namespace)
        .filter((workload) => workload.kind === kind && workload.name !== undefined && !workload.fragment);
      const closest = sameKind
        .map((workload) => ({ workload, distance: editDistance(name.toLowerCase(), workload.name!.toLowerCase()) }))
        .filter(({ distance, workload }) => distance <= Math.max(2, Math.floor(workload.name!.length / 3)))
        .sort((a, b) => a.distance - b.distance)
        .slice(0, 3);
      const otherKind = named.find((workload) => SCALABLE_KINDS.has(workload.kind) && !workload.fragment);
      const count = project.workloadsIn(undefined).filter((workload) => !workload.fragment).length;
      report({
        object,
        range: (namePair && pairRange(namePair, ref)) ?? object.kindRange,
        message: `scaleTargetRef names ${kind} "${name}", but no ${kind} of that name is in this folder${otherKind ? ` (there is a ${describeFact(otherKind)})` : ''}: ${describeAutoscaler(autoscaler)} scales nothing, and the workload it was meant for keeps a fixed replica count under any load. Every YAML file of the folder was checked (${count} workload${count === 1 ? '' : 's'}); workloads created by operators, or by charts rendered outside the folder, are not known.`,
        fixes: () => {
          const editor = new YamlEditor(ref);
          const replace = (pair: typeof namePair, value: string) => {
            const node = pair?.value as Node | null | undefined;
            const edit = node && isScalar(node) ? editor.replaceScalar(node, value) : undefined;
            return edit ? [edit] : undefined;
          };
          const fixes: (Fix | undefined)[] = closest.map(({ workload }, index) =>
            fix(`Scale ${describeFact(workload)}`, replace(namePair, workload.name!), { preferred: index === 0, safe: false }),
          );
          if (otherKind && kindPair) {
            fixes.push(
              fix(`Scale ${describeFact(otherKind)} (kind: ${otherKind.kind})`, replace(kindPair, otherKind.kind), {
                preferred: fixes.length === 0,
                safe: false,
              }),
            );
          }
          return definedFixes(...fixes);
        },
      });
    }
  },
});
