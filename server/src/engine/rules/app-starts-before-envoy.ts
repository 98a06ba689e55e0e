import { definedFixes, fix } from '../fix/builders';
import { proxyConfigEdits } from '../fix/istioConfig';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { istioSidecar, PROXY_CONFIG_ANNOTATION } from '../k8s/istio';
import { describeObject } from '../k8s/objects';
import { defineRule } from '../catalog/rule';

export default defineRule({
  meta: {
    id: 'app-starts-before-envoy',
    title: 'The app starts before its Envoy sidecar is ready',
    severity: 'hint',
    rationale:
      "With an Istio sidecar and no holdApplicationUntilProxyStarts, Kubernetes starts the app while Envoy is still starting: the app's first outbound calls (its database, a config service, other services) fail until Envoy is ready.",
    appliesTo:
      'Workloads whose pods get an Istio sidecar: an istio-proxy container, sidecar.istio.io/inject: "true", an istio.io/rev label, a Namespace with istio-injection: enabled, a Flagger Canary on Istio, or an Istio VirtualService routing to their Service',
    docs: {
      why: [
        'In a pod with an Istio sidecar, every outbound connection of the app goes through Envoy (iptables redirect it). Kubernetes starts the containers of a pod together, so the app may open its first connections before Envoy has its configuration: they are refused or reset. Flagger\'s zero-downtime guide warns that "the Envoy sidecar can have a slower startup than your app", and an app that fails a startup dependency check crash-loops or stays unready, which slows every rollout and scale-up.',
        '',
        'Istio\'s ProxyConfig field `holdApplicationUntilProxyStarts` (default `false`) makes the injector add a hook that holds the app containers until the proxy is ready. It is set per pod in the `proxy.istio.io/config` annotation, or mesh-wide (`meshConfig.defaultConfig.holdApplicationUntilProxyStarts`, or `values.global.proxy.holdApplicationUntilProxyStarts`). A native sidecar (`sidecar.istio.io/nativeSidecar: "true"`, the default since Istio 1.27 where the cluster supports it) starts before the app containers anyway. Mesh-wide settings are not in the manifests: turn the rule off when your mesh sets one.',
      ].join('\n'),
      severityReason:
        "Hint: apps that retry their startup connections are not affected, and the fix delays every pod start by the proxy's start-up.",
      bad: `metadata:
  labels:
    sidecar.istio.io/inject: "true"`,
      good: `metadata:
  labels:
    sidecar.istio.io/inject: "true"
  annotations:
    proxy.istio.io/config: |
      holdApplicationUntilProxyStarts: true`,
      howToFix:
        "Add `holdApplicationUntilProxyStarts: true` to the pod template's `proxy.istio.io/config` annotation (the quick fix keeps the rest of the annotation), run the proxy as a native sidecar, or make the app retry its startup connections for a few seconds.",
      notFlagged:
        'Pods the project does not show to be in an Istio mesh, native sidecars, an annotation that already says either way or does not parse, and Kustomize patches.',
    },
  },
  check({ workloads, project, report }) {
    for (const workload of workloads) {
      if (workload.isFragment) continue;
      const sidecar = istioSidecar(workload, project);
      if (!sidecar || sidecar.native || sidecar.config.unreadable || sidecar.config.holdApplicationUntilProxyStarts !== undefined) continue;
      const { object } = workload;
      report({
        object,
        range: object.kindRange,
        message: `${describeObject(object)} gets an Istio sidecar (${sidecar.because}), and nothing holds its app until Envoy is ready: the app's first outbound calls after each pod start fail while Envoy is still starting. Set holdApplicationUntilProxyStarts: true in ${PROXY_CONFIG_ANNOTATION}, or make the app retry at startup.`,
        fixes: () =>
          definedFixes(
            fix(
              `Set holdApplicationUntilProxyStarts: true in ${PROXY_CONFIG_ANNOTATION}`,
              proxyConfigEdits(workload, [{ path: ['holdApplicationUntilProxyStarts'], value: true }]),
              { preferred: true, safe: false },
            ),
            fix(
              'Run Envoy as a native sidecar (sidecar.istio.io/nativeSidecar: "true"; Kubernetes 1.29+)',
              workload.podMetadata
                ? new YamlEditor(object.ref).setPath(workload.podMetadata, ['annotations', 'sidecar.istio.io/nativeSidecar'], 'true')
                : undefined,
              { safe: false },
            ),
          ),
      });
    }
  },
});
