// Engine edits -> an LSP WorkspaceEdit. Most fixes edit the document they are offered in; a fix of a Kustomize
// build may edit other files (the patch that set a value, a kustomization) and create one (a new patch), named
// by project path. Other files are edited at positions computed from their open document or, when closed, from
// their text on disk; creating a file needs a client that takes `documentChanges` (else the fix is not offered).
import * as fs from 'fs';
import { pathToFileURL } from 'url';
import type { TextDocuments, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextEdit } from '../engine/types';
import { nativePath } from '../io/diskFiles';
import { decodeText } from '../io/text';
import { filePathOf } from './paths';

interface Target {
  uri: string;
  /** The document to compute positions in (its version, when open). */
  document: TextDocument;
  open: boolean;
  create: boolean;
  edits: TextEdit[];
}

export function toWorkspaceEdit(
  document: TextDocument,
  edits: readonly TextEdit[],
  documents: TextDocuments<TextDocument>,
  documentChanges: boolean,
): WorkspaceEdit | undefined {
  const targets = new Map<string, Target>();
  const own = filePathOf(document.uri);
  for (const edit of edits) {
    let target: Target | undefined;
    const native = edit.file === undefined ? undefined : nativePath(edit.file);
    if (native === undefined || native === own) {
      target = targets.get(document.uri) ?? { uri: document.uri, document, open: true, create: false, edits: [] };
    } else {
      const uri = pathToFileURL(native).href;
      const open = documents.all().find((candidate) => filePathOf(candidate.uri) === native);
      target = targets.get(open?.uri ?? uri);
      if (!target) {
        if (open) target = { uri: open.uri, document: open, open: true, create: false, edits: [] };
        else {
          const text = edit.create ? '' : readText(native);
          if (text === undefined) return undefined;
          target = { uri, document: TextDocument.create(uri, 'yaml', 0, text), open: false, create: edit.create === true, edits: [] };
        }
      }
    }
    target.edits.push(edit);
    targets.set(target.uri, target);
  }
  const lspEdits = (target: Target): LspTextEdit[] =>
    target.edits.map((edit) => ({
      range: { start: target.document.positionAt(edit.offset), end: target.document.positionAt(edit.offset + edit.length) },
      newText: edit.newText,
    }));
  if (!documentChanges) {
    if ([...targets.values()].some((target) => target.create)) return undefined;
    return { changes: Object.fromEntries([...targets.values()].map((target) => [target.uri, lspEdits(target)])) };
  }
  const changes: NonNullable<WorkspaceEdit['documentChanges']> = [];
  for (const target of targets.values()) {
    if (target.create) changes.push({ kind: 'create', uri: target.uri, options: { overwrite: false, ignoreIfExists: false } });
    changes.push({ textDocument: { uri: target.uri, version: target.open ? target.document.version : null }, edits: lspEdits(target) });
  }
  return { documentChanges: changes };
}

function readText(native: string): string | undefined {
  try {
    return decodeText(fs.readFileSync(native));
  } catch {
    return undefined;
  }
}
