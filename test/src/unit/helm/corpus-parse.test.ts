// Every template of the shared Helm charts parses (Go's parser fails on an unknown function, so this is the
// renderer's minimum work list), and every function the charts use is in the table.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TemplateSet, helmFunctions } from '../../../../server/out/engine/render/helm/template';

const HELM = path.resolve(__dirname, '../../../../../shared/helm');

interface ChartEntry {
  dir: string;
  functions?: Record<string, number>;
  subchartFunctions?: Record<string, number>;
}

function charts(): ChartEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(HELM, 'charts.json'), 'utf8')) as { charts: ChartEntry[] }).charts;
}

function templateFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) templateFiles(p, out);
    else if (p.includes(`${path.sep}templates${path.sep}`) && e.name !== 'NOTES.txt') out.push(p);
  }
  return out;
}

test('every function the shared charts use is defined', () => {
  const table = helmFunctions();
  const missing = new Set<string>();
  for (const c of charts()) {
    for (const f of [...Object.keys(c.functions ?? {}), ...Object.keys(c.subchartFunctions ?? {})]) if (!(f in table)) missing.add(f);
  }
  assert.deepEqual([...missing], []);
});

test('every template file of the shared charts parses', () => {
  const failures: string[] = [];
  let count = 0;
  for (const c of charts()) {
    for (const file of templateFiles(path.join(HELM, c.dir))) {
      count++;
      try {
        new TemplateSet().add(path.relative(HELM, file), fs.readFileSync(file, 'utf8'));
      } catch (e) {
        failures.push(e instanceof Error ? e.message : String(e));
      }
    }
  }
  assert.ok(count > 900, `only ${count} template files found`);
  assert.deepEqual(failures, []);
});
