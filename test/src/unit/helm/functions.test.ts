// Function families: expectations from Go's and Sprig's documented behaviour (the differential test checks
// many more against the real Helm).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { helmFunctions } from '../../../../server/out/engine/render/helm/template';
import { render } from './render';

test('printf and %v follow Go fmt', () => {
  assert.equal(render('{{ printf "%v" (dict "b" 2 "a" (list 1 "x")) }}'), 'map[a:[1 x] b:2]');
  assert.equal(render('{{ 1000000.0 }}|{{ 123456.0 }}|{{ 0.00001 }}|{{ 2.5 }}'), '1e+06|123456|1e-05|2.5');
  assert.equal(
    render('{{ printf "%d %s" "a" 3 }}|{{ printf "%s" }}|{{ printf "%05.1f|%x|%q" 3.14159 255 "a\\"b" }}'),
    '%!d(string=a) %!s(int=3)|%!s(MISSING)|003.1|ff|"a\\"b"',
  );
});

test('strings: byte semantics, indentation, quoting', () => {
  assert.equal(render('{{ trunc 3 "abcdef" }}|{{ trunc -2 "abcdef" }}|{{ substr 1 3 "abcdef" }}'), 'abc|ef|bc');
  assert.equal(render('{{ "a\\nb" | indent 2 }}|{{ "x" | nindent 2 }}'), '  a\n  b|\n  x');
  assert.equal(render('{{ quote "a" 1 nil }}|{{ squote "b" }}|{{ cat "a" nil 2 }}'), '"a" "1"|\'b\'|a 2');
  assert.equal(render('{{ splitList "," "a,b" }}|{{ (split "," "a,b")._1 }}|{{ join "-" (list 1 "x" nil) }}'), '[a b]|b|1-x');
});

test('a cut multi-byte character keeps its raw bytes, as Go strings do (shown as U+FFFD in the output)', () => {
  assert.equal(
    render(
      '{{ trunc 2 "héllo" | b64enc }}|{{ substr 2 4 "héllo" | b64enc }}|{{ trunc 2 "héllo" | len }}|{{ trunc 2 "héllo" | quote }}|{{ trunc 2 "héllo" | toJson }}',
    ),
    'aMM=|qWw=|2|"h\\xc3"|"h\\ufffd"',
  );
  assert.equal(
    render('{{ print (trunc 2 "héllo") (substr 2 7 "héllo") }}|{{ trunc 2 "héllo" }}|{{ "/w==" | b64dec | len }}'),
    'héllo|h\ufffd|1',
  );
});

test('defaults: default, empty, coalesce, ternary', () => {
  assert.equal(
    render(
      '{{ default "d" "" }}|{{ default "d" 0 }}|{{ default "d" (list) }}|{{ default "d" "v" }}|{{ empty (dict) }}|{{ coalesce "" 0 "x" }}|{{ ternary 1 2 true }}',
    ),
    'd|d|d|v|true|x|1',
  );
});

test('conversions and types', () => {
  assert.equal(
    render(
      '{{ int "42" }}|{{ int 3.9 }}|{{ int "x" }}|{{ float64 "1.5" }}|{{ atoi "7" }}|{{ typeOf (add 1 2) }}|{{ typeOf (int 1) }}|{{ typeOf (splitList "," "a") }}|{{ kindOf (dict) }}',
    ),
    '42|3|0|1.5|7|int64|int|[]string|map',
  );
});

test('math: integer functions return int64; float functions use decimal arithmetic', () => {
  assert.equal(
    render('{{ add 1 2.7 "3" }}|{{ div 7 2 }}|{{ mod -7 3 }}|{{ addf 0.1 0.2 }}|{{ mulf 1.1 3 }}|{{ divf 1 3 }}|{{ floor 1.5 }}'),
    '6|3|-1|0.3|3.3|0.3333333333333333|1',
  );
});

test('lists and dicts', () => {
  assert.equal(
    render('{{ append (list 1) 2 }}|{{ has 1 (list 1.0) }}|{{ uniq (list 1 1 "a") }}|{{ without (list 1 2 3) 2 }}|{{ first (list) }}'),
    '[1 2]|false|[1 a]|[1 3]|',
  );
  assert.equal(
    render(
      '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ keys $d | sortAlpha }}|{{ pick $d "a" }}|{{ omit $d "a" }}|{{ hasKey $d "b" }}',
    ),
    '[a b]|map[a:1]|map[b:2]|true',
  );
  assert.equal(
    render(
      '{{ merge (dict "a" 1) (dict "a" 2 "b" 3) }}|{{ mergeOverwrite (dict "a" 1) (dict "a" 2) }}|{{ dig "a" "b" "d" (dict "a" (dict "b" "x")) }}',
    ),
    'map[a:1 b:3]|map[a:2]|x',
  );
});

