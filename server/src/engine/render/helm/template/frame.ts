// What an execution carries: its limits, the template set it runs in, the frame of the template executing
// (variables, output, the node for error positions), and the signals of {{break}} and {{continue}}.
import type { GoFunction, Traced } from './function';
import type { AnyNode } from './nodes';
import type { OutputBuilder } from './output';
import type { Tree } from './parser';

export interface ExecutionLimits {
  /** Nested include/tpl of one name (Helm: 1000). */
  maxIncludeDepth: number;
  /** Nesting of {{template}}/include/tpl calls overall (Go: 100000; lower here: the JS stack is smaller). */
  maxTemplateDepth: number;
  /** Characters written, all nested outputs included. */
  maxOutputChars: number;
  /** Nodes walked, iterations and calls. */
  maxSteps: number;
}

export const DEFAULT_LIMITS: ExecutionLimits = {
  maxIncludeDepth: 1000,
  maxTemplateDepth: 1500,
  maxOutputChars: 64 * 1024 * 1024,
  maxSteps: 20_000_000,
};

/** What the executor needs from the template set. */
export interface TemplateLookup {
  lookup(name: string): Tree | undefined;
  func(name: string): GoFunction | undefined;
  /** Parses `text` as a new template named `name` in a copy of this set (for `tpl`). */
  derive(name: string, text: string): TemplateLookup;
}

export const MISSING: Traced = { value: null };
export class BreakSignal {}
export class ContinueSignal {}

export interface Var {
  name: string;
  value: Traced;
}

export interface Frame {
  set: TemplateLookup;
  tree: Tree;
  /** Name of the executing template (Go's s.tmpl.Name()). */
  name: string;
  vars: Var[];
  out: OutputBuilder;
  node?: AnyNode;
  depth: number;
}
