// Reads how long a container's preStop hook waits, in every form manifests use:
// the native `sleep: {seconds: N}` action, exec `sleep N`, and `sh -c "... sleep N ..."` scripts,
// with `$VAR` / `${VAR}` / `$(VAR)` resolved from the container's literal env values.
import { isScalar, type Pair } from 'yaml';
import type { Container } from './objects';
import {
  deref,
  get,
  getMap,
  getPair,
  getSeq,
  getString,
  nodeRange,
  pairRange,
  scalarValue,
  seqItems,
  type DocRef,
} from '../model/yamlAccess';

export interface PreStopWait {
  seconds: number;
  /** What to point at: the seconds entry or the command item that sleeps. */
  range: [number, number];
  form: 'sleep-action' | 'exec';
  /** The script also loops or waits on something else, so the real wait may be longer. */
  atLeast: boolean;
  /** Name of the env variable the duration came from, if any. */
  fromEnv?: string;
}

export interface PreStopInfo {
  pair?: Pair;
  /** Undefined when there is no hook or its duration can't be known (httpGet, a script without sleep). */
  wait?: PreStopWait;
}

const SHELLS = /^(\/usr)?(\/bin\/)?(sh|bash|ash|dash|zsh|busybox)$/;
const SLEEP_BINARY = /^(\/usr)?(\/bin\/)?sleep$/;

export function readPreStop(container: Container, ref: DocRef): PreStopInfo {
  const lifecycle = getMap(container.node, 'lifecycle', ref);
  const pair = getPair(lifecycle, 'preStop', ref);
  const preStop = getMap(lifecycle, 'preStop', ref);
  if (!pair) {
    return {};
  }
  const sleepSecondsPair = getPair(getMap(preStop, 'sleep', ref), 'seconds', ref);
  if (sleepSecondsPair) {
    const seconds = parseDuration(String(scalarValue(sleepSecondsPair.value, ref) ?? ''));
    const range = pairRange(sleepSecondsPair, ref);
    if (seconds !== undefined && range) {
      return { pair, wait: { seconds, range, form: 'sleep-action', atLeast: false } };
    }
    return { pair };
  }
  const command = seqItems(getSeq(getMap(preStop, 'exec', ref), 'command', ref), ref);
  const words = command.map((node) => scalarValue(node, ref)).map((value) => (value === undefined || value === null ? '' : String(value)));
  const env = literalEnv(container, ref);
  if (words.length >= 2 && SLEEP_BINARY.test(words[0])) {
    const resolved = resolveVariables(words[1], env);
    const seconds = parseDuration(resolved.text);
    const range = nodeRange(command[1], ref);
    if (seconds !== undefined && range) {
      return { pair, wait: { seconds, range, form: 'exec', atLeast: false, fromEnv: resolved.variable } };
    }
  }
  if (words.length >= 3 && SHELLS.test(words[0]) && /^-[a-z]*c[a-z]*$/.test(words[1])) {
    const script = words.slice(2).join(' ');
    const found = sleepsInScript(script, env);
    const range = nodeRange(command[2], ref);
    if (found && range) {
      return { pair, wait: { seconds: found.seconds, range, form: 'exec', atLeast: found.atLeast, fromEnv: found.variable } };
    }
  }
  return { pair };
}

/** GNU sleep accepts decimals and s/m/h/d suffixes. */
export function parseDuration(text: string): number | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)([smhd]?)\s*$/.exec(text);
  if (!match) {
    return undefined;
  }
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

function sleepsInScript(script: string, env: Map<string, string>): { seconds: number; atLeast: boolean; variable?: string } | undefined {
  let seconds = 0;
  let found = false;
  let variable: string | undefined;
  for (const match of script.matchAll(/(?:^|[\s;&|(])(?:\/usr)?(?:\/bin\/)?sleep\s+([^\s;&|)]+)/g)) {
    const resolved = resolveVariables(match[1], env);
    const value = parseDuration(resolved.text);
    if (value !== undefined) {
      seconds += value;
      found = true;
      variable ??= resolved.variable;
    }
  }
  if (!found) {
    return undefined;
  }
  const atLeast = /\b(while|until|for)\b/.test(script) || /\bwait\b/.test(script);
  return { seconds, atLeast, variable };
}

function resolveVariables(text: string, env: Map<string, string>): { text: string; variable?: string } {
  const match = /^\$(?:\{(\w+)\}|\((\w+)\)|(\w+))$/.exec(text.replace(/^["']|["']$/g, ''));
  if (!match) {
    return { text };
  }
  const variable = match[1] ?? match[2] ?? match[3];
  const value = env.get(variable);
  return value === undefined ? { text } : { text: value, variable };
}

function literalEnv(container: Container, ref: DocRef): Map<string, string> {
  const env = new Map<string, string>();
  for (const item of seqItems(getSeq(container.node, 'env', ref), ref)) {
    const name = getString(item, 'name', ref);
    const valueNode = deref(get(item, 'value', ref), ref);
    if (name && isScalar(valueNode) && valueNode.value !== null && valueNode.value !== undefined) {
      env.set(name, String(valueNode.value));
    }
  }
  return env;
}

/** terminationGracePeriodSeconds of the pod spec, and the pair when it is written down. */
export function gracePeriod(podSpec: unknown, ref: DocRef): { seconds: number; pair?: Pair; explicit: boolean } {
  const pair = getPair(podSpec, 'terminationGracePeriodSeconds', ref);
  const value = scalarValue(pair?.value, ref);
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? parseDuration(value) : undefined;
  return seconds === undefined ? { seconds: 30, pair, explicit: false } : { seconds, pair, explicit: true };
}

/** The kubelet's minimumGracePeriodInSeconds: what a container always gets after SIGTERM. */
export const KUBELET_MINIMUM_GRACE_SECONDS = 2;

/** Seconds after a pod's deletion, as the kubelet runs it. */
export interface TerminationTimes {
  /** SIGTERM: when the preStop hook ends, or is cut off by the grace period. */
  sigterm: number;
  /** SIGKILL, if the container has not exited by then. */
  sigkill: number;
  /** The preStop wait reaches the grace period: the kubelet cuts it off. */
  preStopCut: boolean;
}

/**
 * The kubelet runs preStop with the grace period as its timeout, then sends SIGTERM with what is left of the
 * grace period, but never less than 2 seconds, before SIGKILL. A grace period of 0 skips the hook.
 */
export function terminationTimes(preStopSeconds: number, gracePeriodSeconds: number): TerminationTimes {
  const hook = gracePeriodSeconds > 0 ? Math.min(preStopSeconds, gracePeriodSeconds) : 0;
  return {
    sigterm: hook,
    sigkill: hook + Math.max(gracePeriodSeconds - hook, KUBELET_MINIMUM_GRACE_SECONDS),
    preStopCut: gracePeriodSeconds > 0 && preStopSeconds >= gracePeriodSeconds,
  };
}