test('regex: Go syntax translated, Expand templates', () => {
  assert.equal(
    render(
      '{{ regexReplaceAll "(?P<k>\\\\w+)=(\\\\d+)" "a=1 b=2" "${k}:$2" }}|{{ regexFindAll "[0-9]" "a1b2c3" -1 }}|{{ regexMatch "[[:digit:]]+" "x9" }}',
    ),
    'a:1 b:2|[1 2 3]|true',
  );
  assert.equal(render('{{ regexMatch "(" "x" }}'), 'false');
});

test('regex: RE2 that JavaScript reads otherwise is translated (classes, flags, ungreedy, `.` and \\s)', () => {
  // `-` is a range only between two characters; POSIX classes negate; a leading ] is a literal.
  assert.equal(
    render('{{ regexMatch "^[\\\\w-\\\\.]+$" "a-b.c" }}|{{ regexFind "[[:^alpha:]]+" "ab12cd" }}|{{ regexFind "[]a]+" "]a]" }}'),
    'true|12|]a]',
  );
  assert.equal(
    render('{{ regexFind "(?i:ab)c" "xABc ABC" }}|{{ regexFind "a(?i)bc" "aBC" }}|{{ regexFind "(?i:[a-c]+)" "xABCa" }}'),
    'ABc|aBC|ABCa',
  );
  assert.equal(
    render('{{ regexFind "(?U)a+" "aaa" }}|{{ regexFind "(?U)a+?" "aaa" }}|{{ regexFind "(?s:.)+" "a\\nb" | quote }}'),
    'a|aaa|"a\\nb"',
  );
  assert.equal(
    render('{{ regexReplaceAll "." "a\\rb" "x" }}|{{ regexFind "\\\\s+" "a\\vb c" | quote }}|{{ regexFind "a{" "a{" }}'),
    'xxx|" "|a{',
  );
  assert.equal(render('{{ regexFind "\\\\p{Greek}+" "aαβ" }}|{{ regexFind "(?i:k)" "\\u212a" }}'), 'αβ|\u212a');
});

test('encoding and hashes in pure TypeScript', () => {
  assert.equal(
    render('{{ b64enc "hé" }}|{{ b64dec "aMOp" }}|{{ sha256sum "" }}|{{ sha1sum "abc" }}'),
    'aMOp|hé|e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855|a9993e364706816aba3e25717850c26c9cd0d89d',
  );
});

test('semver is Masterminds v3.5: dirty constraints, pre-release groups, its errors', () => {
  assert.equal(
    render(
      '{{ semverCompare "!=1.2.x" "1.2.5" }}|{{ semverCompare "<=1.2" "1.2.9" }}|{{ semverCompare "1.2 - 1.4" "1.3.5" }}|{{ semverCompare "^0.0.3" "0.0.4" }}|{{ semverCompare "*" "1.0.0-alpha" }}|{{ semverCompare ">1" "01.2.3" }}',
    ),
    'false|true|true|false|false|false',
  );
  assert.throws(() => render('{{ semverCompare "bad" "1.0" }}'), /error calling semverCompare: improper constraint: "bad"$/);
  assert.throws(() => render('{{ semverCompare ">1" "x.y" }}'), /error calling semverCompare: invalid semantic version$/);
  assert.throws(() => render('{{ semver "1.2.3-beta.01" }}'), /error calling semver: version segment starts with 0$/);
  assert.equal(
    render('{{ semver "v1.2" }}|{{ (semver "v1.2").Original }}|{{ (semver "1.2.3").LessThan (semver "1.3") }}'),
    '1.2.0|v1.2|true',
  );
});

