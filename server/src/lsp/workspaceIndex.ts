// The workspace index: feeds the project model (engine/model/projectModel.ts) of each workspace folder with the
// YAML files on disk and the open documents, so rules judging one file see the objects of the others. Built off
// the typing path: one file per event-loop turn (setImmediate between files, async reads), node_modules/.git
// skipped, symbolic links to files outside the folder not read, large files not parsed. Kept current through workspace/didChangeWatchedFiles (registered for
// **/*.{yaml,yml} when the client can) and through the open documents' own models (the validator hands them
// over after each analysis: nothing is parsed twice). Open documents are re-linted when what the facts say
// changed (coalesced by the validator, no timers). With no workspace folder, every file is judged alone.
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type DiagnosticRelatedInformation,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type Location,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { filePathOf, workspaceFoldersOf } from './paths';
import { readBounded } from '../io/boundedRead';
import { decodeText } from '../io/text';
import type { FileModel } from '../engine/model/fileModel';
import { isKustomizationFile } from '../engine/facts/patchFiles';
import { ProjectModel, type ProjectLintOptions } from '../engine/model/projectModel';
import type { RelatedLocation } from '../engine/types';
import { lineStarts, positionIn } from '../engine/text';
import { IndexProgress } from './indexProgress';
import { indexSkip, type SkipLog } from './skipLog';

export const WATCH_GLOB = '**/*.{yaml,yml}';
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

export interface WorkspaceIndexOptions {
  /** Files larger than this are not parsed (they count as unknown content). Default 2 MiB. */
  maxFileBytes?: number;
  /** Open documents longer than this give the index their facts from disk, on save only. Default 512 KiB. */
  maxOpenDocumentLength?: number;
  /** The first scan shows its progress (work-done progress: VS Code's status bar) once it has found this many files. Default 200. */
  progressMinFiles?: number;
}

interface Folder {
  uri: string;
  root: string;
  project: ProjectModel;
  /** The first full scan finished: facts are published and absence may be concluded. */
  scanned: boolean;
  /** Files not parsed (too large, unreadable): their objects are unknown. */
  unknown: Set<string>;
  /** Files whose facts changed (what they say, not only where) since the last publish; undefined: the whole folder. */
  changedFiles: Set<string | undefined>;
  /** The root with symbolic links resolved (what a linked file must be under to belong to the folder). */
  realRoot?: Promise<string>;
}

type Job =
  | { kind: 'dir'; folder: Folder; dir: string }
  /** `link`: the scan saw a symbolic link (undefined: not known, as for a watched change). */
  | { kind: 'file'; folder: Folder; file: string; firstScan?: boolean; link?: boolean }
  | { kind: 'scanned'; folder: Folder };

