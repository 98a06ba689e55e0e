// The project model: the cross-object facts of every file of a project (a workspace folder of the language
// server, the paths given to the CLI) and the files kustomizations list as patches, in one place for both
// adapters. Files come in as text (read from disk) or as the file model of an open document (no second parse);
// the facts go into one ProjectIndex that every lint of the project is given (LintOptions.project), so the
// linter and the rollout timeline see the same objects. Each update costs the size of the file that changed.
import { collectFacts, collectFileFacts, emptyFacts } from '../facts/collect';
import { isKustomizationFile, patchFilesOf, sourcesOf } from '../facts/patchFiles';
import { ProjectIndex, type KustomizationPaths } from '../facts/projectIndex';
import type { FactOrigin, Facts } from '../facts/types';
import type { LintOptions } from '../types';
import type { FileModel } from './fileModel';
import type { YamlChunk } from './yamlChunk';

interface FileEntry {
  /** What the facts say, origins aside: a change of it is a change other files' findings may depend on. */
  semanticKey: string;
}

/** The lint options the project adds for one of its files. */
export type ProjectLintOptions = Pick<LintOptions, 'project' | 'fileName' | 'workspaceComplete' | 'isPatchFile'>;

export class ProjectModel {
  readonly index = new ProjectIndex();
  private readonly files = new Map<string, FileEntry>();

  /** Sets a file from its text. Returns whether what its facts say changed (not only where they are). */
  setText(file: string, text: string): boolean {
    if (!isKustomizationFile(file)) return this.setFacts(file, collectFileFacts(text, file));
    const patches = patchFilesOf(text).map((patch) => resolvePath(file, patch));
    const sources = sourcesOf(text);
    const kustomization = { patches, sources: sources.paths.map((path) => resolvePath(file, path)), remote: sources.remote };
    return this.setFacts(file, collectFileFacts(text, file), kustomization);
  }

  /** Sets a file from the model of its open document: the facts of its chunks, placed, with no parse of its own. */
  setModel(file: string, model: FileModel): boolean {
    if (isKustomizationFile(file) && model.text !== undefined) return this.setText(file, model.text);
    const facts = emptyFacts();
    for (const { chunk, start } of model.chunks) {
      const own = factsWithOrigins(chunk);
      for (const key of Object.keys(facts) as (keyof Facts)[]) {
        for (const fact of own[key]) (facts[key] as unknown[]).push({ ...fact, origin: place(fact.origin, file, start) });
      }
    }
    return this.setFacts(file, facts);
  }

  /** Sets a file's facts as they are; `kustomization`: what a kustomization lists (project paths). */
  setFacts(file: string, facts: Facts, kustomization?: KustomizationPaths): boolean {
    const semanticKey =
      JSON.stringify(facts, (key, value: unknown) => (key === 'origin' ? undefined : value)) + JSON.stringify(kustomization ?? null);
    const previous = this.files.get(file);
    this.files.set(file, { semanticKey });
    this.index.set(file, facts, kustomization);
    return previous?.semanticKey !== semanticKey;
  }

  delete(file: string): boolean {
    if (!this.files.delete(file)) return false;
    this.index.delete(file);
    return true;
  }

  has(file: string): boolean {
    return this.files.has(file);
  }

  get size(): number {
    return this.files.size;
  }

  /** What a lint of `file` needs from the project; `complete`: every YAML file of the project is in it. */
  lintOptionsFor(file: string, complete: boolean): ProjectLintOptions {
    const options: ProjectLintOptions = { project: this.index, fileName: file };
    if (complete) options.workspaceComplete = true;
    if (this.index.isPatchFile(file)) options.isPatchFile = true;
    return options;
  }
}

const RELATIVE_FACTS = Symbol('facts with origins relative to the chunk');

/** A chunk's facts with origins relative to it (file left empty), memoised on the chunk. */
function factsWithOrigins(chunk: YamlChunk): Facts {
  return chunk.memo(RELATIVE_FACTS, () => {
    const facts = emptyFacts();
    if (chunk.helm) {
      facts.opaque.push({ reason: 'helm-template', origin: { file: '', start: 0, end: Math.min(1, chunk.text.length) } });
      return facts;
    }
    for (const document of chunk.documents(false)) {
      const error = document.parsed.error;
      if (error) {
        facts.opaque.push({ reason: 'yaml-error', origin: { file: '', start: error.start, end: error.end } });
        continue;
      }
      for (const object of document.objects) {
        collectFacts(object, facts, { file: '', start: object.kindRange[0], end: object.kindRange[1] });
      }
    }
    return facts;
  });
}

function place(origin: FactOrigin | undefined, file: string, offset: number): FactOrigin {
  return { file, start: (origin?.start ?? 0) + offset, end: (origin?.end ?? 0) + offset };
}

/**
 * `relative` resolved against the folder of `file`, in the file's own separator style, with `.` and `..`
 * segments folded (the engine has no path module; the adapters give native absolute paths or POSIX project paths).
 */
export function resolvePath(file: string, relative: string): string {
  const separator = file.includes('\\') && !file.includes('/') ? '\\' : '/';
  const parts = file.split(/[\\/]/);
  parts.pop();
  for (const part of relative.split(/[\\/]/)) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 1 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join(separator);
}
