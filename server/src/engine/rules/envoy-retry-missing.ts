import { isMap, type YAMLMap } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import type { K8sObject } from '../k8s/objects';
import { parseDuration } from '../k8s/lifecycle';
import { defineRule } from '../catalog/rule';
import { canaryHasRetries, canaryProvider, httpRoutes, isFlaggerCanary, isVirtualService } from '../k8s/traffic';
import { getMap, getPair, getString, keyRange, pairRange, type DocRef } from '../model/yamlAccess';

const RETRY_ON = 'gateway-error,connect-failure,refused-stream';
const ATTEMPTS = 3;

/** Per-try timeout that keeps attempts x perTryTimeout inside the route's own timeout, when it has one. */
function perTryTimeout(owner: YAMLMap | undefined, ref: DocRef): string {
  const timeout = getString(owner, 'timeout', ref);
  const seconds = timeout ? parseDuration(timeout.replace(/ms$/, '')) : undefined;
  if (!timeout || seconds === undefined || timeout.endsWith('ms')) {
    return '5s';
  }
  return `${Math.max(1, Math.min(5, Math.floor(seconds / ATTEMPTS)))}s`;
}

function retryPolicy(owner: YAMLMap | undefined, ref: DocRef) {
  return { attempts: ATTEMPTS, perTryTimeout: perTryTimeout(owner, ref), retryOn: RETRY_ON };
}

/** Flagger v1beta1 has `service.retries`; older Canaries take the x-envoy headers under `service.headers.request.add`. */
function canaryFixes(object: K8sObject, service: YAMLMap | undefined) {
  if (!service) {
    return [];
  }
  const editor = new YamlEditor(object.ref);
  const preferRetries = object.apiVersion === 'flagger.app/v1beta1';
  const retries = fix(
    `Add service.retries (${ATTEMPTS} attempts on ${RETRY_ON})`,
    editor.setEntries(service, { retries: retryPolicy(service, object.ref) }),
    {
      preferred: preferRetries,
      safe: false,
    },
  );
  const headers = fix(
    'Add x-envoy retry headers under service.headers.request.add',
    editor.setPath(service, ['headers', 'request', 'add'], { 'x-envoy-retry-on': RETRY_ON, 'x-envoy-max-retries': String(ATTEMPTS) }),
    { preferred: !preferRetries, safe: false },
  );
  return definedFixes(...(preferRetries ? [retries, headers] : [headers, retries]));
}

export default defineRule({
  meta: {
    id: 'envoy-retry-missing',
    title: 'No Envoy retries on a Flagger Canary or Istio route',
    severity: 'warning',
    rationale:
      'During a scale-down or a canary shift, callers behind Envoy get 503s from endpoints that just went away; a retry on gateway errors turns those into successful requests.',
    appliesTo: 'Flagger Canary (flagger.app) on an Envoy-based provider; Istio VirtualService HTTP routes',
    docs: {
      why: 'Envoy learns about removed endpoints with a delay; a request sent in that window fails with a gateway error (502/503/504) or a connection failure. Envoy retries it on another endpoint if the route allows. A Flagger Canary on an Envoy-based provider (Istio, App Mesh, Contour, Gloo, Kuma, OSM; the default provider when none is set is usually Istio) should set `spec.service.retries` (Flagger v1beta1) or the `x-envoy-retry-on` / `x-envoy-max-retries` request headers. An Istio VirtualService HTTP route without `retries` gets the mesh default: 2 attempts on `connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes`, which does **not** retry `gateway-error`. Keep `perTryTimeout × attempts` inside the route timeout.',
      severityReason:
        'Warning on a Canary (its traffic shifting is exactly when endpoints churn). Information on a VirtualService route: the mesh default already retries connection failures. Gateway API providers are Information too, since only Envoy-based implementations honour these settings.',
      bad: `apiVersion: flagger.app/v1beta1
kind: Canary
spec:
  provider: istio
  service:
    port: 80`,
      good: `apiVersion: flagger.app/v1beta1
kind: Canary
spec:
  provider: istio
  service:
    port: 80
    retries:
      attempts: 3
      perTryTimeout: 2s
      retryOn: "${RETRY_ON}"`,
      howToFix: `Canary: add \`spec.service.retries\` with \`retryOn: "${RETRY_ON}"\`. VirtualService: add \`retries: {attempts: 3, perTryTimeout: 2s, retryOn: "${RETRY_ON}"}\` to each HTTP route.`,
      notFlagged:
        'Canaries on providers without Envoy (linkerd, nginx, traefik, skipper, apisix, knative...), Canaries that still use the removed `appendHeaders` (reported once, by `append-headers-removed`), routes with any `retries` block (including `attempts: 0`, a deliberate choice), and redirect or direct-response routes.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      const { ref } = object;
      if (isFlaggerCanary(object)) {
        const { provider, verdict } = canaryProvider(object);
        if (verdict === 'not-envoy') {
          continue;
        }
        const spec = getMap(object.node, 'spec', ref);
        const servicePair = getPair(spec, 'service', ref);
        const service = getMap(spec, 'service', ref);
        if (canaryHasRetries(service, ref) || getPair(service, 'appendHeaders', ref)) {
          continue;
        }
        const providerText = provider ? `provider ${provider}` : 'the default provider (usually Istio)';
        report({
          object,
          range: (servicePair && keyRange(servicePair, ref)) ?? object.kindRange,
          // Not safe for fix-all: retrying gateway errors can repeat non-idempotent requests; a human decides.
          fixes: () => canaryFixes(object, isMap(service) ? service : undefined),
          severity: verdict === 'maybe-envoy' ? 'info' : undefined,
          message: `Canary${object.name ? ` "${object.name}"` : ''} on ${providerText} sets no Envoy retries: while canary and primary pods scale, callers get 503s from endpoints that just went away. Add service.retries (retryOn: ${RETRY_ON})${verdict === 'maybe-envoy' ? ', if your Gateway API implementation is Envoy-based' : ''}.`,
        });
      } else if (isVirtualService(object)) {
        for (const route of httpRoutes(object)) {
          if (getPair(route.node, 'retries', ref) || !getPair(route.node, 'route', ref)) {
            continue; // retries chosen explicitly, or a redirect / direct response with no upstream to retry
          }
          const anchor = getPair(route.node, 'name', ref);
          const range = (anchor && pairRange(anchor, ref)) ?? keyRange(getPair(route.node, 'route', ref)!, ref);
          if (!range) {
            continue;
          }
          const label = route.name ? `HTTP route "${route.name}"` : `HTTP route #${route.index + 1}`;
          // Built when asked for: a YAML editor samples the document's writing style.
          const routeFix = () =>
            fix(
              `Add retries (${ATTEMPTS} attempts on ${RETRY_ON})`,
              new YamlEditor(ref).setEntries(route.node, { retries: retryPolicy(route.node, ref) }),
              { preferred: true, safe: false },
            );
          report({
            object,
            range,
            fixes: () => definedFixes(routeFix()),
            severity: 'info',
            message: `${label} has no retries: the mesh default (2 attempts on connect-failure, refused-stream, unavailable, cancelled) does not retry gateway errors (502/503/504), which callers see from pods that just went away. Add retries with retryOn: ${RETRY_ON}.`,
          });
        }
      }
    }
  },
});
