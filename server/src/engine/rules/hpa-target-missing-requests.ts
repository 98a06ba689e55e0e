import { relatedTo } from '../k8s/disruption';
import { definedFixes, fix } from '../fix/builders';
import { describeContainer, describeObject } from '../k8s/objects';
import { addResourceEdits, readResources, type ResourceField } from '../k8s/resources';
import { defineRule } from '../catalog/rule';
import { describeAutoscaler } from '../k8s/autoscaling';
import { longRunningContainers } from '../k8s/serving';

export default defineRule({
  meta: {
    id: 'hpa-target-missing-requests',
    title: 'HPA scales on utilization of a resource a container does not request',
    severity: 'warning',
    rationale:
      'Utilization is usage as a percentage of the request: when a container of the target has no request for the resource, the HorizontalPodAutoscaler cannot compute it and does not scale at all.',
    appliesTo: 'Containers of workloads a HorizontalPodAutoscaler scales on `cpu` or `memory` utilization (any file of the workspace)',
    docs: {
      why: [
        'An HPA metric with `target.type: Utilization` (autoscaling/v2), `targetAverageUtilization` (v2beta1) or `targetCPUUtilizationPercentage` (v1) compares usage to the *request* of every container of the pod. If one container has no request for that resource, the HPA reports `FailedGetResourceMetric` ("missing request for cpu") and stops scaling: under load the pods saturate and requests fail, which is exactly what the autoscaler was there to prevent.',
        '',
        'An autoscaling/v1 HPA without `targetCPUUtilizationPercentage`, and an autoscaling/v2 HPA without `metrics`, scale on 80% CPU utilization. A `ContainerResource` metric needs the request only on the container it names.',
        '',
        'The finding is on the container (where the fix goes); the HPA may be in another file of the workspace, and the diagnostic links to it.',
      ].join('\n'),
      severityReason:
        'Warning: the HPA does not scale, but a LimitRange in the namespace may supply default requests, which the manifests alone cannot show.',
      bad: `# hpa.yaml: scales Deployment "web" on cpu utilization
metrics:
  - type: Resource
    resource:
      name: cpu
      target: {type: Utilization, averageUtilization: 70}
---
# deployment.yaml
containers:
  - name: web
    image: example/web:1`,
      good: `containers:
  - name: web
    image: example/web:1
    resources:
      requests:
        cpu: 250m`,
      howToFix:
        'Give every container of the target a request for each resource the HPA scales on by utilization (a limit alone also works: the request defaults to it). The quick fix adds the request with a starting value to size from observed usage.',
      notFlagged:
        'Metrics with `AverageValue` or `Value` targets (they do not involve requests), HPAs whose target is not found, init containers, and Kustomize patches.',
    },
  },
  check({ workloads, project, report, scope }) {
    for (const workload of workloads) {
      const { object } = workload;
      const hpa = project.autoscalerOf(object);
      if (!hpa?.utilization?.length) {
        continue;
      }
      for (const container of longRunningContainers(workload)) {
        const resources = readResources(container, object.ref);
        const missing = [
          ...new Set(
            hpa.utilization
              .filter((metric) => metric.container === undefined || metric.container === container.name)
              .map((metric) => metric.resource),
          ),
        ].filter((resource) => (resource === 'cpu' || resource === 'memory') && !resources.hasRequest(resource)) as ('cpu' | 'memory')[];
        if (missing.length === 0) {
          continue;
        }
        const implicit = hpa.utilization.some((metric) => metric.implicit);
        const hpaName = describeAutoscaler(hpa);
        const resourceText = missing.join(' and ');
        const fields = missing.map((resource) => `requests.${resource}` as ResourceField);
        report({
          object,
          container,
          range: container.anchorRange,
          message: `${describeContainer(container)} has no ${missing.join(' or ')} request, but ${hpaName}${hpa.origin || scope.build ? '' : ' (in this file)'} scales ${describeObject(object)} on ${resourceText} utilization${implicit ? ' (by default: 80% CPU when no metric is written)' : ''}: utilization is a percentage of the request, so the HPA cannot compute it and does not scale.`,
          related: relatedTo(hpa.origin, `${hpaName} scales ${describeObject(object)} on ${resourceText} utilization`),
          fixes: () =>
            definedFixes(
              fix(
                `Add ${missing.map((resource) => `${resource} request`).join(' and ')} (a starting value to size from observed usage)`,
                addResourceEdits(container, object.ref, fields, resources),
                {
                  preferred: true,
                  safe: false,
                },
              ),
            ),
        });
      }
    }
  },
});
