// Deterministic generator of realistic multi-document Kubernetes manifests for the benchmark.
// Same seed + same target size => byte-identical output on every run and machine (no Math.random, no Date).
//
// Looks like rendered Helm charts / `kustomize build` output: `---` separated documents, `# Source:`
// comments, Deployments (1-3 containers, some with probes, some without, preStop hooks, named and unnamed
// ports), Services, StatefulSets, CronJobs, HPAs (autoscaling/v2 and v2beta2), PDBs, Flagger Canaries,
// Istio VirtualServices, big ConfigMaps with long block scalars, comments, anchors and aliases.
//
// CLI: node bench/generate.mjs <lines|100|2k|20k|200k> [seed] > file.yaml

/** mulberry32: tiny, fast, good enough, fully deterministic. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (arr) => arr[Math.floor(next() * arr.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

const TEAMS = ['payments', 'checkout', 'search', 'identity', 'catalog', 'shipping', 'ledger', 'notify', 'media', 'ads'];
const PARTS = ['api', 'worker', 'gateway', 'frontend', 'indexer', 'scheduler', 'proxy', 'cache', 'sync', 'auth', 'events', 'reports'];
const IMAGES = [
  'nginx:1.27.1',
  'envoyproxy/envoy:v1.31.2',
  'redis:7.4.0-alpine',
  'busybox:1.36',
  'ghcr.io/acme/app:3.14.2',
  'registry.k8s.io/pause:3.9',
  'quay.io/prometheus/node-exporter:v1.8.2',
  'docker.io/library/postgres:16.4',
];
const SIDECARS = ['log-shipper', 'metrics-exporter', 'config-reloader', 'cloudsql-proxy', 'oauth2-proxy'];

export const SIZES = { 100: 100, '2k': 2000, '20k': 20000, '200k': 200000 };

export function parseSize(s) {
  if (s in SIZES) return SIZES[s];
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(String(s));
  if (!m) throw new Error(`bad size ${s}`);
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1));
}

class Gen {
  constructor(seed) {
    this.r = prng(seed);
    this.n = 0; // object counter, keeps names unique
  }

  name() {
    const { pick } = this.r;
    this.n++;
    return `${pick(TEAMS)}-${pick(PARTS)}-${this.n.toString(36)}`;
  }

  ns() {
    return this.r.pick(['default', 'prod', 'staging', 'platform', ...TEAMS.slice(0, 4)]);
  }

  labels(name, ind, anchor) {
    const pad = ' '.repeat(ind);
    const head = anchor ? `labels: &${anchor}\n` : 'labels:\n';
    return (
      head +
      `${pad}  app.kubernetes.io/name: ${name}\n` +
      `${pad}  app.kubernetes.io/part-of: ${this.r.pick(TEAMS)}\n` +
      (this.r.chance(0.5)
        ? `${pad}  app.kubernetes.io/managed-by: Helm\n${pad}  helm.sh/chart: ${name.split('-')[0]}-1.${this.r.int(0, 30)}.${this.r.int(0, 9)}\n`
        : '')
    );
  }

  probe(kind, port, pad) {
    const { int, pick, chance } = this.r;
    let s = `${pad}${kind}:\n`;
    const t = pick(['http', 'http', 'tcp', 'exec']);
    if (t === 'http')
      s += `${pad}  httpGet:\n${pad}    path: ${kind === 'readinessProbe' ? pick(['/ready', '/readyz', '/health/ready']) : pick(['/live', '/healthz', '/health/live'])}\n${pad}    port: ${port}\n`;
    else if (t === 'tcp') s += `${pad}  tcpSocket:\n${pad}    port: ${port}\n`;
    else s += `${pad}  exec:\n${pad}    command: ["/bin/sh", "-c", "test -f /tmp/healthy"]\n`;
    if (chance(0.7)) s += `${pad}  initialDelaySeconds: ${int(0, 30)}\n`;
    s += `${pad}  periodSeconds: ${pick([5, 10, 15, 20])}\n`;
    if (chance(0.5)) s += `${pad}  failureThreshold: ${int(1, 6)}\n`;
    return s;
  }

  container(idx, main, pad, anchors) {
    const { int, pick, chance } = this.r;
    const cname = main ? pick(PARTS) : pick(SIDECARS);
    let s = `${pad}- name: ${cname}${idx ? `-${idx}` : ''}\n`;
    s += `${pad}  image: ${pick(IMAGES)}\n`;
    if (chance(0.3)) s += `${pad}  imagePullPolicy: IfNotPresent\n`;
    if (chance(0.2)) s += `${pad}  args: ["--port=${int(8000, 9000)}", "--log-level=${pick(['info', 'debug', 'warn'])}"]\n`;
    const port = pick([80, 8080, 8443, 9090, 3000, 5432, 6379]);
    const named = chance(0.6);
    let portRef = port;
    if (main || chance(0.4)) {
      s += `${pad}  ports:\n`;
      if (named) {
        portRef = pick(['http', 'grpc', 'web', 'metrics']);
        s += `${pad}    - name: ${portRef}\n${pad}      containerPort: ${port}\n${pad}      protocol: TCP\n`;
      } else s += `${pad}    - containerPort: ${port}\n`;
      if (chance(0.3)) s += `${pad}    - name: admin\n${pad}      containerPort: ${port + 1}\n`;
    }
    // env with anchors on the first container, aliases on later ones
    if (anchors.env && !main) s += `${pad}  env: *${anchors.env}\n`;
    else if (chance(0.7)) {
      const a = main && chance(0.5) ? `env${this.n.toString(36)}` : null;
      if (a) anchors.env = a;
      s += `${pad}  env:${a ? ` &${a}` : ''}\n`;
      const k = int(1, 6);
      for (let i = 0; i < k; i++) {
        if (chance(0.25))
          s += `${pad}    - name: SECRET_${i}\n${pad}      valueFrom:\n${pad}        secretKeyRef:\n${pad}          name: ${pick(TEAMS)}-secrets\n${pad}          key: key-${i}\n`;
        else
          s += `${pad}    - name: ${pick(['LOG_LEVEL', 'PORT', 'REGION', 'FEATURE_FLAGS', 'DB_HOST', 'CACHE_TTL', 'OTEL_ENDPOINT'])}_${i}\n${pad}      value: "${pick(['info', '8080', 'eu-west-1', 'a,b,c', 'db.internal', '300', 'http://otel:4317'])}"\n`;
      }
    }
    if (anchors.res && chance(0.6)) s += `${pad}  resources: *${anchors.res}\n`;
    else {
      const a = chance(0.4) ? `res${this.n.toString(36)}${idx}` : null;
      if (a) anchors.res = a;
      s += `${pad}  resources:${a ? ` &${a}` : ''}\n${pad}    requests:\n${pad}      cpu: ${pick(['50m', '100m', '250m', '500m', '1'])}\n${pad}      memory: ${pick(['64Mi', '128Mi', '256Mi', '1Gi'])}\n`;
      if (chance(0.7)) s += `${pad}    limits:\n${pad}      memory: ${pick(['128Mi', '256Mi', '512Mi', '2Gi'])}\n`;
    }
    // some with probes, some without, some with only one
    if (chance(main ? 0.7 : 0.3)) s += this.probe('readinessProbe', portRef, pad + '  ');
    if (chance(main ? 0.6 : 0.2)) s += this.probe('livenessProbe', portRef, pad + '  ');
    if (chance(0.15)) s += this.probe('startupProbe', portRef, pad + '  ');
    if (chance(main ? 0.4 : 0.1)) {
      s += `${pad}  lifecycle:\n${pad}    preStop:\n`;
      s += chance(0.6)
        ? `${pad}      exec:\n${pad}        command: ["sh", "-c", "sleep ${pick([5, 10, 15, 20, 30])}"]\n`
        : `${pad}      sleep:\n${pad}        seconds: ${pick([5, 10, 20])}\n`;
    }
    if (chance(0.3))
      s += `${pad}  volumeMounts:\n${pad}    - name: config\n${pad}      mountPath: /etc/${cname}\n${pad}      readOnly: true\n`;
    if (chance(0.4))
      s += `${pad}  securityContext:\n${pad}    runAsNonRoot: true\n${pad}    allowPrivilegeEscalation: false\n${pad}    readOnlyRootFilesystem: ${chance(0.5)}\n`;
    return s;
  }

  podSpec(pad, name, nContainers) {
    const { int, pick, chance } = this.r;
    const anchors = {};
    let s = '';
    if (chance(0.3)) s += `${pad}serviceAccountName: ${name}\n`;
    if (chance(0.5)) s += `${pad}terminationGracePeriodSeconds: ${pick([10, 15, 30, 45, 60, 120])}\n`;
    if (chance(0.2))
      s += `${pad}# keep pods on separate nodes\n${pad}affinity:\n${pad}  podAntiAffinity:\n${pad}    preferredDuringSchedulingIgnoredDuringExecution:\n${pad}      - weight: 100\n${pad}        podAffinityTerm:\n${pad}          topologyKey: kubernetes.io/hostname\n${pad}          labelSelector:\n${pad}            matchLabels:\n${pad}              app.kubernetes.io/name: ${name}\n`;
    if (chance(0.15))
      s += `${pad}initContainers:\n${pad}  - name: migrate\n${pad}    image: ${pick(IMAGES)}\n${pad}    command: ["/app/migrate", "--up"]\n`;
    s += `${pad}containers:\n`;
    for (let i = 0; i < nContainers; i++) s += this.container(i, i === 0, pad + '  ', anchors);
    if (chance(0.3)) s += `${pad}volumes:\n${pad}  - name: config\n${pad}    configMap:\n${pad}      name: ${name}-config\n`;
    if (chance(0.1)) s += `${pad}nodeSelector:\n${pad}  kubernetes.io/os: linux\n${pad}  node.kubernetes.io/pool: pool-${int(1, 4)}\n`;
    return s;
  }

  meta(name, kind) {
    const { chance } = this.r;
    let s = `metadata:\n  name: ${name}\n`;
    if (kind !== 'ClusterRole' && chance(0.8)) s += `  namespace: ${this.ns()}\n`;
    if (chance(0.6)) s += '  ' + this.labels(name, 2);
    if (chance(0.25)) s += `  annotations:\n    meta.helm.sh/release-name: ${name.split('-')[0]}\n    reloader.stakater.com/auto: "true"\n`;
    return s;
  }

  deployment() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: apps/v1\nkind: Deployment\n${this.meta(name, 'Deployment')}spec:\n`;
    s += `  replicas: ${pick([1, 2, 2, 3, 3, 4, 6, 10])}\n`;
    if (chance(0.2)) s += `  revisionHistoryLimit: ${int(2, 10)}\n`;
    if (chance(0.7)) {
      const st = pick(['ru', 'ru', 'ru', 'ru0', 'recreate', 'pct']);
      if (st === 'recreate') s += '  strategy:\n    type: Recreate\n';
      else if (st === 'ru0') s += '  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 1\n';
      else if (st === 'pct')
        s += `  strategy:\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: ${pick(['0', '25%', '0%'])}\n`;
      else
        s += `  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: ${pick([1, 2, '50%'])}\n      maxUnavailable: ${pick([0, 0, 1])}\n`;
    }
    if (chance(0.3)) s += `  minReadySeconds: ${int(5, 30)}\n`;
    const a = `sel${this.n.toString(36)}`;
    s += `  selector:\n    matchLabels: &${a}\n      app.kubernetes.io/name: ${name}\n      app.kubernetes.io/instance: ${name.split('-')[0]}\n`;
    s += `  template:\n    metadata:\n      labels: *${a}\n`;
    if (chance(0.4)) s += `      annotations:\n        prometheus.io/scrape: "true"\n        prometheus.io/port: "9090"\n`;
    s += `    spec:\n${this.podSpec('      ', name, pick([1, 1, 1, 2, 2, 3]))}`;
    return s;
  }

  statefulSet() {
    const { pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: apps/v1\nkind: StatefulSet\n${this.meta(name, 'StatefulSet')}spec:\n  serviceName: ${name}-headless\n  replicas: ${pick([1, 3, 3, 5])}\n`;
    if (chance(0.5)) s += `  podManagementPolicy: ${pick(['Parallel', 'OrderedReady'])}\n`;
    if (chance(0.5)) s += `  updateStrategy:\n    type: RollingUpdate\n    rollingUpdate:\n      partition: 0\n`;
    s += `  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n  template:\n    metadata:\n      labels:\n        app.kubernetes.io/name: ${name}\n`;
    s += `    spec:\n${this.podSpec('      ', name, pick([1, 1, 2]))}`;
    s += `  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: ["ReadWriteOnce"]\n        storageClassName: ${pick(['standard', 'gp3', 'premium-rwo'])}\n        resources:\n          requests:\n            storage: ${pick(['1Gi', '10Gi', '100Gi'])}\n`;
    return s;
  }

  service() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: v1\nkind: Service\n${this.meta(name, 'Service')}spec:\n`;
    s += `  type: ${pick(['ClusterIP', 'ClusterIP', 'ClusterIP', 'LoadBalancer', 'NodePort'])}\n`;
    if (chance(0.15)) s += '  clusterIP: None\n';
    s += `  selector:\n    app.kubernetes.io/name: ${name}\n  ports:\n`;
    const k = int(1, 3);
    for (let i = 0; i < k; i++) {
      const p = pick([80, 443, 8080, 9090, 5432]);
      s += chance(0.7)
        ? `    - name: ${pick(['http', 'https', 'grpc', 'metrics'])}-${i}\n      port: ${p}\n      targetPort: ${pick(['http', 'grpc', p])}\n      protocol: TCP\n`
        : `    - port: ${p}\n      targetPort: ${p}\n`;
    }
    return s;
  }

  cronJob() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: batch/v1\nkind: CronJob\n${this.meta(name, 'CronJob')}spec:\n  schedule: "${int(0, 59)} ${pick(['*', '*/2', '3', '0'])} * * ${pick(['*', '1-5', '0'])}"\n`;
    s += `  concurrencyPolicy: ${pick(['Forbid', 'Replace', 'Allow'])}\n  successfulJobsHistoryLimit: ${int(1, 5)}\n`;
    s += `  jobTemplate:\n    spec:\n      backoffLimit: ${int(0, 6)}\n`;
    if (chance(0.5)) s += `      activeDeadlineSeconds: ${int(60, 3600)}\n`;
    s += `      template:\n        spec:\n          restartPolicy: ${pick(['OnFailure', 'Never'])}\n          containers:\n`;
    s += `            - name: job\n              image: ${pick(IMAGES)}\n              command:\n                - /bin/sh\n                - -c\n                - |\n`;
    const k = int(2, 8);
    for (let i = 0; i < k; i++)
      s += `                  echo "step ${i}: ${pick(['rotate logs', 'vacuum', 'sync buckets', 'compact', 'report'])}" && sleep ${int(1, 9)}\n`;
    return s;
  }

  hpa() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    const v = pick(['autoscaling/v2', 'autoscaling/v2', 'autoscaling/v2beta2']);
    let s = `apiVersion: ${v}\nkind: HorizontalPodAutoscaler\n${this.meta(name, 'HorizontalPodAutoscaler')}spec:\n`;
    s += `  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${name}\n  minReplicas: ${int(1, 3)}\n  maxReplicas: ${int(4, 50)}\n  metrics:\n`;
    s += `    - type: Resource\n      resource:\n        name: cpu\n        target:\n          type: Utilization\n          averageUtilization: ${int(50, 90)}\n`;
    if (chance(0.4))
      s += `    - type: Resource\n      resource:\n        name: memory\n        target:\n          type: AverageValue\n          averageValue: ${int(100, 900)}Mi\n`;
    if (chance(0.5))
      s += `  behavior:\n    scaleDown:\n      stabilizationWindowSeconds: ${pick([60, 300, 600])}\n      policies:\n        - type: Percent\n          value: ${int(10, 100)}\n          periodSeconds: 60\n`;
    return s;
  }

  pdb() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    return `apiVersion: policy/v1\nkind: PodDisruptionBudget\n${this.meta(name, 'PodDisruptionBudget')}spec:\n  ${chance(0.5) ? `minAvailable: ${pick([1, 2, '50%'])}` : `maxUnavailable: ${int(0, 2)}`}\n  selector:\n    matchLabels:\n      app.kubernetes.io/name: ${name}\n`;
  }

  canary() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: flagger.app/v1beta1\nkind: Canary\n${this.meta(name, 'Canary')}spec:\n`;
    s += `  targetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ${name}\n`;
    if (chance(0.5)) s += `  autoscalerRef:\n    apiVersion: autoscaling/v2\n    kind: HorizontalPodAutoscaler\n    name: ${name}\n`;
    s += `  progressDeadlineSeconds: ${int(60, 600)}\n  service:\n    port: ${pick([80, 8080, 9898])}\n    targetPort: ${pick(['http', 9898])}\n`;
    if (chance(0.5)) s += `    gateways:\n      - public-gateway.istio-system.svc.cluster.local\n    hosts:\n      - ${name}.example.com\n`;
    if (chance(0.5))
      s += `    retries:\n      attempts: ${int(1, 5)}\n      perTryTimeout: ${pick(['1s', '2s', '500ms'])}\n      retryOn: "gateway-error,connect-failure,refused-stream"\n`;
    if (chance(0.2)) s += `    headers:\n      request:\n        add:\n          x-envoy-upstream-rq-timeout-ms: "15000"\n`;
    if (chance(0.1)) s += `    appendHeaders:\n      x-envoy-upstream-rq-timeout-ms: "15000"\n`;
    s += `  analysis:\n    interval: ${pick(['15s', '30s', '1m'])}\n    threshold: ${int(3, 10)}\n    maxWeight: ${pick([30, 50, 60])}\n    stepWeight: ${pick([5, 10, 20])}\n    metrics:\n`;
    s += `      - name: request-success-rate\n        thresholdRange:\n          min: 99\n        interval: 1m\n      - name: request-duration\n        thresholdRange:\n          max: 500\n        interval: 30s\n`;
    if (chance(0.4))
      s += `    webhooks:\n      - name: load-test\n        url: http://flagger-loadtester.test/\n        timeout: 5s\n        metadata:\n          cmd: "hey -z 1m -q 10 -c 2 http://${name}-canary.test:9898/"\n`;
    return s;
  }

  virtualService() {
    const { int, pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: networking.istio.io/v1${pick(['alpha3', 'beta1', ''])}\nkind: VirtualService\n${this.meta(name, 'VirtualService')}spec:\n  hosts:\n    - ${name}\n`;
    if (chance(0.5)) s += `  gateways:\n    - mesh\n    - istio-system/public\n`;
    s += '  http:\n';
    const k = int(1, 3);
    for (let i = 0; i < k; i++) {
      s += `    - name: route-${i}\n`;
      if (chance(0.6)) s += `      match:\n        - uri:\n            prefix: /${pick(PARTS)}\n`;
      s += `      route:\n        - destination:\n            host: ${name}\n            subset: ${pick(['stable', 'v1', 'v2'])}\n          weight: ${pick([100, 90, 50])}\n`;
      if (chance(0.5))
        s += `      retries:\n        attempts: ${int(0, 5)}\n        perTryTimeout: 2s\n        retryOn: 5xx,connect-failure\n`;
      if (chance(0.4)) s += `      timeout: ${pick(['5s', '10s', '30s'])}\n`;
    }
    return s;
  }

  configMap(big) {
    const { int, pick, chance } = this.r;
    const name = this.name();
    let s = `apiVersion: v1\nkind: ConfigMap\n${this.meta(name, 'ConfigMap')}data:\n`;
    s += `  LOG_LEVEL: ${pick(['info', 'debug'])}\n  FEATURE_X: "${chance(0.5)}"\n`;
    if (!big) return s;
    // long block scalars: nginx.conf, application.properties, a JSON blob, a folded description
    const n = int(60, 500);
    s += `  nginx.conf: |\n    worker_processes auto;\n    events {\n      worker_connections 1024;\n    }\n    http {\n`;
    for (let i = 0; i < Math.floor(n / 5); i++)
      s += `      location /${pick(PARTS)}/${i} {\n        proxy_pass http://${pick(TEAMS)}-${pick(PARTS)}:${pick([80, 8080])};\n        proxy_read_timeout ${int(5, 120)}s;  # --- not a document marker\n      }\n`;
    s += `    }\n  application.properties: |-\n`;
    for (let i = 0; i < Math.floor(n / 3); i++)
      s += `    ${pick(TEAMS)}.${pick(PARTS)}.setting${i}=${pick(['true', 'false', int(1, 99999), 'jdbc:postgresql://db:5432/app', '${ENV_VALUE}'])}\n`;
    s += `  routes.json: |\n    {\n      "routes": [\n`;
    for (let i = 0; i < Math.floor(n / 6); i++)
      s += `        {"path": "/${pick(PARTS)}/${i}", "backend": "${pick(TEAMS)}", "timeoutMs": ${int(100, 30000)}},\n`;
    s += `        {"path": "/", "backend": "default"}\n      ]\n    }\n`;
    s += `  README: >\n    This ConfigMap is rendered by the chart; edit values.yaml instead.\n    Lines here are folded into one paragraph: key: value pairs and - dashes\n    inside a block scalar are text, not YAML structure.\n`;
    return s;
  }

  document() {
    const x = this.r.next();
    // weights tuned so a document averages ~67 lines (20k lines ~ 300 documents)
    if (x < 0.27) return this.deployment();
    if (x < 0.44) return this.service();
    if (x < 0.5) return this.statefulSet();
    if (x < 0.56) return this.cronJob();
    if (x < 0.66) return this.hpa();
    if (x < 0.75) return this.pdb();
    if (x < 0.81) return this.canary();
    if (x < 0.88) return this.virtualService();
    if (x < 0.945 || this.small) return this.configMap(false);
    return this.configMap(true);
  }
}

/**
 * Generates about `targetLines` lines (never fewer than one document). Returns the text, its line count
 * and its document count.
 */
export function generateManifest(targetLines, seed = 42) {
  const g = new Gen(seed ^ targetLines);
  g.small = targetLines < 1000; // no 500-line ConfigMaps in a 100-line file
  const parts = [`# Generated by bench/generate.mjs (seed ${seed}, ~${targetLines} lines). Rendered-chart style.\n`];
  let lines = 1;
  let docs = 0;
  let misses = 0;
  while (lines < targetLines || docs === 0) {
    let d = '';
    if (docs > 0 || g.r.chance(0.5)) d += '---\n';
    if (g.r.chance(0.6))
      d += `# Source: ${g.r.pick(TEAMS)}/templates/${g.r.pick(['deployment', 'service', 'hpa', 'configmap', 'canary'])}.yaml\n`;
    d += g.small && docs === 0 ? g.deployment() : g.document(); // even the tiny file has something to lint
    const dl = d.split('\n').length - 1;
    if (g.small && lines + dl > targetLines * 1.05) {
      if (docs > 0 && ++misses > 30) break; // keep tiny files near their size, but fill them
      continue;
    }
    parts.push(d);
    lines += dl;
    docs++;
  }
  const text = parts.join('');
  return { text, lines, documents: docs, bytes: Buffer.byteLength(text) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = parseSize(process.argv[2] ?? '2k');
  const seed = Number(process.argv[3] ?? 42);
  const { text, lines, documents } = generateManifest(size, seed);
  process.stdout.write(text);
  process.stderr.write(`${lines} lines, ${documents} documents, ${text.length} chars\n`);
}