test('dateInZone: IANA zones with their offsets and tzdata abbreviations; an unknown zone is UTC', () => {
  const layout = '"2006-01-02 15:04:05 MST -0700 Z07:00"';
  const at = (zone: string, t = 1720000000): string => render(`{{ dateInZone ${layout} ${t} "${zone}" }}`);
  assert.equal(at('UTC'), '2024-07-03 09:46:40 UTC +0000 Z');
  assert.equal(at('Europe/Berlin'), '2024-07-03 11:46:40 CEST +0200 +02:00');
  assert.equal(at('Europe/Berlin', 1700000000), '2023-11-14 23:13:20 CET +0100 +01:00');
  assert.equal(at('America/New_York'), '2024-07-03 05:46:40 EDT -0400 -04:00');
  assert.equal(at('Asia/Kolkata'), '2024-07-03 15:16:40 IST +0530 +05:30');
  assert.equal(at('Asia/Singapore'), '2024-07-03 17:46:40 +08 +0800 +08:00');
  assert.equal(at('Asia/Kathmandu'), '2024-07-03 15:31:40 +0545 +0545 +05:45');
  assert.equal(at('Europe/London', 1700000000), '2023-11-14 22:13:20 GMT +0000 Z');
  assert.equal(at('Nowhere/X'), '2024-07-03 09:46:40 UTC +0000 Z');
  assert.equal(at('europe/berlin'), '2024-07-03 09:46:40 UTC +0000 Z', 'Go opens zone files by their exact name');
  assert.equal(render('{{ htmlDateInZone (int64 1720000000) "Asia/Tokyo" }}'), '2024-07-03');
});

test('call: no template value is a function, and the error names the callee as Go does', () => {
  assert.throws(() => render('{{ call nil }}'), /error calling call: call of nil$/);
  assert.throws(() => render('{{ call "x" }}'), /error calling call: non-function "x" of type string$/);
  assert.throws(() => render('{{ $f := 1 }}{{ call $f }}'), /error calling call: non-function \$f of type int$/);
  assert.throws(() => render('{{ 2.5 | call }}'), /error calling call: non-function <float64 Value> of type float64$/);
});

test('%q escapes what Go does not print (format and separator characters), not other Unicode', () => {
  assert.equal(render('{{ quote "a\u00ad\u00a0\ufffd\\U0001F600\u200b\u2028" }}'), '"a\\u00ad\\u00a0\ufffd\u{1F600}\\u200b\\u2028"');
});

test('semver constraints as charts write them', () => {
  assert.equal(
    render(
      '{{ semverCompare ">=1.21-0" "v1.29.0" }}|{{ semverCompare "^1.25.0-0" "1.24.3" }}|{{ semverCompare ">= 1.22.0-0" "v1.29.2-eks-1" }}|{{ semverCompare "<1.19 || >=1.28" "1.29.0" }}',
    ),
    'true|false|true|true',
  );
});

test('random, time and certificates have the right shape', () => {
  const out = render('{{ randAlphaNum 12 }}|{{ uuidv4 }}|{{ (genCA "ca" 365).Cert }}|{{ now | date "2006-01-02" }}').split('|');
  assert.match(out[0], /^[A-Za-z0-9]{12}$/);
  assert.match(out[1], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(out[2], /^-----BEGIN CERTIFICATE-----\n([A-Za-z0-9+/=]{1,64}\n)+-----END CERTIFICATE-----\n$/);
  assert.match(out[3], /^\d{4}-\d{2}-\d{2}$/);
});

test("Helm's functions: required, fail, lookup, fromYaml errors, toJson", () => {
  assert.equal(
    render(
      '{{ lookup "v1" "Pod" "ns" "x" }}|{{ (fromYaml "a: [").Error | empty }}|{{ toJson (dict "h" "<&>") }}|{{ toRawJson (dict "h" "<&>") }}',
    ),
    'map[]|false|{"h":"\\u003c\\u0026\\u003e"}|{"h":"<&>"}',
  );
  assert.throws(
    () => render('{{ required "need x" .Values.x }}'),
    (e: Error & { helmMessage?: string }) => e.helmMessage === 'execution error at (t.yaml:1:3): need x',
  );
  assert.throws(() => render('{{ fail "boom" }}'), /error calling fail: boom/);
});

test('the function table has Sprig minus env/expandenv, plus Helm', () => {
  const table = helmFunctions();
  for (const f of ['include', 'tpl', 'toYaml', 'fromYaml', 'quote', 'default', 'nindent', 'semverCompare', 'genCA']) {
    assert.ok(f in table, f);
  }
  assert.ok(!('env' in table) && !('expandenv' in table));
});
