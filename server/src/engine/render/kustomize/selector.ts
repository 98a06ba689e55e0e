// Patch and replacement targets: group/version/kind/name/namespace as anchored regular expressions, and Kubernetes
// label selectors over labels or annotations.
import { type SourceRange } from '../../model/origin';
import { type Obj, strOf } from './decode';
import { fail } from './errors';
import { type Resource, effectiveNamespace, idNamespace } from './resource';

export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
  /** The selector's node in the kustomization, for errors and origins. */
  at: SourceRange;
}

/** The fields of a selector as written (patches' targets, replacements' sources, selects and rejects). */
export function selectorFieldsOf(obj: Obj | undefined): Omit<Selector, 'at'> | undefined {
  if (!obj) return undefined;
  const text = (name: string): string | undefined => strOf(obj, name)?.value;
  return {
    group: text('group'),
    version: text('version'),
    kind: text('kind'),
    name: text('name'),
    namespace: text('namespace'),
    labelSelector: text('labelSelector'),
    annotationSelector: text('annotationSelector'),
  };
}

export function selectorFrom(obj: Obj | undefined, at: SourceRange): Selector | undefined {
  const fields = selectorFieldsOf(obj);
  return fields && obj && { ...fields, at: obj.$node.src ?? at };
}

function anchored(pattern: string | undefined, at: SourceRange): RegExp | undefined {
  if (!pattern) return undefined;
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return fail(`invalid regular expression "${pattern}" in a patch or replacement target`, at);
  }
}

/** A compiled selector: matches resources as kustomize's ResMap.Select does (original or current name/namespace). */
export function compileSelector(selector: Selector): (resource: Resource) => boolean {
  const group = anchored(selector.group, selector.at);
  const version = anchored(selector.version, selector.at);
  const kind = anchored(selector.kind, selector.at);
  const name = anchored(selector.name, selector.at);
  const namespace = anchored(selector.namespace, selector.at);
  const labels = selector.labelSelector ? parseLabelSelector(selector.labelSelector, selector.at) : undefined;
  const annotations = selector.annotationSelector ? parseLabelSelector(selector.annotationSelector, selector.at) : undefined;
  return (resource) => {
    const cur = resource.curId();
    const org = resource.orgId();
    if (namespace && !namespace.test(idNamespace(org)) && !namespace.test(effectiveNamespace(cur))) return false;
    if (name && !name.test(org.name) && !name.test(cur.name)) return false;
    const gvk = cur.gvk;
    if (group && !group.test(gvk.group)) return false;
    if (version && !version.test(gvk.version)) return false;
    if (kind && !kind.test(gvk.kind)) return false;
    if (labels && !labels(resource.metaMap('labels'))) return false;
    if (annotations && !annotations(resource.metaMap('annotations'))) return false;
    return true;
  };
}

type Requirement = (labels: Map<string, string>) => boolean;

/** Kubernetes label selector syntax: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, comma-joined. */
export function parseLabelSelector(text: string, at: SourceRange): (labels: Map<string, string>) => boolean {
  const requirements: Requirement[] = [];
  let rest = text.trim();
  const bad = (): never => fail(`unable to parse requirement: invalid label selector "${text}"`, at);
  const KEY = /^!?\s*([A-Za-z0-9][-A-Za-z0-9_./]*)\s*/;
  while (rest.length > 0) {
    const keyMatch = KEY.exec(rest);
    if (!keyMatch) bad();
    const negated = rest.startsWith('!');
    const key = (keyMatch as RegExpExecArray)[1];
    rest = rest.slice((keyMatch as RegExpExecArray)[0].length);
    if (negated) {
      requirements.push((labels) => !labels.has(key));
    } else {
      const op = /^(==|=|!=|in\b|notin\b)\s*/.exec(rest);
      if (!op) {
        requirements.push((labels) => labels.has(key));
      } else {
        rest = rest.slice(op[0].length);
        if (op[1] === 'in' || op[1] === 'notin') {
          const set = /^\(([^)]*)\)\s*/.exec(rest);
          if (!set) bad();
          rest = rest.slice((set as RegExpExecArray)[0].length);
          const values = new Set((set as RegExpExecArray)[1].split(',').map((value) => value.trim()));
          if (op[1] === 'in') requirements.push((labels) => labels.has(key) && values.has(labels.get(key) as string));
          else requirements.push((labels) => !labels.has(key) || !values.has(labels.get(key) as string));
        } else {
          const value = /^([-A-Za-z0-9_.]*)\s*/.exec(rest) as RegExpExecArray;
          rest = rest.slice(value[0].length);
          const wanted = value[1];
          if (op[1] === '!=') requirements.push((labels) => labels.get(key) !== wanted);
          else requirements.push((labels) => labels.has(key) && labels.get(key) === wanted);
        }
      }
    }
    if (rest.startsWith(',')) rest = rest.slice(1).trimStart();
    else if (rest.length > 0) bad();
  }
  return (labels) => requirements.every((requirement) => requirement(labels));
}
