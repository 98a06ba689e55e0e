// The project's files on disk as the engine's renderers read them (ProjectFiles): project paths are absolute
// paths with `/` separators. Texts given in memory (open documents of the editor, the CLI's fixed texts) win over
// the disk; disk reads and directory listings are kept until the adapter says a file changed, so a rebuild after
// a keystroke reads only what changed.
import * as fs from 'fs';
import * as path from 'path';
import type { ProjectFiles } from '../engine/model/origin';
import { decodeText } from './text';

/** A native path as a project path (POSIX separators). */
export function projectPath(native: string): string {
  return path.sep === '/' ? native : native.split(path.sep).join('/');
}

/** A project path as a native path. */
export function nativePath(project: string): string {
  return path.sep === '/' ? project : project.split('/').join(path.sep);
}

/** Files larger than this are not read (a renderer would refuse them anyway). */
const MAX_FILE_BYTES = 32 * 1024 * 1024;

export class DiskFiles implements ProjectFiles {
  private readonly memory = new Map<string, string>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, { name: string; directory: boolean }[] | undefined>();

  /** Sets (or, with undefined, forgets) the in-memory text of a file. */
  setText(file: string, text: string | undefined): void {
    if (text === undefined) this.memory.delete(file);
    else this.memory.set(file, text);
  }

  hasText(file: string): boolean {
    return this.memory.has(file);
  }

  /** The file changed on disk (or was created or deleted): read it, and its directory, again. */
  invalidate(file: string): void {
    this.texts.delete(file);
    this.listings.delete(file);
    const slash = file.lastIndexOf('/');
    if (slash > 0) this.listings.delete(file.slice(0, slash));
  }

  readText(file: string): string | undefined {
    const inMemory = this.memory.get(file);
    if (inMemory !== undefined) return inMemory;
    if (this.texts.has(file)) return this.texts.get(file);
    let text: string | undefined;
    try {
      const native = nativePath(file);
      if (fs.statSync(native).size <= MAX_FILE_BYTES) text = decodeText(fs.readFileSync(native));
    } catch {
      text = undefined;
    }
    this.texts.set(file, text);
    return text;
  }

  readBytes(file: string): Uint8Array | undefined {
    const inMemory = this.memory.get(file);
    if (inMemory !== undefined) return new TextEncoder().encode(inMemory);
    try {
      return new Uint8Array(fs.readFileSync(nativePath(file)));
    } catch {
      return undefined;
    }
  }

  list(dir: string): { name: string; directory: boolean }[] | undefined {
    if (!this.listings.has(dir)) {
      let entries: { name: string; directory: boolean }[] | undefined;
      try {
        entries = fs
          .readdirSync(nativePath(dir), { withFileTypes: true })
          .map((entry) => ({
            name: entry.name,
            directory: entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(nativePath(dir), entry.name))),
          }))
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch {
        entries = undefined;
      }
      this.listings.set(dir, entries);
    }
    const entries = this.listings.get(dir);
    // Files held only in memory (created by a fix not yet written) are listed too.
    const extra = [...this.memory.keys()]
      .filter((file) => file.slice(0, file.lastIndexOf('/')) === dir)
      .map((file) => file.slice(file.lastIndexOf('/') + 1))
      .filter((name) => !entries?.some((entry) => entry.name === name));
    if (extra.length === 0) return entries;
    return [...(entries ?? []), ...extra.map((name) => ({ name, directory: false }))].sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
  }
}

function isDirectory(native: string): boolean {
  try {
    return fs.statSync(native).isDirectory();
  } catch {
    return false;
  }
}
