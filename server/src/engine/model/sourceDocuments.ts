// Source files a rendered text came from (values files, bases), parsed as YAML documents once per text and
// shared by everything that reads them: fixes written into them, the values entries findings point at.
import { parseDocument, type Document } from 'yaml';
import { PARSE_OPTIONS } from './documents';

const parsed = new Map<string, Document.Parsed>();
const MAX_PARSED = 32;

/** The first YAML document of a source text (what Helm reads of a values file). */
export function sourceDocument(text: string): Document.Parsed {
  let doc = parsed.get(text);
  if (doc) {
    // Most recently used last: the oldest is the one dropped.
    parsed.delete(text);
  } else {
    doc = parseDocument(text, PARSE_OPTIONS);
  }
  parsed.set(text, doc);
  if (parsed.size > MAX_PARSED) parsed.delete(parsed.keys().next().value as string);
  return doc;
}
