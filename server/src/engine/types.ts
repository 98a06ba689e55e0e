// Data types shared by the engine, its adapters (LSP server, CLI) and the tests.
// Everything here is plain, JSON-serialisable data: offsets are UTF-16 code units into the
// linted text (what JavaScript strings and LSP's TextDocument.positionAt use), end-exclusive.
import type { FixDefaults, HelmOptions, OptionValue } from './config/options';
import type { Facts } from './facts/types';
import type { ProjectIndex } from './facts/projectIndex';
import type { SourceRange } from './model/origin';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off' | 'default';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Replace `length` characters at `offset` with `newText`. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
  /** The file to edit when it is not the linted text: the source file of a rendered document. */
  file?: string;
  /** `file` does not exist yet: the fix creates it with `newText` (offset and length are 0). */
  create?: boolean;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to offer first (LSP `isPreferred`). */
  preferred?: boolean;
  /** Safe fixes need no human judgement and may be applied by fix-all / `--fix`. */
  safe: boolean;
}

/** A place in another file (or in this one, when `file` is absent) that explains a finding. */
export interface RelatedLocation {
  /** The other file (a URI in the language server, a path in the CLI); absent: the linted text itself. */
  file?: string;
  start: number;
  end: number;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  start: number;
  end: number;
  /** 0-based index of the YAML document in the file. */
  docIndex: number;
  /** The Kubernetes object the finding is about. */
  kind?: string;
  name?: string;
  namespace?: string;
  /** The container the finding is about, where there is one. */
  container?: string;
  /** Related objects, usually in other files (the PodDisruptionBudget, Service or HPA the finding is about). */
  related?: RelatedLocation[];
  /** Where the finding is in a source file, when the linted text was rendered from others (a Kustomize build, a chart). */
  origin?: SourceRange;
  /** A chart's findings: the values sets under which it appears (engine/charts/). */
  valuesSets?: string[];
}

/** A finding together with its fixes (Linter.fixesFor, lintWithFixes): for fix-all, --fix, SARIF and tests. */
export interface FindingWithFixes extends Finding {
  fixes: Fix[];
}

/** Why a document or a whole file was not judged. Shown to the user so silence is never a mystery. */
export type NoticeReason =
  | 'yaml-error' // the document does not parse
  | 'helm-template' // Go-template syntax: not YAML until rendered
  | 'too-large' // over the size limit
  | 'binary' // not text
  | 'not-a-file' // a FIFO, device or directory given as a file (adapters only: never read)
  | 'template-error' // a chart template that Helm cannot render (parse error, fail, required, unsupported function)
  | 'chart-error' // a chart Helm refuses to render at all (Chart.yaml, dependencies, values, schema, kubeVersion)
  | 'kustomize-error'; // a Kustomize root that could not be built (its files are judged alone)

export interface Notice {
  reason: NoticeReason;
  message: string;
  start: number;
  end: number;
  /** -1 when the notice is about the whole file. */
  docIndex: number;
  /** The parser's own words, for a document that does not parse (logs say it on one line). */
  detail?: string;
}

/** Values the quick fixes write (settings `kubeZeroDowntime.fixes.*`): declared in the options table. */
export { DEFAULT_FIX_DEFAULTS, type FixDefaults } from './config/options';

/** Rule options by name (declared on their rule, RuleMeta.options): values already validated. */
export type RuleOptions = Readonly<Record<string, OptionValue | undefined>>;

export interface LintOptions {
  /** Values the quick fixes write; unset fields use DEFAULT_FIX_DEFAULTS. */
  fixDefaults?: Partial<FixDefaults>;
  /** Per-rule severity override; 'off' disables, 'default' (or absent) keeps the rule's own severity. */
  rules?: Record<string, SeveritySetting | undefined>;
  /** Files longer than this (in UTF-16 code units) are not analysed. Default 16 MiB. */
  maxTextLength?: number;
  /** Options of individual rules (VS Code settings `kubeZeroDowntime.<area>.*`, CLI flags). */
  ruleOptions?: RuleOptions;
  /**
   * The other files of the project (a workspace folder, the CLI's paths): their facts, indexed
   * (model/projectModel.ts). The file's own entries are left out by `fileName`. Absent: the file alone.
   */
  project?: ProjectIndex;
  /** Facts of other files given directly (tests, fixtures): a small project of one entry. */
  externalFacts?: Partial<Facts>;
  /** The linted file's name as the project spells it: its own entries there are older than the text. */
  fileName?: string;
  /** Said after the size limit in the too-large notice: how to change it (a setting, a command-line flag). */
  sizeLimitHint?: string;
  /** Every YAML file of the workspace folder was seen (so "no object selects X" may be concluded). */
  workspaceComplete?: boolean;
  /** The file is listed as a patch in a kustomization: every object in it is a fragment, judged only as a patch. */
  isPatchFile?: boolean;
  /** How Helm charts are judged (settings `helm.*`, config `helm:`, CLI flags); not used by the linter itself. */
  helm?: Partial<HelmOptions>;
  /** The text is a deployable unit's whole output (a Kustomize build): its objects are all there is ("in the build"). */
  deployableUnit?: boolean;
  /**
   * `project` already holds the facts of this text's own documents (with origins, so findings can point at the
   * related object): the linter does not index them a second time.
   */
  ownFactsInProject?: boolean;
}

export interface LintResult {
  findings: Finding[];
  notices: Notice[];
  /** Number of YAML documents in the text. */
  documentCount: number;
  /** Rules that threw (a bug in this tool): the rest of the analysis still ran. Adapters should log these. */
  internalErrors?: InternalError[];
  /** Findings silenced by a suppression comment or annotation (engine/suppression/); absent when none. */
  suppressedCount?: number;
}

export interface InternalError {
  ruleId: string;
  docIndex: number;
  message: string;
}
