// Values as Helm assembles them: chart defaults under parent values under user files under --set, null deleting
// a default, globals copied down, condition/tags/alias/import-values, and origins surviving it all. Expected
// outputs are what helm v3.21.4 prints for the same chart and flags.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartYaml, errors, outputs, render } from './chart-helpers';

const PARENT: Record<string, string> = {
  'c/Chart.yaml':
    'apiVersion: v2\nname: p\nversion: 1.0.0\ndependencies:\n  - name: sub\n    version: 1.x\n    condition: sub.enabled,global.subEnabled\n' +
    '  - name: sub\n    alias: sub2\n    version: 1.x\n    tags: [extra]\n  - name: other\n    version: 2.0.0\n    import-values:\n' +
    '      - data\n      - child: exported.deep\n        parent: fromOther\n',
  'c/values.yaml':
    'global:\n  region: eu\n  labels:\n    team: a\nsub:\n  replicas: 3\n  drop: null\ntags:\n  extra: true\nfromOther:\n  kept: parent\n',
  'c/templates/p.yaml': 'p: {{ toJson .Values }}\n',
  'c/charts/other/Chart.yaml': 'apiVersion: v2\nname: other\nversion: 2.0.0\n',
  'c/charts/other/values.yaml': 'exports:\n  data:\n    imported: fromExports\nexported:\n  deep:\n    kept: child\n    added: child\n',
  'c/charts/other/templates/o.yaml': 'o: {{ toJson .Values }}\n',
  'c/charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.2.0\n',
  'c/charts/sub/values.yaml': 'replicas: 1\ndrop: me\nkeep: yes\nglobal:\n  region: us\n  labels:\n    tier: web\n  own: sub\n',
  'c/charts/sub/templates/s.yaml': 's: {{ toJson .Values }}\nname: {{ .Chart.Name }}\n',
};

describe('values of a chart and its subcharts', () => {
  test('defaults, parent overrides, globals, null, alias, tags and import-values, as helm template prints them', () => {
    const result = render(PARENT);
    assert.deepEqual(errors(result), []);
    const globals = '"global":{"labels":{"team":"a"},"region":"eu"}';
    const subGlobals = '"global":{"labels":{"team":"a","tier":"web"},"own":"sub","region":"eu"}';
    assert.deepEqual(outputs(result), {
      'p/charts/sub2/templates/s.yaml': `s: {"drop":"me",${subGlobals},"keep":true,"replicas":1}\nname: sub2\n`,
      'p/charts/sub/templates/s.yaml': `s: {${subGlobals},"keep":true,"replicas":3}\nname: sub\n`,
      'p/charts/other/templates/o.yaml': `o: {"exported":{"deep":{"added":"child","kept":"child"}},"exports":{"data":{"imported":"fromExports"}},${globals}}\n`,
      'p/templates/p.yaml':
        `p: {"fromOther":{"added":"child","kept":"parent"},${globals},"imported":"fromExports",` +
        `"other":{"exported":{"deep":{"added":"child","kept":"child"}},"exports":{"data":{"imported":"fromExports"}},${globals}},` +
        `"sub":{${subGlobals},"keep":true,"replicas":3},"sub2":{"drop":"me",${subGlobals},"keep":true,"replicas":1},"tags":{"extra":true}}\n`,
    });
  });

  test('user files in order, then --set and --set-string; the first condition that resolves decides; a false tag disables', () => {
    const files = {
      ...PARENT,
      'u1.yaml': 'sub:\n  keep: null\n  replicas: 5\nglobal:\n  subEnabled: true\n',
      'u2.yaml': 'sub:\n  enabled: false\n',
    };
    const result = render(files, {
      valuesFiles: ['u1.yaml', 'u2.yaml'],
      set: ['sub.extra=7', 'tags.extra=false'],
      setString: ['fromOther.kept=8'],
    });
    assert.deepEqual(errors(result), []);
    const globals = '"global":{"labels":{"team":"a"},"region":"eu","subEnabled":true}';
    assert.deepEqual(outputs(result), {
      'p/charts/other/templates/o.yaml': `o: {"exported":{"deep":{"added":"child","kept":"child"}},"exports":{"data":{"imported":"fromExports"}},${globals}}\n`,
      'p/templates/p.yaml':
        `p: {"fromOther":{"added":"child","kept":"8"},${globals},"imported":"fromExports",` +
        `"other":{"exported":{"deep":{"added":"child","kept":"child"}},"exports":{"data":{"imported":"fromExports"}},${globals}},` +
        `"sub":{"drop":null,"enabled":false,"extra":7,"keep":null,"replicas":5},"tags":{"extra":false}}\n`,
    });
    // The disabled subchart's values.yaml decided nothing.
    assert.deepEqual(result.valuesFiles, ['u2.yaml', 'u1.yaml', 'c/values.yaml', 'c/charts/other/values.yaml']);
  });

  test('a dependency whose version range does not match keeps its own name (Helm skips the alias)', () => {
    const result = render({
      'c/Chart.yaml': chartYaml('c', 'dependencies:\n  - name: sub\n    alias: renamed\n    repository: file://x\n'),
      'c/charts/sub/Chart.yaml': chartYaml('sub'),
      'c/charts/sub/templates/s.yaml': 'name: {{ .Chart.Name }}\n',
    });
    assert.deepEqual(outputs(result), { 'c/charts/sub/templates/s.yaml': 'name: sub\n' });
  });

  test('a null from --set deletes the chart default, and only that key', () => {
    const result = render(
      {
        'c/Chart.yaml': chartYaml('c'),
        'c/values.yaml': 'resources:\n  limits:\n    cpu: 1\n  requests:\n    cpu: 1\n',
        'c/templates/x.yaml': '{{ toJson .Values }}',
      },
      { set: ['resources.limits=null'] },
    );
    assert.deepEqual(outputs(result), { 'c/templates/x.yaml': '{"resources":{"requests":{"cpu":1}}}' });
  });

  test('bad user values are errors in Helm words', () => {
    const files = { 'c/Chart.yaml': chartYaml('c'), 'bad.yaml': 'a: [\n', 'list.yaml': '- 1\n' };
    assert.match(
      errors(render(files, { valuesFiles: ['bad.yaml'] }))[0],
      /^failed to parse bad\.yaml: error converting YAML to JSON: yaml: line \d+: /,
    );
    assert.deepEqual(errors(render(files, { valuesFiles: ['missing.yaml'] })), ['open missing.yaml: no such file or directory']);
    assert.deepEqual(errors(render(files, { set: ['a,b'] })), ['failed parsing --set data: key "a" has no value (cannot end with ,)']);
    assert.deepEqual(errors(render(files, { valuesFiles: ['list.yaml'] })), [
      'failed to parse list.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}',
    ]);
  });
});

