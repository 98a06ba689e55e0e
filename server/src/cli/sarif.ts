// SARIF 2.1.0 output (--format sarif), as GitHub code scanning and other SARIF viewers read it.
// Regions are 1-based lines and columns in UTF-16 code units (run.columnKind), end column exclusive, exactly
// the ranges the editor underlines. Artifact URIs are relative to the working directory (%SRCROOT%).
import { createHash } from 'crypto';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { RULES, docsUrl } from '../engine';
import { chooseFix } from '../engine/fix/fixAll';
import type { Finding, FindingWithFixes, Severity, TextEdit } from '../engine/types';
import { packageVersion } from '../version';
import type { LineIndex } from './report';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kube-zero-downtime/kube-zero-downtime';

type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifFile {
  /** As shown to the user (path given on the command line, or the stdin filename). */
  shown: string;
  /** Absolute path, or undefined for standard input without --stdin-filename. */
  absolute?: string;
  index: LineIndex;
  findings: FindingWithFixes[];
  notices: { message: string; start: number; end: number; reason: string }[];
  /** Other files a finding's fixes or related locations name (a chart's values file, a build's patch): their path and lines. */
  other?: (file: string) => { absolute: string; index: LineIndex } | undefined;
}

export class SarifBuilder {
  private readonly results: Record<string, unknown>[] = [];
  private readonly notifications: Record<string, unknown>[] = [];
  private readonly ruleIndex = new Map(RULES.map((rule, i) => [rule.meta.id, i]));

  constructor(private readonly cwd: string) {}

