// Go reports template positions as NAME:LINE:COL with a 1-based line and a 0-based column counted in bytes
// (UTF-8) from the line start; the project counts UTF-16 offsets. One conversion, here.

/** Line (1-based) and Go's column (0-based, in UTF-8 bytes) of a UTF-16 offset, plus the UTF-16 column. */
export function lineAndColumn(source: string, offset: number): { line: number; column: number; utf16Column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = source.indexOf('\n'); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: utf8Length(source.slice(lineStart, offset)), utf16Column: offset - lineStart };
}

/** Length of a JS string in UTF-8 bytes (Go's len of the same string). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      n += 4;
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) {
      n += 1; // a byte of a cut character (see gostring.ts)
    } else n += 3;
  }
  return n;
}
