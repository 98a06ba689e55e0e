// Flagger Canary and Istio VirtualService knowledge shared by the retry and header rules.
import { isMap, type Pair, type YAMLMap } from 'yaml';
import type { K8sObject } from './objects';
import { getMap, getPair, getSeq, getString, mapKeys, seqItems, type DocRef } from '../model/yamlAccess';

export function isFlaggerCanary(object: K8sObject): boolean {
  return object.kind === 'Canary' && object.group === 'flagger.app';
}

export function isVirtualService(object: K8sObject): boolean {
  return object.kind === 'VirtualService' && object.group === 'networking.istio.io';
}

/** Flagger providers whose data plane is Envoy, so x-envoy retry headers and route retries apply. */
const ENVOY_PROVIDERS = new Set(['istio', 'appmesh', 'appmesh:v1beta2', 'contour', 'gloo', 'kuma', 'osm']);
/** Gateway API: Envoy only when the implementation is (Envoy Gateway, Istio, Contour...). */
const MAYBE_ENVOY_PROVIDERS = /^gatewayapi(:.*)?$/;

export type EnvoyVerdict = 'envoy' | 'maybe-envoy' | 'not-envoy';

export function canaryProvider(object: K8sObject): { provider?: string; verdict: EnvoyVerdict } {
  const provider = getString(getMap(object.node, 'spec', object.ref), 'provider', object.ref)?.trim();
  if (provider === undefined || provider === '') {
    return { provider, verdict: 'envoy' }; // Flagger's default mesh provider is Istio
  }
  if (ENVOY_PROVIDERS.has(provider)) {
    return { provider, verdict: 'envoy' };
  }
  if (MAYBE_ENVOY_PROVIDERS.test(provider)) {
    return { provider, verdict: 'maybe-envoy' };
  }
  return { provider, verdict: 'not-envoy' };
}

export const RETRY_HEADERS = ['x-envoy-retry-on', 'x-envoy-max-retries'];

/** `spec.service.retries`, or x-envoy retry headers under `service.headers.request.add|set`. */
export function canaryHasRetries(service: YAMLMap | undefined, ref: DocRef): boolean {
  if (!service) {
    return false;
  }
  if (getPair(service, 'retries', ref)) {
    return true;
  }
  const request = getMap(getMap(service, 'headers', ref), 'request', ref);
  for (const op of ['add', 'set']) {
    const keys = mapKeys(getMap(request, op, ref), ref).map((key) => key.toLowerCase());
    if (keys.some((key) => RETRY_HEADERS.includes(key))) {
      return true;
    }
  }
  return false;
}

export interface HttpRoute {
  node: YAMLMap;
  index: number;
  name?: string;
}

export function httpRoutes(object: K8sObject): HttpRoute[] {
  const { ref } = object;
  return seqItems(getSeq(getMap(object.node, 'spec', ref), 'http', ref), ref)
    .map((node, index): HttpRoute | undefined => (isMap(node) ? { node, index, name: getString(node, 'name', ref) } : undefined))
    .filter((route): route is HttpRoute => route !== undefined);
}

/** Header fields removed from the VirtualService API (replaced by `headers.request|response`). */
export const REMOVED_VS_HEADER_FIELDS = [
  'appendHeaders',
  'appendRequestHeaders',
  'appendResponseHeaders',
  'removeRequestHeaders',
  'removeResponseHeaders',
];

/** The removed header fields of a route and of its destinations, with the map that holds each. */
export function removedHeaderPairs(route: HttpRoute, ref: DocRef): { owner: YAMLMap; pair: Pair }[] {
  const found: { owner: YAMLMap; pair: Pair }[] = [];
  const owners: YAMLMap[] = [route.node, ...seqItems(getSeq(route.node, 'route', ref), ref).filter(isMap)];
  for (const owner of owners) {
    for (const field of REMOVED_VS_HEADER_FIELDS) {
      const pair = getPair(owner, field, ref);
      if (pair) {
        found.push({ owner, pair });
      }
    }
  }
  return found;
}
