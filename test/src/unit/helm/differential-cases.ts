// Small templates exercising each language feature and function, rendered by the real Helm and by the
// in-process renderer (differential.test.ts). `b64` cases wrap the output in base64 so that any text can be
// compared inside a YAML document (Helm requires each rendered document to be YAML); `raw` cases are YAML
// themselves and also exercise Helm's "<no value>" removal and whitespace handling.

export const VALUES = `name: web
replicas: 3
port: 8080
ratio: 0.5
big: 1000000
huge: 12345678901
small: 0.0000001
neg: -2
enabled: true
disabled: false
empty: ""
zero: 0
nothing: null
emptyMap: {}
emptyList: []
list: [b, a, c]
nums: [1, 2, 3]
labels:
  app: web
  tier: backend
  zeta: z
  alpha10: x
  alpha9: y
  "1x": one
resources:
  limits: {cpu: 100m, memory: 128Mi}
  requests: {cpu: 50m}
env:
  - name: A
    value: "1"
  - name: B
    value: "yes"
multiline: |
  line one
  line two
multinoeol: "first\\nsecond"
leadingspace: "  indented\\nnext"
trailing: "ends with space "
quoted: "123"
boolish: "true"
yes: "yes"
colon: "a: b"
hash: "#comment"
star: "*star"
dash: "- item"
long: "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"
longword: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa bbb"
tab: "a\\tb"
unicode: "héllo wörld"
html: "<a href='x'>&</a>"
version: "1.2.3"
date: 2024-01-02
octal: 0755
sexa: "1:20"
tplString: "{{ .Values.name }}-suffix"
nested:
  deep:
    key: value
`;

