// Kustomize in the language server: per workspace folder, the root kustomizations are built and judged
// (engine/kustomize) over the files on disk and the open documents' texts. A document a root builds shows the
// findings whose origin is in it (a base, a patch, a kustomization) instead of its own judgement alone; a root
// that cannot be built shows a notice on its kustomization. Editing any file of a build builds again only the
// roots that read it (the judge keeps each root's build, parse cache and linter) and re-lints the open documents
// of those roots. Quick fixes of build findings edit (and create) the files where the nodes belong.
import * as path from 'path';
import type { DidChangeWatchedFilesParams, InitializeParams, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { isKustomizationFile } from '../engine/facts/patchFiles';
import { aloneResultOfBuiltFile, KustomizeJudge, kustomizeFixes, type KustomizeFinding } from '../engine/kustomize';
import { builtRolloutTargets } from '../engine/kustomize/targets';
import { findKustomizations } from '../engine/render/kustomize';
import type { RolloutTarget } from '../engine/simulation';
import type { Finding, Fix, LintResult } from '../engine/types';
import { DiskFiles, nativePath, projectPath } from '../io/diskFiles';
import { filePathOf, workspaceFoldersOf } from './paths';
import { toLintOptions, type Settings } from './settings';

interface BuildFolder {
  /** Project path of the folder. */
  root: string;
  files: DiskFiles;
  judge: KustomizeJudge;
  /** Kustomization directories found in the folder. */
  dirs: Set<string>;
  ready: boolean;
  /** `kubeZeroDowntime.kustomize.enable` as the last analysed document of the folder saw it. */
  enabled: boolean;
  optionsKey?: string;
}

/** What the validator publishes for a document a build judges: its result, and where the fixes of build findings come from. */
export interface AdjustedResult {
  result: LintResult;
  fixesFor?: (finding: Finding) => Fix[] | undefined;
}

export class KustomizeBuilds {
  private folders: BuildFolder[] = [];

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    /** Re-lint these open documents (their builds changed). */
    private readonly schedule: (uris: string[]) => void,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  initialize(params: InitializeParams): void {
    const folders = workspaceFoldersOf(params);
    for (const folder of folders) {
      const native = filePathOf(folder.uri);
      if (!native) continue;
      const root = projectPath(native);
      const files = new DiskFiles();
      // Roots and files are named relative to the folder; the folder itself by its name.
      const label = (file: string): string => path.relative(native, nativePath(file)).split(path.sep).join('/') || path.basename(native);
      this.folders.push({ root, files, judge: new KustomizeJudge(files, { label }), dirs: new Set(), ready: false, enabled: true });
    }
    this.folders.sort((a, b) => b.root.length - a.root.length);
  }

  /** Once the workspace has been scanned: find the kustomizations and judge the open documents with their builds. */
  start(): void {
    for (const folder of this.folders) {
      for (const document of this.documents.all()) {
        const file = this.fileOf(document.uri);
        if (file && this.folderOf(file) === folder) folder.files.setText(file, document.getText());
      }
      folder.dirs = new Set(findKustomizations(folder.files, folder.root));
      folder.judge.setKustomizations([...folder.dirs]);
      folder.ready = true;
      this.log(`Kustomize: ${folder.root}: ${folder.judge.roots.length} root kustomization(s) of ${folder.dirs.size}.`);
    }
    this.schedule(this.documents.all().map((document) => document.uri));
  }

  /**
   * A document's own lint result, as the builds see it: a file a root builds keeps from its own lint only what
   * belongs to the file itself, and gets the findings of the builds placed in it; a kustomization of a root that
   * cannot be built gets a notice.
   */
  adjust(uri: string, text: string, result: LintResult, settings: Settings): AdjustedResult {
    try {
      return this.adjusted(uri, text, result, settings);
    } catch (error) {
      // A bug here must not hide the document's own findings: they are published, and the error logged.
      this.log(
        `Kustomize: judging the builds of ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return { result };
    }
  }

  private adjusted(uri: string, text: string, result: LintResult, settings: Settings): AdjustedResult {
    const file = this.fileOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (folder) folder.enabled = settings.kustomize;
    if (!file || !folder?.ready || !settings.kustomize) return { result };
    this.useSettings(folder, settings);
    const previous = folder.files.readText(file);
    folder.files.setText(file, text);
    if (previous !== text) this.changed(folder, [file], uri);
    const verdict = folder.judge.verdict();
    const findings = verdict.findings.filter((finding) => finding.file === file);
    const notices = verdict.notices.filter((notice) => notice.file === file);
    if (findings.length === 0 && notices.length === 0 && !verdict.builtFiles.has(file)) return { result };
    const own = verdict.builtFiles.has(file) ? aloneResultOfBuiltFile(verdict, file, text, result) : result;
    const placed = findings.map((finding) => {
      const related = finding.related?.map((item) => ({ ...item, ...(item.file !== undefined ? { file: nativePath(item.file) } : {}) }));
      const copy: KustomizeFinding = { ...finding, ...(related ? { related } : {}) };
      return { copy, finding };
    });
    const originals = new Map<Finding, KustomizeFinding>(placed.map(({ copy, finding }) => [copy, finding]));
    return {
      result: { ...own, findings: [...own.findings, ...placed.map(({ copy }) => copy)], notices: [...own.notices, ...notices] },
      fixesFor: (finding) => {
        const original = originals.get(finding);
        return original ? kustomizeFixes(folder.judge, original) : undefined;
      },
    };
  }

  /** The document closed: the builds read it from disk again. */
  closed(uri: string): void {
    const file = this.fileOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder?.files.hasText(file)) return;
    folder.files.setText(file, undefined);
    folder.files.invalidate(file);
    if (folder.ready) this.changed(folder, [file]);
  }

  /** `workspace/didChangeWatchedFiles`: files changed on disk. */
  filesChanged(params: DidChangeWatchedFilesParams): void {
    for (const change of params.changes) {
      const file = this.fileOf(change.uri);
      const folder = file ? this.folderOf(file) : undefined;
      if (!file || !folder) continue;
      folder.files.invalidate(file);
      if (folder.ready && !folder.files.hasText(file)) this.changed(folder, [file]);
    }
  }

  /** The rollout targets of the builds that deploy the document's objects; undefined when no build reads it. */
  rolloutTargets(uri: string): RolloutTarget[] | undefined {
    const file = this.fileOf(uri);
    const folder = file ? this.folderOf(file) : undefined;
    if (!file || !folder?.ready || !folder.enabled) return undefined;
    const verdict = folder.judge.verdict();
    return verdict.builtFiles.has(file) ? builtRolloutTargets(folder.judge, file) : undefined;
  }

  private changed(folder: BuildFolder, files: string[], except?: string): void {
    if (files.some((file) => isKustomizationFile(file))) {
      for (const file of files) {
        const dir = file.slice(0, file.lastIndexOf('/'));
        if (isKustomizationFile(file) && folder.files.readText(file) !== undefined) folder.dirs.add(dir);
        else if (isKustomizationFile(file)) folder.dirs.delete(dir);
      }
      folder.judge.setKustomizations([...folder.dirs]);
    }
    const affected = folder.judge.changed(files);
    if (affected.length === 0) return;
    const inputs = new Set(affected.flatMap((state) => state.build?.inputs ?? []));
    folder.judge.verdict();
    for (const state of affected) for (const input of state.build?.inputs ?? []) inputs.add(input);
    const uris = this.documents
      .all()
      .map((document) => document.uri)
      .filter((uri) => uri !== except && inputs.has(this.fileOf(uri) ?? ''));
    if (uris.length > 0) this.schedule(uris);
  }

  private useSettings(folder: BuildFolder, settings: Settings): void {
    const lint = toLintOptions(settings);
    const key = JSON.stringify(lint);
    if (key === folder.optionsKey) return;
    folder.optionsKey = key;
    folder.judge.setOptions({ ...folder.judge.options, lint });
  }

  private fileOf(uri: string): string | undefined {
    const native = filePathOf(uri);
    return native ? projectPath(native) : undefined;
  }

  private folderOf(file: string): BuildFolder | undefined {
    return this.folders.find((folder) => file.startsWith(`${folder.root}/`));
  }
}
