// File access for one kustomization directory: paths resolved against it, the root-only load restrictor, remote
// references refused as unsupported, and every file read recorded as an input of the build.
import { type ProjectFiles, type SourceRange } from '../../model/origin';
import { fail, rangeOf } from './errors';
import { isRemoteReference, isWithin, joinPath } from './paths';
import { type KNode } from './tree';
import { type ParseCache, type TextPlace, filePlace } from './yamlRead';

export type LoadRestrictor = 'rootOnly' | 'none';

/** Inputs past this size are refused rather than parsed for seconds. */
const MAX_FILE_CHARS = 32 * 1024 * 1024;

export class Loader {
  constructor(
    readonly files: ProjectFiles,
    /** The kustomization directory this loader resolves against. */
    readonly root: string,
    readonly restrictor: LoadRestrictor,
    readonly inputs: Set<string>,
    /** Range used when a problem has no node of its own (the kustomization file's start). */
    readonly at: SourceRange,
    readonly cache?: ParseCache,
  ) {}

  child(root: string, at: SourceRange): Loader {
    return new Loader(this.files, root, this.restrictor, this.inputs, at, this.cache);
  }

  /** Where a file's text is (for origins), with the parse cache. */
  place(file: string): TextPlace {
    return filePlace(file, this.cache);
  }

  where(node: KNode | SourceRange | undefined): SourceRange {
    return rangeOf(node, this.at);
  }

  refuseRemote(path: string, node: KNode | undefined, what: string): void {
    if (isRemoteReference(path)) {
      fail(
        `${what} '${path}' is a remote reference (URL or git repository); remote ${what}s are not built here (kustomization ${this.root})`,
        this.where(node),
        true,
      );
    }
  }

  isFile(path: string): boolean {
    return this.files.readText(path) !== undefined && this.files.list(path) === undefined;
  }

  isDirectory(path: string): boolean {
    return this.files.list(path) !== undefined;
  }

  /** A path relative to the kustomization (directories are not restricted: bases may live anywhere). */
  resolvePath(path: string): string {
    return joinPath(this.root, path);
  }

  /** A directory (a component or base); errors when the path is not one. */
  resolveDirectory(path: string, node: KNode | undefined): string {
    const resolved = joinPath(this.root, path);
    if (!this.isDirectory(resolved)) fail(`must build at directory: '${resolved}' is not a directory`, this.where(node));
    return resolved;
  }

  /** A file path the kustomization may read (the load restrictor applied). */
  resolveFile(path: string, node: KNode | undefined): string {
    this.refuseRemote(path, node, 'file');
    const resolved = joinPath(this.root, path);
    if (this.restrictor === 'rootOnly') {
      // Kustomize follows symbolic links before it checks: a link to a file outside the root is refused too.
      const real = this.files.realPath?.(resolved) ?? resolved;
      const root = this.files.realPath?.(this.root) ?? this.root;
      if (!isWithin(resolved, this.root) || !isWithin(real, root)) {
        fail(`security; file '${real}' is not in or below '${root}'`, this.where(node));
      }
    }
    return resolved;
  }

  readText(file: string, node: KNode | undefined): string {
    // Listed even when missing: creating the file is an edit that must rebuild.
    this.inputs.add(file);
    const text = this.files.readText(file);
    if (text === undefined || this.files.list(file) !== undefined) fail(`open ${file}: no such file or directory`, this.where(node));
    if (text.length > MAX_FILE_CHARS) fail(`${file} is larger than 32 MB; it is not built (kustomization ${this.root})`, this.where(node));
    return text;
  }

  readBytes(file: string, node: KNode | undefined): Uint8Array {
    this.inputs.add(file);
    const bytes = this.files.readBytes(file);
    if (bytes === undefined || this.files.list(file) !== undefined) fail(`open ${file}: no such file or directory`, this.where(node));
    return bytes;
  }
}
