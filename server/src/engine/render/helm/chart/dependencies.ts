// Dependencies as Helm processes them before rendering (chartutil/dependencies.go): Chart.yaml's list matched to
// the subcharts found in charts/ (name and version range, aliases as renamed copies), `tags` and `condition`
// deciding which stay, then `import-values` copying child values into the parent. Quirks kept on purpose: a
// condition path is looked up from the top chart's values with the subchart path as prefix, the first path that
// resolves to a boolean wins, and a dependency whose version range does not match keeps its own name.
import { deepCopy, type GoMap, type GoValue } from '../template/value';
import { coalesceValues, goPrint, mergeTables, mergeValues, missingSegment, pathValue, table, type Warn } from './coalesce';
import { copyChart, type Chart, type Dependency } from './model';
import { isCompatibleRange } from './semver';

/** action.CheckDependencies: Chart.yaml dependencies with no chart in charts/. Returns Helm's message or undefined. */
export function checkDependencies(chart: Chart): string | undefined {
  const missing = chart.metadata.dependencies
    .filter((req) => !chart.dependencies.some((d) => d.metadata.name === req.name))
    .map((r) => r.name);
  if (missing.length === 0) return undefined;
  return (
    'An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing ' +
    `dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`
  );
}

/** chartutil.ProcessDependenciesWithMerge. Mutates the chart tree (as Helm mutates its loaded chart). */
export function processDependencies(chart: Chart, userValues: GoMap, warn: Warn): void {
  processDependencyEnabled(chart, userValues, '', warn);
  processDependencyImportValues(chart, warn);
}

function processDependencyEnabled(chart: Chart, values: GoMap, path: string, warn: Warn): void {
  const reqs = chart.metadata.dependencies;
  if (reqs.length === 0) return;
  const kept: Chart[] = [];
  // Subcharts that no Chart.yaml entry claims stay as they are.
  for (const existing of chart.dependencies) {
    const claimed = reqs.some((req) => existing.metadata.name === req.name && isCompatibleRange(req.version, existing.metadata.version));
    if (!claimed) kept.push(existing);
  }
  for (const req of reqs) {
    const aliased = aliasDependency(chart.dependencies, req);
    if (aliased) kept.push(aliased);
    if (req.alias !== '') req.name = req.alias;
  }
  setDependencies(chart, kept);
  for (const req of reqs) req.enabled = true;

  const cvals = coalesceValues(chart, values, warn);
  processTags(reqs, cvals, warn);
  processConditions(reqs, cvals, path, warn);

  const removed = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const enabledCharts = chart.dependencies.filter((c) => !removed.has(c.metadata.name));
  const enabledReqs = reqs.filter((r) => !removed.has(r.name));
  for (const sub of enabledCharts) processDependencyEnabled(sub, cvals, `${path}${sub.metadata.name}.`, warn);
  chart.metadata.dependencies = enabledReqs;
  setDependencies(chart, enabledCharts);
}

function setDependencies(chart: Chart, dependencies: Chart[]): void {
  for (const d of dependencies) d.parent = chart;
  chart.dependencies = dependencies;
}

function aliasDependency(charts: Chart[], req: Dependency): Chart | undefined {
  for (const c of charts) {
    if (c.metadata.name !== req.name) continue;
    if (!isCompatibleRange(req.version, c.metadata.version)) continue;
    const copy = copyChart(c);
    if (req.alias !== '') copy.metadata.name = req.alias;
    return copy;
  }
  return undefined;
}

function processTags(reqs: Dependency[], cvals: GoMap, warn: Warn): void {
  const tags = table(cvals, 'tags');
  if (!tags) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      if (!tags.has(k)) continue;
      const b = tags.get(k);
      if (typeof b === 'boolean') {
        if (b) hasTrue = true;
        else hasFalse = true;
      } else {
        warn(`Warning: Tag '${k}' for chart ${r.name} returned non-bool value`);
      }
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else if (hasTrue || (!hasTrue && !hasFalse)) r.enabled = true;
  }
}

function processConditions(reqs: Dependency[], cvals: GoMap, path: string, warn: Warn): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (c.length === 0) continue;
      const v = pathValue(cvals, path + c);
      if (v === undefined) continue;
      if (typeof v === 'boolean') {
        r.enabled = v;
        break;
      }
      warn(`Warning: Condition path '${c}' for chart ${r.name} returned non-bool value`);
    }
  }
}

function processDependencyImportValues(chart: Chart, warn: Warn): void {
  for (const d of chart.dependencies) processDependencyImportValues(d, warn);
  processImportValues(chart, warn);
}

/** Values a parent imports from its children: `exports.<name>` (string form) or `{child, parent}` paths. */
function processImportValues(chart: Chart, warn: Warn): void {
  const reqs = chart.metadata.dependencies;
  if (reqs.length === 0) return;
  const cvals = mergeValues(chart, new Map(), warn);
  let imported: GoMap = new Map();
  for (const r of reqs) {
    const normalized: GoValue[] = [];
    for (const iv of r.importValues) {
      if (iv instanceof Map) {
        const child = goPrint(iv.get('child') ?? null);
        const parent = goPrint(iv.get('parent') ?? null);
        normalized.push(
          new Map<string, GoValue>([
            ['child', child],
            ['parent', parent],
          ]),
        );
        const childTable = table(cvals, `${r.name}.${child}`);
        if (!childTable) {
          warn(`Warning: ImportValues missing table from chart ${r.name}: "${missingSegment(cvals, `${r.name}.${child}`)}" is not a table`);
          continue;
        }
        imported = mergeTables(imported, pathToMap(parent, childTable), warn);
      } else if (typeof iv === 'string') {
        const child = `exports.${iv}`;
        normalized.push(
          new Map<string, GoValue>([
            ['child', child],
            ['parent', '.'],
          ]),
        );
        const exported = table(cvals, `${r.name}.${child}`);
        if (!exported) {
          warn(`Warning: ImportValues missing table: "${missingSegment(cvals, `${r.name}.${child}`)}" is not a table`);
          continue;
        }
        imported = mergeTables(imported, exported, warn);
      }
    }
    r.importValues = normalized;
  }
  // Imported values rank below the parent's own: the parent can import a section and override parts of it.
  chart.values = mergeTables(deepCopy(cvals) as GoMap, imported, warn);
}

function pathToMap(path: string, data: GoMap): GoMap {
  if (path === '.') return data;
  let current: GoMap = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) current = new Map([[parts[i], current]]);
  return current;
}

/** The values of a subchart section as `recAllTpls` hands them to the subchart's templates. */
export function subchartValues(parentValues: GoMap, name: string): GoMap {
  const section = table(parentValues, name);
  return section ?? new Map();
}
