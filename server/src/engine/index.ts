// The engine: text in, findings with offset ranges out. No editor, file system or process APIs here,
// so the LSP server, the CLI and the tests all run exactly the same analysis.
import { isMap } from 'yaml';
import { looksBinary, looksLikeHelmTemplate, parseChunk, splitDocuments, type ParsedDocument } from './model/documents';
import { asWorkload, markPatches, objectsInDocument, type Workload } from './k8s/objects';
import { RULES } from './catalog/registry';
import { applySuppressions } from './suppression/suppression';
import { FactIndex } from './run/dependencies';
import { collectFacts, crossFileKey, emptyFacts, mergeExternalFacts, mergeFacts } from './facts/collect';
import { optionContext, type FileContext, type Report, type Rule } from './catalog/rule';
import {
  SEVERITY_ORDER,
  DEFAULT_FIX_DEFAULTS,
  type Finding,
  type Fix,
  type InternalError,
  type LintOptions,
  type LintResult,
  type Notice,
  type Severity,
  type SeveritySetting,
} from './types';
import { deref, type DocRef } from './model/yamlAccess';

export * from './types';
export { RULES, getRule, docsUrl, RULE_IDS } from './catalog/registry';
export type { Rule, RuleMeta } from './catalog/rule';

export const DEFAULT_MAX_TEXT_LENGTH = 16 * 1024 * 1024;

/** Lint once, without caches. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return new Linter().lint(text, options);
}

/**
 * Everything the engine keeps about one chunk of text between lints; keyed by the chunk's text. The parsed YAML
 * is the big part: it is dropped for chunks not used lately in big files and parsed again when needed (a rule
 * re-check after a cross-object change), which keeps a 200k-line file's memory bounded.
 */
class ChunkState {
  readonly docCount: number;
  readonly hasError: boolean;
  /** Stamp of the last lint that used the parsed documents. */
  used = 0;
  /** Findings relative to the chunk start (suppressions applied, sorted). */
  findings?: Finding[];
  internalErrors?: InternalError[];
  suppressedCount?: number;
  /** Options generation the findings were computed for. */
  optionsGeneration?: number;
  /** Facts generation the signature was last checked against, and the signature (see dependencies.ts). */
  factsGeneration?: number;
  signature?: string;
  /** The same findings rebased for the chunk's last position, reused while it does not move. */
  placed?: { start: number; docBase: number; findings: Finding[] };
  /** Fix thunks of the last check (they hold YAML nodes, so they go when the parse goes). */
  thunks?: Map<string, FixThunk>;
  /** The Linter's current file context and options: what a re-check for fixes runs against. */
  context?: CheckContext;
  private documents: ParsedDocument[] | undefined;

  constructor(
    readonly text: string,
    parsed: ParsedDocument[],
    readonly helm: boolean,
    readonly facts: FileContext,
    readonly factsKey: string,
  ) {
    this.documents = parsed;
    this.docCount = parsed.length;
    this.hasError = parsed.some((document) => document.error !== undefined);
  }

  get parsed(): ParsedDocument[] {
    this.documents ??= parseChunk(this.text);
    return this.documents;
  }

  get isParsed(): boolean {
    return this.documents !== undefined;
  }

  /** The fixes of one of this chunk's findings, re-running its rules if the parse was released meanwhile. */
  fixesFor(key: string): Fix[] {
    if (!this.thunks && this.context) {
      const thunks = new Map<string, FixThunk>();
      runRules(
        this,
        this.context.file,
        this.context.options,
        (finding, fixes) => {
          if (typeof fixes === 'function') {
            thunks.set(findingKey(finding), fixes);
          }
        },
        [],
      );
      this.thunks = thunks;
    }
    return this.thunks?.get(key)?.() ?? [];
  }

  release(): void {
    this.documents = undefined;
    this.thunks = undefined;
  }
}

/** Parsed YAML kept for at most this much text (UTF-16 units) of chunks not used by the latest lint. */
const KEEP_PARSED_TEXT = 2 * 1024 * 1024;

interface CheckContext {
  file: FileContext;
  options: LintOptions;
}

/** A chunk at its place in the current text. */
interface Slot {
  start: number;
  state: ChunkState;
}

/** A text change: replace `length` characters at `offset` (in the text as it was before this change) by `newText`. */
export interface TextChange {
  offset: number;
  length: number;
  newText: string;
}

/**
 * Lints successive versions of one document, re-parsing only the YAML documents whose text changed and
 * re-running rules only where their inputs (the document, the file's cross-object facts, the options) changed.
 * `update()` goes further: given the edits, it re-splits only the chunks around them, so a keystroke in a
 * 200k-line file costs the parse of one document, not a scan of the whole text.
 */
