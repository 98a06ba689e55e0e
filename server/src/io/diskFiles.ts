// The project's files on disk as the engine's renderers read them (ProjectFiles): project paths are absolute
// paths with `/` separators. Texts given in memory (open documents of the editor, the CLI's fixed texts) win over
// the disk; disk reads and directory listings are kept until the adapter says a file changed, so a rebuild after
// a keystroke reads only what changed.
import * as fs from 'fs';
import * as path from 'path';
import type { ProjectFiles } from '../engine/model/origin';
import { readBoundedSync } from './boundedRead';
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
  private readonly realPaths = new Map<string, string | undefined>();

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
    this.realPaths.clear(); // a link anywhere above may have changed

    const slash = file.lastIndexOf('/');
    if (slash > 0) this.listings.delete(file.slice(0, slash));
  }

  readText(file: string): string | undefined {
    const inMemory = this.memory.get(file);
    if (inMemory !== undefined) return inMemory;
    if (this.texts.has(file)) return this.texts.get(file);
    // Type and size are checked before reading (a FIFO or a device named in a kustomization is not read).
    const read = readBoundedSync(nativePath(file), MAX_FILE_BYTES);
    const text = read.ok ? decodeText(read.bytes) : undefined;
    this.texts.set(file, text);
    return text;
  }

  readBytes(file: string): Uint8Array | undefined {
    const inMemory = this.memory.get(file);
    if (inMemory !== undefined) return new TextEncoder().encode(inMemory);
    const read = readBoundedSync(nativePath(file), MAX_FILE_BYTES);
    return read.ok ? new Uint8Array(read.bytes) : undefined;
  }

  realPath(file: string): string | undefined {
    if (!this.realPaths.has(file)) {
      let real: string | undefined;
      try {
        real = projectPath(fs.realpathSync(nativePath(file)));
      } catch {
        real = undefined; // missing: the read that follows says so
      }
      this.realPaths.set(file, real);
    }
    return this.realPaths.get(file);
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
