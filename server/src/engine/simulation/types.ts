// Data of the rollout simulation: plain, JSON-serialisable, times in seconds from the moment the rollout
// starts (t = 0, when the new pod template is applied). Shared by the simulation, the SVG renderer, the
// language server's rolloutTimeline request, the webview and the CLI.

/**
 * What the manifest cannot say: how the app and the cluster behave. Each has a default; the user can change
 * them in the timeline panel (and the CLI with --assume).
 */
// A type, not an interface: the protocol reads it as a record of numbers.
export type RolloutAssumptions = {
  /** Scheduling, image pull and container creation: from pod creation until the container process runs. */
  podStartSeconds: number;
  /** From the container's start until the app accepts requests. */
  appStartSeconds: number;
  /** From an endpoint removal until every router (kube-proxy, ingress controller, mesh sidecars) stops sending to the pod. */
  propagationSeconds: number;
  /** The longest request the app serves, from accept to response. */
  longestRequestSeconds: number;
  /** After SIGTERM and the last in-flight request, until the process exits (closing pools, flushing). */
  shutdownSeconds: number;
};

export const DEFAULT_ASSUMPTIONS: RolloutAssumptions = {
  podStartSeconds: 3,
  appStartSeconds: 10,
  propagationSeconds: 5,
  longestRequestSeconds: 10,
  shutdownSeconds: 2,
};

/** Labels and one-line explanations of the assumptions, for the panel's form, the SVG's footer and the CLI help. */
export const ASSUMPTION_INFO: Record<keyof RolloutAssumptions, { label: string; help: string; max: number }> = {
  podStartSeconds: {
    label: 'Pod start (pull, create)',
    help: 'Scheduling, image pull and container creation, until the container runs.',
    max: 600,
  },
  appStartSeconds: { label: 'App start-up', help: 'From container start until the app accepts requests.', max: 600 },
  propagationSeconds: {
    label: 'Endpoint propagation',
    help: 'Until kube-proxy, ingress and sidecars stop routing to a removed pod.',
    max: 120,
  },
  longestRequestSeconds: { label: 'Longest request', help: 'The longest request the app serves.', max: 3600 },
  shutdownSeconds: { label: 'Shutdown after SIGTERM', help: 'After the last request, until the process exits.', max: 600 },
};

export const ASSUMPTION_KEYS = Object.keys(DEFAULT_ASSUMPTIONS) as (keyof RolloutAssumptions)[];

export type PhaseKind =
  /** Pending: scheduling, image pull, container creation. */
  | 'starting'
  /** Containers run, the pod is not Ready yet (probes pending). */
  | 'running-not-ready'
  /** Ready: in the Service endpoints. */
  | 'ready'
  /** Deleted; the preStop hook runs (the app still serves). */
  | 'prestop'
  /** SIGTERM sent: the app stops accepting, finishes in-flight requests and exits. */
  | 'sigterm'
  /** SIGKILL: the grace period ran out before the app exited. */
  | 'sigkill';

export interface Phase {
  kind: PhaseKind;
  start: number;
  end: number;
}

export interface PodTimeline {
  /** Stable id, e.g. "old-1", "new-3", "web-2/new". */
  id: string;
  /** Pods drawn on the same lane share it (a StatefulSet's old and new pod with the same ordinal). */
  lane: string;
  /** What the lane is called, e.g. "old 1", "web-2". */
  label: string;
  generation: 'old' | 'new';
  ordinal?: number;
  /** Undefined for old pods (they exist before the rollout). */
  createdAt?: number;
  startedAt?: number;
  /** When the app accepts requests. */
  appReadyAt?: number;
  /** When Kubernetes counts the pod Ready (in the endpoints). */
  readyAt?: number;
  /** readyAt + minReadySeconds: what the controllers wait for. */
  availableAt?: number;
  deletedAt?: number;
  sigtermAt?: number;
  sigkillAt?: number;
  /** When the pod's containers are gone (exit or SIGKILL). */
  goneAt?: number;
  phases: Phase[];
}

export type WindowKind =
  /** Requests reaching this pod fail (connection refused/reset, 502/503). */
  | 'errors'
  /** No pod is Ready: every request fails. */
  | 'outage'
  /** Fewer Ready pods than replicas: the rest carry the load. */
  | 'reduced-capacity';

