// Build errors: where they are (file and range) and whether they are a feature we do not build (remote resources,
// Helm charts, plugins) rather than an error kustomize itself reports.
import { type SourceRange } from '../../model/origin';
import { type KNode } from './tree';

export interface BuildError {
  message: string;
  file: string;
  start: number;
  end: number;
  /** A feature this renderer does not build (remote, helmCharts, plugins), vs. an error kustomize also gives. */
  unsupported: boolean;
}

export class BuildFailure extends Error {
  constructor(
    message: string,
    readonly at: SourceRange,
    readonly unsupported = false,
  ) {
    super(message);
  }

  toBuildError(): BuildError {
    return { message: this.message, file: this.at.file, start: this.at.start, end: this.at.end, unsupported: this.unsupported };
  }
}

/** The source range of a node, or the fallback (usually the kustomization file's start). */
export function rangeOf(node: KNode | SourceRange | undefined, fallback: SourceRange): SourceRange {
  if (!node) return fallback;
  if ('file' in node) return node;
  return node.src ?? node.produced?.source ?? fallback;
}

export function fail(message: string, at: SourceRange, unsupported = false): never {
  throw new BuildFailure(message, at, unsupported);
}
