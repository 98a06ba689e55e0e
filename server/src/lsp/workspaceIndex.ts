// The workspace index: the cross-object facts (Services, HPAs, PodDisruptionBudgets, workloads) of every YAML
// file in each workspace folder, so rules judging one file see the objects of the others, plus the files that
// kustomizations list as patches. Built off the typing path: one file per event-loop turn (setImmediate between
// files, async reads), node_modules/.git skipped, large files not parsed. Kept current through
// workspace/didChangeWatchedFiles (registered for **/*.{yaml,yml} when the client can) and through the contents of
// open documents. Open documents are re-linted when the facts change in a way that matters (coalesced by the
// validator, no timers). With no workspace folder, every file is judged alone.
import * as fs from 'fs';
import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import {
  DidChangeWatchedFilesNotification,
  FileChangeType,
  type Connection,
  type DiagnosticRelatedInformation,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type TextDocuments,
} from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { decodeText } from '../config/text';
import { readBounded } from '../io/boundedRead';
import { splitDocuments } from '../engine/documents';
import { asPatchFacts, collectFileFacts, emptyFacts, mergeFacts } from '../engine/facts';
import { isKustomizationFile, patchFilesOf } from '../engine/kustomize';
import type { FactOrigin, FileContext } from '../engine/rule';
import type { LintOptions, RelatedLocation } from '../engine/types';
import { lineStarts, positionIn } from '../engine/text';

export const WATCH_GLOB = '**/*.{yaml,yml}';
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

export interface WorkspaceIndexOptions {
  /** Files larger than this are not parsed (they count as unknown content). Default 2 MiB. */
  maxFileBytes?: number;
  /** Open documents longer than this get their facts from disk on save only, not on every change. Default 512 KiB. */
  maxOpenDocumentLength?: number;
}

/** The lint options the index adds for one document. */
export type CrossFileLintOptions = Pick<LintOptions, 'externalFacts' | 'fileName' | 'workspaceComplete' | 'isPatchFile'>;

interface FileFacts {
  facts: FileContext;
  /** The facts as a string (origins included): what "changed" means. */
  key: string;
  /** The same without origins: a change only of offsets, while typing, does not re-lint other documents. */
  semanticKey: string;
  lineStarts: number[];
  /** Kustomization files: the absolute paths of the patch files they list. */
  patches?: string[];
}

interface Entry {
  file: string;
  folder: Folder;
  disk?: FileFacts;
  /** From the open document's text, when it is open; wins over `disk`. */
  open?: FileFacts;
  /** The client's URI of the open document (its spelling may differ from pathToFileURL's). */
  openUri?: string;
}

interface Folder {
  uri: string;
  root: string;
  /** The first full scan finished: facts are published and absence may be concluded. */
  scanned: boolean;
  /** Files not parsed (too large, unreadable): their objects are unknown. */
  unknown: Set<string>;
  generation: number;
  /** Files whose facts changed since the last publish (undefined entry: the whole folder, e.g. the first scan). */
  changedFiles: Set<string | undefined>;
  snapshot?: { generation: number; facts: FileContext; patches: Set<string> };
}

type Job =
  | { kind: 'dir'; folder: Folder; dir: string }
  | { kind: 'file'; folder: Folder; file: string }
  | { kind: 'open'; uri: string }
  | { kind: 'scanned'; folder: Folder };

