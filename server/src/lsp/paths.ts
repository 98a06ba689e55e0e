// The file system path of a document URI (only `file:` URIs have one).
import { fileURLToPath } from 'url';

export function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The workspace folders the client opened (the single root of an older client as one folder, named ''). */
export function workspaceFoldersOf(params: {
  workspaceFolders?: { uri: string; name: string }[] | null;
  rootUri?: string | null;
}): { uri: string; name: string }[] {
  return params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: '' }] : []);
}
