// The built-in objects a chart's templates see besides `.Values`: `.Chart` (the metadata with Go field names,
// plus IsRoot), `.Files` (the chart's other files with Helm's methods), `.Release` and `.Template` (plain maps,
// as in Helm).
import { goInt, goObject, goSlice, namedContainer, typedMap, type GoMap, type GoObject, type GoValue } from '../template/value';
import { compileFilesGlob } from './glob';
import type { Chart, ChartFile, Dependency, Maintainer } from './model';

/** Serializes a Go map as Helm's toYaml does; supplied by the renderer from the template functions. */
export type ToYaml = (value: GoMap) => string;

/** `.Files`: engine.files, the chart's files other than templates, values and Chart.yaml (a map[string][]byte). */
export function filesObject(files: readonly ChartFile[], toYaml: ToYaml): GoMap {
  const byName = new Map(files.map((f) => [f.name, f]));
  const bytesOf = (name: string): Uint8Array => byName.get(name)?.bytes() ?? new Uint8Array(0);
  const base = (name: string): string => name.slice(name.lastIndexOf('/') + 1);
  const asMap = new Map<string, GoValue>(sortedByName(files).map((f) => [f.name, f.bytes()]));
  return namedContainer(asMap, 'engine.files', '[]uint8', {
    Get: { params: ['string'], fn: (name) => byName.get(name as string)?.text() ?? '' },
    GetBytes: { params: ['string'], fn: (name) => bytesOf(name as string) },
    Glob: {
      params: ['string'],
      fn: (pattern) => {
        // gobwas/glob refuses some patterns; Helm then matches everything.
        const regex = compileFilesGlob(pattern as string) ?? /^.*$/s;
        return filesObject(
          files.filter((f) => regex.test(f.name)),
          toYaml,
        );
      },
    },
    AsConfig: {
      params: [],
      fn: () => {
        const m = typedMap(new Map<string, GoValue>(), 'map[string]string');
        for (const f of sortedByName(files)) m.set(base(f.name), f.text());
        return toYaml(m);
      },
    },
    AsSecrets: {
      params: [],
      fn: () => {
        const m = typedMap(new Map<string, GoValue>(), 'map[string]string');
        for (const f of sortedByName(files)) m.set(base(f.name), base64(f.bytes()));
        return toYaml(m);
      },
    },
    Lines: {
      params: ['string'],
      fn: (name) => {
        const f = byName.get(name as string);
        if (!f) return goSlice([], 'string');
        let text = f.text();
        if (text === '') return goSlice([], 'string');
        if (text.endsWith('\n')) text = text.slice(0, -1);
        return goSlice(text.split('\n'), 'string');
      },
    },
  });
}

// When two files share a base name, Helm keeps whichever its map iteration visits last; sorted order is one.
function sortedByName(files: readonly ChartFile[]): ChartFile[] {
  return [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function base64(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += alphabet[(n >> 18) & 63] + alphabet[(n >> 12) & 63];
    out += i + 1 < bytes.length ? alphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? alphabet[n & 63] : '=';
  }
  return out;
}

/** `.Chart`: struct { chart.Metadata; IsRoot bool }. */
export function chartObject(chart: Chart): GoObject {
  const md = chart.metadata;
  const maintainers = goSlice(md.maintainers.map(maintainerObject), '*chart.Maintainer');
  const dependencies = goSlice(md.dependencies.map(dependencyObject), '*chart.Dependency');
  const annotations = typedMap(new Map<string, GoValue>(md.annotations), 'map[string]string');
  const fields: Record<string, GoValue> = {
    Name: md.name,
    Home: md.home,
    Sources: goSlice([...md.sources], 'string'),
    Version: md.version,
    Description: md.description,
    Keywords: goSlice([...md.keywords], 'string'),
    Maintainers: maintainers,
    Icon: md.icon,
    APIVersion: md.apiVersion,
    Condition: md.condition,
    Tags: md.tags,
    AppVersion: md.appVersion,
    Deprecated: md.deprecated,
    Annotations: annotations,
    KubeVersion: md.kubeVersion,
    Dependencies: dependencies,
    Type: md.type,
  };
  const metadataFormat = (): string =>
    `{${md.name} ${md.home} [${md.sources.join(' ')}] ${md.version} ${md.description} [${md.keywords.join(' ')}] ` +
    `[${md.maintainers.map(() => '0xc000000000').join(' ')}] ${md.icon} ${md.apiVersion} ${md.condition} ${md.tags} ${md.appVersion} ` +
    `${md.deprecated} map[${[...md.annotations.keys()]
      .sort()
      .map((k) => `${k}:${md.annotations.get(k) ?? ''}`)
      .join(' ')}] ${md.kubeVersion} [${md.dependencies.map(() => '0xc000000000').join(' ')}] ${md.type}}`;
  const metadata = goObject('chart.Metadata', { fields, format: metadataFormat });
  return goObject('struct { chart.Metadata; IsRoot bool }', {
    fields: { ...fields, Metadata: metadata, IsRoot: chart.parent === undefined },
    format: () => `{${metadataFormat()} ${chart.parent === undefined}}`,
  });
}

function maintainerObject(m: Maintainer): GoObject {
  return goObject('*chart.Maintainer', {
    fields: { Name: m.name, Email: m.email, URL: m.url },
    format: () => `&{${m.name} ${m.email} ${m.url}}`,
  });
}

function dependencyObject(d: Dependency): GoObject {
  return goObject('*chart.Dependency', {
    fields: {
      Name: d.name,
      Version: d.version,
      Repository: d.repository,
      Condition: d.condition,
      Tags: goSlice([...d.tags], 'string'),
      Enabled: d.enabled,
      ImportValues: goSlice([...d.importValues]),
      Alias: d.alias,
    },
    format: () => `&{${d.name} ${d.version} ${d.repository} ${d.condition} [${d.tags.join(' ')}] ${d.enabled} [...] ${d.alias}}`,
  });
}

export interface ReleaseInfo {
  name: string;
  namespace: string;
  isUpgrade: boolean;
}

/** `.Release`: a plain map, as Helm builds it. */
export function releaseMap(release: ReleaseInfo): GoMap {
  return new Map<string, GoValue>([
    ['Name', release.name],
    ['Namespace', release.namespace],
    ['IsUpgrade', release.isUpgrade],
    ['IsInstall', !release.isUpgrade],
    ['Revision', goInt(1)],
    ['Service', 'Helm'],
  ]);
}

/** `.Template`: chartutil.Values{Name, BasePath}. */
export function templateMap(name: string, basePath: string): GoMap {
  return typedMap(
    new Map<string, GoValue>([
      ['Name', name],
      ['BasePath', basePath],
    ]),
    'chartutil.Values',
  );
}
