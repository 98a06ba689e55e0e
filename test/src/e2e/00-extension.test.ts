// Which extension is under test: the development folder, or the .vsix installed into VS Code. The launcher
// says which (KZD_E2E_MODE) and where; a run that silently tested the wrong copy would prove nothing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { extension } from './helpers';

function real(p: string): string {
  return fs.realpathSync(p);
}

describe('extension under test', () => {
  const mode = process.env.KZD_E2E_MODE;

  it('is the copy the launcher asked for', () => {
    const ext = extension();
    assert.ok(mode === 'dev' || mode === 'vsix', `KZD_E2E_MODE must be "dev" or "vsix", got ${JSON.stringify(mode)}`);
    if (mode === 'dev') {
      const devPath = process.env.KZD_E2E_DEV_PATH;
      assert.ok(devPath, 'KZD_E2E_DEV_PATH not set');
      assert.strictEqual(real(ext.extensionPath), real(devPath));
    } else {
      const extensionsDir = process.env.KZD_E2E_EXTENSIONS_DIR;
      assert.ok(extensionsDir, 'KZD_E2E_EXTENSIONS_DIR not set');
      const rel = path.relative(real(extensionsDir), real(ext.extensionPath));
      assert.ok(rel && !rel.startsWith('..') && !path.isAbsolute(rel), `${ext.extensionPath} is not inside ${extensionsDir}`);
    }
  });

  it('ships the bundled client and server (and, installed, nothing else of the build)', function () {
    const root = extension().extensionPath;
    for (const f of ['package.json', 'dist/extension.js', 'dist/server.js']) {
      assert.ok(fs.existsSync(path.join(root, f)), `${f} missing in ${root}`);
    }
    if (mode !== 'vsix') return;
    for (const f of ['node_modules', 'server', 'client', 'test', 'scripts', 'tsconfig.json', 'package-lock.json']) {
      assert.ok(!fs.existsSync(path.join(root, f)), `the installed .vsix contains ${f}`);
    }
    const maps = fs.readdirSync(path.join(root, 'dist')).filter((f) => f.endsWith('.map'));
    assert.deepStrictEqual(maps, [], 'the installed .vsix contains source maps');
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { main: string };
    assert.strictEqual(path.normalize(pkg.main), path.normalize('./dist/extension.js'));
  });
});
