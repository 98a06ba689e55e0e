// Where the text of a document came from. A document of the project model is either a file's own text or a
// text produced by a renderer (a Kustomize build, a rendered Helm chart); a rendered text carries an origin map
// from its ranges to the source files and ranges that produced them, so findings and fixes can be placed in
// the file a person edits. Offsets are UTF-16 code units, end-exclusive, as everywhere in the engine.

/** A range of a source file. `file` is a project path (POSIX separators) as the project's files spell it. */
export interface SourceRange {
  file: string;
  start: number;
  end: number;
}

/**
 * How a rendered range relates to its source:
 * - `copy`: the rendered characters are the source's characters one for one (rendered start + i is source
 *   start + i), e.g. literal template text;
 * - `node`: the rendered YAML node at this range is the source YAML node at `source` (the same value, possibly
 *   written differently: re-indented, re-quoted), e.g. a container a Kustomize build carried over from a base,
 *   or a `.Values` node printed by `toYaml`;
 * - `produced`: the source range produced this text without containing it, e.g. a template action
 *   (`{{ include "x" . }}`) or a kustomization field (`namePrefix:`, `images:`).
 */
export type OriginKind = 'copy' | 'node' | 'produced';

export interface OriginSpan {
  /** Range of the rendered text. */
  start: number;
  end: number;
  kind: OriginKind;
  source: SourceRange;
  /** Other sources that decided this text: the values node a printed value came from, the patch that set it. */
  via?: SourceRange[];
}

/** What a renderer produces: text for the engine to parse, and where each part of it came from. */
export interface RenderedText {
  text: string;
  /**
   * Sorted by `start`. Spans may nest (an `include` action's span contains the spans of the helper's text): the
   * innermost span that contains a range is its most precise origin.
   */
  origins: OriginSpan[];
}

/** Read access to a project's files, given to renderers so that the engine never touches a file system itself. */
export interface ProjectFiles {
  /** The text of a file (UTF-8), or undefined when it does not exist or cannot be read. */
  readText(path: string): string | undefined;
  /** The bytes of a file (`.Files.GetBytes`, `.tgz` subcharts), or undefined. */
  readBytes(path: string): Uint8Array | undefined;
  /** Entries of a directory (names only, sorted), or undefined when it is not a directory. */
  list(path: string): { name: string; directory: boolean }[] | undefined;
  /**
   * Where a path leads once symbolic links are followed (a project path), or undefined when it cannot be resolved;
   * absent: the files have no links. Kustomize's root-only restriction is checked on it, as kustomize does.
   */
  realPath?(path: string): string | undefined;
}