export const B64_CASES: string[] = [
  // printing and %v
  '{{ .Values.name }}|{{ .Values.replicas }}|{{ .Values.ratio }}|{{ .Values.big }}|{{ .Values.huge }}|{{ .Values.small }}|{{ .Values.neg }}',
  '{{ .Values.missing }}|{{ .Values.nothing }}|{{ .Values.labels }}|{{ .Values.list }}|{{ .Values.env }}|{{ .Values.emptyMap }}|{{ .Values.emptyList }}',
  '{{ .Values.date }}|{{ .Values.octal }}|{{ .Values.sexa }}|{{ .Values.yes }}|{{ .Values.enabled }}',
  '{{ printf "%v|%s|%d|%q|%5.2f|%x|%T|%-4s|%04d|%+d" .Values.list .Values.name 42 .Values.name .Values.ratio 255 .Values.replicas "a" 7 5 }}',
  '{{ printf "%d|%s|%v %v" .Values.replicas .Values.nothing 1 }}|{{ printf "%s" "a" "extra" }}|{{ printf "%t %e %g %.3g" true 1234.5678 0.000012 3.14159 }}',
  '{{ print 1 2 "a" 3 "b" "c" }}|{{ println "a" 1 }}|{{ print .Values.nothing }}|{{ print }}',
  '{{ html .Values.html }}|{{ js "a\'b<\\"c" }}|{{ urlquery "a b&c/d" }}',
  // control flow, variables, scopes
  '{{ if .Values.enabled }}A{{ else if .Values.disabled }}B{{ else }}C{{ end }}{{ if .Values.empty }}D{{ else if .Values.zero }}E{{ else }}F{{ end }}',
  '{{ with .Values.labels }}{{ .app }}{{ end }}{{ with .Values.emptyMap }}x{{ else }}none{{ end }}{{ with .Values.missing }}x{{ else with .Values.name }}{{ . }}{{ end }}',
  '{{ range $i, $v := .Values.list }}{{ $i }}={{ $v }},{{ end }}{{ range .Values.labels }}{{ . }};{{ end }}{{ range $k, $v := .Values.labels }}{{ $k }}:{{ $v }} {{ end }}',
  '{{ range 3 }}{{ . }}{{ end }}|{{ range $i := 2 }}{{ $i }}{{ end }}|{{ range .Values.emptyList }}x{{ else }}empty{{ end }}|{{ range .Values.missing }}x{{ else }}nil{{ end }}',
  '{{ range .Values.nums }}{{ if eq . 2.0 }}{{ continue }}{{ end }}{{ if gt . 2.0 }}{{ break }}{{ end }}{{ . }}{{ end }}',
  '{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}|{{ $y := 1 }}{{ if true }}{{ $y := 2 }}{{ $y }}{{ end }}{{ $y }}|{{ range .Values.list }}{{ $.Values.name }}{{ end }}',
  'a {{- " b " -}} c {{- /* comment */ -}} d {{/* plain comment */}} e\n  {{- "f" }}\n{{ "g" -}}\n  h',
  '{{ and 1 0 "x" }}|{{ or 0 "" .Values.name }}|{{ and .Values.enabled .Values.name }}|{{ not .Values.empty }}|{{ or .Values.missing .Values.nothing }}',
  // comparisons
  '{{ eq .Values.replicas 3.0 }}|{{ eq .Values.name "x" "web" }}|{{ ne 1 2 }}|{{ lt 1 2 }}|{{ gt .Values.ratio 0.1 }}|{{ le "a" "b" }}|{{ ge 2 2 }}|{{ eq .Values.missing nil }}|{{ eq .Values.nothing "x" }}',
  '{{ eq (int 3) 3 }}|{{ eq (len .Values.list) 3 }}|{{ eq (add 1 2) (int64 3) }}|{{ eq true .Values.enabled }}',
  // index, slice, len
  '{{ index .Values.labels "app" }}|{{ index .Values.list 1 }}|{{ index .Values "nested" "deep" "key" }}|{{ index .Values.labels "nope" }}|{{ len .Values.unicode }}|{{ len .Values.labels }}',
  '{{ slice .Values.list 1 }}|{{ slice .Values.list 0 2 }}|{{ .Values.nested.deep.key }}|{{ (index .Values.env 1).value }}',
  // default, empty, coalesce, ternary
  '{{ default "d" .Values.empty }}|{{ default "d" .Values.zero }}|{{ default "d" .Values.nothing }}|{{ default "d" .Values.emptyMap }}|{{ default "d" .Values.disabled }}|{{ default "d" .Values.enabled }}|{{ .Values.missing | default "p" }}',
  '{{ empty .Values.zero }}|{{ empty .Values.emptyList }}|{{ empty .Values.name }}|{{ empty .Values.missing }}|{{ coalesce .Values.empty .Values.zero .Values.name }}|{{ ternary "y" "n" .Values.enabled }}|{{ ternary "y" "n" false }}',
  // strings
  '{{ quote .Values.name }}|{{ quote .Values.replicas }}|{{ quote .Values.nothing }}|{{ quote "a\\"b" 1 }}|{{ squote .Values.name }}|{{ .Values.tab | quote }}',
  '{{ upper .Values.name }}|{{ lower "ABC" }}|{{ title "hello world" }}|{{ trim "  x  " }}|{{ trimSuffix "-x" "a-x" }}|{{ trimPrefix "a-" "a-x" }}|{{ trimAll "$" "$$5$" }}',
  '{{ trunc 5 .Values.long }}|{{ trunc -3 "abcdef" }}|{{ trunc 63 .Values.unicode }}|{{ substr 1 4 "abcdef" }}|{{ substr 0 100 "ab" }}',
  '{{ replace "a" "b" "banana" }}|{{ contains "an" "banana" }}|{{ hasPrefix "ba" "banana" }}|{{ hasSuffix "na" "banana" }}|{{ cat "a" 1 .Values.nothing "b" }}|{{ repeat 3 "ab" }}|{{ nospace "a b c" }}',
  '{{ indent 2 "a\\nb" }}|{{ nindent 4 "x" }}|{{ splitList "," "a,b,,c" }}|{{ (split "." "a.b.c")._1 }}|{{ join "," .Values.nums }}|{{ join "-" .Values.list }}|{{ toString 3.0 }}',
  '{{ sortAlpha .Values.list }}|{{ "abc" | upper | repeat 2 }}|{{ kebabcase "FooBar" }}|{{ snakecase "FooBar" }}|{{ camelcase "foo_bar" }}',
  // conversions and types
  '{{ int "42" }}|{{ int 3.9 }}|{{ int64 .Values.big }}|{{ float64 "2.5" }}|{{ atoi "12" }}|{{ int "x" }}|{{ int .Values.nothing }}',
  '{{ typeOf .Values.replicas }}|{{ typeOf (int 3) }}|{{ typeOf (list 1) }}|{{ typeOf (splitList "," "a") }}|{{ typeOf .Values }}|{{ typeOf .Values.labels }}|{{ typeOf 1 }}|{{ typeOf .Values.nothing }}',
  '{{ kindOf .Values.labels }}|{{ kindIs "map" .Values.labels }}|{{ kindIs "slice" .Values.list }}|{{ typeIs "string" .Values.name }}|{{ kindOf 1 }}|{{ kindIs "string" .Values.name }}',
  // math
  '{{ add 1 2 3 }}|{{ add1 .Values.replicas }}|{{ sub 5 2 }}|{{ mul 2 3 4 }}|{{ div 7 2 }}|{{ mod 7 3 }}|{{ max 1 5 3 }}|{{ min 4 2 }}|{{ add .Values.replicas 1 }}',
  '{{ addf 0.1 0.2 }}|{{ mulf 1.1 3 }}|{{ divf 10 3 }}|{{ subf 1 0.9 }}|{{ floor 2.7 }}|{{ ceil 2.1 }}|{{ round 2.567 2 }}|{{ until 3 }}|{{ untilStep 0 10 3 }}',
  // lists
  '{{ list 1 "a" nil }}|{{ append .Values.list "d" }}|{{ prepend .Values.list "z" }}|{{ first .Values.list }}|{{ last .Values.list }}|{{ rest .Values.list }}|{{ initial .Values.list }}',
  '{{ reverse .Values.list }}|{{ uniq (list 1 1 2 "a" "a") }}|{{ compact (list 1 "" nil 0 "x") }}|{{ without .Values.list "a" }}|{{ has "a" .Values.list }}|{{ has 1 .Values.nums }}|{{ concat .Values.list (list 1) }}',
  // dicts
  '{{ dict "b" 1 "a" "x" }}|{{ get .Values.labels "app" }}|{{ get .Values.labels "nope" }}|{{ hasKey .Values.labels "tier" }}|{{ keys .Values.labels | sortAlpha }}|{{ values (dict "a" 1) }}',
  '{{ $d := dict "a" 1 }}{{ $_ := set $d "b" 2 }}{{ $d }}|{{ $_ := unset $d "a" }}{{ $d }}|{{ pick .Values.labels "app" "tier" }}|{{ omit .Values.labels "app" "tier" }}',
  '{{ merge (dict "a" 1 "n" (dict "x" 1)) (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 3)) }}|{{ mergeOverwrite (dict "a" 1 "e" "keep") (dict "a" 2 "b" 3 "e" "") }}',
  '{{ $c := deepCopy .Values.labels }}{{ $_ := set $c "app" "changed" }}{{ .Values.labels.app }}|{{ dig "deep" "key" "dflt" .Values.nested }}|{{ dig "nope" "x" "dflt" .Values.nested }}|{{ pluck "a" (dict "a" 1) (dict "b" 2) }}',
  // regex
  '{{ regexMatch "^w.b$" .Values.name }}|{{ regexFind "[0-9]+" "ab123cd45" }}|{{ regexFindAll "[0-9]" "a1b2c3" 2 }}|{{ regexReplaceAll "(a)(b)" "xabyab" "${2}$1" }}|{{ regexReplaceAllLiteral "a" "banana" "$1" }}|{{ regexSplit "," "a,b,c" -1 }}',
  '{{ regexReplaceAll "(?P<first>\\\\w+) (?P<second>\\\\w+)" "hello world" "${second} ${first}" }}|{{ regexMatch "(?i)WEB" .Values.name }}|{{ regexReplaceAll "[^a-z0-9-]" "My_App.Name" "-" }}',
  // RE2 where JavaScript differs: classes as Go reads them, scoped and mid-pattern flags, ungreedy, `.` and \\s
  '{{ regexMatch "^[\\\\w-\\\\.]+$" "a-b.c" }}|{{ regexFind "[[:^alpha:]]+" "ab12cd" }}|{{ regexFind "[^[:^digit:]x]+" "ab12x" }}|{{ regexFind "[]a]+" "]a]" }}|{{ regexFind "[a-]+" "a-a" }}|{{ regexFind "\\\\p{Greek}+" "aαβ" }}',
  '{{ regexFind "(?i:ab)c" "xABc ABC" }}|{{ regexFind "a(?i)bc" "aBC" }}|{{ regexFind "(?i:[a-c]+)" "xABCa" }}|{{ regexFind "(?U)a+" "aaa" }}|{{ regexFind "(?U)a+?" "aaa" }}|{{ regexFind "(?s:.)+" "a\\nb" | quote }}|{{ regexFind "(?m)^b$" "a\\nb" }}',
  '{{ regexReplaceAll "." "a\\rb" "x" }}|{{ regexFind "a{" "a{" }}|{{ regexFind "\\\\s+" "a\\vb c" | quote }}|{{ regexFind "\\\\x41\\\\x{42}" "AB" }}|{{ regexFind "\\\\Qa.b\\\\E" "a.b" }}|{{ regexFind "(?i:k)" "\\u212a" }}',
  // encoding
  '{{ b64enc "hello wörld" }}|{{ b64dec "aGVsbG8=" }}|{{ b32enc "hi" }}|{{ sha256sum "abc" }}|{{ sha1sum "abc" }}|{{ adler32sum "abc" }}|{{ b64enc .Values.long | b64dec }}',
  // semver
  '{{ semverCompare ">=1.21-0" "v1.29.0" }}|{{ semverCompare "^1.25.0-0" "1.29.0" }}|{{ semverCompare ">= 1.22.0-0" "v1.29.0" }}|{{ semverCompare "<1.20" "1.29.0" }}|{{ semverCompare "~1.2" "1.2.9" }}|{{ semverCompare "1.2.x" "1.3.0" }}|{{ semverCompare ">=1.21" "1.29.0-rc.1" }}',
  '{{ (semver "1.2.3-beta.1").Prerelease }}|{{ (semver "v1.2.3").Major }}|{{ (semver "1.2.3").Minor }}|{{ semverCompare ">=1.21-0" .Capabilities.KubeVersion.Version }}|{{ .Capabilities.KubeVersion.Version }}',
  // complex keys, break characters, time zones, semver as Masterminds v3.5, %q's printable set
  '{{ toYaml (dict (repeat 130 "k") 1) }}|{{ toYaml (dict "top" (dict (repeat 129 "k") (dict "a" 1) "b" "y")) }}|{{ toYaml (list (dict (repeat 130 "k") (list 1 2))) }}|{{ toYaml (dict "a\\nb" (dict "x" 1)) }}',
  '{{ toYaml (dict (repeat 30 "word ") (repeat 30 "word ")) }}|{{ toYaml (dict "a" "x\\u2028y\\n") }}|{{ toYaml (list "x\\u2028") }}|{{ toYaml (dict "a" "x\\n\\n") }}',
  '{{ dateInZone "2006-01-02 15:04:05 MST -0700 Z07:00" 1720000000 "Europe/Berlin" }}|{{ dateInZone "15:04 MST" 1700000000 "America/New_York" }}|{{ dateInZone "15:04 MST Z07" 1720000000 "Asia/Kolkata" }}|{{ dateInZone "15:04 MST" 1720000000 "Asia/Dubai" }}|{{ dateInZone "15:04 MST" 1720000000 "Bad/Zone" }}',
  '{{ semverCompare "!=1.2.x" "1.2.5" }}|{{ semverCompare "<=1.2" "1.2.9" }}|{{ semverCompare "1.2 - 1.4" "1.3.5" }}|{{ semverCompare "^0.0.3" "0.0.4" }}|{{ semverCompare "*" "1.0.0-alpha" }}|{{ semverCompare ">1" "01.2.3" }}|{{ semver "v1.2" }}',
  '{{ quote "a\\u00ad\\u00a0\\ufffd\\U0001F600\\u200b\\u2028" }}|{{ printf "%q" "x\\u0085" }}',
  // yaml and json
  '{{ toYaml .Values.labels }}|{{ toYaml .Values.resources }}|{{ toYaml .Values.env }}|{{ toYaml .Values.list }}',
  '{{ toYaml .Values.multiline }}|{{ toYaml .Values.multinoeol }}|{{ toYaml .Values.leadingspace }}|{{ toYaml .Values.trailing }}|{{ toYaml .Values.quoted }}|{{ toYaml .Values.boolish }}',
  '{{ toYaml "2024-01-02" }}|{{ toYaml "2024-1-2 10:00:00" }}|{{ toYaml "2024-13-45" }}|{{ toYaml .Values.colon }}|{{ toYaml .Values.hash }}|{{ toYaml .Values.star }}|{{ toYaml .Values.dash }}|{{ toYaml .Values.tab }}|{{ toYaml .Values.unicode }}|{{ toYaml .Values.yes }}|{{ toYaml .Values.sexa }}',
  '{{ toYaml .Values.long }}|{{ toYaml .Values.longword }}|{{ toYaml (dict "k" .Values.long "n" (dict "deeper" .Values.long)) }}',
  '{{ toYaml .Values.emptyMap }}|{{ toYaml .Values.emptyList }}|{{ toYaml .Values.nothing }}|{{ toYaml .Values.big }}|{{ toYaml .Values.huge }}|{{ toYaml .Values.ratio }}|{{ toYaml .Values.small }}|{{ toYaml 1.5 }}|{{ toYaml "" }}',
  '{{ toYaml (dict "a" 1 "b" (list 1 2.5 "x" (list "n") (dict "m" nil)) "c" (dict) "d" (list) "" "empty key" "null" "k") }}',
  '{{ toYaml .Values }}',
  '{{ toJson .Values.labels }}|{{ toJson .Values.html }}|{{ toRawJson .Values.html }}|{{ toPrettyJson (dict "a" (list 1 2) "b" (dict)) }}|{{ toJson .Values.big }}|{{ toJson .Values.small }}|{{ mustToJson .Values.list }}',
  '{{ (fromYaml "a: 1\\nb: [x, y]").b }}|{{ hasKey (fromYaml "a: [") "Error" }}|{{ fromYamlArray "- 1\\n- two" }}|{{ (fromJson "{\\"a\\": {\\"b\\": 2}}").a.b }}|{{ fromJsonArray "[1, \\"x\\"]" }}|{{ typeOf (fromYaml "a: 1").a }}',
  '{{ toToml (dict "a" 1 "b" "x" "t" (dict "c" true)) }}',
  // tpl and include
  '{{ tpl .Values.tplString . }}|{{ tpl "{{ .Values.missing }}x" . }}|{{ tpl "{{ define \\"inner\\" }}I{{ end }}{{ include \\"inner\\" . }}" . }}|{{ tpl "{{ include \\"diff.helper\\" . }}" . }}',
  '{{ include "diff.helper" . }}|{{ include "diff.helper" . | nindent 2 }}|{{ include "diff.helper" . | indent 4 | trim }}|{{ template "diff.helper" . }}',
  // built-in objects
  '{{ .Release.Name }}|{{ .Release.Namespace }}|{{ .Release.Service }}|{{ .Release.IsInstall }}|{{ .Release.Revision }}|{{ .Chart.Name }}|{{ .Chart.Version }}|{{ .Template.BasePath }}|{{ .Capabilities.APIVersions.Has "apps/v1" }}|{{ .Capabilities.APIVersions.Has "nope/v1" }}',
  // paths
  '{{ base "a/b/c.txt" }}|{{ dir "a/b/c.txt" }}|{{ dir "c" }}|{{ base "" }}|{{ clean "a//b/../c/" }}|{{ ext "x.tar.gz" }}|{{ isAbs "/x" }}',
  // string-to-number and Go byte semantics
  '{{ len "héllo" }}|{{ substr 0 3 "héllo" }}|{{ printf "%5s|%-5s|" "é" "é" }}',
  '{{ trunc 2 "héllo" }}|{{ substr 2 4 "héllo" }}|{{ trunc 2 "héllo" | len }}|{{ trunc 2 "héllo" | quote }}|{{ trunc 2 "héllo" | toJson }}|{{ print (trunc 2 "héllo") (substr 2 7 "héllo") }}|{{ printf "%x" (trunc -4 "héllo") }}',
];

