// ProjectFiles for the chart tests: over a real folder (the shared charts), or over files held in memory
// (small charts written in a test). Paths are POSIX, relative to the root given.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ProjectFiles } from '../../../../server/out/engine/model/origin';

export function diskFiles(root: string): ProjectFiles {
  const abs = (p: string): string => path.join(root, p);
  return {
    readText(p) {
      try {
        return fs.readFileSync(abs(p), 'utf8');
      } catch {
        return undefined;
      }
    },
    readBytes(p) {
      try {
        return new Uint8Array(fs.readFileSync(abs(p)));
      } catch {
        return undefined;
      }
    },
    list(p) {
      try {
        return fs
          .readdirSync(abs(p), { withFileTypes: true })
          .map((e) => ({
            name: e.name,
            directory: e.isDirectory() || (e.isSymbolicLink() && fs.statSync(abs(`${p}/${e.name}`)).isDirectory()),
          }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return undefined;
      }
    },
  };
}

/** Files in memory: path -> text (or bytes). Directories are implied by the paths. */
export function memoryFiles(contents: Record<string, string | Uint8Array>): ProjectFiles {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const norm = (p: string): string => p.replace(/^\.\//, '').replace(/\/+$/, '');
  return {
    readText(p) {
      const v = contents[norm(p)];
      return v === undefined ? undefined : typeof v === 'string' ? v : decoder.decode(v);
    },
    readBytes(p) {
      const v = contents[norm(p)];
      return v === undefined ? undefined : typeof v === 'string' ? encoder.encode(v) : v;
    },
    list(p) {
      const dir = norm(p);
      const prefix = dir === '' || dir === '.' ? '' : `${dir}/`;
      const entries = new Map<string, boolean>();
      for (const key of Object.keys(contents)) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash < 0) entries.set(rest, false);
        else entries.set(rest.slice(0, slash), true);
      }
      if (entries.size === 0) return undefined;
      return [...entries]
        .map(([name, directory]) => ({ name, directory }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    },
  };
}
