// Parsing user text with the `yaml` package, without its quadratic duplicate-key check and within a nesting
// depth of our own.
//
// `yaml` checks each new mapping key against every key before it (util-map-includes), so a mapping of n keys
// costs n²/2 comparisons: 20k keys take seconds, 200k never finish (issue 15). We parse with that check off
// and run our own, one hash lookup per key, reporting the same error (code, message, position) the package
// would: the duplicate is the later key, compared by scalar value (`1` and `0x1` are the same key, `1` and
// `"1"` are not; aliases, collections and merge keys `<<` are never duplicates).
//
// `yaml` composes nested collections recursively, so a document nested past what the call stack holds ends
// with "Maximum call stack size exceeded" (RESOURCE_EXHAUSTION), at a depth that depends on how deep the
// caller's stack already is. The concrete syntax tree is built without recursion, so its depth is measured
// first: a document nested deeper than MAX_NESTING_DEPTH is not composed at all and gets an error that says
// so, the same wherever it is parsed (no Kubernetes object comes near that depth).
import {
  Composer,
  Document,
  Lexer,
  Parser,
  isMap,
  isPair,
  isScalar,
  isSeq,
  YAMLParseError,
  type CST,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';

/** Errors are left plain (prettyErrors is always off): callers show the first line with their own positions. */
type Options = Omit<ParseOptions & DocumentOptions & SchemaOptions, 'prettyErrors' | 'uniqueKeys'> & { uniqueKeys?: boolean };

export const DUPLICATE_KEY_MESSAGE = 'Map keys must be unique';

/** Collections inside collections beyond this are not composed (the engine's accessors stay far from it too). */
export const MAX_NESTING_DEPTH = 256;
export const TOO_DEEP_MESSAGE = `nested more than ${MAX_NESTING_DEPTH} levels deep, more than the parser follows`;
/**
 * The parser's stack of open nodes beyond this: the syntax tree under construction costs about a kilobyte per
 * level (a 16 MB file of `[` would take gigabytes), so parsing stops there.
 */
const MAX_PARSER_STACK = 2 * MAX_NESTING_DEPTH;

/**
 * parseAllDocuments (lexer, parser, composer, as the package chains them) with a linear duplicate-key check,
 * and documents nested deeper than MAX_NESTING_DEPTH not composed but given an error.
 */
export function parseAllDocumentsLinear(text: string, options: Options = {}, forceDoc = false): Document.Parsed[] {
  const composer = new Composer({ ...options, prettyErrors: false, uniqueKeys: false });
  const parser = new Parser();
  const docs: Document.Parsed[] = [];
  const tooDeep = new Map<number, number>();
  const compose = (token: CST.Token) => {
    if (token.type === 'document' && token.value) {
      const at = deeperThan(token.value, MAX_NESTING_DEPTH);
      if (at !== undefined) {
        tooDeep.set(token.offset, at);
        token.value = undefined;
      }
    }
    for (const doc of composer.next(token)) docs.push(doc);
  };
  let abandoned: Document.Parsed | undefined;
  for (const lexeme of new Lexer().lex(text)) {
    for (const token of parser.next(lexeme)) compose(token);
    if (parser.stack.length > MAX_PARSER_STACK) {
      // The rest of the text is one document too deep to build: it is reported, not parsed.
      const start = parser.stack[0]?.offset ?? parser.offset;
      abandoned = new Document(null, { ...options, prettyErrors: false }) as Document.Parsed;
      abandoned.range = [start, text.length, text.length];
      abandoned.errors.push(new YAMLParseError([parser.offset, parser.offset + 1], 'RESOURCE_EXHAUSTION', TOO_DEEP_MESSAGE));
      break;
    }
  }
  if (!abandoned) for (const token of parser.end()) compose(token);
  for (const doc of composer.end(forceDoc && !abandoned && docs.length === 0, text.length)) docs.push(doc);
  if (abandoned) docs.push(abandoned);
  for (const doc of docs) {
    const at = tooDeep.get(doc.range[0]);
    if (at !== undefined) mergeByPosition(doc.errors, [new YAMLParseError([at, at + 1], 'RESOURCE_EXHAUSTION', TOO_DEEP_MESSAGE)]);
    // The package's own guard, should a stack still run out: said in the same words.
    for (const error of doc.errors) if (error.code === 'RESOURCE_EXHAUSTION') error.message = TOO_DEEP_MESSAGE;
    if (options.uniqueKeys !== false && doc !== abandoned) addDuplicateKeyErrors(doc, text);
  }
  return docs;
}

/** Where the first collection nested deeper than `limit` starts, walking the syntax tree without recursion. */
function deeperThan(root: CST.Token, limit: number): number | undefined {
  const stack: [CST.Token, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [token, depth] = stack.pop()!;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth > limit) return token.offset;
    for (const item of token.items) {
      if ('key' in item && item.key) stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** parseDocument, the same way: one document (empty when the text has none), an error if there are more. */
export function parseDocumentLinear(text: string, options: Options = {}): Document.Parsed {
  const docs = parseAllDocumentsLinear(text, options, true);
  const doc = docs[0];
  if (docs.length > 1) {
    const [start, end] = docs[1].range;
    doc.errors.push(
      new YAMLParseError([start, end], 'MULTIPLE_DOCS', 'Source contains multiple documents; please use YAML.parseAllDocuments()'),
    );
  }
  return doc;
}

/** Primitive scalar values compare as `yaml` compares them (===); anything else is never a duplicate. */
function comparable(value: unknown): value is string | number | boolean | bigint | null {
  if (value === null) return true;
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'bigint':
      return true;
    case 'number':
      return !Number.isNaN(value); // NaN !== NaN, but a Map would find it
    default:
      return false;
  }
}

type Ranged = { range?: [number, number, number] | null };

/**
 * After the spaces, comment and line break that end a line and the next line's indentation: the tokens the
 * parser gives an empty node's line before it knows the node is empty.
 */
function afterLineEnd(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] === '#') while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  if (text[i] === '\r') i++;
  if (text[i] === '\n') while (text[++i] === ' ');
  return i;
}

