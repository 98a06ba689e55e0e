// The `format` checks Helm's validator asserts (only under drafts 4, 6 and 7): the cheap ones, with its reasons.
// A format not listed here is not asserted, as the validator ignores formats it does not know.
import { compileGoRegexp } from './regex';

/** Returns undefined when valid, else the reason. Non-strings are always valid. */
export type FormatCheck = (value: string) => string | undefined;

export const FORMATS: Record<string, FormatCheck> = {
  ipv4: (s) => {
    const groups = s.split('.');
    if (groups.length !== 4) return 'expected four decimals';
    for (const g of groups) {
      if (g.length > 1 && g.startsWith('0')) return 'leading zeros';
      if (!/^[0-9]+$/.test(g) || Number(g) > 255) return 'decimal must be between 0 and 255';
    }
    return undefined;
  },
  ipv6: (s) => {
    if (!s.includes(':')) return 'missing colon';
    if (s.includes('%')) return 'zone id is not a part of ipv6 address';
    return isIPv6(s) ? undefined : `ParseAddr(${JSON.stringify(s)}): invalid IP address`;
  },
  hostname: (s) => hostname(s),
  email: (s) => {
    if (s.length > 254) return 'more than 255 characters long';
    const at = s.lastIndexOf('@');
    if (at < 0) return 'missing @';
    const local = s.slice(0, at);
    if (local.length > 64) return 'local part more than 64 characters long';
    if (local.startsWith('.')) return 'starts with dot';
    if (local.endsWith('.')) return 'ends with dot';
    if (local.includes('..')) return 'consecutive dots';
    const domain = s.slice(at + 1);
    const reason = hostname(domain);
    return reason ? `invalid domain: ${reason}` : undefined;
  },
  date: (s) => date(s),
  time: (s) => time(s),
  'date-time': (s) => {
    if (s.length < 20) return 'less than 20 characters long';
    if (s[10] !== 't' && s[10] !== 'T') return '11th character must be t or T';
    const d = date(s.slice(0, 10));
    if (d) return `invalid date element: ${d}`;
    const t = time(s.slice(11));
    return t ? `invalid time element: ${t}` : undefined;
  },
  uuid: (s) => {
    const groups = s.split('-');
    const lengths = [8, 4, 4, 4, 12];
    if (groups.length !== 5) return 'must have 5 elements';
    for (let i = 0; i < 5; i++) {
      if (groups[i].length !== lengths[i]) return `element ${i + 1} must be ${lengths[i]} characters long`;
      const bad = /[^0-9a-fA-F]/.exec(groups[i]);
      if (bad) return `non-hex character ${JSON.stringify(bad[0])}`;
    }
    return undefined;
  },
  regex: (s) => {
    const compiled = compileGoRegexp(s);
    return typeof compiled === 'string' ? compiled : undefined;
  },
  'json-pointer': (s) => {
    if (s === '') return undefined;
    if (!s.startsWith('/')) return 'not starting with /';
    return /~(?![01])/.test(s) ? '~ must be followed by 0 or 1' : undefined;
  },
};

function hostname(s: string): string | undefined {
  const name = s.endsWith('.') ? s.slice(0, -1) : s;
  if (name.length > 253) return 'more than 253 characters long';
  for (const label of name.split('.')) {
    if (label.length < 1 || label.length > 63) return 'label must be 1 to 63 characters long';
    if (label.startsWith('-')) return 'label starts with hyphen';
    if (label.endsWith('-')) return 'label ends with hyphen';
    const bad = /[^a-zA-Z0-9-]/.exec(label);
    if (bad) return `invalid character ${JSON.stringify(bad[0])}`;
  }
  return undefined;
}

function date(s: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return `parsing time ${JSON.stringify(s)} as "2006-01-02": cannot parse ${JSON.stringify(s)} as "2006"`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12) return `parsing time ${JSON.stringify(s)}: month out of range`;
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `parsing time ${JSON.stringify(s)}: day out of range`;
  return undefined;
}

function time(s: string): string | undefined {
  if (s.length < 9) return 'less than 9 characters long';
  if (s[2] !== ':' || s[5] !== ':') return 'missing colon in correct place';
  const [h, m, sec] = [s.slice(0, 2), s.slice(3, 5), s.slice(6, 8)].map(Number);
  if ([h, m, sec].some((n) => Number.isNaN(n))) return 'invalid hour/min/sec';
  if (h > 23 || m > 59 || sec > 60) return 'hour/min/sec out of range';
  let rest = s.slice(8);
  if (rest.startsWith('.')) {
    const digits = /^\.(\d*)/.exec(rest)?.[1] ?? '';
    if (digits === '') return 'no digits in second fraction';
    rest = rest.slice(1 + digits.length);
  }
  if (rest === 'z' || rest === 'Z') return undefined;
  if (rest.length !== 6) return 'offset must be 6 characters long';
  if (rest[0] !== '+' && rest[0] !== '-') return 'offset must begin with plus/minus';
  if (rest[3] !== ':') return 'missing colon in offset in correct place';
  const [oh, om] = [Number(rest.slice(1, 3)), Number(rest.slice(4, 6))];
  if (Number.isNaN(oh) || Number.isNaN(om)) return 'invalid hour/min in offset';
  if (oh > 23 || om > 59) return 'hour/min in offset out of range';
  return undefined;
}

function isIPv6(s: string): boolean {
  const parts = s.split('::');
  if (parts.length > 2) return false;
  const groups = (part: string): string[] | undefined => (part === '' ? [] : part.split(':'));
  const head = groups(parts[0]);
  const tail = parts.length === 2 ? groups(parts[1]) : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = all.length;
  const last = all[all.length - 1];
  if (last !== undefined && last.includes('.')) {
    if (FORMATS.ipv4(last) !== undefined) return false;
    all.pop();
    count += 1;
  }
  if (!all.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return parts.length === 2 ? count < 8 : count === 8;
}
