// Test helper: render a template text with values (YAML) through a fresh TemplateSet.
import { type RenderedText, TemplateSet, valuesFromYaml } from '../../../../server/out/engine/render/helm/template';
import type { ExecutionLimits } from '../../../../server/out/engine/render/helm/template';
import { topLevel } from './builtins';

export function renderFull(text: string, values = '', extra: Record<string, string> = {}, limits?: Partial<ExecutionLimits>): RenderedText {
  const set = new TemplateSet({ limits });
  for (const [name, body] of Object.entries(extra)) set.add(name, body);
  set.add('t.yaml', text);
  return set.execute('t.yaml', topLevel(valuesFromYaml(values, 'values.yaml'), 't.yaml'));
}

export function render(text: string, values = '', extra: Record<string, string> = {}): string {
  return renderFull(text, values, extra).text;
}
