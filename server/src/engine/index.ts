// The engine: text in, findings with offset ranges out. No editor, file system or process APIs here,
// so the LSP server, the CLI and the tests all run exactly the same analysis.
import { isMap } from 'yaml';
import { looksBinary, looksLikeHelmTemplate, parseChunk, splitDocuments, type ParsedDocument } from './documents';
import { asWorkload, objectsInDocument, type Workload } from './k8s';
import { RULES } from './registry';
import { applySuppressions } from './suppression';
import { collectFacts, emptyFacts, mergeFacts } from './facts';
import type { FileContext, Report, Rule } from './rule';
import { SEVERITY_ORDER, DEFAULT_FIX_DEFAULTS, type Finding, type InternalError, type LintOptions, type LintResult, type Notice, type Severity, type SeveritySetting } from './types';
import { deref, type DocRef } from './yamlAccess';

export * from './types';
export { RULES, getRule, docsUrl, RULE_IDS } from './registry';
export type { Rule, RuleMeta } from './rule';

export const DEFAULT_MAX_TEXT_LENGTH = 16 * 1024 * 1024;

/** Lint once, without caches. */
export function lintText(text: string, options: LintOptions = {}): LintResult {
  return new Linter().lint(text, options);
}

/** Everything the engine keeps about one chunk of text between lints; keyed by the chunk's text. */
interface ChunkState {
  text: string;
  parsed: ParsedDocument[];
  helm: boolean;
  facts: FileContext;
  /** Findings relative to the chunk start, valid for `findingsKey` (file facts + options). */
  findings?: Finding[];
  internalErrors?: InternalError[];
  findingsKey?: string;
}

/**
 * Lints successive versions of one document, re-parsing only the YAML documents whose text changed and
 * re-running rules only where their inputs (the document, the file's cross-object facts, the options) changed.
 */
export class Linter {
  private chunks = new Map<string, ChunkState>();

  lint(text: string, options: LintOptions = {}): LintResult {
    const maxLength = options.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
    if (text.length > maxLength) {
      this.chunks.clear();
      return fileNotice(text, 'too-large', `Not checked: the file is ${megabytes(text.length)} MB, over the ${megabytes(maxLength)} MB limit (setting kubeZeroDowntime.maxFileSizeMB).`);
    }
    if (looksBinary(text)) {
      this.chunks.clear();
      return fileNotice(text, 'binary', 'Not checked: this looks like a binary file, not YAML text.');
    }
    const chunks = splitDocuments(text);
    const previous = this.chunks;
    const current = new Map<string, ChunkState>();
    const states = chunks.map((chunk) => {
      let state = current.get(chunk.text) ?? previous.get(chunk.text);
      if (!state) {
        state = analyseChunk(chunk.text);
      }
      current.set(chunk.text, state);
      return state;
    });
    this.chunks = current;

    const file = emptyFacts();
    for (const state of states) {
      mergeFacts(file, state.facts);
    }
    const findingsKey = JSON.stringify([file, options.rules ?? {}]);

    const findings: Finding[] = [];
    const notices: Notice[] = [];
    const internalErrors: InternalError[] = [];
    let docIndex = 0;
    chunks.forEach((chunk, i) => {
      const state = states[i];
      if (state.findingsKey !== findingsKey || !state.findings) {
        const checked = checkChunk(state, file, options);
        state.findings = checked.findings;
        state.internalErrors = checked.internalErrors;
        state.findingsKey = findingsKey;
      }
      for (const error of state.internalErrors ?? []) {
        internalErrors.push({ ...error, docIndex: error.docIndex + docIndex });
      }
      for (const finding of state.findings) {
        findings.push(rebase(finding, chunk.start, docIndex));
      }
      state.parsed.forEach((parsed, j) => {
        const range = parsed.doc.range;
        if (state.helm) {
          notices.push({
            reason: 'helm-template',
            message: 'Not checked: Helm/Go template syntax; check the rendered manifests (helm template) instead.',
            start: chunk.start + range[0],
            end: chunk.start + Math.max(range[0] + 1, Math.min(range[1], range[0] + 3)),
            docIndex: docIndex + j,
          });
        } else if (parsed.error) {
          const [start, end] = visibleRange(chunk.text, parsed.error.start, parsed.error.end);
          notices.push({
            reason: 'yaml-error',
            message: `Zero-downtime checks skipped for this YAML document: it does not parse (${parsed.error.message}).`,
            start: chunk.start + start,
            end: chunk.start + end,
            docIndex: docIndex + j,
          });
        }
      });
      docIndex += state.parsed.length;
    });
    findings.sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
    // Suppression comments/annotations: drop what they silence, report the ones that silence nothing.
    const suppression = applySuppressions(findings, {
      chunks: chunks.map((chunk, i) => ({ start: chunk.start, text: chunk.text, parsed: states[i].parsed, helm: states[i].helm })),
      file,
      options,
    });
    internalErrors.push(...suppression.internalErrors);
    return {
      findings: suppression.findings,
      notices,
      documentCount: docIndex,
      ...(internalErrors.length > 0 ? { internalErrors } : {}),
      ...(suppression.suppressedCount > 0 ? { suppressedCount: suppression.suppressedCount } : {}),
    };
  }
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
  return {
    ...finding,
    start: finding.start + base,
    end: finding.end + base,
    docIndex: finding.docIndex + docBase,
    fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((edit) => ({ ...edit, offset: edit.offset + base })) })),
  };
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
  return { text, parsed, helm, facts };
}

/** Runs every enabled rule over the documents of one chunk; offsets relative to the chunk. */
function checkChunk(state: ChunkState, file: FileContext, options: LintOptions): { findings: Finding[]; internalErrors: InternalError[] } {
  const findings: Finding[] = [];
  const internalErrors: InternalError[] = [];
  const fixDefaults = { ...DEFAULT_FIX_DEFAULTS, ...options.fixDefaults };
  if (state.helm) {
    return { findings, internalErrors };
  }
  state.parsed.forEach((document, docIndex) => {
    if (document.error || !isMap(deref(document.doc.contents, { doc: document.doc, base: 0 }))) {
      return;
    }
    const ref: DocRef = { doc: document.doc, base: 0, source: state.text };
    const objects = objectsInDocument(ref, docIndex);
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
        findings.push({
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
          fixes: r.fixes ?? [],
        });
      };
      try {
        rule.check({ file, objects, workloads, report, fixDefaults });
      } catch (error) {
        // A rule bug must not take the other rules (or the server) down with it; the document is still judged by the rest.
        internalErrors.push({ ruleId: rule.meta.id, docIndex, message: error instanceof Error ? error.message : String(error) });
      }
    }
  });
  return { findings, internalErrors };
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
