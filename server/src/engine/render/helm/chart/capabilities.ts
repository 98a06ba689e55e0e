// `.Capabilities` as `helm template` builds it: the Kubernetes version (Helm's default, or --kube-version parsed
// as Kubernetes parses a generic version), the API versions Helm's client-go knows plus --api-versions, and
// Helm's build information.
import { goObject, namedContainer, type GoObject, type GoValue } from '../template/value';

/** Helm v3.21.4's built-in API versions (chartutil.DefaultVersionSet, from its client-go scheme), in its order. */
export const DEFAULT_API_VERSIONS: readonly string[] = [
  'v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1alpha1',
  'admissionregistration.k8s.io/v1beta1',
  'internal.apiserver.k8s.io/v1alpha1',
  'apps/v1',
  'apps/v1beta1',
  'apps/v1beta2',
  'authentication.k8s.io/v1',
  'authentication.k8s.io/v1alpha1',
  'authentication.k8s.io/v1beta1',
  'authorization.k8s.io/v1',
  'authorization.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'batch/v1beta1',
  'certificates.k8s.io/v1',
  'certificates.k8s.io/v1beta1',
  'certificates.k8s.io/v1alpha1',
  'coordination.k8s.io/v1alpha2',
  'coordination.k8s.io/v1beta1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'events.k8s.io/v1',
  'events.k8s.io/v1beta1',
  'extensions/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1beta1',
  'flowcontrol.apiserver.k8s.io/v1beta2',
  'flowcontrol.apiserver.k8s.io/v1beta3',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'node.k8s.io/v1',
  'node.k8s.io/v1alpha1',
  'node.k8s.io/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'rbac.authorization.k8s.io/v1alpha1',
  'resource.k8s.io/v1',
  'resource.k8s.io/v1beta2',
  'resource.k8s.io/v1beta1',
  'resource.k8s.io/v1alpha3',
  'scheduling.k8s.io/v1alpha2',
  'scheduling.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1alpha1',
  'storagemigration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
];

/**
 * The Kubernetes version a release build of Helm v3.21.4 assumes without --kube-version (its Makefile derives it
 * from the client-go it is built with, k8s.io/client-go v0.36). A `go install`ed Helm says v1.20.0 instead.
 */
export const DEFAULT_KUBE_VERSION = 'v1.36.0';

/** Helm's version as `.Capabilities.HelmVersion` reports it for a release build of v3.21.4. */
export const HELM_VERSION = {
  version: 'v3.21.4',
  gitCommit: '813176c51bb5c181dbbd7901298ddcc104cd3417',
  gitTreeState: 'clean',
  goVersion: 'go1.26.8',
};

export interface KubeVersion {
  version: string;
  major: string;
  minor: string;
}

/** chartutil.ParseKubeVersion (Kubernetes' ParseGeneric). Returns Helm's error message on failure. */
export function parseKubeVersion(text: string): KubeVersion | string {
  const m = /^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$/s.exec(text);
  if (!m) return `invalid kube version '${text}': could not parse ${JSON.stringify(text)} as version`;
  const components = m[1].split('.');
  if (components.length < 2) return `invalid kube version '${text}': illegal version string ${JSON.stringify(text)}`;
  if (components[0].length > 1 && components[0].startsWith('0')) {
    return `invalid kube version '${text}': illegal zero-prefixed version component ${JSON.stringify(components[0])} in ${JSON.stringify(text)}`;
  }
  const numbers = components.map((c) => String(Number(c)));
  return { version: `v${numbers.join('.')}`, major: numbers[0], minor: numbers[1] };
}

/** The `.Capabilities` object. */
export function capabilitiesObject(kube: KubeVersion, apiVersions: readonly string[]): GoObject {
  const kubeVersion = goObject('chartutil.KubeVersion', {
    fields: { Version: kube.version, Major: kube.major, Minor: kube.minor },
    methods: { String: () => kube.version, GitVersion: () => kube.version },
    format: () => `{${kube.version} ${kube.major} ${kube.minor}}`,
  });
  const versions = [...apiVersions];
  const versionSet = namedContainer<GoValue[]>([...versions], 'chartutil.VersionSet', 'string', {
    Has: { params: ['string'], fn: (v) => versions.includes(v as string) },
  });
  const helm = HELM_VERSION;
  const helmVersion = goObject('version.BuildInfo', {
    fields: { Version: helm.version, GitCommit: helm.gitCommit, GitTreeState: helm.gitTreeState, GoVersion: helm.goVersion },
    format: () => `{${helm.version} ${helm.gitCommit} ${helm.gitTreeState} ${helm.goVersion}}`,
  });
  return goObject('*chartutil.Capabilities', {
    fields: { KubeVersion: kubeVersion, APIVersions: versionSet, HelmVersion: helmVersion },
    format: () => `&{${kubeVersion.format?.() ?? ''} [${versions.join(' ')}] ${helmVersion.format?.() ?? ''}}`,
  });
}
