// The facts that tell whether a workload's pods get an Istio sidecar from elsewhere: the injection labels of its
// Namespace, a Flagger Canary on Istio targeting it, an Istio VirtualService routing to a Service selecting it.
import { canaryProvider, httpRoutes, isFlaggerCanary, isVirtualService } from '../k8s/traffic';
import type { K8sObject } from '../k8s/objects';
import { get, getMap, getSeq, getString, seqItems, stringMap } from '../model/yamlAccess';
import type { FactOrigin, Facts, MeshRouteFact } from './types';

const ISTIO_PROVIDER = /^istio$/;

export function collectMeshFacts(object: K8sObject, facts: Facts, at: { origin?: FactOrigin }): void {
  const { ref } = object;
  if (object.kind === 'Namespace' && object.apiVersion === 'v1') {
    const labels = stringMap(get(getMap(object.node, 'metadata', ref), 'labels', ref), ref) ?? {};
    const injection = labels['istio-injection'];
    const istioInjection =
      injection === 'disabled' ? 'disabled' : injection === 'enabled' || labels['istio.io/rev'] !== undefined ? 'enabled' : undefined;
    facts.namespaces.push({
      name: object.name,
      ...(istioInjection ? { istioInjection } : {}),
      ...(labels['istio.io/dataplane-mode'] === 'ambient' ? { ambient: true } : {}),
      ...at,
    });
  } else if (isFlaggerCanary(object)) {
    const { provider } = canaryProvider(object);
    // Flagger's default mesh provider is Istio.
    if (provider !== undefined && provider !== '' && !ISTIO_PROVIDER.test(provider)) return;
    const target = getMap(getMap(object.node, 'spec', ref), 'targetRef', ref);
    const fact: MeshRouteFact = { kind: 'Canary', name: object.name, namespace: object.namespace, ...at };
    const kind = getString(target, 'kind', ref);
    const name = getString(target, 'name', ref);
    if (kind) fact.targetKind = kind;
    if (name) fact.targetName = name;
    facts.meshRoutes.push(fact);
  } else if (isVirtualService(object)) {
    const services: { name: string; namespace?: string }[] = [];
    const spec = getMap(object.node, 'spec', ref);
    const routes = [
      ...httpRoutes(object).map((route) => route.node),
      ...seqItems(getSeq(spec, 'tcp', ref), ref),
      ...seqItems(getSeq(spec, 'tls', ref), ref),
    ];
    for (const route of routes) {
      for (const destination of seqItems(getSeq(route, 'route', ref), ref)) {
        const host = getString(getMap(destination, 'destination', ref), 'host', ref)?.trim();
        if (!host || host.includes('*')) continue;
        const [name, namespace] = host.split('.');
        if (name && !services.some((s) => s.name === name && s.namespace === namespace)) {
          services.push({ name, ...(namespace && namespace !== 'svc' ? { namespace } : {}) });
        }
      }
    }
    if (services.length > 0) {
      facts.meshRoutes.push({ kind: 'VirtualService', name: object.name, namespace: object.namespace, services, ...at });
    }
  }
}
