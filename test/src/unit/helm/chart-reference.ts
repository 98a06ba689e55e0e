// The real Helm as the differential tests' reference: the binary (installed by scripts/helm-reference.mjs, or
// named by KZD_HELM_BINARY), `helm template` runs cached under .cache/helm/renders/<build id>/ by the chart's
// content hash (the build id changes with the script's build recipe, so a rebuilt Helm renders afresh), and
// Helm's output split per template file and document the way Helm itself splits manifests.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const repoRoot = path.resolve(__dirname, '../../../..');
export const sharedHelm = path.resolve(repoRoot, '../shared/helm');
const script = path.join(repoRoot, 'scripts', 'helm-reference.mjs');

/** The id of the reference build recipe (renders of another build are not reused). */
function buildId(): string {
  const r = spawnSync(process.execPath, [script, '--build-id'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`scripts/helm-reference.mjs --build-id failed: ${r.stderr}`);
  return r.stdout.trim();
}

/** Where the renders of the current reference build are cached. */
export const rendersDir = path.join(repoRoot, '.cache', 'helm', 'renders', buildId());
const cacheDir = rendersDir;

export interface HelmRun {
  status: number;
  stdout: string;
  stderr: string;
}

let binary: string | { skip: string } | undefined;

/** The reference Helm's path, or why there is none (the tests skip and say so). */
export function helmBinary(): string | { skip: string } {
  if (binary !== undefined) return binary;
  const fromEnv = process.env.KZD_HELM_BINARY;
  if (fromEnv && fs.existsSync(fromEnv)) return (binary = fromEnv);
  const r = spawnSync(process.execPath, [script], { encoding: 'utf8' });
  const found = r.stdout.trim().split('\n').pop() ?? '';
  binary =
    r.status === 0 && found && fs.existsSync(found)
      ? found
      : { skip: `no reference Helm: ${(r.stderr || r.stdout).trim().split('\n').pop()}` };
  return binary;
}

const hashes = new Map<string, string>();

/** Hash of every file under a folder (paths and bytes), so a cached render is reused only for the same chart. */
export function contentHash(dir: string): string {
  const known = hashes.get(dir);
  if (known) return known;
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const entry of fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(p);
      else {
        hash.update(`${p}\0`);
        hash.update(fs.readFileSync(path.join(dir, p)));
      }
    }
  };
  walk('');
  const digest = hash.digest('hex');
  hashes.set(dir, digest);
  return digest;
}

/**
 * `helm template <release> <chart> --namespace default --kube-version 1.29 [-f values] [extra]`, cached by chart
 * content, arguments and `run` (a second run of a non-deterministic chart is a separate entry). Throws when no
 * cached render exists and no Helm is available.
 */
export function helmTemplate(chartDir: string, args: { values?: string[]; release?: string; extra?: string[]; run?: number }): HelmRun {
  const argv = [
    'template',
    args.release ?? 'release-name',
    chartDir,
    '--namespace',
    'default',
    '--kube-version',
    '1.29',
    ...(args.values ?? []).flatMap((v) => ['-f', v]),
    ...(args.extra ?? []),
  ];
  const key = createHash('sha256')
    .update(
      JSON.stringify({
        chart: contentHash(chartDir),
        values: (args.values ?? []).map((v) => fs.readFileSync(v, 'utf8')),
        argv: argv.slice(3),
        run: args.run ?? 0,
      }),
    )
    .digest('hex')
    .slice(0, 32);
  const file = path.join(cacheDir, `${path.basename(chartDir)}-${key}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as HelmRun;
  const helm = helmBinary();
  if (typeof helm !== 'string') throw new Error(helm.skip);
  const r = spawnSync(helm, argv, {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, HELM_CACHE_HOME: path.join(cacheDir, 'home') },
  });
  const run: HelmRun = { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(run));
  return run;
}

/** Helm's releaseutil.SplitManifests: documents of one file, split at `---` lines, trimmed, empty ones dropped. */
export function splitManifests(text: string): string[] {
  return (
    text
      .trim()
      // Helm's pattern is (?:^|\s*\n)---\s*; the whitespace before the newline is trimmed away anyway, and leaving it
      // out of the pattern spares the backtracking that makes the original slow on megabytes of CRDs.
      .split(/(?:^|\n)---[ \t\n\r\f]*/)
      .map((d) => d.trim())
      .filter((d) => d !== '')
  );
}

/** `helm template` output as template name -> documents (each as Helm printed it). */
export function helmOutputByTemplate(stdout: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const parts = stdout.split(/^---\n# Source: (.*)\n/m);
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i];
    const docs = out.get(name) ?? [];
    docs.push(parts[i + 1].replace(/\n$/, ''));
    out.set(name, docs);
  }
  return out;
}

/** A document as data: parsed YAML, map keys sorted (document and key order aside, sequence order kept). */
export function canonical(doc: string): unknown {
  const docs = parseAllDocuments(doc, { uniqueKeys: false });
  const list = Array.isArray(docs) ? docs : [docs];
  const values = list.map((d) =>
    d.errors.length > 0 ? { $parseError: d.errors[0].message, $text: doc } : sortKeys(d.toJS({ maxAliasCount: -1 })),
  );
  return values.length === 1 ? values[0] : values;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v instanceof Map) return sortKeys(Object.fromEntries(v));
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, sortKeys(o[k])]),
    );
  }
  return v;
}