export class WorkspaceIndex {
  private folders: Folder[] = [];
  private readonly entries = new Map<string, Entry>();
  private readonly queue: Job[] = [];
  private readonly queuedOpen = new Set<string>();
  /** Per open document: the facts of each YAML document (chunk) of its last text, so a keystroke re-parses one. */
  private readonly openChunks = new Map<string, Map<string, FileContext>>();
  private running = false;
  private canWatch = false;
  private relatedSupport = false;
  /** Folders whose facts changed since the last publish. */
  private readonly dirty = new Set<Folder>();
  private readonly maxFileBytes: number;
  private readonly maxOpenDocumentLength: number;
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
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    documents.onDidChangeContent((event) => this.documentChanged(event.document));
    documents.onDidClose((event) => this.documentClosed(event.document.uri));
  }

  initialize(params: InitializeParams): void {
    const folders = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
    for (const folder of folders) {
      const root = toPath(folder.uri);
      if (root) this.folders.push({ uri: folder.uri, root, scanned: false, unknown: new Set(), generation: 0, changedFiles: new Set() });
    }
    // Deepest first, so a file belongs to the innermost folder.
    this.folders.sort((a, b) => b.root.length - a.root.length);
    this.canWatch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    this.relatedSupport = params.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
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
    for (const folder of this.folders) {
      this.enqueue({ kind: 'dir', folder, dir: folder.root });
    }
    for (const folder of this.folders) {
      this.enqueue({ kind: 'scanned', folder });
    }
    // Documents opened before the scan: their own text counts.
    for (const document of this.documents.all()) this.documentChanged(document);
  }

  /** `workspace/didChangeWatchedFiles`. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      const file = toPath(change.uri);
      const folder = file && YAML_FILE.test(file) ? this.folderOf(file) : undefined;
      if (!file || !folder) continue;
      if (change.type === FileChangeType.Deleted) {
        const entry = this.entries.get(file);
        folder.unknown.delete(file);
        if (entry?.disk) {
          entry.disk = undefined;
          this.changed(folder, file);
          if (!entry.open) this.entries.delete(file);
        }
      } else {
        this.enqueue({ kind: 'file', folder, file });
      }
    }
    this.publishSoon();
  }

  /**
   * What a lint of `uri` adds to its options: the facts of its folder (one object for every file of the folder,
   * the engine leaves the file's own out by `fileName`), whether the folder was seen whole, and whether a
   * kustomization lists the file as a patch. Empty (the file alone) outside a folder or before the first scan.
   */
  lintOptionsFor(uri: string): CrossFileLintOptions {
    const file = toPath(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder || !folder.scanned) return {};
    const snapshot = this.snapshot(folder);
    const options: CrossFileLintOptions = { externalFacts: snapshot.facts, fileName: file };
    if (folder.unknown.size === 0) options.workspaceComplete = true;
    if (snapshot.patches.has(file)) options.isPatchFile = true;
    return options;
  }

  /** The facts of every other file of the folder of `uri` (undefined: no folder, or not scanned yet). */
  externalFactsFor(uri: string): FileContext | undefined {
    const file = toPath(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder || !folder.scanned) return undefined;
    const facts = emptyFacts();
    for (const entry of this.entries.values()) {
      const current = entry.open ?? entry.disk;
      if (entry.folder === folder && entry.file !== file && current) mergeFacts(facts, current.facts);
    }
    return facts;
  }

  /** Whether every YAML file of the folder of `uri` has been indexed. */
  workspaceComplete(uri: string): boolean {
    return this.lintOptionsFor(uri).workspaceComplete === true;
  }

  /** The absolute paths of the files the kustomizations of the folder of `uri` list as patches. */
  patchFiles(uri: string): string[] {
    const file = toPath(uri);
    const folder = file ? this.folderOf(file) : undefined;
    return folder?.scanned ? [...this.snapshot(folder).patches] : [];
  }

  /** A finding's related location in another file, as LSP relatedInformation (undefined when the client cannot show it). */
  relatedInformation(related: RelatedLocation): DiagnosticRelatedInformation | undefined {
    if (!this.relatedSupport || related.file === undefined) return undefined;
    const entry = this.entries.get(related.file);
    const open = entry?.openUri ? this.documents.get(entry.openUri) : undefined;
    const current = entry?.open ?? entry?.disk;
    let start;
    let end;
    if (open && entry?.open) {
      start = open.positionAt(related.start);
      end = open.positionAt(related.end);
    } else if (current) {
      start = positionIn(current.lineStarts, related.start);
      end = positionIn(current.lineStarts, related.end);
    } else {
      return undefined;
    }
    return { location: { uri: entry?.openUri ?? pathToFileURL(related.file).href, range: { start, end } }, message: related.message };
  }

  private folderOf(file: string): Folder | undefined {
    return this.folders.find(
      (folder) => file === folder.root || file.startsWith(folder.root.endsWith(path.sep) ? folder.root : folder.root + path.sep),
    );
  }

  private snapshot(folder: Folder): { facts: FileContext; patches: Set<string> } {
    if (folder.snapshot?.generation === folder.generation) return folder.snapshot;
    const facts = emptyFacts();
    const patches = new Set<string>();
    const entries = [...this.entries.values()].filter((entry) => entry.folder === folder && (entry.open ?? entry.disk));
    for (const entry of entries) {
      for (const patch of (entry.open ?? entry.disk)!.patches ?? []) patches.add(patch);
    }
    // Files listed as patches hold fragments: the other files see their workloads as such.
    for (const entry of entries) {
      const current = (entry.open ?? entry.disk)!;
      mergeFacts(facts, patches.has(entry.file) ? asPatchFacts(current.facts) : current.facts);
    }
    folder.snapshot = { generation: folder.generation, facts, patches };
    return folder.snapshot;
  }

  private documentChanged(document: TextDocument): void {
    const file = toPath(document.uri);
    if (!file || !YAML_FILE.test(file) || !this.folderOf(file)) return;
    if (document.getText().length > this.maxOpenDocumentLength) return; // large files: facts from disk, on save
    if (!this.queuedOpen.has(document.uri)) {
      this.queuedOpen.add(document.uri);
      // After the validator's turn (it waits one turn for a burst to end, then lints): the diagnostics of the
      // keystroke go out first, the facts for the other documents follow.
      setImmediate(() => setImmediate(() => setImmediate(() => this.enqueue({ kind: 'open', uri: document.uri }))));
    }
  }

  private documentClosed(uri: string): void {
    const file = toPath(uri);
    const entry = file ? this.entries.get(file) : undefined;
    if (!entry?.open) return;
    // Back to what is on disk (the editor's unsaved text is gone); no re-read needed, the watcher reports saves.
    const before = entry.open;
    entry.open = undefined;
    entry.openUri = undefined;
    this.openChunks.delete(uri);
    if (before.key !== entry.disk?.key) this.changed(entry.folder, entry.file);
    if (!entry.disk) this.entries.delete(entry.file);
    this.publishSoon();
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
            this.queue.push({ kind: 'file', folder: job.folder, file: full });
          }
        }
        // Directories are listed before the files in them are read, and the 'scanned' marker stays last.
        const marker = this.queue.findIndex((queued) => queued.kind === 'scanned' && queued.folder === job.folder);
        if (marker >= 0) this.queue.push(...this.queue.splice(marker, 1));
        return;
      }
      case 'file':
        return this.readFile(job.folder, job.file);
      case 'open': {
        this.queuedOpen.delete(job.uri);
        const document = this.documents.get(job.uri);
        const file = toPath(job.uri);
        const folder = file ? this.folderOf(file) : undefined;
        if (!document || !file || !folder) return;
        const facts = this.openFactsOf(job.uri, document.getText(), file);
        const entry = this.entry(folder, file);
        const previous = entry.open ?? entry.disk;
        entry.open = facts;
        entry.openUri = job.uri;
        // Typing moves offsets on every keystroke: only a change of what the facts say re-lints the others.
        if (previous?.semanticKey !== facts.semanticKey) this.changed(folder, file);
        return;
      }
      case 'scanned':
        job.folder.scanned = true;
        this.changed(job.folder, undefined);
        this.connection.console.info(
          `Workspace index: ${job.folder.root}: ${[...this.entries.values()].filter((entry) => entry.folder === job.folder).length} YAML files indexed${job.folder.unknown.size > 0 ? `, ${job.folder.unknown.size} not (too large or unreadable)` : ''}.`,
        );
        if (this.folders.every((folder) => folder.scanned)) this.resolveReady();
        return;
    }
  }

  private async readFile(folder: Folder, file: string): Promise<void> {
    // Type and size are checked on the open file before reading (a FIFO, /dev/zero or a huge file is never read).
    const read = await readBounded(file, this.maxFileBytes);
    if (!read.ok) {
      if (read.reason === 'not-a-file') return;
      folder.unknown.add(file);
      if (read.reason === 'too-large') {
        this.connection.console.info(
          `Workspace index: ${file} is over ${Math.round(this.maxFileBytes / 1024)} KB: not indexed; objects in it are not known to cross-file rules.`,
        );
      }
      return;
    }
    const text = decodeText(read.bytes);
    folder.unknown.delete(file);
    const facts = this.factsOf(text, file);
    const entry = this.entry(folder, file);
    const previous = entry.disk;
    entry.disk = facts;
    if (!entry.open && previous?.key !== facts.key && (previous !== undefined || hasAnything(facts))) this.changed(folder, file);
  }

  private factsOf(text: string, file: string): FileFacts {
    const facts = collectFileFacts(text, file);
    const result: FileFacts = {
      facts,
      key: JSON.stringify(facts),
      semanticKey: JSON.stringify(facts, (key, value: unknown) => (key === 'origin' ? undefined : value)),
      lineStarts: lineStarts(text),
    };
    if (isKustomizationFile(file)) {
      result.patches = patchFilesOf(text).map((patch) => path.resolve(path.dirname(file), patch));
      result.key += JSON.stringify(result.patches);
      result.semanticKey += JSON.stringify(result.patches);
    }
    return result;
  }

  /** Like factsOf, re-using the facts of every YAML document of the open text that did not change. */
  private openFactsOf(uri: string, text: string, file: string): FileFacts {
    if (isKustomizationFile(file)) return this.factsOf(text, file);
    const previous = this.openChunks.get(uri) ?? new Map<string, FileContext>();
    const current = new Map<string, FileContext>();
    const facts = emptyFacts();
    for (const chunk of splitDocuments(text)) {
      const own = current.get(chunk.text) ?? previous.get(chunk.text) ?? collectFileFacts(chunk.text, file);
      current.set(chunk.text, own);
      mergeFacts(facts, rebased(own, chunk.start));
    }
    this.openChunks.set(uri, current);
    return {
      facts,
      key: JSON.stringify(facts),
      semanticKey: JSON.stringify(facts, (key, value: unknown) => (key === 'origin' ? undefined : value)),
      lineStarts: lineStarts(text),
    };
  }

  private entry(folder: Folder, file: string): Entry {
    let entry = this.entries.get(file);
    if (!entry) {
      entry = { file, folder };
      this.entries.set(file, entry);
    }
    return entry;
  }

  private changed(folder: Folder, file: string | undefined): void {
    folder.generation++;
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
    // A document's own facts do not change its own findings (the engine leaves them out of the external facts).
    const uris = this.documents
      .all()
      .map((document) => document.uri)
      .filter((uri) => {
        const file = toPath(uri);
        const folder = file ? this.folderOf(file) : undefined;
        return folder !== undefined && folders.includes(folder) && [...folder.changedFiles].some((changed) => changed !== file);
      });
    for (const folder of folders) folder.changedFiles.clear();
    if (uris.length > 0) this.onChange(uris);
  }
}

/** The facts of a chunk at `offset` in its file: origins moved by `offset` (copies; the cached ones stay as they are). */
function rebased(facts: FileContext, offset: number): FileContext {
  if (offset === 0) return facts;
  const move = <T extends { origin?: FactOrigin }>(fact: T): T =>
    fact.origin ? { ...fact, origin: { ...fact.origin, start: fact.origin.start + offset, end: fact.origin.end + offset } } : fact;
  return {
    services: facts.services.map(move),
    autoscalers: facts.autoscalers.map(move),
    pdbs: facts.pdbs.map(move),
    workloads: facts.workloads.map(move),
    opaque: facts.opaque.map(move),
  };
}

function hasAnything(facts: FileFacts): boolean {
  return facts.patches !== undefined || Object.values(facts.facts).some((list: unknown[]) => list.length > 0);
}

function toPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}