/** After spaces, comments and line breaks: the rest of an empty explicit key (`?` alone) up to its `:`. */
function afterBlank(text: string, offset: number): number {
  let i = offset;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') i++;
    else if (c === '#') while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    else return i;
  }
}

/** Does the node end with an empty value (`key:` and nothing), whose line end `yaml` leaves outside its range? */
function endsEmpty(node: unknown): boolean {
  let current = node;
  for (;;) {
    if (isScalar(current)) return current.range?.[0] === current.range?.[1];
    if (!(isMap(current) || isSeq(current)) || current.flow || current.items.length === 0) return false;
    const last: unknown = current.items[current.items.length - 1];
    current = isPair(last) ? (last.value ?? last.key) : last;
  }
}

/**
 * Where `yaml` puts a duplicate-key error: where the tokens before the key end (resolve-props), which is where
 * the key's text starts unless nothing stands between it and the previous entry's end: then it is that end,
 * which for an empty previous value is before its line break. An empty explicit key (`? ` alone) counts from
 * the `:` that follows it.
 */
function errorOffset(items: readonly { key: unknown; value: unknown }[], index: number, text: string): number {
  const key = items[index].key as Ranged;
  const start = key.range?.[0] ?? 0;
  if (key.range && key.range[1] === start) return afterBlank(text, start);
  const previous = items[index - 1];
  const previousNode = (previous.value ?? previous.key) as Ranged | null;
  const previousEnd = previousNode?.range?.[2];
  if (previousEnd === undefined || previousEnd >= start) return start;
  return endsEmpty(previousNode) && afterLineEnd(text, previousEnd) === start ? previousEnd : start;
}

/** Walks every mapping of the document (iteratively: deep nesting cannot overflow the stack here). */
function addDuplicateKeyErrors(doc: Document.Parsed, text: string): void {
  const found: YAMLParseError[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (let i = 0; i < node.items.length; i++) {
        const key = node.items[i].key;
        if (isScalar(key) && comparable(key.value)) {
          if (seen.has(key.value)) {
            const at = errorOffset(node.items, i, text);
            found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', DUPLICATE_KEY_MESSAGE));
          } else {
            seen.add(key.value);
          }
        }
      }
    }
    if (isMap(node) || isSeq(node)) {
      // Pushed in reverse so mappings are visited in document order (the order `yaml` reports in).
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item: unknown = node.items[i];
        if (isPair(item)) stack.push(item.value, item.key);
        else stack.push(item);
      }
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
    // Aliases point at nodes walked where they are defined.
  }
  if (found.length === 0) return;
  // A nested mapping's duplicates come before its parent's later keys: sort into document order.
  found.sort((a, b) => a.pos[0] - b.pos[0]);
  mergeByPosition(doc.errors, found);
}

/** Inserts `extra` (in document order) into `errors` before the first error that starts after each. */
function mergeByPosition(errors: YAMLParseError[], extra: YAMLParseError[]): void {
  const merged: YAMLParseError[] = [];
  let j = 0;
  for (const error of errors) {
    while (j < extra.length && extra[j].pos[0] < error.pos[0]) merged.push(extra[j++]);
    merged.push(error);
  }
  while (j < extra.length) merged.push(extra[j++]);
  errors.length = 0;
  for (const error of merged) errors.push(error); // no spread: there may be more errors than a call takes arguments
}