export class Linter {
  private slots: Slot[] = [];
  private text: string | undefined;
  private stamp = 0;
  /** Shared by every chunk checked by this Linter: updated in place, so chunks never pin old contexts. */
  private readonly context: CheckContext = { file: emptyFacts(), options: {} };
  private optionsKey = '';
  private optionsGeneration = 0;
  private factsKey: string | undefined;
  private factsGeneration = 0;
  private workloadsKey: string | undefined;
  private workloadsGeneration = 0;
  private index: { key: string; index: FactIndex } | undefined;
  private mergedFile: FileContext | undefined;

  /** Chunks parsed ahead by `prepare()` for a text not linted yet. */
  private prepared: { text: string; chunks: { start: number; text: string }[]; next: number; states: Map<string, ChunkState> } | undefined;

  /**
   * Parses the chunks of `text` a few at a time, until `shouldPause()` says so; returns true when all are parsed.
   * A host calls it between turns of its event loop so that opening a huge file never blocks other work; the
   * next `lint(text)` then reuses every prepared chunk. Pure: the host decides what "a few" means.
   */
  prepare(text: string, shouldPause: () => boolean): boolean {
    if (text === this.text) {
      return true;
    }
    if (this.prepared?.text !== text) {
      // Keep what an interrupted preparation of an older text already parsed: most chunks are unchanged.
      const states = new Map<string, ChunkState>(this.prepared?.states ?? []);
      for (const slot of this.slots) {
        states.set(slot.state.text, slot.state);
      }
      this.prepared = { text, chunks: splitDocuments(text), next: 0, states };
    }
    const prepared = this.prepared;
    while (prepared.next < prepared.chunks.length) {
      const chunk = prepared.chunks[prepared.next++];
      if (!prepared.states.has(chunk.text)) {
        prepared.states.set(chunk.text, analyseChunk(chunk.text));
      }
      if (prepared.next < prepared.chunks.length && shouldPause()) {
        return false;
      }
    }
    return true;
  }

  /** Lints `text` from scratch (reusing the analysis of every chunk whose text is unchanged or prepared). */
  lint(text: string, options: LintOptions = {}): LintResult {
    const refused = this.refuse(text, options);
    if (refused) {
      return refused;
    }
    if (text !== this.text) {
      const prepared = this.prepared?.text === text ? this.prepared : undefined;
      const known = prepared?.states ?? new Map<string, ChunkState>();
      if (!prepared) {
        for (const slot of this.slots) {
          known.set(slot.state.text, slot.state);
        }
      }
      const chunks = prepared?.chunks ?? splitDocuments(text);
      this.slots = chunks.map((chunk) => ({ start: chunk.start, state: known.get(chunk.text) ?? analyseChunk(chunk.text) }));
      this.text = text;
    }
    this.prepared = undefined;
    return this.analyse(options);
  }

  /**
   * Lints `text`, which is the previously linted text with `changes` applied in order. Falls back to `lint()`
   * when there is no previous text or the changes do not lead to `text`.
   */
  update(text: string, changes: readonly TextChange[], options: LintOptions = {}): LintResult {
    const touchesStart = changes.some((change) => change.offset < 8192);
    if (
      this.text === undefined ||
      text.length > (options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH) ||
      (touchesStart && looksBinary(text))
    ) {
      return this.lint(text, options);
    }
    let slots = this.slots;
    for (const change of changes) {
      const next = applyChange(slots, change);
      if (!next) {
        return this.lint(text, options);
      }
      slots = next;
    }
    const last = slots[slots.length - 1];
    const length = last ? last.start + last.state.text.length : 0;
    if (length !== text.length) {
      return this.lint(text, options);
    }
    this.slots = slots;
    this.text = text;
    this.prepared = undefined;
    return this.analyse(options);
  }

  private refuse(text: string, options: LintOptions): LintResult | undefined {
    const maxLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    if (text.length > maxLength) {
      this.reset();
      return fileNotice(
        text,
        'too-large',
        `Not checked: the file is ${megabytes(text.length)} MB, over the ${megabytes(maxLength)} MB limit (setting kubeZeroDowntime.maxFileSizeMB).`,
      );
    }
    if (looksBinary(text)) {
      this.reset();
      return fileNotice(text, 'binary', 'Not checked: this looks like a binary file, not YAML text.');
    }
    return undefined;
  }

  private reset(): void {
    this.slots = [];
    this.text = undefined;
    this.prepared = undefined;
  }

