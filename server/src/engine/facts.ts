// Cross-object facts: what one document tells rules about the others (Services selecting pods, HPAs scaling
// workloads). Collected once per parsed document and merged per file, so a rule in one document can see the
// objects of its neighbours, and a document whose facts did not change does not invalidate the others.
import { isCoreService, splitApiVersion, type K8sObject } from './k8s';
import type { FileContext } from './rule';
import { get, getInt, getMap, getString, stringMap } from './yamlAccess';

export function emptyFacts(): FileContext {
  return { services: [], autoscalers: [] };
}

/** Appends every list of `from` to the same list of `into`. */
export function mergeFacts(into: FileContext, from: FileContext): void {
  for (const key of Object.keys(into) as (keyof FileContext)[]) {
    (into[key] as unknown[]).push(...(from[key] as unknown[]));
  }
}

export function collectFacts(object: K8sObject, facts: FileContext): void {
  const { ref } = object;
  const spec = getMap(object.node, 'spec', ref);
  if (isCoreService(object)) {
    const selector = stringMap(get(spec, 'selector', ref), ref);
    if (selector && Object.keys(selector).length > 0) {
      facts.services.push({ name: object.name, namespace: object.namespace, selector });
    }
  } else if (object.kind === 'HorizontalPodAutoscaler' && splitApiVersion(object.apiVersion).group === 'autoscaling') {
    const target = getMap(spec, 'scaleTargetRef', ref);
    facts.autoscalers.push({
      name: object.name,
      namespace: object.namespace,
      targetKind: getString(target, 'kind', ref),
      targetName: getString(target, 'name', ref),
      minReplicas: getInt(spec, 'minReplicas', ref),
      maxReplicas: getInt(spec, 'maxReplicas', ref),
    });
  }
}
