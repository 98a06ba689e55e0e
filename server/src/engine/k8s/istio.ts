// Istio's sidecar as the rules and the rollout timeline see it: whether a workload's pods get one, and how the
// proxy.istio.io/config annotation configures it. The facts relied on (Istio's ProxyConfig and injection docs):
// - Injection: a pod label (or the older annotation) `sidecar.istio.io/inject: "true"`, a pod label
//   `istio.io/rev`, or a Namespace labelled `istio-injection: enabled` or `istio.io/rev`; either side saying
//   "false"/"disabled" wins. A Namespace in ambient mode (`istio.io/dataplane-mode: ambient`) has no sidecars.
// - On SIGTERM (sent when the pod is deleted: the injected container has no preStop hook) the istio-agent tells
//   Envoy to drain and, `terminationDrainDuration` later (default 5s), kills it. With proxyMetadata
//   `EXIT_ON_ZERO_ACTIVE_CONNECTIONS: "true"` it waits MINIMUM_DRAIN_DURATION (5s), then exits once no
//   connection is active instead.
// - `holdApplicationUntilProxyStarts` (default false) holds the app containers until the proxy is ready.
// - A native sidecar (an init container with restartPolicy Always; annotation `sidecar.istio.io/nativeSidecar:
//   "true"`) starts before the app containers and is stopped only after they exited.
import { isMap, parseDocument, type YAMLMap } from 'yaml';
import type { Project } from '../facts/project';
import { parseGoDuration } from './durations';
import type { Container, Workload } from './objects';
import { describeFact } from './disruption';
import { selectingServices } from './serving';
import { getMap, getPair, getSeq, getString, seqItems, type DocRef } from '../model/yamlAccess';

export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
export const ISTIO_PROXY = 'istio-proxy';
/** Istio's default terminationDrainDuration. */
export const DEFAULT_DRAIN_SECONDS = 5;

/** What the proxy.istio.io/config annotation says (a YAML or JSON ProxyConfig). */
export interface ProxyConfig {
  /** The annotation is there but is not a YAML mapping: nothing in it can be read. */
  unreadable: boolean;
  drainSeconds?: number;
  /** terminationDrainDuration as written. */
  drainText?: string;
  exitOnZeroActiveConnections: boolean;
  holdApplicationUntilProxyStarts?: boolean;
}

export interface IstioSidecar {
  /** Why the pods get a sidecar, for messages: "the Namespace "shop" has istio-injection: enabled". */
  because: string;
  /** The proxy runs as a native sidecar (started first, stopped last). */
  native: boolean;
  /** An explicit istio-proxy container with a preStop hook of its own: it decides when Envoy stops. */
  proxyWaits: boolean;
  config: ProxyConfig;
}

function truthy(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** Reads the annotation's ProxyConfig. */
export function readProxyConfig(annotation: string | undefined): ProxyConfig {
  const config: ProxyConfig = { unreadable: false, exitOnZeroActiveConnections: false };
  if (annotation === undefined || annotation.trim() === '') return config;
  let value: unknown;
  try {
    const doc = parseDocument(annotation, { prettyErrors: false });
    value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 10 }) : undefined;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ...config, unreadable: true };
  const record = value as Record<string, unknown>;
  const drain = record.terminationDrainDuration;
  if (typeof drain === 'string') {
    config.drainText = drain;
    const seconds = parseGoDuration(drain);
    if (seconds !== undefined) config.drainSeconds = seconds;
  }
  const metadata = record.proxyMetadata;
  if (typeof metadata === 'object' && metadata !== null) {
    config.exitOnZeroActiveConnections = truthy(String((metadata as Record<string, unknown>).EXIT_ON_ZERO_ACTIVE_CONNECTIONS)) === true;
  }
  const hold = record.holdApplicationUntilProxyStarts;
  if (typeof hold === 'boolean') config.holdApplicationUntilProxyStarts = hold;
  return config;
}

/** An istio-proxy container written in the manifest (manual injection), in containers or as a native init container. */
function explicitProxy(workload: Workload): { node: YAMLMap; native: boolean } | undefined {
  const container = workload.containers.find((c) => c.name === ISTIO_PROXY);
  if (container) return { node: container.node, native: false };
  const { ref } = workload.object;
  for (const node of seqItems(getSeq(workload.podSpec, 'initContainers', ref), ref)) {
    if (isMap(node) && getString(node, 'name', ref) === ISTIO_PROXY) {
      return { node, native: getString(node, 'restartPolicy', ref) === 'Always' };
    }
  }
  return undefined;
}

function proxyEnvSays(node: YAMLMap, ref: DocRef, name: string): boolean {
  return seqItems(getSeq(node, 'env', ref), ref).some(
    (item) => getString(item, 'name', ref) === name && truthy(getString(item, 'value', ref)) === true,
  );
}

/** Why the workload's pods get an Istio sidecar; undefined when nothing in the project says they do. */
function injectionReason(workload: Workload, project: Project): string | undefined {
  const labels = workload.podLabels ?? {};
  const annotations = workload.podAnnotations ?? {};
  const podInject = truthy(labels['sidecar.istio.io/inject']) ?? truthy(annotations['sidecar.istio.io/inject']);
  const { object } = workload;
  const namespace = object.namespace !== undefined ? project.namespaceNamed(object.namespace) : undefined;
  if (podInject === false || namespace?.istioInjection === 'disabled' || namespace?.ambient) return undefined;
  if (podInject === true) return 'its pods are labelled sidecar.istio.io/inject: "true"';
  if (labels['istio.io/rev'] !== undefined) return `its pods are labelled istio.io/rev: ${labels['istio.io/rev']}`;
  if (namespace?.istioInjection === 'enabled') return `the Namespace "${object.namespace}" enables Istio sidecar injection`;
  const canary = project.canariesTargeting(object)[0];
  if (canary) return `${describeFact(canary, 'Canary')} shifts its traffic with Istio`;
  for (const service of selectingServices(workload, project)) {
    const route = project.virtualServicesRoutingTo(service)[0];
    if (route) return `${describeFact(route, 'VirtualService')} routes to ${describeFact(service, 'Service')}, so its pods are in the mesh`;
  }
  return undefined;
}

/** The Istio sidecar of the workload's pods, or undefined when they get none (as far as the project says). */
export function istioSidecar(workload: Workload, project: Project): IstioSidecar | undefined {
  const { ref } = workload.object;
  const explicit = explicitProxy(workload);
  const because = explicit ? `it has an ${ISTIO_PROXY} container` : injectionReason(workload, project);
  if (!because) return undefined;
  const annotations = workload.podAnnotations ?? {};
  const config = readProxyConfig(annotations[PROXY_CONFIG_ANNOTATION]);
  if (explicit && proxyEnvSays(explicit.node, ref, 'EXIT_ON_ZERO_ACTIVE_CONNECTIONS')) config.exitOnZeroActiveConnections = true;
  const proxyPreStop = explicit ? getPair(getMap(explicit.node, 'lifecycle', ref), 'preStop', ref) !== undefined : false;
  return {
    because,
    native: (explicit?.native ?? false) || truthy(annotations['sidecar.istio.io/nativeSidecar']) === true,
    proxyWaits: proxyPreStop,
    config,
  };
}

/** The app containers beside the proxy (the proxy itself left out). */
export function appContainers(workload: Workload): Container[] {
  return workload.containers.filter((container) => container.name !== ISTIO_PROXY);
}
