// Helm's Go types as templates see them: `.Files` (engine.files, a map[string][]byte with methods) and
// `.Capabilities.APIVersions` (chartutil.VersionSet, a []string with Has) behave as their map and slice; structs
// encode as encoding/json does (tag names, declaration order, omitempty, the embedded chart.Metadata flattened);
// an addressable chartutil.KubeVersion prints through its String method. Expected texts are helm v3.21.4's
// (`helm template x c --kube-version 1.29`).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chartYaml, errors, outputs, render } from './chart-helpers';

/** Renders one template `body` in a chart with two files and maintainers; returns its text or `ERROR: ...`. */
function renderOne(body: string): string {
  const result = render({
    'c/Chart.yaml': chartYaml('c', 'appVersion: "1.0"\nmaintainers:\n- name: me\n  email: a@b\nannotations:\n  x: z\n'),
    'c/files/a.txt': 'hello\n',
    'c/files/b.txt': 'b',
    'c/templates/t.yaml': body,
  });
  assert.deepEqual(errors(result), []);
  return outputs(result)['c/templates/t.yaml'];
}

describe('Helm Go types', () => {
  test('.Files is its map for range, index, len, empty and the encoders; its methods still work', () => {
    assert.equal(
      renderOne('{{ range $k, $v := .Files }}{{ $k }}={{ $v }};{{ end }}'),
      'files/a.txt=[104 101 108 108 111 10];files/b.txt=[98];',
    );
    assert.equal(renderOne('{{ index .Files "files/b.txt" }} {{ len .Files }} {{ empty .Files }} {{ .Files.nope }}'), '[98] 2 false []');
    assert.equal(renderOne('{{ toJson .Files }}'), '{"files/a.txt":"aGVsbG8K","files/b.txt":"Yg=="}');
    assert.equal(renderOne('{{ toYaml .Files }}'), 'files/a.txt: aGVsbG8K\nfiles/b.txt: Yg==');
    assert.equal(renderOne('{{ typeOf .Files }} {{ kindOf .Files }} {{ deepCopy .Files | typeOf }}'), 'engine.files map engine.files');
    assert.equal(renderOne('{{ .Files.Get "files/b.txt" }} {{ .Files.Glob "files/b*" }}'), 'b map[files/b.txt:[98]]');
  });

  test('keys refuses .Files as Go does: engine.files is no map[string]interface {}', () => {
    assert.match(
      renderOne('{{ keys .Files }}'),
      /at <\.Files>: wrong type for value; expected map\[string\]interface \{\}; got engine\.files$/,
    );
  });

  test('.Capabilities.APIVersions is its slice for range, index, len, has, the list functions and the encoders', () => {
    assert.equal(renderOne('{{ has "v1" .Capabilities.APIVersions }} {{ len .Capabilities.APIVersions }}'), 'true 55');
    assert.equal(
      renderOne('{{ index .Capabilities.APIVersions 1 }} {{ first .Capabilities.APIVersions }}'),
      'admissionregistration.k8s.io/v1 v1',
    );
    assert.equal(renderOne('{{ toJson (slice .Capabilities.APIVersions 0 2) }}'), '["v1","admissionregistration.k8s.io/v1"]');
    assert.equal(renderOne('{{ toYaml .Capabilities.APIVersions | trunc 38 }}'), '- v1\n- admissionregistration.k8s.io/v1');
    assert.equal(renderOne('{{ range .Capabilities.APIVersions }}{{ . }},{{ break }}{{ end }}'), 'v1,');
    assert.equal(
      renderOne('{{ typeOf .Capabilities.APIVersions }} {{ .Capabilities.APIVersions.Has "apps/v1" }}'),
      'chartutil.VersionSet true',
    );
  });

  test('structs encode as encoding/json does: tag names, field order, omitempty, embedded fields flattened', () => {
    assert.equal(
      renderOne('{{ toJson .Chart }}'),
      '{"name":"c","version":"1.0.0","maintainers":[{"name":"me","email":"a@b"}],"apiVersion":"v2","appVersion":"1.0","annotations":{"x":"z"},"IsRoot":true}',
    );
    assert.equal(
      renderOne('{{ toYaml .Chart }}'),
      'IsRoot: true\nannotations:\n  x: z\napiVersion: v2\nappVersion: "1.0"\nmaintainers:\n- email: a@b\n  name: me\nname: c\nversion: 1.0.0',
    );
    assert.equal(
      renderOne('{{ toJson .Capabilities.HelmVersion }}'),
      '{"version":"v3.21.4","git_commit":"813176c51bb5c181dbbd7901298ddcc104cd3417","git_tree_state":"clean","go_version":"go1.26.8"}',
    );
    assert.equal(renderOne('{{ toJson .Capabilities.KubeVersion }}'), '{"Version":"v1.29","Major":"1","Minor":"29"}');
    assert.equal(renderOne('{{ toJson .Capabilities | trunc 60 }}'), '{"KubeVersion":{"Version":"v1.29","Major":"1","Minor":"29"},');
  });

  test('a KubeVersion reached as a field prints its String(); passed to a function it is a struct', () => {
    assert.equal(
      renderOne(
        '{{ .Capabilities.KubeVersion }} {{ $k := .Capabilities.KubeVersion }}{{ $k }} {{ with .Capabilities.KubeVersion }}{{ . }}{{ end }}',
      ),
      'v1.29 v1.29 v1.29',
    );
    assert.equal(
      renderOne('{{ .Capabilities.KubeVersion | print }} {{ .Capabilities.KubeVersion | quote }}'),
      '{v1.29 1 29} "{v1.29 1 29}"',
    );
  });

  test('a pointer printed by an action is printed as what it points to', () => {
    assert.equal(renderOne('{{ index .Chart.Maintainers 0 }}'), '{me a@b }');
    assert.match(renderOne('{{ .Capabilities }}'), /^\{\{v1\.29 1 29\} \[v1 admissionregistration/);
  });
});
