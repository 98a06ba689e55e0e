// Which containers a rule may demand probes and preStop hooks from, and which of them serve traffic.
import type { Container, Workload } from './objects';
import type { Project } from '../facts/project';
import type { ServiceFact } from '../facts/types';

/**
 * Long-running containers of a complete workload. Jobs, CronJobs and run-to-completion Pods finish by design,
 * init containers never serve, and a fragment (Kustomize patch) is not the whole object, so nothing is
 * "missing" from it.
 */
export function longRunningContainers(workload: Workload): Container[] {
  if (workload.runsToCompletion || workload.isFragment) {
    return [];
  }
  return workload.containers;
}

export interface ServingReason {
  serving: boolean;
  /** Why the container counts as serving, for messages ("it declares containerPort 8080"). */
  because?: string;
}

export function selectingService(workload: Workload, project: Project): ServiceFact | undefined {
  return project.servicesSelecting(workload.podLabels, workload.object.namespace)[0];
}

/** Serving: it declares a containerPort, or a Service in the file selects its pod, or it is the pod's only container. */
export function servingReason(workload: Workload, container: Container, project: Project): ServingReason {
  const port = container.ports.find((p) => p.number !== undefined || p.name !== undefined);
  if (port) {
    const label = port.number !== undefined ? `containerPort ${port.number}` : `port "${port.name}"`;
    return { serving: true, because: `it declares ${label}` };
  }
  const service = selectingService(workload, project);
  if (service) {
    return { serving: true, because: `Service${service.name ? ` "${service.name}"` : ''} selects its pods` };
  }
  if (workload.containers.length === 1) {
    return { serving: true, because: 'it is the only container of its pod' };
  }
  return { serving: false };
}
