// Cross-object facts: the small plain data one object tells rules about others (a Service selecting pods, an
// HPA scaling a workload, a PodDisruptionBudget protecting it, the workloads themselves). Collected once per
// parsed YAML document (facts/collect.ts) and gathered for a whole project (facts/projectIndex.ts).

/**
 * The facts of a document, a file or a set of files. Small plain data only (no AST nodes). Every member is a
 * list (merged generically). Facts from other files carry `origin`; facts from the linted text itself do not
 * (their offsets would move with every edit above them).
 */
export interface Facts {
  services: ServiceFact[];
  autoscalers: AutoscalerFact[];
  pdbs: PdbFact[];
  workloads: WorkloadFact[];
  /** Namespaces with their Istio labels (sidecar injection). */
  namespaces: NamespaceFact[];
  /** Flagger Canaries on Istio and Istio VirtualServices: what puts a workload behind the mesh. */
  meshRoutes: MeshRouteFact[];
  /** Documents whose objects could not be known (Helm templates, YAML errors): "no object does X" is then unknowable. */
  opaque: OpaqueFact[];
}

/** Where a fact comes from: another file (URI or path) and the offsets of its object's `kind` entry there. */
export interface FactOrigin {
  file: string;
  start: number;
  end: number;
}

export interface ServiceFact {
  name?: string;
  namespace?: string;
  selector: Record<string, string>;
  /** The Service's ports: where each sends traffic in the pod (targetPort defaults to the port's number). */
  ports: ServicePortFact[];
  origin?: FactOrigin;
}

export interface ServicePortFact {
  name?: string;
  port?: number;
  /** A container port number, or the name of a container port; absent when it cannot be read (a placeholder). */
  targetPort?: number | string;
}

/** A resource an HPA scales on by utilization (percent of the request): every container of the target needs that request. */
export interface UtilizationMetric {
  resource: string;
  /** ContainerResource metrics name one container. */
  container?: string;
  /** Not written down: autoscaling/v1 and metric-less v2 HPAs default to 80% CPU. */
  implicit?: boolean;
}

export interface AutoscalerFact {
  /** Absent: a HorizontalPodAutoscaler. 'ScaledObject': KEDA's, which drives an HPA of its own (k8s/autoscaling.ts). */
  kind?: 'ScaledObject';
  name?: string;
  namespace?: string;
  targetKind?: string;
  targetName?: string;
  /** As written (HPA minReplicas, KEDA minReplicaCount); absent when not written or not readable. */
  minReplicas?: number;
  /** As written (HPA maxReplicas, KEDA maxReplicaCount). */
  maxReplicas?: number;
  /** The minimum is written but cannot be read (a template placeholder, an invalid value). */
  minUnknown?: boolean;
  utilization?: UtilizationMetric[];
  origin?: FactOrigin;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface PdbFact {
  name?: string;
  namespace?: string;
  /** Absent when the PDB has no selector or one that cannot be read (a template placeholder). */
  selector?: LabelSelector;
  /** `spec.selector` is absent or null: the PDB selects no pod (a patch's PDB is not marked: its base has one). */
  noSelector?: boolean;
  /** policy/v1beta1 PDBs with an empty selector select nothing; policy/v1 ones select every pod of the namespace. */
  emptySelectsAll: boolean;
  minAvailable?: number | string;
  maxUnavailable?: number | string;
  origin?: FactOrigin;
}

export interface WorkloadFact {
  kind: string;
  name?: string;
  namespace?: string;
  podLabels?: Record<string, string>;
  /** spec.replicas when written as an integer. */
  replicas?: number;
  /** spec.replicas is written but is no count (a template placeholder, or a value the API server rejects). */
  replicasUnknown?: boolean;
  /** A patch or partial object. */
  fragment: boolean;
  origin?: FactOrigin;
}

export interface NamespaceFact {
  name?: string;
  /** `istio-injection: enabled|disabled`, or `istio.io/rev` (enabled for that revision). */
  istioInjection?: 'enabled' | 'disabled';
  /** `istio.io/dataplane-mode: ambient`: no sidecars (ztunnel and waypoints instead). */
  ambient?: boolean;
  origin?: FactOrigin;
}

/** A Flagger Canary on Istio (its target workload), or an Istio VirtualService (the Services it routes to). */
export interface MeshRouteFact {
  kind: 'Canary' | 'VirtualService';
  name?: string;
  namespace?: string;
  targetKind?: string;
  targetName?: string;
  /** VirtualService destinations as Service names (`web`, `web.shop`, `web.shop.svc.cluster.local` -> web). */
  services?: { name: string; namespace?: string }[];
  origin?: FactOrigin;
}

export interface OpaqueFact {
  /** 'outside-sources': a change of what the project's kustomizations build from (only in the index's change log). */
  reason: 'helm-template' | 'yaml-error' | 'outside-sources';
  origin?: FactOrigin;
}
