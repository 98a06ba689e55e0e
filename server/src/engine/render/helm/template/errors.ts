// Errors of parsing and executing templates, in Go's and Helm's wording, with the position in the template
// source so that the product can show them where they happened.
import { lineAndColumn } from './position';

export type TemplateErrorKind = 'parse' | 'exec' | 'limit';

export class TemplateError extends Error {
  /** 1-based line and 0-based UTF-16 column in the template source (the file, for a {{define}} too). */
  readonly line: number;
  readonly column: number;
  /** Helm's shorter form for `required`/`fail` ("execution error at (NAME:LINE:COL): message"). */
  helmMessage?: string;
  constructor(
    message: string,
    readonly kind: TemplateErrorKind,
    /** The template that was executing (a file or a {{define}} name); for parse errors, the parsed name. */
    readonly template: string,
    /** Project path of the source the position is in. */
    readonly file: string,
    /** UTF-16 offset in that source (-1 when unknown). */
    readonly offset: number,
    source: string,
  ) {
    super(message);
    this.name = 'TemplateError';
    const pos = offset >= 0 ? lineAndColumn(source, offset) : { line: 0, utf16Column: 0 };
    this.line = pos.line;
    this.column = pos.utf16Column;
  }
}