  /** Drops the parsed YAML of chunks the latest lint did not need, beyond a budget (the most recent stay). */
  private releaseParsed(stamp: number): void {
    let kept = 0;
    for (let i = this.slots.length - 1; i >= 0; i--) {
      const state = this.slots[i].state;
      if (!state.isParsed || state.used === stamp) {
        continue;
      }
      kept += state.text.length;
      if (kept > KEEP_PARSED_TEXT) {
        state.release();
      }
    }
  }

  private analyse(options: LintOptions): LintResult {
    const slots = this.slots;
    const stamp = ++this.stamp;
    // Options are compared once per lint: a change re-checks everything.
    const optionsKey = JSON.stringify([options.rules ?? {}, options.fixDefaults ?? {}]) + crossFileKey(options);
    const optionsChanged = optionsKey !== this.optionsKey;
    if (optionsChanged) {
      this.optionsKey = optionsKey;
      this.optionsGeneration++;
    }
    // Cross-object facts: per-chunk fact strings are computed once, so noticing a change costs a join. When the
    // facts changed, only chunks whose signature (the facts their rules may read) changed are re-checked.
    const factKeys: string[] = [];
    for (const slot of slots) {
      factKeys.push(slot.state.factsKey);
    }
    const factsKey = factKeys.join('\n');
    // The merged context (and the lookup index built on it) is reused while neither facts nor options changed:
    // typing inside a document rebuilds nothing, even with a workspace's worth of external facts.
    let file = this.mergedFile;
    if (!file || optionsChanged || factsKey !== this.factsKey) {
      file = emptyFacts();
      for (const slot of slots) {
        mergeFacts(file, slot.state.facts);
      }
      mergeExternalFacts(file, options); // issue 6: facts of the other files of the workspace / CLI run
      this.mergedFile = file;
    }
    if (factsKey !== this.factsKey) {
      this.factsKey = factsKey;
      this.factsGeneration++;
      const workloadsKey = file.workloads.map((workload) => JSON.stringify(workload)).join('\n');
      if (workloadsKey !== this.workloadsKey) {
        this.workloadsKey = workloadsKey;
        this.workloadsGeneration++;
      }
    }
    this.context.file = file;
    this.context.options = options;
    // The index is rebuilt only when facts or options (which carry the other files' facts) change.
    const indexKey = `${this.factsGeneration}/${this.optionsGeneration}`;
    if (this.index?.key !== indexKey) {
      this.index = undefined;
    }
    const signatureOf = (state: ChunkState): string => {
      this.index ??= { key: indexKey, index: new FactIndex(file, this.workloadsGeneration) };
      return this.index.index.signature(state.facts);
    };

    const findings: Finding[] = [];
    const notices: Notice[] = [];
    const internalErrors: InternalError[] = [];
    let suppressedCount = 0;
    let docIndex = 0;
    for (const { start, state } of slots) {
      let recheck = !state.findings || state.optionsGeneration !== this.optionsGeneration;
      if (!recheck && state.factsGeneration !== this.factsGeneration) {
        const signature = signatureOf(state);
        state.factsGeneration = this.factsGeneration;
        recheck = signature !== state.signature;
      }
      if (recheck) {
        state.used = stamp;
        checkChunk(state, file, options, this.context);
        state.optionsGeneration = this.optionsGeneration;
        state.factsGeneration = this.factsGeneration;
        state.signature = signatureOf(state);
        state.placed = undefined;
      }
      if (!state.placed || state.placed.start !== start || state.placed.docBase !== docIndex) {
        state.placed = { start, docBase: docIndex, findings: state.findings!.map((finding) => rebase(finding, start, docIndex)) };
      }
      for (const finding of state.placed.findings) {
        findings.push(finding);
      }
      for (const error of state.internalErrors ?? []) {
        internalErrors.push({ ...error, docIndex: error.docIndex + docIndex });
      }
      suppressedCount += state.suppressedCount ?? 0;
      if (state.helm || state.hasError) {
        notices.push(...chunkNotices(state, start, docIndex));
      }
      docIndex += state.docCount;
    }
    this.releaseParsed(stamp);
    return {
      findings,
      notices,
      documentCount: docIndex,
      ...(internalErrors.length > 0 ? { internalErrors } : {}),
      ...(suppressedCount > 0 ? { suppressedCount } : {}),
    };
  }
}

