// POSIX project paths: joining, normalising, containment (the load restrictor), and spotting remote references.

/** `dir` joined with `path`, normalised (`.` and `..` resolved). An absolute `path` stands alone. */
export function joinPath(dir: string, path: string): string {
  if (path.startsWith('/')) return normalizePath(path);
  if (dir === '' || dir === '.') return normalizePath(path);
  return normalizePath(`${dir}/${path}`);
}

export function normalizePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
      else if (!absolute) parts.push('..');
      continue;
    }
    parts.push(part);
  }
  const joined = parts.join('/');
  if (absolute) return `/${joined}`;
  return joined === '' ? '.' : joined;
}

export function dirnameOf(path: string): string {
  const index = path.lastIndexOf('/');
  if (index < 0) return '.';
  if (index === 0) return '/';
  return path.slice(0, index);
}

export function basenameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Whether `path` is `dir` or inside it. */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '.' || dir === '') return !path.startsWith('..') && !path.startsWith('/');
  if (dir === '/') return path.startsWith('/');
  return path === dir || path.startsWith(`${dir}/`);
}

/** Whether a kustomization entry names something kustomize would fetch: a URL, a git repository, a `?ref=`. */
export function isRemoteReference(path: string): boolean {
  const trimmed = path.trim();
  return (
    /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(trimmed) ||
    /^git::/.test(trimmed) ||
    /^gh:/.test(trimmed) ||
    /^[\w.-]+@[\w.-]+:/.test(trimmed) ||
    /^(github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|ssh\.dev\.azure\.com)([/:]|$)/i.test(trimmed) ||
    /[?&](ref|version|timeout|submodules)=/.test(trimmed)
  );
}
