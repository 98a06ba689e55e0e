// The ports a container's probes and lifecycle hooks connect to: what the port rules (probe-port-unknown,
// probe-port-udp) check against the container's declared ports.
import { isAlias, type Pair } from 'yaml';
import { getMap, getPair, type DocRef } from '../model/yamlAccess';
import type { Container } from './objects';

const PROBES = ['readinessProbe', 'livenessProbe', 'startupProbe'] as const;
const HOOKS = ['preStop', 'postStart'] as const;

export type HandlerAction = 'httpGet' | 'tcpSocket' | 'grpc';

export interface HandlerPort {
  /** "readinessProbe httpGet", "preStop hook tcpSocket". */
  where: string;
  action: HandlerAction;
  /** The `port:` pair of the action. */
  pair: Pair;
  /** The probe or hook is written as an alias (shared with another container): its text is not this container's to fix. */
  shared: boolean;
}

/** Every `port:` of the given actions in the container's probes and lifecycle hooks, in that order. */
export function handlerPorts(container: Container, ref: DocRef, actions: readonly HandlerAction[]): HandlerPort[] {
  const lifecyclePair = getPair(container.node, 'lifecycle', ref);
  const lifecycle = getMap(container.node, 'lifecycle', ref);
  const handlers: { where: string; handler: unknown; shared: boolean }[] = [
    ...PROBES.map((probe) => ({
      where: probe,
      handler: getMap(container.node, probe, ref),
      shared: isAlias(getPair(container.node, probe, ref)?.value),
    })),
    ...HOOKS.map((hook) => ({
      where: `${hook} hook`,
      handler: getMap(lifecycle, hook, ref),
      shared: isAlias(lifecyclePair?.value) || isAlias(getPair(lifecycle, hook, ref)?.value),
    })),
  ];
  const ports: HandlerPort[] = [];
  for (const { where, handler, shared } of handlers) {
    for (const action of actions) {
      const pair = getPair(getMap(handler, action, ref), 'port', ref);
      if (pair) ports.push({ where: `${where} ${action}`, action, pair, shared: shared || container.viaAlias });
    }
  }
  return ports;
}
