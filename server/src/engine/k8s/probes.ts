// Probe semantics: the values Kubernetes fills in when a field is left out, so two probes that look different
// on the page but behave the same are recognised as the same.
import type { Container } from './objects';
import { get, type DocRef, toPlain } from '../model/yamlAccess';

export const PROBE_DEFAULTS = { initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 };

export interface EffectiveProbe {
  handler: string;
  /** Human summary, e.g. "httpGet /healthz on port 8080". */
  summary: string;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

function num(value: unknown, fallback: number): number {
  if (typeof value === 'number') {
    return value;
  }
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) {
    return Number(value);
  }
  return fallback;
}

/** Resolves a named port to its number so `port: http` and `port: 8080` compare equal when `http` is 8080. */
function portKey(port: unknown, container: Container): string {
  if (typeof port === 'string') {
    const named = container.ports.find((p) => p.name === port);
    if (named?.number !== undefined) {
      return String(named.number);
    }
    return /^\d+$/.test(port) ? String(Number(port)) : port;
  }
  return String(port);
}

export function effectiveProbe(node: unknown, container: Container, ref: DocRef): EffectiveProbe | undefined {
  const probe = toPlain(node, ref);
  if (!probe || typeof probe !== 'object' || Array.isArray(probe)) {
    return undefined;
  }
  const p = probe as Record<string, unknown>;
  let handler: string;
  let summary: string;
  if (p.httpGet && typeof p.httpGet === 'object') {
    const h = p.httpGet as Record<string, unknown>;
    const path = typeof h.path === 'string' && h.path !== '' ? h.path : '/';
    const scheme = typeof h.scheme === 'string' ? h.scheme.toUpperCase() : 'HTTP';
    const headers = Array.isArray(h.httpHeaders)
      ? (h.httpHeaders as { name?: unknown; value?: unknown }[]).map((x) => `${String(x?.name).toLowerCase()}=${String(x?.value)}`).sort()
      : [];
    handler = JSON.stringify(['httpGet', path, portKey(h.port, container), scheme, h.host ?? '', headers]);
    summary = `httpGet ${path} on port ${String(h.port)}`;
  } else if (p.tcpSocket && typeof p.tcpSocket === 'object') {
    const t = p.tcpSocket as Record<string, unknown>;
    handler = JSON.stringify(['tcpSocket', portKey(t.port, container), t.host ?? '']);
    summary = `tcpSocket on port ${String(t.port)}`;
  } else if (p.grpc && typeof p.grpc === 'object') {
    const g = p.grpc as Record<string, unknown>;
    handler = JSON.stringify(['grpc', portKey(g.port, container), g.service ?? '']);
    summary = `grpc on port ${String(g.port)}`;
  } else if (p.exec && typeof p.exec === 'object') {
    const command = (p.exec as Record<string, unknown>).command;
    handler = JSON.stringify(['exec', Array.isArray(command) ? command.map(String) : (command ?? null)]);
    summary = `exec ${Array.isArray(command) ? command.map(String).join(' ') : ''}`.trim();
  } else {
    return undefined;
  }
  return {
    handler,
    summary,
    initialDelaySeconds: num(p.initialDelaySeconds, PROBE_DEFAULTS.initialDelaySeconds),
    periodSeconds: num(p.periodSeconds, PROBE_DEFAULTS.periodSeconds),
    timeoutSeconds: num(p.timeoutSeconds, PROBE_DEFAULTS.timeoutSeconds),
    successThreshold: num(p.successThreshold, PROBE_DEFAULTS.successThreshold),
    failureThreshold: num(p.failureThreshold, PROBE_DEFAULTS.failureThreshold),
  };
}

export function sameProbe(a: EffectiveProbe, b: EffectiveProbe): boolean {
  // successThreshold is left out: a livenessProbe must have 1, so it can't tell the two apart meaningfully.
  return (
    a.handler === b.handler &&
    a.initialDelaySeconds === b.initialDelaySeconds &&
    a.periodSeconds === b.periodSeconds &&
    a.timeoutSeconds === b.timeoutSeconds &&
    a.failureThreshold === b.failureThreshold
  );
}

export function probeNode(container: Container, which: 'readinessProbe' | 'livenessProbe' | 'startupProbe', ref: DocRef): unknown {
  return get(container.node, which, ref);
}
