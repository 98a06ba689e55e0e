// `kube-zero-downtime --timeline <kind>/<name> [--output file.svg] [--assume key=seconds]... [--format svg|json] <file>`:
// the rollout timeline of one Deployment or StatefulSet, as the same SVG the editor's panel shows (for docs and
// PR comments), or the simulation as JSON. A mode of its own with its own arguments, so the linting CLI
// (main.ts) only needs to hand it the command line.
import * as fs from 'fs';
import {
  ASSUMPTION_INFO,
  ASSUMPTION_KEYS,
  renderTimelineSvg,
  rolloutSummary,
  rolloutTargets,
  simulateTarget,
  type RolloutAssumptions,
  type RolloutTarget,
} from '../engine/simulation';
import { DEFAULT_MAX_TEXT_LENGTH } from '../engine';
import { decodeText } from '../config/text';
import { readBoundedSync } from '../io/boundedRead';

export interface TimelineIO {
  out(text: string): void;
  err(text: string): void;
}

const EXIT_OK = 0;
/** The manifest holds a value the simulation refuses (the output says which, and draws nothing). */
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

export const TIMELINE_HELP = `Rollout timeline:
      --timeline <kind>/<name>  Simulate the rollout of that Deployment or StatefulSet in the one file given
                               and write it as SVG (<name> alone works when it is unique). With it:
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
  file: string;
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
  if (files.length !== 1) throw new TimelineUsage(`--timeline needs exactly one file (or "-" for standard input), got ${files.length}`);
  return { selector, output, format, assumptions, file: files[0] };
}

function describe(target: RolloutTarget): string {
  return `${target.kind}/${target.name ?? '(unnamed)'}${target.namespace ? ` in namespace ${target.namespace}` : ''} (document ${target.docIndex + 1})`;
}

/** The targets a selector names: `Kind/name` (kind case-insensitive) or a bare `name`. */
function select(targets: RolloutTarget[], selector: string): RolloutTarget[] {
  const slash = selector.indexOf('/');
  const kind = slash >= 0 ? selector.slice(0, slash).toLowerCase() : undefined;
  const name = slash >= 0 ? selector.slice(slash + 1) : selector;
  return targets.filter((t) => (kind === undefined || t.kind.toLowerCase() === kind) && t.name === name);
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
  const shown = options.file === '-' ? '<stdin>' : options.file;
  const read = readBoundedSync(options.file, DEFAULT_MAX_TEXT_LENGTH);
  if (!read.ok) {
    io.err(`${shown}: ${read.reason === 'unreadable' ? 'cannot read' : 'not checked'}: ${read.message}\n`);
    return EXIT_USAGE;
  }
  const text = decodeText(read.bytes);
  const targets = rolloutTargets(text);
  const matches = select(targets, options.selector);
  if (matches.length !== 1) {
    const found = targets.length > 0 ? `it has: ${targets.map(describe).join(', ')}` : 'it has no Deployment or StatefulSet';
    io.err(
      matches.length === 0
        ? `${shown}: no Deployment or StatefulSet "${options.selector}"; ${found}.\n`
        : `${shown}: "${options.selector}" matches ${matches.length} objects: ${matches.map(describe).join(', ')}.\n`,
    );
    return EXIT_USAGE;
  }
  const simulation = simulateTarget(matches[0], options.assumptions);
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
    io.err(`${describe(matches[0])}: ${rolloutSummary(simulation)} -> ${options.output}\n`);
  } else {
    io.out(body);
  }
  if (simulation.refused?.length) {
    io.err(`${shown}: ${describe(matches[0])} not simulated:\n${simulation.notes.map((note) => `  ${note}\n`).join('')}`);
    return EXIT_REFUSED;
  }
  return EXIT_OK;
}
