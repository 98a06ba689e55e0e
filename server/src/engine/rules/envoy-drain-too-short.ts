import { definedFixes, fix, graceAbove } from '../fix/builders';
import { proxyConfigEdits } from '../fix/istioConfig';
import { YamlEditor } from '../fix/edits/yamlEdit';
import { formatGoDuration } from '../k8s/durations';
import { appContainers, DEFAULT_DRAIN_SECONDS, istioSidecar, PROXY_CONFIG_ANNOTATION, type IstioSidecar } from '../k8s/istio';
import { readPreStop } from '../k8s/lifecycle';
import { describeContainer, type Container, type Workload } from '../k8s/objects';
import { servingReason } from '../k8s/serving';
import { defineRule } from '../catalog/rule';
import type { Fix, TextEdit } from '../types';
import { get, getPair, keyRange } from '../model/yamlAccess';

const DEFAULT_APP_SHUTDOWN_SECONDS = 5;

function seconds(n: number): string {
  return `${Number.isInteger(n) ? n : n.toFixed(1)}s`;
}

interface Need {
  container: Container;
  wait: number;
  waitRange?: [number, number];
  total: number;
}

/** The serving app container that needs Envoy longest: its preStop wait plus its shutdown after SIGTERM. */
function longestNeed(workload: Workload, project: Parameters<typeof servingReason>[2], shutdown: number): Need | undefined {
  let longest: Need | undefined;
  const { ref } = workload.object;
  for (const container of appContainers(workload)) {
    if (!servingReason(workload, container, project).serving) continue;
    const preStop = readPreStop(container, ref);
    if (preStop.pair && !preStop.wait) continue; // a hook whose duration cannot be read: no guess
    const wait = preStop.wait?.seconds ?? 0;
    const need: Need = { container, wait, ...(preStop.wait ? { waitRange: preStop.wait.range } : {}), total: wait + shutdown };
    if (!longest || need.total > longest.total) longest = need;
  }
  return longest;
}

function drainFixes(workload: Workload, need: Need): Fix[] {
  const { ref } = workload.object;
  const drain = formatGoDuration(need.total);
  const grace = graceAbove(workload, need.total, ref);
  const withGrace = (edits: TextEdit[] | undefined) => (edits && grace ? [...edits, ...grace] : undefined);
  const native = workload.podMetadata
    ? new YamlEditor(ref).setPath(workload.podMetadata, ['annotations', 'sidecar.istio.io/nativeSidecar'], 'true')
    : undefined;
  return definedFixes(
    fix(
      `Set terminationDrainDuration: ${drain} in ${PROXY_CONFIG_ANNOTATION}`,
      withGrace(proxyConfigEdits(workload, [{ path: ['terminationDrainDuration'], value: drain }])),
      { preferred: true, safe: false },
    ),
    fix(
      'Let Envoy exit when its connections close (EXIT_ON_ZERO_ACTIVE_CONNECTIONS)',
      proxyConfigEdits(workload, [{ path: ['proxyMetadata', 'EXIT_ON_ZERO_ACTIVE_CONNECTIONS'], value: 'true' }]),
      { safe: false },
    ),
    fix('Run Envoy as a native sidecar (sidecar.istio.io/nativeSidecar: "true"; Kubernetes 1.29+)', native, { safe: false }),
  );
}

function drainRange(workload: Workload, sidecar: IstioSidecar, need: Need): [number, number] {
  const { ref } = workload.object;
  const annotation = getPair(get(workload.podMetadata, 'annotations', ref), PROXY_CONFIG_ANNOTATION, ref);
  if (sidecar.config.drainText !== undefined && annotation) return keyRange(annotation, ref) ?? need.container.anchorRange;
  return need.waitRange ?? need.container.anchorRange;
}

