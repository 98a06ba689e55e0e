// Data types shared by the engine, its adapters (LSP server, CLI) and the tests.
// Everything here is plain, JSON-serialisable data: offsets are UTF-16 code units into the
// linted text (what JavaScript strings and LSP's TextDocument.positionAt use), end-exclusive.
import type { FileContext } from './rule';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off' | 'default';

export const SEVERITY_ORDER: Record<Severity, number> = { hint: 0, info: 1, warning: 2, error: 3 };

/** Replace `length` characters at `offset` with `newText`. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
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
  fixes: Fix[];
  /** Related objects, usually in other files (the PodDisruptionBudget, Service or HPA the finding is about). */
  related?: RelatedLocation[];
}

/** Why a document or a whole file was not judged. Shown to the user so silence is never a mystery. */
export type NoticeReason =
  | 'yaml-error' // the document does not parse
  | 'helm-template' // Go-template syntax: not YAML until rendered
  | 'too-large' // over the size limit
  | 'binary' // not text
  | 'not-a-file'; // a FIFO, device or directory given as a file (adapters only: never read)

export interface Notice {
  reason: NoticeReason;
  message: string;
  start: number;
  end: number;
  /** -1 when the notice is about the whole file. */
  docIndex: number;
}

/** Values the quick fixes write (VS Code settings `kubeZeroDowntime.fixes.*`). */
export interface FixDefaults {
  readinessPath: string;
  livenessPath: string;
  readinessPeriodSeconds: number;
  livenessPeriodSeconds: number;
  livenessInitialDelaySeconds: number;
  preStopSleepSeconds: number;
}

export const DEFAULT_FIX_DEFAULTS: FixDefaults = {
  readinessPath: '/readyz',
  livenessPath: '/livez',
  readinessPeriodSeconds: 5,
  livenessPeriodSeconds: 10,
  livenessInitialDelaySeconds: 10,
  preStopSleepSeconds: 10,
};

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
   * Cross-object facts from other files (the rest of the workspace folder, the other files given to the CLI),
   * merged into the file's own. Facts carry `origin` so findings can point at them. Absent: the file alone.
   * Treated as immutable: pass a new object when the facts change (the findings cache keys on its identity).
   */
  externalFacts?: FileContext;
  /**
   * The linted file's name as external facts' origins spell it: facts from it are left out of `externalFacts`
   * (they are the file's own, and may be older than the text). Lets one facts object serve every file.
   */
  fileName?: string;
  /** Every YAML file of the workspace folder was seen (so "no object selects X" may be concluded). */
  workspaceComplete?: boolean;
  /** The file is listed as a patch in a kustomization: every object in it is a fragment, judged only as a patch. */
  isPatchFile?: boolean;
}

export interface RuleOptions {
  /** resources-missing also demands a CPU limit (off by default: CPU limits throttle). */
  requireCpuLimit?: boolean;
}

export interface LintResult {
  findings: Finding[];
  notices: Notice[];
  /** Number of YAML documents in the text. */
  documentCount: number;
  /** Rules that threw (a bug in this tool): the rest of the analysis still ran. Adapters should log these. */
  internalErrors?: InternalError[];
  /** Findings silenced by a suppression comment or annotation (engine/suppression.ts); absent when none. */
  suppressedCount?: number;
}

export interface InternalError {
  ruleId: string;
  docIndex: number;
  message: string;
}
