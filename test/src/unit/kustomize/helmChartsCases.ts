// The kustomizations of the helmCharts differential test: each names the shared charts it copies into its chart
// home (chart name -> folder of ../shared/helm/charts) and its own files.

export interface HelmKustomization {
  name: string;
  charts: Record<string, string>;
  chartHome?: string;
  files: Record<string, string>;
  /** kubectl kustomize fails too: `error` (a plain build error) or `unsupported`. */
  fails?: 'error' | 'unsupported';
}

const HELLO = 'helm__examples__hello-world';
const STORE = 'Azure-Samples__aks-store-demo__aks-store-demo-chart';
const SONIC = 'AlphaOne1__sonicweb__SonicRed';
const KSM = 'prometheus-community__helm-charts__kube-state-metrics';
const NGINX = 'bitnami__charts__nginx';

export const HELM_KUSTOMIZATIONS: HelmKustomization[] = [
  {
    name: 'hello-inline-prefix-patch',
    charts: { 'hello-world': HELLO },
    files: {
      'kustomization.yaml': `helmCharts:
- name: hello-world
  releaseName: web
  namespace: shop
  valuesInline:
    replicaCount: 3
    service:
      port: 8080
namePrefix: team-
patches:
- target:
    kind: Deployment
  patch: |-
    - op: add
      path: /spec/template/spec/containers/0/readinessProbe
      value:
        httpGet:
          path: /healthz
          port: http
`,
    },
  },
  {
    name: 'hello-values-file-namespace',
    charts: { 'hello-world': HELLO },
    files: {
      'kustomization.yaml': `namespace: prod
helmCharts:
- name: hello-world
  releaseName: hello
  valuesFile: prod-values.yaml
  additionalValuesFiles:
  - extra/more.yaml
labels:
- pairs:
    team: web
  includeSelectors: false
images:
- name: nginx
  newTag: "1.27"
`,
      'prod-values.yaml': 'replicaCount: 2\nimage:\n  repository: nginx\n  tag: "1.25"\nserviceAccount:\n  create: false\n',
      'extra/more.yaml': 'service:\n  type: NodePort\n',
    },
  },
  {
    name: 'hello-merge-replace',
    charts: { 'hello-world': HELLO },
    files: {
      'kustomization.yaml': `helmCharts:
- name: hello-world
  releaseName: merged
  valuesMerge: merge
  valuesInline:
    replicaCount: 5
    podAnnotations:
      team: a
- name: hello-world
  releaseName: replaced
  valuesMerge: replace
  valuesInline:
    replicaCount: 4
    image:
      repository: busybox
      tag: "1.36"
    serviceAccount:
      create: true
    service:
      type: ClusterIP
      port: 81
`,
    },
  },
  {
    name: 'store-strategic-patch',
    charts: { 'aks-store-demo-chart': STORE },
    files: {
      'kustomization.yaml': `helmCharts:
- name: aks-store-demo-chart
  releaseName: store
  namespace: store
namePrefix: demo-
patches:
- path: store-front.yaml
replicas:
- name: demo-order-service
  count: 2
`,
      'store-front.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: store-front
spec:
  template:
    spec:
      containers:
      - name: store-front
        resources:
          limits:
            memory: 64Mi
`,
    },
  },
  {
    name: 'store-inline-resources',
    charts: { 'aks-store-demo-chart': STORE },
    files: {
      'kustomization.yaml': `resources:
- extra.yaml
helmCharts:
- name: aks-store-demo-chart
  releaseName: shop
  valuesInline:
    storeFront:
      image:
        tag: "2.0.0"
commonAnnotations:
  owner: shop
`,
      'extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: "1"\n',
    },
  },
  {
    name: 'sonic-subchart-tests',
    charts: { SonicRed: SONIC },
    files: {
      'kustomization.yaml': `helmCharts:
- name: SonicRed
  releaseName: sonic
  namespace: web
  valuesInline:
    replicaCount: 2
nameSuffix: -v1
`,
    },
  },
  {
    name: 'sonic-skip-tests-home',
    charts: { SonicRed: SONIC },
    chartHome: 'vendor/helm',
    files: {
      'kustomization.yaml': `helmGlobals:
  chartHome: vendor/helm
helmCharts:
- name: SonicRed
  releaseName: sonic
  skipTests: true
  valuesInline:
    autoscaling:
      enabled: true
patches:
- target:
    kind: HorizontalPodAutoscaler
  patch: |-
    - op: replace
      path: /spec/minReplicas
      value: 3
`,
    },
  },
  {
    name: 'ksm-namespace-labels',
    charts: { 'kube-state-metrics': KSM },
    files: {
      'kustomization.yaml': `helmCharts:
- name: kube-state-metrics
  releaseName: ksm
  namespace: monitoring
  kubeVersion: "1.29"
  valuesInline:
    replicas: 2
    podDisruptionBudget:
      maxUnavailable: 1
commonLabels:
  stack: observability
`,
    },
  },
  {
    name: 'ksm-prefix-patch',
    charts: { 'kube-state-metrics': KSM },
    files: {
      'kustomization.yaml': `namespace: obs
namePrefix: cluster-
helmCharts:
- name: kube-state-metrics
  releaseName: metrics
  valuesInline:
    rbac:
      create: true
patches:
- target:
    kind: Deployment
    name: metrics-kube-state-metrics
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: metrics-kube-state-metrics
    spec:
      minReadySeconds: 10
`,
    },
  },
  {
    name: 'nginx-library-subchart',
    charts: { nginx: NGINX },
    files: {
      'kustomization.yaml': `helmCharts:
- name: nginx
  releaseName: front
  namespace: edge
  valuesInline:
    replicaCount: 2
    service:
      type: ClusterIP
    # Self-signed certificates are random in Helm too.
    tls:
      enabled: false
namePrefix: edge-
`,
    },
  },
  {
    name: 'nginx-values-file-patch',
    charts: { nginx: NGINX },
    files: {
      'kustomization.yaml': `helmCharts:
- name: nginx
  releaseName: site
  valuesFile: site.yaml
patches:
- target:
    kind: Deployment
  patch: |-
    - op: replace
      path: /spec/replicas
      value: 4
`,
      'site.yaml':
        'tls:\n  enabled: false\nservice:\n  type: ClusterIP\npdb:\n  create: true\n  minAvailable: 1\nnetworkPolicy:\n  enabled: false\n',
    },
  },
  {
    name: 'error-missing-chart',
    charts: {},
    fails: 'error',
    files: { 'kustomization.yaml': 'helmCharts:\n- name: absent\n  releaseName: x\n' },
  },
];
