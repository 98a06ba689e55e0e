// Helpers of the hover tests (explain*.test.ts): a Deployment written with a few lines changed, and what the
// engine says at a place of a text.
import * as assert from 'node:assert/strict';
import { explainAt, Linter, type Explanation, type LintOptions } from '../../../server/out/engine';

export function deployment(spec: string, podSpec = '', container = '', name = 'web', apiVersion = 'apps/v1'): string {
  return `apiVersion: ${apiVersion}
kind: Deployment
metadata:
  name: ${name}
spec:
${spec}  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
${podSpec}      containers:
        - name: ${name}
          image: ${name}:1
          ports:
            - containerPort: 8080
${container}`;
}

export interface Said {
  title: string;
  lines: string[];
  ruleIds: string[];
  timeline?: Explanation['timeline'];
  /** The text of the entry the hover is for. */
  entry: string;
  places: (string | undefined)[];
}

/** The explanation at `needle` (its first character, plus `shift`), or undefined. */
export function explain(text: string, needle: string, shift = 0, options: LintOptions = {}): Said | undefined {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" not in the text`);
  const linter = new Linter();
  linter.lint(text, options);
  const found = explainAt(linter.model, linter.project(), offset + shift, linter.isPatchFile);
  if (!found) return undefined;
  return {
    title: found.title,
    lines: found.lines.map((line) => line.text),
    ruleIds: found.ruleIds,
    timeline: found.timeline,
    entry: text.slice(found.range[0], found.range[1]),
    places: found.lines.map((line) => line.place && `${line.place.file ?? 'here'}:${text.slice(line.place.start, line.place.end)}`),
  };
}

export function must(said: Said | undefined): Said {
  assert.ok(said, 'no explanation');
  return said;
}
