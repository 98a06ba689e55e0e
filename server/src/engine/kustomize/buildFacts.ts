// The facts of a build's documents, for the build's own lint, with origins: a rule that names a related object
// (the HPA that scales a Deployment, the workloads a PDB blocks) can then point at it, and the judge places that
// related object in its source file like a finding. Origins are relative to the document's chunk of the built
// text and name the chunk (a stable key per chunk object), so an edit above a document does not change its
// facts: the linter's incremental re-checks stay as cheap as for a file.
import { collectFacts, emptyFacts } from '../facts/collect';
import { ProjectIndex } from '../facts/projectIndex';
import type { Facts } from '../facts/types';
import type { FileModel } from '../model/fileModel';
import type { YamlChunk } from '../model/yamlChunk';

const PREFIX = '\u0000built:';
const ids = new WeakMap<YamlChunk, number>();
let nextId = 1;
const FACTS = Symbol('facts of a built chunk');

function keyOf(chunk: YamlChunk): string {
  let id = ids.get(chunk);
  if (id === undefined) {
    id = nextId++;
    ids.set(chunk, id);
  }
  return `${PREFIX}${id}`;
}

function factsOf(chunk: YamlChunk, key: string): Facts {
  return chunk.memo(FACTS, () => {
    const facts = emptyFacts();
    for (const document of chunk.documents(false)) {
      for (const object of document.objects) {
        collectFacts(object, facts, { file: key, start: object.kindRange[0], end: object.kindRange[1] });
      }
    }
    return facts;
  });
}

/** The project index of one build's documents, kept current from build to build. */
export class BuildFacts {
  readonly index = new ProjectIndex();
  private keys = new Set<string>();

  update(model: FileModel): ProjectIndex {
    const keys = new Set<string>();
    for (const { chunk } of model.chunks) {
      const key = keyOf(chunk);
      keys.add(key);
      const facts = factsOf(chunk, key);
      if (this.index.factsOf(key) !== facts) this.index.set(key, facts);
    }
    for (const key of this.keys) if (!keys.has(key)) this.index.delete(key);
    this.keys = keys;
    return this.index;
  }
}

/** A related location a rule gave for a fact of the build: its range in the built text, or undefined. */
export function builtRange(model: FileModel, file: string | undefined, start: number, end: number): [number, number] | undefined {
  if (file === undefined || !file.startsWith(PREFIX)) return undefined;
  const placed = model.chunks.find(({ chunk }) => ids.get(chunk) === Number(file.slice(PREFIX.length)));
  return placed ? [placed.start + start, placed.start + end] : undefined;
}
