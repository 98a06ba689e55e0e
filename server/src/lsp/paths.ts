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
