// Container resources: which requests and limits a container has, as Kubernetes sees them, and the fix that
// adds missing ones. A limit without a request counts as the request: Kubernetes defaults the request to it.
import { Commented, type EmitValue } from '../fix/edits/emit';
import { YamlEditor } from '../fix/edits/yamlEdit';
import type { Container } from './objects';
import type { TextEdit } from '../types';
import { getMap, getPair, getScalar, type DocRef } from '../model/yamlAccess';

export type ResourceName = 'cpu' | 'memory';
export type ResourceField = `${'requests' | 'limits'}.${ResourceName}`;

/** Values a fix writes when nothing better is known: modest starting points, each marked for the user to size. */
export const RESOURCE_STARTING_POINTS: Record<ResourceName, string> = { cpu: '100m', memory: '128Mi' };
export const SIZE_IT_COMMENT = 'starting point: size from observed usage';

export interface ContainerResources {
  /** The quantity as written (`500m`, `1Gi`, `2`), by field; absent when not written. */
  values: Partial<Record<ResourceField, string>>;
  /** A request Kubernetes will use: written, or defaulted from the limit. */
  hasRequest(resource: string): boolean;
}

export function readResources(container: Container, ref: DocRef): ContainerResources {
  const resources = getMap(container.node, 'resources', ref);
  const values: Partial<Record<ResourceField, string>> = {};
  for (const section of ['requests', 'limits'] as const) {
    const map = getMap(resources, section, ref);
    for (const resource of ['cpu', 'memory'] as const) {
      if (getPair(map, resource, ref)) {
        const value = getScalar(map, resource, ref);
        values[`${section}.${resource}`] = value === undefined || value === null ? '' : String(value);
      }
    }
  }
  const written = (section: 'requests' | 'limits', resource: string): boolean =>
    getPair(getMap(resources, section, ref), resource, ref) !== undefined;
  return {
    values,
    hasRequest: (resource) => written('requests', resource) || written('limits', resource),
  };
}

/**
 * Edits adding the given resource fields to a container in one go (`resources:` created when absent). Each value
 * is the one already written for its counterpart when there is one (a memory limit equal to the memory request),
 * otherwise the starting point, with a comment telling the user to size it. Undefined when the container is
 * shared through an alias or its resources cannot be edited safely.
 */
export function addResourceEdits(
  container: Container,
  ref: DocRef,
  fields: ResourceField[],
  current: ContainerResources,
): TextEdit[] | undefined {
  if (container.viaAlias || fields.length === 0) {
    return undefined;
  }
  const wanted: Record<string, Record<string, EmitValue>> = {};
  for (const field of fields) {
    const [section, resource] = field.split('.') as ['requests' | 'limits', ResourceName];
    const counterpart = current.values[`${section === 'requests' ? 'limits' : 'requests'}.${resource}`];
    const value: EmitValue = counterpart ? counterpart : new Commented(RESOURCE_STARTING_POINTS[resource], SIZE_IT_COMMENT);
    (wanted[section] ??= {})[resource] = value;
  }
  // requests before limits, as people write them.
  const ordered: Record<string, EmitValue> = {};
  for (const section of ['requests', 'limits']) {
    if (wanted[section]) ordered[section] = wanted[section];
  }
  return new YamlEditor(ref).setPath(container.node, ['resources'], ordered);
}

export function describeFields(fields: ResourceField[], conjunction = 'and'): string {
  const words = fields.map((field) => {
    const [section, resource] = field.split('.');
    return `${resource} ${section === 'requests' ? 'request' : 'limit'}`;
  });
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${conjunction} ${words[words.length - 1]}`;
}