  add(file: SarifFile): void {
    const uri = this.uri(file);
    const seen = new Map<string, number>();
    for (const finding of file.findings) {
      const region = this.region(file.index, finding.start, finding.end);
      const result: Record<string, unknown> = {
        ruleId: finding.ruleId,
        ruleIndex: this.ruleIndex.get(finding.ruleId),
        level: LEVEL[finding.severity],
        message: { text: finding.message },
        locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: '%SRCROOT%' }, region } }],
        partialFingerprints: { 'kubeZeroDowntimeObject/v1': this.fingerprint(finding, uri, seen) },
      };
      const template = (finding as { template?: string }).template;
      if (finding.kind !== undefined || template !== undefined) {
        result.properties = {
          ...(finding.kind !== undefined ? { kind: finding.kind } : {}),
          ...(finding.name !== undefined ? { name: finding.name } : {}),
          ...(finding.namespace !== undefined ? { namespace: finding.namespace } : {}),
          ...(finding.container !== undefined ? { container: finding.container } : {}),
          docIndex: finding.docIndex,
          ...(template !== undefined ? { template } : {}),
          ...(finding.valuesSets !== undefined ? { valuesSets: finding.valuesSets } : {}),
        };
      }
      const related = (finding.related ?? []).flatMap((item, id) => {
        const at = item.file === undefined ? { uri, index: file.index } : this.other(file, item.file);
        if (!at) return [];
        const region = this.region(at.index, item.start, item.end);
        return [
          { id, message: { text: item.message }, physicalLocation: { artifactLocation: { uri: at.uri, uriBaseId: '%SRCROOT%' }, region } },
        ];
      });
      if (related.length > 0) result.relatedLocations = related;
      // The fix --fix would apply (safe) or, failing that, the one the editor offers first.
      const fix = chooseFix(finding, true) ?? chooseFix(finding, false);
      const changes = fix && this.artifactChanges(file, uri, fix.edits);
      if (fix && changes) result.fixes = [{ description: { text: fix.title }, artifactChanges: changes }];
      const roots = (finding as { roots?: string[] }).roots;
      if (roots) result.properties = { ...(result.properties as Record<string, unknown> | undefined), roots };
      this.results.push(result);
    }
    for (const notice of file.notices) {
      this.notifications.push({
        descriptor: { id: 'not-checked' },
        level: 'note',
        message: { text: `${notice.message} (${notice.reason})` },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
              region: this.region(file.index, notice.start, notice.end),
            },
          },
        ],
      });
    }
  }

  /**
   * One artifact change per file a fix edits (a chart's fix may edit a template and a values file; a build's fix
   * may create a patch); undefined when a file it names is unknown.
   */
  private artifactChanges(file: SarifFile, uri: string, edits: readonly TextEdit[]): Record<string, unknown>[] | undefined {
    const byFile = new Map<string | undefined, TextEdit[]>();
    for (const edit of edits) {
      const name = edit.file === file.absolute ? undefined : edit.file;
      byFile.set(name, [...(byFile.get(name) ?? []), edit]);
    }
    const changes: Record<string, unknown>[] = [];
    for (const [name, fileEdits] of byFile) {
      const created = fileEdits.some((edit) => edit.create);
      const at =
        name === undefined
          ? { uri, index: file.index }
          : created
            ? { uri: this.uriOf(nativeOf(name)), index: file.index }
            : this.other(file, name);
      if (!at) return undefined;
      changes.push({
        artifactLocation: { uri: at.uri, uriBaseId: '%SRCROOT%' },
        replacements: fileEdits.map((edit) => ({
          deletedRegion: created
            ? { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 }
            : this.region(at.index, edit.offset, edit.offset + edit.length),
          ...(edit.newText ? { insertedContent: { text: edit.newText } } : {}),
        })),
      });
    }
    return changes;
  }

  private other(file: SarifFile, name: string): { uri: string; index: LineIndex } | undefined {
    const found = file.other?.(name);
    return found && { uri: this.uriOf(found.absolute), index: found.index };
  }

  /** A tool notification without a location (a file that could not be read or checked). */
  addFailure(message: string): void {
    this.notifications.push({ level: 'error', message: { text: message } });
  }

  build(executionSuccessful: boolean): Record<string, unknown> {
    const version = packageVersion();
    return {
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: 'kube-zero-downtime',
              fullName: 'Kubernetes Zero-Downtime',
              version,
              ...(/^\d+\.\d+\.\d+/.test(version) ? { semanticVersion: version } : {}),
              informationUri: INFORMATION_URI,
              rules: RULES.map(({ meta }) => ({
                id: meta.id,
                name: pascalCase(meta.id),
                shortDescription: { text: meta.title },
                fullDescription: { text: meta.rationale },
                help: { text: meta.docs.howToFix, markdown: meta.docs.howToFix },
                helpUri: docsUrl(meta.id),
                defaultConfiguration: { level: LEVEL[meta.severity] },
                properties: { tags: ['kubernetes', 'zero-downtime', 'reliability'] },
              })),
            },
          },
          invocations: [{ executionSuccessful, toolExecutionNotifications: this.notifications }],
          originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(this.cwd).href.replace(/\/?$/, '/')}` } },
          columnKind: 'utf16CodeUnits',
          results: this.results,
        },
      ],
    };
  }

  private uri(file: SarifFile): string {
    return file.absolute ? this.uriOf(file.absolute) : file.shown.split(path.sep).map(encodeURIComponent).join('/');
  }

  private uriOf(absolute: string): string {
    return path.relative(this.cwd, absolute).split(path.sep).map(encodeURIComponent).join('/');
  }

  private region(index: LineIndex, start: number, end: number): Region {
    const from = index.position(start);
    const to = index.position(Math.max(start, end));
    return { startLine: from.line, startColumn: from.column, endLine: to.line, endColumn: to.column };
  }

  /** Stable across edits elsewhere in the file: the rule, the file, the object and container, and which occurrence. */
  private fingerprint(finding: Finding, uri: string, seen: Map<string, number>): string {
    const identity = [finding.ruleId, uri, finding.kind ?? '', finding.namespace ?? '', finding.name ?? '', finding.container ?? ''].join(
      '\u0000',
    );
    const occurrence = (seen.get(identity) ?? 0) + 1;
    seen.set(identity, occurrence);
    return `${createHash('sha256').update(identity).digest('hex').slice(0, 32)}:${occurrence}`;
  }
}

function pascalCase(id: string): string {
  return id
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** A project path (POSIX separators) as a native path. */
function nativeOf(file: string): string {
  return file.split('/').join(path.sep);
}