export class WorkspaceIndex {
  private folders: Folder[] = [];
  private readonly queue: Job[] = [];
  /** Open documents whose facts come from their model (file path -> uri as the client spells it). */
  private readonly open = new Map<string, string>();
  /** Open documents analysed this turn, with their models (taken up on the next turn). */
  private readonly analysed = new Map<string, FileModel>();
  /** Line starts of every indexed file, to turn related offsets into positions. */
  private readonly lines = new Map<string, number[]>();
  private running = false;
  private canWatch = false;
  private relatedSupport = false;
  /** Folders whose facts changed since the last publish. */
  private readonly dirty = new Set<Folder>();
  private readonly maxFileBytes: number;
  private readonly maxOpenDocumentLength: number;
  private readonly progress: IndexProgress;
  /** The Output channel's lines about files not indexed. */
  skipLog?: SkipLog;
  /** For tests and the benchmark: resolves when the first scan of every folder is done. */
  readonly ready: Promise<void>;
  private resolveReady!: () => void;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    /** Called with the open documents to re-lint after the facts they see changed. */
    private readonly onChange: (uris: string[]) => void = () => undefined,
    options: WorkspaceIndexOptions = {},
  ) {
    this.maxFileBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
    this.maxOpenDocumentLength = options.maxOpenDocumentLength ?? 512 * 1024;
    this.progress = new IndexProgress(connection, options.progressMinFiles ?? 200);
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    documents.onDidClose((event) => this.documentClosed(event.document.uri));
  }

  initialize(params: InitializeParams): void {
    const folders = workspaceFoldersOf(params);
    for (const folder of folders) {
      const root = filePathOf(folder.uri);
      if (root) {
        this.folders.push({
          uri: folder.uri,
          root,
          project: new ProjectModel(),
          scanned: false,
          unknown: new Set(),
          changedFiles: new Set(),
        });
      }
    }
    // Deepest first, so a file belongs to the innermost folder.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relatedSupport = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
    this.progress.initialize(params);
  }

  /** After `initialized`: watch YAML files and start the background scan. */
  initialized(): void {
    if (this.folders.length === 0) {
      this.resolveReady();
      return;
    }
    if (this.canWatch) {
      this.connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: WATCH_GLOB }] })
        .catch((error: unknown) => {
          this.connection.console.error(`Could not watch ${WATCH_GLOB}: ${String(error)}`);
        });
    } else {
      this.connection.console.info(
        'The client cannot watch files: YAML files changed outside the editor reach the workspace index when they are opened.',
      );
    }
    for (const folder of this.folders) this.enqueue({ kind: 'dir', folder, dir: folder.root });
    for (const folder of this.folders) this.enqueue({ kind: 'scanned', folder });
  }

  /** `workspace/didChangeWatchedFiles`. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      const file = filePathOf(change.uri);
      const folder = file && YAML_FILE.test(file) ? this.folderOf(file) : undefined;
      if (!file || !folder) continue;
      if (change.type === FileChangeType.Deleted) {
        folder.unknown.delete(file);
        this.lines.delete(file);
        this.skipLog?.note('indexed', file, undefined);
        if (!this.open.has(file) && folder.project.delete(file)) this.changed(folder, file);
      } else if (!this.open.has(file)) {
        this.enqueue({ kind: 'file', folder, file });
      }
    }
    this.publishSoon();
  }

  /**
   * The validator analysed an open document: its model's facts replace what the index had for the file (small
   * documents only; larger ones keep their facts from disk, read again on save). Taken up on the next turn, so
   * the document's own diagnostics go out first.
   */
  documentAnalysed(uri: string, model: FileModel): void {
    if (this.analysed.has(uri)) {
      this.analysed.set(uri, model);
      return;
    }
    this.analysed.set(uri, model);
    setImmediate(() => {
      const latest = this.analysed.get(uri);
      this.analysed.delete(uri);
      if (latest && this.documents.get(uri)) this.takeModel(uri, latest);
    });
  }

  private takeModel(uri: string, model: FileModel): void {
    const file = filePathOf(uri);
    const folder = file && YAML_FILE.test(file) ? this.folderOf(file) : undefined;
    const text = model.text;
    if (!file || !folder || text === undefined || text.length > this.maxOpenDocumentLength) return;
    this.open.set(file, uri);
    this.lines.set(file, lineStarts(text));
    // Typing moves offsets on every keystroke: only a change of what the facts say re-lints the others.
    if (folder.project.setModel(file, model)) {
      this.changed(folder, file);
      this.publishSoon();
    }
  }

  /**
   * What a lint of `uri` adds to its options: its folder's project (the engine leaves the file's own entries
   * out), whether the folder was seen whole, and whether a kustomization lists the file as a patch. Empty (the
   * file alone) outside a folder or before the first scan.
   */
  lintOptionsFor(uri: string): ProjectLintOptions {
    const file = filePathOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder || !folder.scanned) return {};
    return folder.project.lintOptionsFor(file, folder.unknown.size === 0);
  }

  /** A finding's related location in another file, as LSP relatedInformation (undefined when the client cannot show it). */
  relatedInformation(related: RelatedLocation): DiagnosticRelatedInformation | undefined {
    if (!this.relatedSupport || related.file === undefined) return undefined;
    const location = this.locate(related.file, related.start, related.end);
    return location && { location, message: related.message };
  }

  /** Offsets in an indexed file (a path) as an LSP location: from its open document, or from the text last read. */
  locate(file: string, start: number, end: number): Location | undefined {
    const openUri = this.open.get(file);
    const open = openUri ? this.documents.get(openUri) : undefined;
    const lines = this.lines.get(file);
    let range;
    if (open) range = { start: open.positionAt(start), end: open.positionAt(end) };
    else if (lines) range = { start: positionIn(lines, start), end: positionIn(lines, end) };
    else return undefined;
    return { uri: openUri ?? pathToFileURL(file).href, range };
  }

  private folderOf(file: string): Folder | undefined {
    return this.folders.find(
      (folder) => file === folder.root || file.startsWith(folder.root.endsWith(path.sep) ? folder.root : folder.root + path.sep),
    );
  }

  private documentClosed(uri: string): void {
    const file = filePathOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder || !this.open.delete(file)) return;
    // Back to what is on disk: the editor's unsaved text is gone.
    this.enqueue({ kind: 'file', folder, file });
  }

  private enqueue(job: Job): void {
    this.queue.push(job);
    if (!this.running) {
      this.running = true;
      setImmediate(() => void this.step());
    }
  }

  /** One job per turn of the event loop, so diagnostics of the document being typed in never wait for the scan. */
  private async step(): Promise<void> {
    const job = this.queue.shift();
    if (!job) {
      this.running = false;
      this.publish();
      return;
    }
    try {
      await this.run(job);
    } catch (error) {
      this.connection.console.error(`Workspace index: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    setImmediate(() => void this.step());
  }

  private async run(job: Job): Promise<void> {
    switch (job.kind) {
      case 'dir': {
        let entries: fs.Dirent[];
        try {
          entries = await fs.promises.readdir(job.dir, { withFileTypes: true });
        } catch {
          return;
        }
        for (const dirent of entries) {
          const full = path.join(job.dir, dirent.name);
          if (dirent.isDirectory()) {
            if (!SKIPPED_DIRECTORIES.has(dirent.name)) this.queue.push({ kind: 'dir', folder: job.folder, dir: full });
          } else if ((dirent.isFile() || dirent.isSymbolicLink()) && (YAML_FILE.test(dirent.name) || isKustomizationFile(dirent.name))) {
            this.queue.push({
              kind: 'file',
              folder: job.folder,
              file: full,
              firstScan: !job.folder.scanned,
              link: dirent.isSymbolicLink(),
            });
            if (!job.folder.scanned) this.progress.fileFound();
          }
        }
        // Directories are listed before the files in them are read, and the 'scanned' marker stays last.
        const marker = this.queue.findIndex((queued) => queued.kind === 'scanned' && queued.folder === job.folder);
        if (marker >= 0) this.queue.push(...this.queue.splice(marker, 1));
        return;
      }
      case 'file':
        await this.readFile(job.folder, job.file, job.link);
        if (job.firstScan) this.progress.fileRead();
        return;
      case 'scanned':
        job.folder.scanned = true;
        this.changed(job.folder, undefined);
        this.connection.console.info(
          `Workspace index: ${job.folder.root}: ${job.folder.project.size} YAML files indexed${job.folder.unknown.size > 0 ? `, ${job.folder.unknown.size} not read (too large or unreadable: listed above)` : ''}.`,
        );
        if (this.folders.every((folder) => folder.scanned)) {
          this.progress.done();
          this.resolveReady();
        }
        return;
    }
  }

  private async readFile(folder: Folder, file: string, link: boolean | undefined): Promise<void> {
    if (this.open.has(file)) return; // the open document's model is what counts
    if (!(await this.insideFolder(folder, file, link))) {
      // A link to a file outside the folder: its objects are not the folder's (a PDB elsewhere must not hide
      // a missing one here). Not read, not counted, not unknown.
      folder.unknown.delete(file);
      this.lines.delete(file);
      if (folder.project.delete(file)) this.changed(folder, file);
      this.skipLog?.note(
        'indexed',
        file,
        'outside',
        'a symbolic link to a file outside the workspace folder: cross-file rules do not count its objects.',
      );
      return;
    }
    // Type and size are checked on the open file before reading (a FIFO, /dev/zero or a huge file is never read).
    const read = await readBounded(file, this.maxFileBytes);
    if (!read.ok) {
      if (read.reason === 'not-a-file') return;
      folder.unknown.add(file);
      if (folder.project.delete(file)) this.changed(folder, file);
      const why =
        read.reason === 'too-large' ? `${read.message} of the workspace index` : `it cannot be read (${read.code ?? read.message})`;
      this.skipLog?.note('indexed', file, read.reason, `${why}: cross-file rules do not see its objects.`);
      return;
    }
    if (this.open.has(file)) return; // opened while it was read
    const text = decodeText(read.bytes);
    folder.unknown.delete(file);
    const lines = lineStarts(text);
    this.lines.set(file, lines);
    const known = folder.project.has(file);
    if (folder.project.setText(file, text) && (known || hasAnything(folder.project, file))) this.changed(folder, file);
    const skipped = indexSkip(text, folder.project.index.factsOf(file)?.opaque ?? [], lines);
    this.skipLog?.note('indexed', file, skipped?.key, skipped?.text);
  }

  /** Is the file, once symbolic links are followed, inside the folder? (Plain files are, without asking the disk.) */
  private async insideFolder(folder: Folder, file: string, link: boolean | undefined): Promise<boolean> {
    try {
      if (link === false || (link === undefined && !(await fs.promises.lstat(file)).isSymbolicLink())) return true;
      const [real, root] = await Promise.all([fs.promises.realpath(file), (folder.realRoot ??= fs.promises.realpath(folder.root))]);
      return real === root || real.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
    } catch {
      return true; // gone or unreadable: the read says so
    }
  }

  private changed(folder: Folder, file: string | undefined): void {
    folder.changedFiles.add(file);
    this.dirty.add(folder);
  }

  private publishSoon(): void {
    if (!this.running) this.publish();
  }

  /** Re-lints the open documents of folders whose facts changed (once the queue is empty: a scan is one change). */
  private publish(): void {
    if (this.dirty.size === 0) return;
    const folders = [...this.dirty].filter((folder) => folder.scanned);
    this.dirty.clear();
    if (folders.length === 0) return;
    // A document's own facts do not change its own findings (the engine leaves them out of the project's).
    const uris = this.documents
      .all()
      .map((document) => document.uri)
      .filter((uri) => {
        const file = filePathOf(uri);
        const folder = file ? this.folderOf(file) : undefined;
        return folder !== undefined && folders.includes(folder) && [...folder.changedFiles].some((changed) => changed !== file);
      });
    for (const folder of folders) folder.changedFiles.clear();
    if (uris.length > 0) this.onChange(uris);
  }
}

/** Does the file tell the project anything (objects, or patches a kustomization lists)? */
function hasAnything(project: ProjectModel, file: string): boolean {
  const facts = project.index.factsOf(file);
  return (
    project.index.isPatchFile(file) ||
    (facts !== undefined && Object.values(facts).some((list: unknown[]) => list.length > 0)) ||
    isKustomizationFile(file)
  );
}
