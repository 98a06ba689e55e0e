// `kube-zero-downtime --timeline <kind>/<name> [--output file.svg] [--assume key=seconds]... [--format svg|json] <path>...`:
// the rollout timeline of one Deployment or StatefulSet, as the same SVG the editor's panel shows (for docs and
// PR comments), or the simulation as JSON. It takes the paths a lint run takes (files, folders, globs) and
// simulates with the same project facts (an HPA in another file decides the replica count, as in the
// diagnostics). A mode of its own with its own arguments, so the linting CLI (main.ts) only hands it the command line.
import * as fs from 'fs';
import * as path from 'path';
import {
  ASSUMPTION_INFO,
  ASSUMPTION_KEYS,
  renderTimelineSvg,
  rolloutSummary,
  rolloutTargetsOf,
  simulateTarget,
  type RolloutAssumptions,
  type RolloutTarget,
} from '../engine/simulation';
import { DEFAULT_MAX_TEXT_LENGTH, Linter } from '../engine';
import { UsageError } from './args';
import { collectFiles, readInputFile } from './files';
import { projectOf, type Target } from './project';

export interface TimelineIO {
  out(text: string): void;
  err(text: string): void;
  cwd?: string;
}

const EXIT_OK = 0;
/** The manifest holds a value the simulation refuses (the output says which, and draws nothing). */
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

export const TIMELINE_HELP = `Rollout timeline:
      --timeline <kind>/<name>  Simulate the rollout of that Deployment or StatefulSet among the files given
                               (files, folders, globs: the objects of the others count, e.g. an HPA) and
                               write it as SVG (<name> alone works when it is unique). With it:
  -o, --output <file>          Write to this file instead of standard output.
      --assume <key>=<seconds> Change an assumption (repeatable): ${ASSUMPTION_KEYS.join(', ')}.
      --format <svg|json>      json: the simulation (pods, phases, capacity, failure windows) instead.
                               A model, not a measurement: see the README's "Rollout timeline".
`;

class TimelineUsage extends Error {}

interface TimelineOptions {
  selector: string;
  output?: string;
  format: 'svg' | 'json';
  assumptions: Partial<RolloutAssumptions>;
  paths: string[];
}

/** Does this command line ask for a timeline? */
export function wantsTimeline(argv: readonly string[]): boolean {
  return argv.some((arg) => arg === '--timeline' || arg.startsWith('--timeline='));
}

function parse(argv: readonly string[]): TimelineOptions {
  let selector: string | undefined;
  let output: string | undefined;
  let format: 'svg' | 'json' = 'svg';
  const assumptions: Partial<RolloutAssumptions> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const next = argv[++i];
      if (next === undefined) throw new TimelineUsage(`option ${name} needs a value`);
      return next;
    };
    switch (name) {
      case '--timeline':
        selector = value();
        break;
      case '-o':
      case '--output':
        output = value();
        break;
      case '-f':
      case '--format': {
        const f = value();
        if (f !== 'svg' && f !== 'json') throw new TimelineUsage(`--timeline writes svg or json, not "${f}"`);
        format = f;
        break;
      }
      case '--assume': {
        const spec = value();
        const match = /^([A-Za-z]+)=(\d+(?:\.\d+)?)s?$/.exec(spec.trim());
        if (!match || !(ASSUMPTION_KEYS as string[]).includes(match[1])) {
          throw new TimelineUsage(`--assume needs <key>=<seconds> with a key among ${ASSUMPTION_KEYS.join(', ')}; got "${spec}"`);
        }
        const key = match[1] as keyof RolloutAssumptions;
        const seconds = Number(match[2]);
        if (seconds > ASSUMPTION_INFO[key].max) throw new TimelineUsage(`--assume ${key} is at most ${ASSUMPTION_INFO[key].max} seconds`);
        assumptions[key] = seconds;
        break;
      }
      default:
        throw new TimelineUsage(`option ${name} does not go with --timeline`);
    }
  }
  if (!selector) throw new TimelineUsage('--timeline needs <kind>/<name>');
  if (files.length === 0) throw new TimelineUsage('--timeline needs a file, folder or glob (or "-" for standard input)');
  return { selector, output, format, assumptions, paths: files };
}

