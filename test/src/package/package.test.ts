// The .vsix as published: `npm run package` (production bundles + vsce, scripts/package.mjs) succeeds without a
// warning; the .vsix holds exactly the allowlist; its README shows README.md's PNG images inlined (VS Code's
// extension page loads README images only from https: and data: URLs, so this is what renders offline) and
// links only to files inside it; the manifest is clean for the Marketplace and Open VSX; and plain
// `vsce package` stops only for want of a repository URL, never for the content. This tier runs after the others (npm test): packaging rewrites dist/ with production bundles, and
// the development bundles are rebuilt afterwards.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RULE_IDS } from '../../../server/out/engine';
import { headingAnchors, markdownReferences, readPng, readZip, type ZipEntry } from './files';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const VSIX = path.join(ROOT, 'kube-zero-downtime.vsix');
const VSCE = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
const NPM_ENV = { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' };
// The Marketplace's categories (extension manifest reference).
const CATEGORIES = new Set([
  'Programming Languages',
  'Snippets',
  'Linters',
  'Themes',
  'Debuggers',
  'Formatters',
  'Keymaps',
  'SCM Providers',
  'Other',
  'Extension Packs',
  'Language Packs',
  'Data Science',
  'Machine Learning',
  'Visualization',
  'Notebooks',
  'Education',
  'Testing',
]);

interface Manifest {
  name: string;
  publisher: string;
  license?: string;
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  categories?: string[];
  keywords?: string[];
  engines: { vscode: string };
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
  [key: string]: unknown;
}

function run(command: string, args: string[]): { status: number | null; output: string } {
  const result = spawnSync(command, args, { cwd: ROOT, env: NPM_ENV, input: '', encoding: 'utf8', timeout: 300_000 });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** README.md's images (it links them relatively; the packaged copy inlines them). */
function readmeImages(): { target: string; line: number }[] {
  return markdownReferences(fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')).filter((ref) => ref.kind === 'image');
}

const version = (range: string): number[] => (/(\d+)\.(\d+)\.(\d+)/.exec(range) ?? []).slice(1).map(Number);
const atLeast = (a: number[], b: number[]): boolean => (a[0] !== b[0] ? a[0] > b[0] : a[1] !== b[1] ? a[1] > b[1] : a[2] >= b[2]);

describe('the .vsix (npm run package)', () => {
  let packaged: { status: number | null; output: string };
  let entries: ZipEntry[];
  let names: string[];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kzd-package-'));
  const entry = (name: string): ZipEntry => {
    const found = entries.find((e) => e.name === name);
    assert.ok(found, `${name} is not in the .vsix`);
    return found;
  };

  before(() => {
    fs.rmSync(VSIX, { force: true });
    packaged = run('npm', ['run', 'package']);
    entries = fs.existsSync(VSIX) ? readZip(fs.readFileSync(VSIX)) : [];
    names = entries.map((e) => e.name).sort();
  });

  after(() => {
    fs.rmSync(tmp, { recursive: true, force: true });
    // Back to the development bundles (source maps) that `npm run build` makes.
    const rebuilt = run(process.execPath, [path.join(ROOT, 'scripts', 'bundle.mjs')]);
    assert.equal(rebuilt.status, 0, rebuilt.output);
  });

  it('npm run package succeeds and prints no warning', () => {
    assert.equal(packaged.status, 0, packaged.output);
    assert.match(packaged.output, /DONE\s+Packaged: .*kube-zero-downtime\.vsix/);
    assert.doesNotMatch(packaged.output, /warn/i);
  });

  it('ships exactly the allowlist', () => {
    const expected = [
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/package.json',
      'extension/readme.md', // dist/README.md: README.md with its images inlined
      'extension/changelog.md',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/dist/server.js',
      'extension/images/icon.png',
      'extension/schemas/kube-zero-downtime.schema.json',
      'extension/snippets/kubernetes-zero-downtime.code-snippets',
      ...RULE_IDS.map((id) => `extension/docs/rules/${id}.md`), // the pages diagnostics link to
    ];
    assert.deepEqual(names, expected.sort(), 'the .vsix differs from the allowlist (.vscodeignore)');
    const total = entries.reduce((sum, e) => sum + e.size, 0);
    assert.ok(total < 3 * 1024 * 1024, `${total} bytes unpacked`);
  });

  it("README.md's images are PNG files of the repository (for a repository host, and for vsce to rewrite)", () => {
    const problems = readmeImages().flatMap(({ target, line }) => {
      const file = path.join(ROOT, decodeURI(target));
      if (/^[a-z][\w+.-]*:/i.test(target)) return [`README.md:${line}: ${target}: not a file of the repository`];
      if (!fs.existsSync(file)) return [`README.md:${line}: ${target}: no such file`];
      return readPng(fs.readFileSync(file)) && /\.png$/i.test(file) ? [] : [`README.md:${line}: ${target}: not a PNG`];
    });
    assert.deepEqual(problems, []);
  });

  it("the packaged README shows README.md's images inlined as PNG (offline), and its links resolve in the .vsix", () => {
    const markdownFiles = names.filter((name) => name.endsWith('.md'));
    assert.ok(markdownFiles.includes('extension/readme.md'));
    const problems: string[] = [];
    for (const file of markdownFiles) {
      const text = entry(file).read().toString('utf8');
      const anchors = headingAnchors(text);
      for (const { kind, target, line } of markdownReferences(text)) {
        const where = `${file}:${line}: ${kind} ${target.slice(0, 60)}`;
        if (kind === 'image') {
          // VS Code's extension page loads images only from https: and data: URLs; https needs the network.
          const png = /^data:image\/png;base64,([A-Za-z0-9+/=]+)$/.exec(target);
          if (!png || !readPng(Buffer.from(png[1], 'base64'))) problems.push(`${where}: not an inlined PNG`);
        } else if (/^[a-z][\w+.-]*:/i.test(target)) {
          if (!/^(https|mailto):/i.test(target)) problems.push(`${where}: not an https or mailto link`);
        } else if (target.startsWith('#')) {
          if (!anchors.has(decodeURIComponent(target.slice(1)))) problems.push(`${where}: no such heading`);
        } else {
          const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), decodeURI(target.split(/[?#]/)[0])));
          if (!names.includes(resolved)) problems.push(`${where}: ${resolved} is not in the .vsix`);
        }
      }
    }
    assert.deepEqual(problems, []);
    // The same pictures as README.md, in the same order.
    const packaged = markdownReferences(entry('extension/readme.md').read().toString('utf8'))
      .filter((ref) => ref.kind === 'image')
      .map((ref) => Buffer.from(ref.target.replace(/^data:image\/png;base64,/, ''), 'base64'));
    const original = readmeImages().map((ref) => fs.readFileSync(path.join(ROOT, decodeURI(ref.target))));
    assert.equal(packaged.length, original.length);
    assert.ok(original.length >= 6, `${original.length} images`);
    packaged.forEach((bytes, i) => assert.ok(bytes.equals(original[i]), `image ${i + 1} differs from ${readmeImages()[i].target}`));
    assert.deepEqual(
      names.filter((name) => /\.svg$/i.test(name)),
      [],
    );
  });

  it('the manifest is clean for the Marketplace and Open VSX', () => {
    const manifest = JSON.parse(entry('extension/package.json').read().toString('utf8')) as Manifest;
    // Icon and banner.
    assert.equal(manifest.icon, 'images/icon.png');
    const icon = readPng(entry('extension/images/icon.png').read());
    assert.deepEqual([icon?.width, icon?.height], [128, 128]);
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''), 'galleryBanner.theme');
    // Categories from the Marketplace's list; at most 30 keywords, no duplicates.
    assert.ok(manifest.categories?.length, 'categories');
    for (const category of manifest.categories) assert.ok(CATEGORIES.has(category), `unknown category ${category}`);
    const keywords = manifest.keywords ?? [];
    assert.ok(keywords.length > 0 && keywords.length <= 30, `${keywords.length} keywords (the Marketplace takes 30)`);
    assert.equal(new Set(keywords.map((k) => k.toLowerCase())).size, keywords.length, 'duplicate keywords');
    for (const k of ['kubernetes', 'k8s', 'helm', 'kustomize', 'rollout', 'zero downtime', 'readiness probe', 'linter']) {
      assert.ok(keywords.includes(k), `keyword ${k}`);
    }
    // Workspace trust and virtual workspaces, declared and explained.
    const trust = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(trust?.supported, 'limited');
    assert.match(trust?.description ?? '', /\.kube-zero-downtime\.yaml\) is not read/);
    const virtual = manifest.capabilities?.virtualWorkspaces;
    assert.ok(typeof virtual === 'object' && virtual.supported === false && /disk/.test(virtual.description ?? ''));
    // Nothing that points at a repository that does not exist (add these only for a public one).
    for (const field of ['repository', 'homepage', 'bugs']) assert.equal(manifest[field], undefined, field);
    // Open VSX: a licence in the package, no proposed API, a publisher usable as the namespace.
    assert.equal(manifest.license, 'MIT');
    assert.match(entry('extension/LICENSE.txt').read().toString('utf8'), /^MIT License/);
    assert.equal(manifest.enabledApiProposals, undefined);
    assert.equal(manifest.enableProposedApi, undefined);
    assert.match(manifest.publisher, /^[a-z0-9][a-z0-9-]*$/);
    const vsixManifest = entry('extension.vsixmanifest').read().toString('utf8');
    assert.match(vsixManifest, new RegExp(`<Identity [^>]*Id="${manifest.name}"[^>]*Publisher="${manifest.publisher}"`));
    assert.match(vsixManifest, /Microsoft\.VisualStudio\.Services\.Icons\.Default" Path="extension\/images\/icon\.png"/);
    // engines.vscode: at least what @types/vscode describes (vsce's rule) and what vscode-languageclient needs.
    const engine = version(manifest.engines.vscode);
    const types = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', '@types', 'vscode', 'package.json'), 'utf8')) as {
      version: string;
    };
    const client = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'vscode-languageclient', 'package.json'), 'utf8')) as {
      engines: { vscode: string };
    };
    assert.ok(atLeast(engine, version(types.version)), `engines.vscode ${manifest.engines.vscode} < @types/vscode ${types.version}`);
    assert.ok(atLeast(engine, version(client.engines.vscode)), `vscode-languageclient needs ${client.engines.vscode}`);
  });

  it('plain `vsce package` stops only for want of a repository URL; given one, its content checks pass', () => {
    const plain = run(process.execPath, [VSCE, 'package', '-o', path.join(tmp, 'plain.vsix')]);
    assert.notEqual(plain.status, 0, plain.output);
    assert.match(plain.output, /repository/i);
    assert.doesNotMatch(plain.output, /SVG|HTTPS source|must have a source|not allowed/i);
    // What a publisher with a repository gets: vsce rewrites relative links and checks every image (HTTPS, no SVG).
    const base = 'https://example.com/kube-zero-downtime';
    const rewritten = run(process.execPath, [
      VSCE,
      'package',
      '--no-dependencies',
      '--allow-missing-repository',
      '--baseContentUrl',
      `${base}/blob/main`,
      '--baseImagesUrl',
      `${base}/raw/main`,
      '-o',
      path.join(tmp, 'rewritten.vsix'),
    ]);
    assert.equal(rewritten.status, 0, rewritten.output);
    assert.doesNotMatch(rewritten.output, /warn/i);
  });
});