export default defineRule({
  meta: {
    id: 'envoy-drain-too-short',
    title: 'The Envoy sidecar exits before the app has drained',
    severity: 'warning',
    rationale:
      'An Istio sidecar is killed terminationDrainDuration (default 5s) after the pod is deleted, while the app may still be in its preStop wait or finishing requests: from then on its responses, and its own outbound calls, have no proxy, and callers get 503s.',
    appliesTo:
      'Workloads whose pods get an Istio sidecar: an istio-proxy container, sidecar.istio.io/inject: "true", an istio.io/rev label, a Namespace with istio-injection: enabled, a Flagger Canary on Istio, or an Istio VirtualService routing to their Service',
    docs: {
      why: [
        'Flagger\'s zero-downtime guide, *Delay Envoy shutdown*: even an app that drains correctly loses responses when its Envoy sidecar exits first, and the caller gets a 503. When a pod is deleted, every container without a preStop hook gets SIGTERM at once, and the injected `istio-proxy` has none: the istio-agent tells Envoy to drain (Istio\'s ProxyConfig: "preventing any new connections and allowing existing connections to complete"), sleeps for `terminationDrainDuration`, then kills any Envoy process left. The default is **5s**. The app meanwhile waits in its preStop hook (kept serving while routers forget the pod: see `prestop-hook-missing`) and then needs time after SIGTERM to finish its requests. Everything it still answers after Envoy is gone is lost, and its own calls to other services fail.',
        '',
        'The rule wants Envoy\'s drain to cover the app\'s preStop wait plus its shutdown (the option `appShutdownSeconds`, 5s by default), for every serving container. `terminationDrainDuration` is set per pod with the `proxy.istio.io/config` annotation (YAML or JSON of a ProxyConfig), or mesh-wide in `meshConfig.defaultConfig`. The rule is satisfied by either of Istio\'s alternatives too: `proxyMetadata: {EXIT_ON_ZERO_ACTIVE_CONNECTIONS: "true"}` (the agent waits MINIMUM_DRAIN_DURATION, 5s, then exits as soon as no connection is active), or a native sidecar (the annotation `sidecar.istio.io/nativeSidecar: "true"`, or `istio-proxy` as an init container with `restartPolicy: Always`): Kubernetes stops a native sidecar only after the app containers have exited. Istio 1.27 and later inject native sidecars by default on clusters that support them; settings made mesh-wide are not in the manifests, so turn the rule off (or suppress it) when your mesh already does one of these.',
        '',
        'Keep `terminationGracePeriodSeconds` above the drain: the kubelet kills every container when it runs out (the quick fix raises it when needed).',
      ].join('\n'),
      severityReason: 'Warning: every rollout and scale-down loses the responses still in flight when Envoy exits.',
      bad: `metadata:
  labels:
    sidecar.istio.io/inject: "true"
spec:
  containers:
    - name: web
      lifecycle:
        preStop:
          sleep: {seconds: 10}   # Envoy exits after 5s`,
      good: `metadata:
  labels:
    sidecar.istio.io/inject: "true"
  annotations:
    proxy.istio.io/config: |
      terminationDrainDuration: 15s
spec:
  containers:
    - name: web
      lifecycle:
        preStop:
          sleep: {seconds: 10}`,
      howToFix:
        'Set `terminationDrainDuration` in the pod template\'s `proxy.istio.io/config` annotation to at least the preStop wait plus the app\'s shutdown (and keep the grace period above it), or set `proxyMetadata.EXIT_ON_ZERO_ACTIVE_CONNECTIONS: "true"` there, or run the proxy as a native sidecar. The quick fixes write each of them, keeping the annotation valid YAML.',
      notFlagged:
        'Pods the project does not show to be in an Istio mesh, native sidecars, proxies that wait for connections to close, an explicit istio-proxy container with a preStop hook of its own, preStop hooks whose duration cannot be read, an annotation that does not parse, Jobs and CronJobs, and Kustomize patches.',
    },
    options: {
      appShutdownSeconds: {
        setting: 'envoy.appShutdownSeconds',
        type: 'integer',
        default: DEFAULT_APP_SHUTDOWN_SECONDS,
        minimum: 0,
        maximum: 3600,
        expected: 'a whole number of seconds in 0..3600',
        scope: 'resource',
        description:
          'How long your apps need after SIGTERM to finish their requests and exit: `envoy-drain-too-short` wants the Envoy sidecar to outlive the preStop wait plus this.',
      },
    },
  },
  check({ workloads, project, report, ruleOptions }) {
    const shutdown = typeof ruleOptions.appShutdownSeconds === 'number' ? ruleOptions.appShutdownSeconds : DEFAULT_APP_SHUTDOWN_SECONDS;
    for (const workload of workloads) {
      if (workload.isFragment || workload.runsToCompletion) continue;
      const sidecar = istioSidecar(workload, project);
      if (!sidecar || sidecar.native || sidecar.proxyWaits || sidecar.config.unreadable || sidecar.config.exitOnZeroActiveConnections) {
        continue;
      }
      const written = sidecar.config.drainText !== undefined;
      const drain = written ? sidecar.config.drainSeconds : DEFAULT_DRAIN_SECONDS;
      if (drain === undefined) continue; // a duration that cannot be read
      const need = longestNeed(workload, project, shutdown);
      if (!need || need.total <= drain) continue;
      const waiting = need.wait > 0 ? `keeps serving for ${seconds(need.wait)} in its preStop wait and then ` : '';
      report({
        object: workload.object,
        container: need.container,
        range: drainRange(workload, sidecar, need),
        message: `Envoy, the Istio sidecar (${sidecar.because}), gets SIGTERM when the pod is deleted, starts draining and is killed ${seconds(drain)} later (terminationDrainDuration${written ? '' : ', the default'}). ${describeContainer(need.container)} ${waiting}needs about ${seconds(shutdown)} after SIGTERM to finish its requests: from ${seconds(drain)} until about ${seconds(need.total)} after the deletion its responses and outbound calls have no proxy, and callers get 503s. Set terminationDrainDuration to at least ${formatGoDuration(need.total)} in ${PROXY_CONFIG_ANNOTATION}, let Envoy wait for connections to close (EXIT_ON_ZERO_ACTIVE_CONNECTIONS), or run it as a native sidecar.`,
        fixes: () => drainFixes(workload, need),
      });
    }
  },
});
