import { isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { definedFixes, fix } from '../fix/builders';
import { defineRule } from '../catalog/rule';
import type { Fix } from '../types';
import { httpRoutes, isFlaggerCanary, isVirtualService, removedHeaderPairs } from '../k8s/traffic';
import { getMap, getPair, keyRange, type DocRef } from '../model/yamlAccess';

/** Where each removed field's headers live now. */
const REPLACEMENT: Record<string, [string, string]> = {
  appendHeaders: ['request', 'add'],
  appendRequestHeaders: ['request', 'add'],
  appendResponseHeaders: ['response', 'add'],
  removeRequestHeaders: ['request', 'remove'],
  removeResponseHeaders: ['response', 'remove'],
};

/**
 * Rewrites `appendHeaders: {...}` as `headers: {request: {add: {...}}}`, moving the original lines (comments
 * included) two levels deeper instead of re-serialising them. Not offered when the owner already has `headers`.
 */
function migrateFix(owner: YAMLMap, pair: Pair, ref: DocRef): Fix[] {
  const field = isScalar(pair.key) ? String(pair.key.value) : '';
  const target = REPLACEMENT[field];
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const editor = new YamlEditor(ref);
  if (!target || !key.range || !value?.range || editor.ownPair(owner, 'headers') || !editor.ownPair(owner, field)) {
    return [];
  }
  const [direction, op] = target;
  const { eol, indent } = editor.style;
  const keyStart = key.range[0] - ref.base;
  const valueStart = value.range[0] - ref.base;
  const valueEnd = value.range[1] - ref.base;
  const column = editor.lineOf(keyStart).column;
  const sameLine = editor.lineOf(valueStart).start === editor.lineOf(keyStart).start;
  let text: string;
  if (sameLine) {
    // Flow value (`{a: b}` or `[x]`) on the key's line: nest it in flow style.
    text = `headers: {${direction}: {${op}: ${editor.text.slice(valueStart, valueEnd)}}}`;
    return definedFixes(
      fix(`Move ${field} to headers.${direction}.${op}`, [editor.replace(keyStart, valueEnd, text)], { preferred: true, safe: true }),
    );
  }
  const pad = (n: number) => ' '.repeat(column + n * indent);
  // From the line after the key, so comments above the first entry move along with the entries.
  const afterKeyLine = editor.text.indexOf('\n', keyStart) + 1;
  const moved = editor.reindented(afterKeyLine > 0 ? afterKeyLine : valueStart, valueEnd, 2 * indent);
  text = `headers:${eol}${pad(1)}${direction}:${eol}${pad(2)}${op}:${eol}${moved}`;
  const end = editor.endOfLine(valueEnd);
  return definedFixes(
    fix(`Move ${field} to headers.${direction}.${op}`, [editor.replace(keyStart, end, text)], { preferred: true, safe: true }),
  );
}

export default defineRule({
  meta: {
    id: 'append-headers-removed',
    title: 'appendHeaders was removed from Flagger and Istio',
    severity: 'warning',
    rationale:
      '`appendHeaders` was removed from both the Flagger Canary and the Istio VirtualService APIs in 2020; the headers it lists (often the x-envoy retry headers) are not applied at all.',
    appliesTo: 'Flagger Canary `spec.service`; Istio VirtualService HTTP routes and their destinations',
    docs: {
      why: 'Older guides set Envoy retries through `spec.service.appendHeaders` on a Flagger Canary, or through `appendHeaders` / `appendRequestHeaders` / `appendResponseHeaders` / `removeResponseHeaders` on an Istio route. Those fields no longer exist: current API servers prune or reject them, so the retries you think you have are not there. The replacements are `spec.service.headers.request.add` (or `spec.service.retries`) in Flagger, and `headers.request.add` / `headers.response.remove`... in Istio.',
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
      howToFix:
        'Move the headers under `headers.request.add` (Flagger `spec.service`, or the Istio route), or replace retry headers with `retries`.',
    },
  },
  check({ objects, report }) {
    for (const object of objects) {
      const { ref } = object;
      if (isFlaggerCanary(object)) {
        const service = getMap(getMap(object.node, 'spec', ref), 'service', ref);
        const pair = getPair(service, 'appendHeaders', ref);
        const range = pair && keyRange(pair, ref);
        if (range) {
          report({
            object,
            range,
            fixes: () => (service && pair ? migrateFix(service, pair, ref) : []),
            message: `spec.service.appendHeaders was removed from Flagger in 2020: these headers are not applied (so any x-envoy retry headers here do nothing). Move them to service.headers.request.add, or use service.retries.`,
          });
        }
      } else if (isVirtualService(object)) {
        for (const route of httpRoutes(object)) {
          for (const { owner, pair } of removedHeaderPairs(route, ref)) {
            const range = keyRange(pair, ref);
            const field = String((pair.key as { value?: unknown })?.value ?? 'appendHeaders');
            if (range) {
              report({
                object,
                range,
                fixes: () => migrateFix(owner, pair, ref),
                message: `${field} was removed from the Istio VirtualService API in 2020: these headers are not applied. Use headers.${field.includes('Response') ? 'response' : 'request'}.${field.startsWith('remove') ? 'remove' : 'add'} instead.`,
              });
            }
          }
        }
      }
    }
  },
});
