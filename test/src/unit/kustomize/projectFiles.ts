// ProjectFiles over a real directory: project paths are POSIX paths relative to `base`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type ProjectFiles } from '../../../../server/out/engine/model/origin';

export function directoryFiles(base: string): ProjectFiles & { reads: number } {
  const resolve = (p: string): string => path.join(base, ...p.split('/'));
  const files = {
    reads: 0,
    readText(p: string): string | undefined {
      try {
        files.reads++;
        return fs.readFileSync(resolve(p), 'utf8');
      } catch {
        return undefined;
      }
    },
    readBytes(p: string): Uint8Array | undefined {
      try {
        return new Uint8Array(fs.readFileSync(resolve(p)));
      } catch {
        return undefined;
      }
    },
    list(p: string): { name: string; directory: boolean }[] | undefined {
      try {
        return fs
          .readdirSync(resolve(p), { withFileTypes: true })
          .map((entry) => ({ name: entry.name, directory: entry.isDirectory() }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        return undefined;
      }
    },
  };
  return files;
}
