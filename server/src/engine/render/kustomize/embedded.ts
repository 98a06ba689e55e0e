// Text embedded in a kustomization (an inline patch written as a block scalar) keeps exact origins: each character
// of the string maps back to its place in the kustomization file.
import { type KNode } from './tree';
import { type TextPlace } from './yamlRead';

/**
 * Where the characters of a string scalar's value sit in `fileText`. `skip` is how many leading characters of
 * the value were dropped (trimmed) before the text was parsed.
 */
export function embeddedPlace(fileText: string, node: KNode, value: string, skip = 0): TextPlace {
  const src = node.src;
  if (!src) return { file: '', at: () => 0 };
  const whole = { file: src.file, start: src.start, end: src.end };
  const fallback: TextPlace = { file: src.file, at: () => -1, whole };
  const raw = fileText.slice(src.start, src.end);
  // A plain or quoted scalar written on one line, without escapes.
  for (const quote of ['', '"', "'"]) {
    if (raw === `${quote}${value}${quote}`) return { file: src.file, at: (offset) => src.start + quote.length + skip + offset, whole };
  }
  const header = /^[|>]([1-9]?[-+]?|[-+]?[1-9]?)[^\n]*\n/.exec(raw);
  if (!header || raw[0] !== '|') return fallback;
  // A literal block scalar: value line i is file line i of the block, past the block's indentation.
  const lineStarts: number[] = [];
  let position = src.start + header[0].length;
  while (position <= src.end) {
    lineStarts.push(position);
    const next = fileText.indexOf('\n', position);
    if (next < 0 || next >= src.end) break;
    position = next + 1;
  }
  const explicit = /[1-9]/.exec(header[1]);
  let indent: number;
  if (explicit) {
    const parentIndent = fileText.lastIndexOf('\n', src.start) + 1;
    indent = /^ */.exec(fileText.slice(parentIndent))?.[0].length ?? 0;
    indent += Number(explicit[0]);
  } else {
    const firstContent = lineStarts.find((start) => /[^ \n]/.test(fileText.slice(start, fileText.indexOf('\n', start) >>> 0)));
    if (firstContent === undefined) return fallback;
    indent = /^ */.exec(fileText.slice(firstContent))?.[0].length ?? 0;
  }
  const valueLineStarts = [0];
  for (let i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) valueLineStarts.push(i + 1);
  return {
    file: src.file,
    whole,
    at(offset) {
      const target = offset + skip;
      let line = 0;
      while (line + 1 < valueLineStarts.length && valueLineStarts[line + 1] <= target) line++;
      const fileLine = lineStarts[line];
      if (fileLine === undefined) return -1;
      return Math.min(fileLine + indent + (target - valueLineStarts[line]), src.end);
    },
  };
}