/** Cases whose output is YAML itself (compared as text; Helm trims each document). */
export const RAW_CASES: string[] = [
  'metadata:\n  labels:\n    {{- include "diff.labels" . | nindent 4 }}\n  name: {{ .Values.name }}-{{ .Values.missing }}x',
  'spec:\n  {{- with .Values.resources }}\n  resources:\n    {{- toYaml . | nindent 4 }}\n  {{- end }}\n  env: {{- toYaml .Values.env | nindent 4 }}',
  'a: {{ .Values.missing }}\nb: "<no value>"\nc: {{ .Values.nothing }}\nd: {{ .Values.nested.nope }}',
  'list:\n{{- range $i, $e := .Values.env }}\n  - idx: {{ $i }}\n    {{- toYaml $e | nindent 4 }}\n{{- end }}',
  'x: {{ if and .Values.enabled (not .Values.disabled) -}}\n  yes\n{{- else -}}\n  no\n{{- end }}',
];

/** Cases Helm refuses: the renderer must refuse them too (compared by "both fail"). */
export const ERROR_CASES: string[] = [
  '{{ eq 1 1.0 }}',
  '{{ eq .Values.replicas 3 }}',
  '{{ .Values.missing.x }}',
  '{{ .Values.name.x }}',
  '{{ required "need it" .Values.missing }}',
  '{{ fail "boom" }}',
  '{{ nosuchfunction }}',
  '{{ indent .Values.replicas "x" }}',
  '{{ include "nope" . }}',
  '{{ template "nope" }}',
  '{{ if }}{{ end }}',
  '{{ index .Values.list 5 }}',
  '{{ lt 1 "a" }}',
  '{{ range .Values.name }}{{ end }}',
  '{{ define "diff.loop" }}{{ include "diff.loop" . }}{{ end }}{{ include "diff.loop" . }}',
  '{{ .Values.replicas | upper }}',
  '{{ $x }}',
  '{{ break }}',
  '{{ call nil }}',
  '{{ call "x" }}',
  '{{ semverCompare "bad" "1.0" }}',
  '{{ semver "1.2.3-beta.01" }}',
];

export const HELPERS = `{{- define "diff.helper" -}}
helper {{ .Values.name }}
second line
{{- end }}
{{- define "diff.labels" -}}
app: {{ .Values.name }}
tier: {{ .Values.labels.tier | quote }}
{{- end }}
`;