/** Applies one change to the slot list: re-splits the changed chunks together with their neighbours. */
function applyChange(slots: Slot[], change: TextChange): Slot[] | undefined {
  const { offset, length, newText } = change;
  if (slots.length === 0) {
    return splitDocuments(newText).map((chunk) => ({ start: chunk.start, state: analyseChunk(chunk.text) }));
  }
  const end = offset + length;
  const total = slots[slots.length - 1].start + slots[slots.length - 1].state.text.length;
  if (offset < 0 || end > total) {
    return undefined;
  }
  const first = Math.max(0, slotAt(slots, offset) - 1);
  const last = Math.min(slots.length - 1, slotAt(slots, end) + 1);
  const regionStart = slots[first].start;
  let region = '';
  for (let i = first; i <= last; i++) {
    region += slots[i].state.text;
  }
  region = region.slice(0, offset - regionStart) + newText + region.slice(end - regionStart);
  const chunks = splitDocuments(region);
  // A directive line (%YAML) may move a cut outside the region: let a full split decide.
  if (chunks.length > 0 && /(^|\n)%/.test(chunks[chunks.length - 1].text) && last < slots.length - 1) {
    return undefined;
  }
  const known = new Map<string, ChunkState>();
  for (let i = first; i <= last; i++) {
    known.set(slots[i].state.text, slots[i].state);
  }
  const replaced = chunks.map((chunk) => ({ start: regionStart + chunk.start, state: known.get(chunk.text) ?? analyseChunk(chunk.text) }));
  const delta = newText.length - length;
  const after = slots.slice(last + 1).map((slot) => ({ start: slot.start + delta, state: slot.state }));
  return [...slots.slice(0, first), ...replaced, ...after];
}

/** Index of the slot containing `offset` (the last slot for the end of the text). */
function slotAt(slots: Slot[], offset: number): number {
  let lo = 0;
  let hi = slots.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (slots[mid].start <= offset) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

function chunkNotices(state: ChunkState, start: number, docBase: number): Notice[] {
  const notices: Notice[] = [];
  state.parsed.forEach((parsed, j) => {
    const range = parsed.doc.range;
    if (state.helm) {
      notices.push({
        reason: 'helm-template',
        message: 'Not checked: Helm/Go template syntax; check the rendered manifests (helm template) instead.',
        start: start + range[0],
        end: start + Math.max(range[0] + 1, Math.min(range[1], range[0] + 3)),
        docIndex: docBase + j,
      });
    } else if (parsed.error) {
      const [from, to] = visibleRange(state.text, parsed.error.start, parsed.error.end);
      notices.push({
        reason: 'yaml-error',
        message: `Zero-downtime checks skipped for this YAML document: it does not parse (${parsed.error.message}).`,
        start: start + from,
        end: start + to,
        docIndex: docBase + j,
      });
    }
  });
  return notices;
}

/** Widens an error position to something an editor can underline: the rest of its line, or the last character before it. */
function visibleRange(text: string, start: number, end: number): [number, number] {
  let from = Math.min(start, text.length);
  while (from > 0 && (from >= text.length || /\s/.test(text[from]))) {
    from--;
  }
  const lineEnd = text.indexOf('\n', from);
  const to = Math.max(end, lineEnd < 0 ? text.length : lineEnd);
  return [from, Math.max(from + 1, Math.min(to, text.length))].map((n) => Math.min(n, text.length)) as [number, number];
}

function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(length >= 10 * 1024 * 1024 ? 0 : 1);
}

function fileNotice(text: string, reason: Notice['reason'], message: string): LintResult {
  const firstLineEnd = text.indexOf('\n');
  const end = Math.max(1, Math.min(firstLineEnd < 0 ? text.length : firstLineEnd, 200));
  return { findings: [], notices: [{ reason, message, start: 0, end: Math.min(end, text.length), docIndex: -1 }], documentCount: 0 };
}

function rebase(finding: Finding, base: number, docBase: number): Finding {
  const placed: Finding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    start: finding.start + base,
    end: finding.end + base,
    docIndex: finding.docIndex + docBase,
    fixes: [],
  };
  for (const field of ['kind', 'name', 'namespace', 'container', 'related'] as const) {
    if (finding[field] !== undefined) {
      (placed as unknown as Record<string, unknown>)[field] = finding[field];
    }
  }
  defineLazyFixes(placed, () =>
    finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, offset: edit.offset + base })) })),
  );
  return placed;
}

function analyseChunk(text: string): ChunkState {
  const helm = looksLikeHelmTemplate(text);
  const parsed = parseChunk(text);
  const facts = emptyFacts();
  if (!helm) {
    for (const document of parsed) {
      if (document.error) {
        continue;
      }
      const ref: DocRef = { doc: document.doc, base: 0 };
      for (const object of objectsInDocument(ref, 0)) {
        collectFacts(object, facts);
      }
    }
  }
  return new ChunkState(text, parsed, helm, facts, JSON.stringify(facts));
}

