// ProjectFiles over an in-memory map of POSIX paths to texts (directories are implied by the paths).
import { type ProjectFiles } from '../../../../server/out/engine/model/origin';

export function memoryFiles(contents: Record<string, string>): ProjectFiles & { readCount: Map<string, number> } {
  const readCount = new Map<string, number>();
  const dirs = new Map<string, Map<string, boolean>>();
  for (const file of Object.keys(contents)) {
    const parts = file.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = i === 0 ? '.' : parts.slice(0, i).join('/');
      const entries = dirs.get(dir) ?? new Map<string, boolean>();
      entries.set(parts[i], i < parts.length - 1);
      dirs.set(dir, entries);
    }
  }
  const normal = (p: string): string => (p === '' ? '.' : p);
  return {
    readCount,
    readText(p: string): string | undefined {
      readCount.set(p, (readCount.get(p) ?? 0) + 1);
      return contents[p];
    },
    readBytes(p: string): Uint8Array | undefined {
      const text = contents[p];
      return text === undefined ? undefined : new TextEncoder().encode(text);
    },
    list(p: string): { name: string; directory: boolean }[] | undefined {
      const entries = dirs.get(normal(p));
      if (!entries) return undefined;
      return [...entries].map(([name, directory]) => ({ name, directory })).sort((a, b) => (a.name < b.name ? -1 : 1));
    },
  };
}