describe('origins of values', () => {
  test('a printed value points at the values file node that decided it', () => {
    const values = 'image:\n  tag: "1.0"\nreplicas: 2\n';
    const user = 'replicas: 4\n';
    const result = render(
      {
        'c/Chart.yaml': chartYaml('c'),
        'c/values.yaml': values,
        'u.yaml': user,
        'c/templates/x.yaml': 'tag: {{ .Values.image.tag }}\nreplicas: {{ .Values.replicas }}\n',
      },
      { valuesFiles: ['u.yaml'] },
    );
    const rendered = result.templates[0].rendered;
    assert.ok(rendered);
    const via = (text: string): { file: string; text: string } | undefined => {
      const at = rendered.text.indexOf(text);
      const span = rendered.origins.find((o) => o.start <= at && at < o.end && o.via && o.via.length > 0);
      const source = span?.via?.[0];
      if (!source) return undefined;
      const sourceText = source.file === 'u.yaml' ? user : values;
      return { file: source.file, text: sourceText.slice(source.start, source.end) };
    };
    assert.deepEqual(via('1.0'), { file: 'c/values.yaml', text: '"1.0"' });
    assert.deepEqual(via('4'), { file: 'u.yaml', text: '4' });
  });

  test("through coalescing into a subchart: the parent's override and a global point into the parent's values.yaml", () => {
    const parentValues = 'global:\n  registry: example.io\nsub:\n  image: nginx\n';
    const subValues = 'image: busybox\nport: 80\n';
    const result = render({
      'c/Chart.yaml': chartYaml('c'),
      'c/values.yaml': parentValues,
      'c/charts/sub/Chart.yaml': chartYaml('sub'),
      'c/charts/sub/values.yaml': subValues,
      'c/charts/sub/templates/s.yaml': 'image: {{ .Values.global.registry }}/{{ .Values.image }}:{{ .Values.port }}\n',
    });
    const rendered = result.templates[0].rendered;
    assert.ok(rendered);
    assert.equal(rendered.text, 'image: example.io/nginx:80\n');
    const sources = (text: string): string[] => {
      const at = rendered.text.indexOf(text);
      return rendered.origins
        .filter((o) => o.start <= at && at < o.end)
        .flatMap((o) => o.via ?? [])
        .map((v) => `${v.file}:${(v.file === 'c/values.yaml' ? parentValues : subValues).slice(v.start, v.end)}`);
    };
    assert.deepEqual(sources('example.io'), ['c/values.yaml:example.io']);
    assert.deepEqual(sources('nginx'), ['c/values.yaml:nginx']);
    assert.deepEqual(sources('80'), ['c/charts/sub/values.yaml:80']);
  });
});
