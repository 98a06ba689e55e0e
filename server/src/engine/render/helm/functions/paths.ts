// Sprig's path functions (Go's path package: slash-separated, lexical).
import { type FunctionTable, fn } from '../template/function';

/** path.Clean. */
export function cleanPath(p: string): string {
  if (p === '') return '.';
  const rooted = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
    } else out.push(part);
  }
  const s = (rooted ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}

function base(p: string): string {
  if (p === '') return '.';
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function dir(p: string): string {
  return cleanPath(p.slice(0, p.lastIndexOf('/') + 1));
}

function ext(p: string): string {
  for (let i = p.length - 1; i >= 0 && p[i] !== '/'; i--) if (p[i] === '.') return p.slice(i);
  return '';
}

export function pathFunctions(): FunctionTable {
  const s1 = (f: (s: string) => string | boolean) => fn(['string'], ([s]) => f(s as string));
  return {
    base: s1(base),
    dir: s1(dir),
    clean: s1(cleanPath),
    ext: s1(ext),
    isAbs: s1((p) => p.startsWith('/')),
    osBase: s1(base),
    osDir: s1(dir),
    osClean: s1(cleanPath),
    osExt: s1(ext),
    osIsAbs: s1((p) => p.startsWith('/')),
  };
}
