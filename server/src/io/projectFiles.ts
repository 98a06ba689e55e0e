// ProjectFiles (engine/model/origin.ts) over the disk, for the renderers: the CLI and the language server give the
// engine file access through this, the engine never touches a file system itself. Paths are the engine's project
// paths: absolute, with forward slashes. Reads are cached until `forget`, so rendering a chart again after an edit
// reads nothing but what changed; the language server lays the editor's unsaved texts over it (`overlay`).
import * as fs from 'fs';
import * as path from 'path';
import type { ProjectFiles } from '../engine/model/origin';
import { decodeText } from './text';

export interface CachedFiles extends ProjectFiles {
  /** Drops what was read of a file or folder (and, for a folder, everything under it); no argument: everything. */
  forget(file?: string): void;
}

/** A project path (absolute, forward slashes) for a native path. */
export function projectPath(native: string): string {
  return path.resolve(native).split(path.sep).join('/');
}

/** The native path of a project path. */
export function nativePath(project: string): string {
  return project.split('/').join(path.sep);
}

export function diskFiles(): CachedFiles {
  const texts = new Map<string, string | undefined>();
  const bytes = new Map<string, Uint8Array | undefined>();
  const lists = new Map<string, { name: string; directory: boolean }[] | undefined>();
  const read = (file: string): Uint8Array | undefined => {
    if (!bytes.has(file)) {
      try {
        bytes.set(file, new Uint8Array(fs.readFileSync(nativePath(file))));
      } catch {
        bytes.set(file, undefined);
      }
    }
    return bytes.get(file);
  };
  return {
    readText(file) {
      if (!texts.has(file)) {
        const content = read(file);
        texts.set(file, content === undefined ? undefined : decodeText(Buffer.from(content)));
      }
      return texts.get(file);
    },
    readBytes: read,
    list(dir) {
      if (!lists.has(dir)) {
        try {
          const entries = fs.readdirSync(nativePath(dir), { withFileTypes: true }).map((entry) => ({
            name: entry.name,
            directory: entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(nativePath(dir), entry.name))),
          }));
          lists.set(
            dir,
            entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
          );
        } catch {
          lists.set(dir, undefined);
        }
      }
      return lists.get(dir);
    },
    forget(file) {
      if (file === undefined) {
        texts.clear();
        bytes.clear();
        lists.clear();
        return;
      }
      const under = `${file.replace(/\/+$/, '')}/`;
      for (const cache of [texts, bytes, lists] as Map<string, unknown>[]) {
        for (const key of [...cache.keys()]) if (key === file || key.startsWith(under)) cache.delete(key);
      }
      // The folder listing the file changed too (a file added or removed).
      lists.delete(file.slice(0, Math.max(0, file.lastIndexOf('/'))) || '/');
    },
  };
}

/** Files with some texts replaced (the editor's unsaved documents, a fix tried out). */
export function overlay(files: ProjectFiles, texts: (file: string) => string | undefined): ProjectFiles {
  const encoder = new TextEncoder();
  return {
    readText: (file) => texts(file) ?? files.readText(file),
    readBytes: (file) => {
      const text = texts(file);
      return text === undefined ? files.readBytes(file) : encoder.encode(text);
    },
    list: (dir) => files.list(dir),
  };
}

function isDirectory(native: string): boolean {
  try {
    return fs.statSync(native).isDirectory();
  } catch {
    return false;
  }
}