export interface FailureWindow {
  kind: WindowKind;
  start: number;
  end: number;
  /** The rule whose finding (and quick fix) addresses the cause; undefined when no rule does. */
  ruleId?: string;
  /** One sentence: what happens and why. */
  cause: string;
  /** The pod the window is about; undefined for windows about the whole workload (capacity). */
  pod?: string;
}

export interface CapacityPoint {
  t: number;
  /** Pods Ready and not terminating: what the endpoints hold, and what the controller counts. */
  ready: number;
  /** Pods that routers send requests to and that answer them. */
  serving: number;
}

/** Per-pod timings derived from the manifest and the assumptions (seconds after creation or deletion). */
export interface PodTiming {
  /** After creation: container runs. */
  startedAfter: number;
  /** After creation: the app accepts requests. */
  appReadyAfter: number;
  /** After creation: Kubernetes counts the pod Ready. */
  readyAfter: number;
  /** After creation: available (Ready for minReadySeconds). */
  availableAfter: number;
  /** The preStop wait in effect (0 without a hook). */
  preStopSeconds: number;
  terminationGracePeriodSeconds: number;
  /** After deletion: SIGTERM; undefined when SIGKILL comes first. */
  sigtermAfter?: number;
  /** After deletion: routers stop sending requests. */
  trafficStopsAfter: number;
  /** After deletion: the last in-flight request finishes. */
  requestsDoneAfter: number;
  /** After deletion: the pod is gone (exit, or SIGKILL). */
  goneAfter: number;
  /** SIGKILL comes before the app exits on its own. */
  killed: boolean;
  /** After deletion: the Istio sidecar's Envoy is killed (terminationDrainDuration); absent without one, or when it outlives the app. */
  proxyGoneAfter?: number;
  readinessProbe: boolean;
}

export type RolloutStrategy = 'RollingUpdate' | 'Recreate' | 'OnDelete';

/**
 * A manifest value the simulation does not take: infinite, huge, negative, fractional or not a number. When
 * any is refused nothing is simulated (no pods, no windows): a picture drawn from a guess would mislead.
 */
export interface RefusedValue {
  /** Where, e.g. "spec.minReadySeconds" or 'readinessProbe.initialDelaySeconds of container "web"'. */
  field: string;
  /** As written in the manifest (".inf", "1e308"). */
  text: string;
  /** Why, e.g. "infinite", "negative", "over 2147483647, the largest value the API server accepts". */
  reason: string;
}

/** The workload and its rollout settings as read off the manifest: what the simulation's inputs and result share. */
export interface RolloutSettings {
  kind: 'Deployment' | 'StatefulSet';
  name?: string;
  namespace?: string;
  docIndex: number;
  strategy: RolloutStrategy;
  replicas: number;
  /** Where the replica count came from, when not spec.replicas (e.g. "HorizontalPodAutoscaler web maxReplicas"). */
  replicasSource?: string;
  /** Deployment RollingUpdate: resolved like the controller (percentages of replicas, surge up, unavailable down). */
  maxSurge?: number;
  maxUnavailable?: number;
  /** As written, or the API default ("25%"). */
  maxSurgeText?: string;
  maxUnavailableText?: string;
  /** StatefulSet: ordinals below the partition keep the old template. */
  partition?: number;
  minReadySeconds: number;
}

export interface RolloutSimulation extends RolloutSettings {
  assumptions: RolloutAssumptions;
  timing: PodTiming;
  pods: PodTimeline[];
  /** Step function: each point holds until the next. */
  capacity: CapacityPoint[];
  windows: FailureWindow[];
  /** When the rollout is complete: every new pod available and every old pod gone. */
  duration: number;
  /** Where the picture ends: a little after `duration`, on a round number. Phases of pods that stay run until here. */
  horizon: number;
  /** The controller's steps, for the panel and tests: "0s: create new 1; delete old 1". */
  steps: string[];
  /** Caveats about this manifest's model (unknown preStop duration, fragments, HPA...). */
  notes: string[];
  /** Values refused as input (see RefusedValue): when present, nothing was simulated and the notes say why. */
  refused?: RefusedValue[];
}
