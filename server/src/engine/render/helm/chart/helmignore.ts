// `.helmignore` as Helm's pkg/ignore reads it: one rule a line, evaluated in order, the first match deciding;
// `templates/.?*` is always added. Its quirks are kept (a negated rule ignores every path it does NOT match),
// because they decide which files a chart has.
import { BAD_PATTERN, compileGoMatch } from './glob';

interface Rule {
  negate: boolean;
  mustDir: boolean;
  /** How the pattern is applied: to the whole path, or to its last element. */
  whole: boolean;
  regex: RegExp;
}

export class IgnoreRules {
  private constructor(private readonly rules: Rule[]) {}

  /** Parses a .helmignore text; throws an Error with Helm's message on a rule Helm refuses. */
  static parse(text: string): IgnoreRules {
    const rules: Rule[] = [];
    for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n|\r/)) addRule(rules, line);
    addRule(rules, 'templates/.?*');
    return new IgnoreRules(rules);
  }

  /** Only the default rule (`templates/.?*`). */
  static defaults(): IgnoreRules {
    return IgnoreRules.parse('');
  }

  /** Whether a chart-relative path (no leading `./`) is ignored. */
  ignores(path: string, isDirectory: boolean): boolean {
    if (path === '' || path === '.' || path === './') return false;
    for (const rule of this.rules) {
      const name = rule.whole ? path : path.slice(path.lastIndexOf('/') + 1);
      if (rule.negate) {
        if (rule.mustDir && !isDirectory) return true;
        if (!rule.regex.test(name)) return true;
        continue;
      }
      if (rule.mustDir && !isDirectory) continue;
      if (rule.regex.test(name)) return true;
    }
    return false;
  }
}

function addRule(rules: Rule[], line: string): void {
  let rule = line.trim();
  if (rule === '' || rule.startsWith('#')) return;
  if (rule.includes('**')) throw new Error('double-star (**) syntax is not supported');
  if (compileGoMatch(rule) === undefined) throw new Error(BAD_PATTERN);
  let negate = false;
  if (rule.startsWith('!')) {
    negate = true;
    rule = rule.slice(1);
  }
  let mustDir = false;
  if (rule.endsWith('/')) {
    mustDir = true;
    rule = rule.slice(0, -1);
  }
  let whole = rule.includes('/');
  if (rule.startsWith('/')) {
    whole = true;
    rule = rule.slice(1);
  }
  // A pattern that no longer compiles after stripping matches nothing, as Helm logs and carries on.
  rules.push({ negate, mustDir, whole, regex: compileGoMatch(rule) ?? /(?!)/ });
}
