// Which containers a rule may demand probes and preStop hooks from, and which of them serve traffic.
import type { Container, ContainerPort, Workload } from './objects';
import type { Project } from '../facts/project';
import type { ServiceFact, ServicePortFact } from '../facts/types';
import { describeFact } from './disruption';

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

/** The Services of the namespace that select the workload's pods. */
export function selectingServices(workload: Workload, project: Project): ServiceFact[] {
  return project.servicesSelecting(workload.podLabels, workload.object.namespace);
}

/** The container port a Service port sends to, when it is one this container declares (by name or by number). */
function targetedPort(servicePort: ServicePortFact, container: Container): ContainerPort | undefined {
  const target = servicePort.targetPort;
  if (target === undefined) return undefined;
  return typeof target === 'number'
    ? container.ports.find((port) => port.number === target && port.protocol !== 'UDP')
    : container.ports.find((port) => port.name === target);
}

function describePort(port: ContainerPort): string {
  return port.name !== undefined ? `port "${port.name}"${port.number !== undefined ? ` (${port.number})` : ''}` : `port ${port.number}`;
}

/**
 * Serving: a Service of the namespace sends one of its ports to a port this container declares, or the container
 * declares a port, or it is the pod's only container. A Service reaches a container only through the port it
 * targets, so a container that declares no port beside others (a log shipper, a metrics agent) does not serve
 * just because a Service selects the pod.
 */
export function servingReason(workload: Workload, container: Container, project: Project): ServingReason {
  for (const service of selectingServices(workload, project)) {
    for (const servicePort of service.ports) {
      const port = targetedPort(servicePort, container);
      if (port) {
        const from = servicePort.port !== undefined ? `port ${servicePort.port}` : `port "${servicePort.name ?? '?'}"`;
        return {
          serving: true,
          because: `${describeFact(service, 'Service')} sends its ${from} to this container's ${describePort(port)}`,
        };
      }
    }
  }
  const port = container.ports.find((p) => p.number !== undefined || p.name !== undefined);
  if (port) {
    const label = port.number !== undefined ? `containerPort ${port.number}` : `port "${port.name}"`;
    return { serving: true, because: `it declares ${label}` };
  }
  if (workload.containers.length === 1) {
    return { serving: true, because: 'it is the only container of its pod' };
  }
  return { serving: false };
}