interface Found {
  target: RolloutTarget;
  shown: string;
}

function describe({ target, shown }: Found, several: boolean): string {
  return `${target.kind}/${target.name ?? '(unnamed)'}${target.namespace ? ` in namespace ${target.namespace}` : ''} (${several ? `${shown}, ` : ''}document ${target.docIndex + 1})`;
}

/** The targets a selector names: `Kind/name` (kind case-insensitive) or a bare `name`. */
function select(found: Found[], selector: string): Found[] {
  const slash = selector.indexOf('/');
  const kind = slash >= 0 ? selector.slice(0, slash).toLowerCase() : undefined;
  const name = slash >= 0 ? selector.slice(slash + 1) : selector;
  return found.filter(({ target: t }) => (kind === undefined || t.kind.toLowerCase() === kind) && t.name === name);
}

export function runTimeline(argv: readonly string[], io: TimelineIO): number {
  let options: TimelineOptions;
  try {
    options = parse(argv);
  } catch (error) {
    if (!(error instanceof TimelineUsage)) throw error;
    io.err(`kube-zero-downtime: ${error.message}\nRun "kube-zero-downtime --help" for usage.\n`);
    return EXIT_USAGE;
  }
  const cwd = io.cwd ?? process.cwd();
  let targets: Target[];
  try {
    targets = collectFiles(options.paths).files.map((file) => ({
      file,
      shown: file === '-' ? '<stdin>' : file,
      ...(file === '-' ? {} : { absolute: path.resolve(cwd, file) }),
    }));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`kube-zero-downtime: cannot read: ${error.message}\n`);
    return EXIT_USAGE;
  }
  // The same project a lint of these paths uses: the diagnostics and the picture agree on the facts.
  const project = projectOf(targets, options.paths, cwd, DEFAULT_MAX_TEXT_LENGTH);
  const found: Found[] = [];
  for (const target of targets) {
    const input = readInputFile(target.file, DEFAULT_MAX_TEXT_LENGTH);
    if (!input.ok) {
      io.err(`${target.shown}: ${input.reason === 'unreadable' ? 'cannot read' : 'not checked'}: ${input.message}\n`);
      return EXIT_USAGE;
    }
    const text = input.text;
    const linter = new Linter();
    linter.lint(text, project.optionsFor(target));
    for (const rollout of rolloutTargetsOf(linter.model, linter.project(), linter.isPatchFile)) {
      found.push({ target: rollout, shown: target.shown });
    }
  }
  const several = targets.length > 1;
  const where = several ? `${targets.length} files` : (targets[0]?.shown ?? '<stdin>');
  const matches = select(found, options.selector);
  if (matches.length !== 1) {
    const has =
      found.length > 0
        ? `${several ? 'they have' : 'it has'}: ${found.map((f) => describe(f, several)).join(', ')}`
        : `${several ? 'they have' : 'it has'} no Deployment or StatefulSet`;
    io.err(
      matches.length === 0
        ? `${where}: no Deployment or StatefulSet "${options.selector}"; ${has}.\n`
        : `${where}: "${options.selector}" matches ${matches.length} objects: ${matches.map((f) => describe(f, several)).join(', ')}.\n`,
    );
    return EXIT_USAGE;
  }
  const simulation = simulateTarget(matches[0].target, options.assumptions);
  const body =
    options.format === 'json'
      ? `${JSON.stringify({ summary: rolloutSummary(simulation), ...simulation }, null, 2)}\n`
      : renderTimelineSvg(simulation);
  if (options.output) {
    try {
      fs.writeFileSync(options.output, body);
    } catch (error) {
      io.err(`${options.output}: cannot write: ${error instanceof Error ? error.message : String(error)}\n`);
      return EXIT_USAGE;
    }
    io.err(`${describe(matches[0], several)}: ${rolloutSummary(simulation)} -> ${options.output}\n`);
  } else {
    io.out(body);
  }
  if (simulation.refused?.length) {
    io.err(
      `${matches[0].shown}: ${describe(matches[0], several)} not simulated:\n${simulation.notes.map((note) => `  ${note}\n`).join('')}`,
    );
    return EXIT_REFUSED;
  }
  return EXIT_OK;
}