/** Runs every enabled rule over the documents of one chunk; offsets relative to the chunk. */
type FixThunk = () => Fix[];

/** What identifies a finding within its chunk, to find its fixes again later (relative offsets). */
function findingKey(finding: Pick<Finding, 'ruleId' | 'docIndex' | 'start' | 'end' | 'message'>): string {
  return `${finding.ruleId}|${finding.docIndex}|${finding.start}|${finding.end}|${finding.message}`;
}

/**
 * A finding's `fixes`, computed the first time someone reads them (a code action, fix-all, --fix, SARIF), not for
 * every finding of every lint: most findings are only ever displayed.
 */
function defineLazyFixes(finding: Finding, compute: () => Fix[]): void {
  Object.defineProperty(finding, 'fixes', {
    enumerable: true,
    configurable: true,
    get(): Fix[] {
      const value = compute();
      Object.defineProperty(this, 'fixes', { value, enumerable: true, writable: true, configurable: true });
      return value;
    },
    set(value: Fix[]) {
      Object.defineProperty(this, 'fixes', { value, enumerable: true, writable: true, configurable: true });
    },
  });
}

/** Runs every enabled rule over the documents of one chunk; offsets relative to the chunk. */
function runRules(
  state: ChunkState,
  file: FileContext,
  options: LintOptions,
  onReport: (finding: Finding, fixes: Report['fixes']) => void,
  internalErrors: InternalError[],
): void {
  const fixDefaults = { ...DEFAULT_FIX_DEFAULTS, ...options.fixDefaults };
  state.parsed.forEach((document, docIndex) => {
    if (document.error || !isMap(deref(document.doc.contents, { doc: document.doc, base: 0 }))) {
      return;
    }
    const ref: DocRef = { doc: document.doc, base: 0, source: state.text };
    const objects = markPatches(objectsInDocument(ref, docIndex), options.isPatchFile);
    if (objects.length === 0) {
      return;
    }
    const workloads = objects.map(asWorkload).filter((workload): workload is Workload => workload !== undefined);
    for (const rule of RULES) {
      const severity = effectiveSeverity(rule, options.rules?.[rule.meta.id]);
      if (!severity) {
        continue;
      }
      const report = (r: Report): void => {
        onReport(
          {
            ruleId: rule.meta.id,
            severity: r.severity && SEVERITY_ORDER[r.severity] < SEVERITY_ORDER[severity] ? r.severity : severity,
            message: r.message,
            start: r.range[0],
            end: r.range[1],
            docIndex,
            kind: r.object.kind,
            name: r.object.name,
            namespace: r.object.namespace,
            container: r.container?.name,
            fixes: [],
            ...(r.related?.length ? { related: r.related } : {}),
          },
          r.fixes,
        );
      };
      try {
        rule.check({ file, objects, workloads, report, fixDefaults, ...optionContext(options) });
      } catch (error) {
        // A rule bug must not take the other rules (or the server) down with it; the document is still judged by the rest.
        internalErrors.push({ ruleId: rule.meta.id, docIndex, message: error instanceof Error ? error.message : String(error) });
      }
    }
  });
}

/** Checks one chunk and stores its findings (suppressions applied, sorted) and how to compute their fixes later. */
function checkChunk(state: ChunkState, file: FileContext, options: LintOptions, context: CheckContext): void {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  state.context = context;
  if (state.helm) {
    state.findings = findings;
    state.internalErrors = internalErrors;
    state.suppressedCount = 0;
    state.thunks = new Map();
    return;
  }
  const thunks = new Map<string, FixThunk>();
  runRules(
    state,
    file,
    options,
    (finding, fixes) => {
      if (typeof fixes === 'function') {
        const key = findingKey(finding);
        thunks.set(key, fixes);
        defineLazyFixes(finding, () => state.fixesFor(key));
      } else {
        finding.fixes = fixes ?? [];
      }
      findings.push(finding);
    },
    internalErrors,
  );
  state.thunks = thunks;
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  // Suppressions only ever act inside their own document, so they are applied (and cached) per chunk.
  const suppression = applySuppressions(findings, {
    chunks: [{ start: 0, text: state.text, parsed: state.parsed, helm: state.helm }],
    file,
    options,
  });
  state.findings = suppression.findings;
  state.internalErrors = [...internalErrors, ...suppression.internalErrors];
  state.suppressedCount = suppression.suppressedCount;
}

function effectiveSeverity(rule: Rule, setting: SeveritySetting | undefined): Severity | undefined {
  if (setting === 'off') {
    return undefined;
  }
  if (setting === undefined || setting === 'default') {
    return rule.meta.severity;
  }
  return setting;
}
