// The package version, read at run time from the package.json next to dist/ (bundles run from dist/).
import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached === undefined) {
    cached = 'unknown';
    for (const candidate of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', 'package.json')]) {
      try {
        const pkg = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: unknown; version?: unknown };
        if (pkg.name === 'kube-zero-downtime' && typeof pkg.version === 'string') {
          cached = pkg.version;
          break;
        }
      } catch {
        // try the next candidate
      }
    }
  }
  return cached;
}
