// The index's storage (facts/projectIndex.ts): facts filed under keys (a label, a name, a namespace), each entry
// knowing the file it comes from and its place in project order, so an answer is gathered from the few buckets a
// question names and sorted as a scan of every fact would have listed it.
import type { AutoscalerFact, MeshRouteFact, NamespaceFact, OpaqueFact, PdbFact, ServiceFact, WorkloadFact } from './types';

export type Fact = ServiceFact | AutoscalerFact | PdbFact | WorkloadFact | NamespaceFact | MeshRouteFact | OpaqueFact;

export interface Entry<T extends Fact> {
  fact: T;
  file: string;
  /** Project order: the rank of the file it comes from (which the index may change), then its place there. */
  owner: { rank: number };
  position: number;
}

export function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

export class Buckets<T extends Fact> {
  private readonly byKey = new Map<string, Set<Entry<T>>>();

  add(key: string, entry: Entry<T>): void {
    let bucket = this.byKey.get(key);
    if (!bucket) {
      bucket = new Set();
      this.byKey.set(key, bucket);
    }
    bucket.add(entry);
  }

  remove(key: string, entry: Entry<T>): void {
    const bucket = this.byKey.get(key);
    bucket?.delete(entry);
    if (bucket?.size === 0) this.byKey.delete(key);
  }

  get(key: string): Iterable<Entry<T>> {
    return this.byKey.get(key) ?? [];
  }

  size(key: string): number {
    return this.byKey.get(key)?.size ?? 0;
  }

  /** The key of `keys` whose bucket is smallest now (the first on a tie); undefined for none. */
  smallest(keys: readonly string[]): string | undefined {
    let best: string | undefined;
    let bestSize = Infinity;
    for (const key of keys) {
      const size = this.size(key);
      if (size < bestSize) {
        best = key;
        bestSize = size;
      }
    }
    return best;
  }
}

/** Candidates from one or more buckets, with how many entries they hold (the smaller source is the one to scan). */
export interface Source<T extends Fact> {
  parts: Iterable<Entry<T>>[];
  size: number;
}

function sizeOf<T extends Fact>(part: Iterable<Entry<T>>): number {
  return part instanceof Set ? part.size : Array.isArray(part) ? part.length : 0;
}

export function source<T extends Fact>(...parts: Iterable<Entry<T>>[]): Source<T> {
  return { parts, size: parts.reduce((sum, part) => sum + sizeOf(part), 0) };
}

/** Entries of several buckets, each once, without those of `exclude`, in project order. */
export function collect<T extends Fact>(sources: Iterable<Entry<T>>[], exclude: string | undefined): T[] {
  const seen = new Set<Entry<T>>();
  for (const source of sources) {
    for (const entry of source) {
      if (entry.file !== exclude) seen.add(entry);
    }
  }
  return [...seen].sort((a, b) => a.owner.rank - b.owner.rank || a.position - b.position).map((entry) => entry.fact);
}
