// Probe semantics: the values Kubernetes fills in when a field is left out, so two probes that look different
// on the page but behave the same are recognised as the same.
import type { Container } from './objects';
import { get, getInt, getPair, type DocRef, toPlain } from '../model/yamlAccess';

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
    // The API server's defaulting: 0 means "not set" for these.
    periodSeconds: num(p.periodSeconds, 0) || PROBE_DEFAULTS.periodSeconds,
    timeoutSeconds: num(p.timeoutSeconds, 0) || PROBE_DEFAULTS.timeoutSeconds,
    successThreshold: num(p.successThreshold, 0) || PROBE_DEFAULTS.successThreshold,
    failureThreshold: num(p.failureThreshold, 0) || PROBE_DEFAULTS.failureThreshold,
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

export type ProbeField = keyof typeof PROBE_DEFAULTS;
/** The API server takes these fields as int32. */
const MAX_INT32 = 2_147_483_647;
export const PROBE_FIELDS = Object.keys(PROBE_DEFAULTS) as ProbeField[];

export interface ProbeFields {
  /** Each timing field: as written, or Kubernetes' default when it is left out. */
  values: Record<ProbeField, number>;
  /** The fields written down. */
  explicit: Set<ProbeField>;
  /** Fields written down whose value is not a whole number in the API's range (a template placeholder): nothing is computed from them. */
  unreadable: ProbeField[];
}

/**
 * The timing fields of a probe map as written, with the defaults for the ones left out. As in the API server's
 * defaulting, a 0 for any of them but initialDelaySeconds means "not set".
 */
export function probeFields(node: unknown, ref: DocRef): ProbeFields {
  const values = { ...PROBE_DEFAULTS };
  const explicit = new Set<ProbeField>();
  const unreadable: ProbeField[] = [];
  for (const field of PROBE_FIELDS) {
    if (!getPair(node, field, ref)) continue;
    const value = getInt(node, field, ref);
    if (value === undefined || value < 0 || value > MAX_INT32) unreadable.push(field);
    else if (value === 0 && field !== 'initialDelaySeconds') continue;
    else values[field] = value;
    explicit.add(field);
  }
  return { values, explicit, unreadable };
}

/**
 * How long an endpoint that stops answering keeps passing a probe, in the worst case (it fails just after a
 * successful check): failureThreshold failed checks periodSeconds apart; when the checks hang, the last one
 * counts as failed only at its timeout.
 */
export function failureDetectionSeconds(probe: { periodSeconds: number; timeoutSeconds: number; failureThreshold: number }): {
  answering: number;
  hanging: number;
} {
  const period = Math.max(1, probe.periodSeconds);
  const checks = Math.max(1, probe.failureThreshold);
  return { answering: checks * period, hanging: checks * period + Math.max(1, probe.timeoutSeconds) };
}

/**
 * Seconds after the container starts of the last check a starting app can pass before the kubelet gives up on
 * it (a liveness or startup probe restarts the container): the failureThreshold-th check, the first one being
 * at initialDelaySeconds.
 */
export function lastCheckBeforeRestart(probe: { initialDelaySeconds: number; periodSeconds: number; failureThreshold: number }): number {
  return Math.max(0, probe.initialDelaySeconds) + (Math.max(1, probe.failureThreshold) - 1) * Math.max(1, probe.periodSeconds);
}
