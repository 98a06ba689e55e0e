import { defineRule } from '../rule';
import { httpRoutes, isFlaggerCanary, isVirtualService, removedHeaderPairs } from '../traffic';
import { getMap, getPair, keyRange } from '../yamlAccess';

export default defineRule({
  meta: {
    id: 'append-headers-removed',
    title: 'appendHeaders was removed from Flagger and Istio',
    severity: 'warning',
    rationale:
      '`appendHeaders` was removed from both the Flagger Canary and the Istio VirtualService APIs in 2020; the headers it lists (often the x-envoy retry headers) are not applied at all.',
    appliesTo: 'Flagger Canary `spec.service`; Istio VirtualService HTTP routes and their destinations',
    docs: {
      why:
        'Older guides set Envoy retries through `spec.service.appendHeaders` on a Flagger Canary, or through `appendHeaders` / `appendRequestHeaders` / `appendResponseHeaders` / `removeResponseHeaders` on an Istio route. Those fields no longer exist: current API servers prune or reject them, so the retries you think you have are not there. The replacements are `spec.service.headers.request.add` (or `spec.service.retries`) in Flagger, and `headers.request.add` / `headers.response.remove`... in Istio.',
      severityReason: 'Warning: the configuration silently does nothing, and it usually carries the retry policy.',
      bad: `service:
  port: 80
  appendHeaders:
    x-envoy-retry-on: "gateway-error,connect-failure,refused-stream"
    x-envoy-max-retries: "10"`,
      good: `service:
  port: 80
  headers:
    request:
      add:
        x-envoy-retry-on: "gateway-error,connect-failure,refused-stream"
        x-envoy-max-retries: "10"`,
      howToFix: 'Move the headers under `headers.request.add` (Flagger `spec.service`, or the Istio route), or replace retry headers with `retries`.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      const { ref } = object;
      if (isFlaggerCanary(object)) {
        const pair = getPair(getMap(getMap(object.node, 'spec', ref), 'service', ref), 'appendHeaders', ref);
        const range = pair && keyRange(pair, ref);
        if (range) {
          report({
            object,
            range,
            message: `spec.service.appendHeaders was removed from Flagger in 2020: these headers are not applied (so any x-envoy retry headers here do nothing). Move them to service.headers.request.add, or use service.retries.`,
          });
        }
      } else if (isVirtualService(object)) {
        for (const route of httpRoutes(object)) {
          for (const pair of removedHeaderPairs(route, ref)) {
            const range = keyRange(pair, ref);
            const field = String((pair.key as { value?: unknown })?.value ?? 'appendHeaders');
            if (range) {
              report({
                object,
                range,
                message: `${field} was removed from the Istio VirtualService API in 2020: these headers are not applied. Use headers.${field.includes('Response') ? 'response' : 'request'}.${field.startsWith('remove') ? 'remove' : 'add'} instead.`,
              });
            }
          }
        }
      }
    }
  },
});
