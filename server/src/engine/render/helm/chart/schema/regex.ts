// Go's regexp syntax (RE2) read as a JavaScript RegExp: the differences that schemas meet are leading flag groups
// (`(?i)`), `\z`/`\A`, `\pL`-style classes and POSIX classes (`[[:alpha:]]`). Anything RE2 refuses that JS
// accepts (backreferences, lookarounds) is refused here too, with RE2's wording.

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

/** Compiles a Go regular expression; returns an error message (Go's `error parsing regexp: ...`) on failure. */
export function compileGoRegexp(source: string): RegExp | string {
  let flags = 'u';
  let body = source;
  const leading = /^\(\?([imsU]+)\)/.exec(body);
  if (leading) {
    body = body.slice(leading[0].length);
    if (leading[1].includes('i')) flags += 'i';
    if (leading[1].includes('s')) flags += 's';
    if (leading[1].includes('m')) flags += 'm';
  }
  if (/\(\?[=!<]|\\[1-9]/.test(body)) return `error parsing regexp: invalid or unsupported Perl syntax: \`${perlSnippet(body)}\``;
  const converted = body
    .replace(/\[\[:(\^?)([a-z]+):\]\]/g, (all, neg: string, name: string) => (POSIX[name] ? `[${neg}${POSIX[name]}]` : all))
    .replace(/\[:([a-z]+):\]/g, (all, name: string) => POSIX[name] ?? all)
    .replace(/\\p([A-Z])/g, '\\p{$1}')
    .replace(/\\P([A-Z])/g, '\\P{$1}')
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\\A/g, '^(?<![\\s\\S])');
  for (const attempt of [flags, flags.replace('u', '')]) {
    try {
      return new RegExp(converted, attempt);
    } catch {
      // Without 'u', JS is laxer about escapes that RE2 accepts (`\_`, `\-` outside classes).
    }
  }
  return `error parsing regexp: invalid regular expression: \`${source}\``;
}

function perlSnippet(body: string): string {
  const m = /\(\?[=!<]|\\[1-9]/.exec(body);
  return m ? m[0] : body;
}
