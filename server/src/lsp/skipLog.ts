// The Output channel's account of the files the server leaves alone: one readable line per file and reason
// ("Not checked: charts/web/templates/deployment.yaml: Helm template syntax ..."), said once and again only
// when the reason changes, with paths relative to the workspace folder.
import * as path from 'path';
import { fileURLToPath } from 'url';
import type { Connection, InitializeParams } from 'vscode-languageserver/node';
import type { OpaqueFact } from '../engine/facts/types';
import { looksBinary } from '../engine/model/documents';
import { positionIn } from '../engine/text';
import { workspaceFoldersOf } from './paths';

/** Why the server leaves a file alone: for its diagnostics (an open document), or for the workspace index. */
export type SkipSubject = 'checked' | 'indexed';

export class SkipLog {
  private roots: string[] = [];
  /** What was last said per subject and file: a reason key. */
  private readonly said = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  initialize(params: InitializeParams): void {
    const folders = workspaceFoldersOf(params);
    this.roots = folders
      .map((folder) => toPath(folder.uri))
      .filter((root): root is string => root !== undefined)
      .sort((a, b) => b.length - a.length);
  }

  /**
   * Says why `file` (a URI or a path) is not checked or not indexed, when `reasonKey` differs from what was said
   * last; `undefined` forgets the file (it is fine again, so a later problem is said again).
   */
  note(subject: SkipSubject, file: string, reasonKey: string | undefined, text?: string): void {
    const key = `${subject}\u0000${toPath(file) ?? file}`;
    if (reasonKey === undefined) {
      this.said.delete(key);
      return;
    }
    if (this.said.get(key) === reasonKey) return;
    this.said.set(key, reasonKey);
    this.connection.console.info(`Not ${subject}: ${this.display(file)}: ${oneLine(text ?? reasonKey)}`);
  }

  /** The file as a person reads it: relative to its workspace folder, else its path, else the URI. */
  display(file: string): string {
    const filePath = toPath(file);
    if (!filePath) return file;
    const root = this.roots.find((r) => filePath.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
    return root ? path.relative(root, filePath).split(path.sep).join('/') : filePath;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** A file: URI as a path; a path as it is; undefined for other URIs (untitled documents). */
function toPath(file: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(file) || /^[a-z]:[\\/]/i.test(file)) return file;
  if (!file.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(file);
  } catch {
    return undefined;
  }
}

/** Why the index knows nothing (or not everything) of a file it read: binary, a Helm template, YAML that does not parse. */
export function indexSkip(
  text: string,
  opaque: readonly OpaqueFact[],
  lines: readonly number[],
): { key: string; text: string } | undefined {
  const unseen = 'cross-file rules do not see its objects';
  if (looksBinary(text)) return { key: 'binary', text: `this looks like a binary file, not YAML text: ${unseen}.` };
  if (opaque.some((fact) => fact.reason === 'helm-template')) {
    return { key: 'helm-template', text: `Helm template syntax, not YAML until rendered: ${unseen}.` };
  }
  const broken = opaque.filter((fact) => fact.reason === 'yaml-error');
  if (broken.length === 0) return undefined;
  // The parser may point past the end of the document: say the line of the last text before it.
  const lineOf = (offset: number) => {
    let at = Math.min(offset, text.length);
    while (at > 0 && (at >= text.length || /\s/.test(text[at]))) at--;
    return String(positionIn(lines, at).line + 1);
  };
  const at = broken.map((fact) => (fact.origin ? lineOf(fact.origin.start) : '?'));
  return {
    key: `yaml-error:${broken.length}`,
    text: `${broken.length === 1 ? 'a document does' : `${broken.length} documents do`} not parse (line ${at.join(', ')}): ${unseen} there.`,
  };
}
