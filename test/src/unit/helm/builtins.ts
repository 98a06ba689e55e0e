// Minimal .Release/.Chart/.Capabilities/.Template objects, as `helm template release-name <chart>` builds them
// (helm-chart builds the real ones; these let the template tests run on their own).
import { type GoMap, type GoValue, goInt, goObject, goSlice, typedMap } from '../../../../server/out/engine/render/helm/template';

export function topLevel(values: GoMap, template: string, chartName = 'diff'): GoMap {
  const apiVersions = ['v1', 'apps/v1', 'apps/v1/Deployment', 'batch/v1', 'policy/v1', 'autoscaling/v2', 'networking.k8s.io/v1'];
  const kube = goObject('*chartutil.KubeVersion', {
    fields: { Version: 'v1.29', Major: '1', Minor: '29', GitVersion: 'v1.29' },
    format: () => 'v1.29',
  });
  const capabilities = goObject('*chartutil.Capabilities', {
    fields: {
      KubeVersion: kube,
      APIVersions: goObject('chartutil.VersionSet', {
        methods: { Has: { params: ['string'], fn: (v: GoValue) => apiVersions.includes(v as string) } },
        format: () => `[${apiVersions.join(' ')}]`,
      }),
      HelmVersion: goObject('helmversion.BuildInfo', { fields: { Version: 'v3.21' } }),
    },
  });
  const chart = goObject('*chart.Metadata', {
    fields: { Name: chartName, Version: '0.1.0', AppVersion: '1.0.0', Description: '', Annotations: new Map(), Type: 'application' },
  });
  const release = typedMap(
    new Map<string, GoValue>([
      ['Name', 'release-name'],
      ['Namespace', 'default'],
      ['IsUpgrade', false],
      ['IsInstall', true],
      ['Revision', goInt(1)],
      ['Service', 'Helm'],
    ]),
    'map[string]interface {}',
  );
  return typedMap(
    new Map<string, GoValue>([
      ['Values', typedMap(values, 'chartutil.Values')],
      ['Release', release],
      ['Chart', chart],
      ['Capabilities', capabilities],
      ['Files', goObject('engine.files', { methods: { Get: { params: ['string'], fn: () => '' } } })],
      [
        'Template',
        new Map<string, GoValue>([
          ['Name', template],
          ['BasePath', `${chartName}/templates`],
        ]),
      ],
      ['Subcharts', new Map()],
    ]),
    'chartutil.Values',
  );
}

export { goSlice };
