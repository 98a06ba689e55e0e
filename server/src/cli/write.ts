// Where and how --fix writes. Only a regular file under the paths the command line gave (never through a
// symbolic link to somewhere else), never a read-only file, never breaking hard links; written atomically,
// through an exclusively created temporary file with an unpredictable name, with the file's mode kept.
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** The folders (and files) the command line named: --fix writes only inside them. */
export class WriteScope {
  private readonly roots: { real: string; isFile: boolean }[] = [];

  /** `paths` as given ('-' and patterns included); `bases` are the folders the glob patterns were expanded in. */
  constructor(paths: readonly string[], bases: readonly string[], cwd: string) {
    for (const given of [...paths, ...bases]) {
      if (given === '-') continue;
      const absolute = path.resolve(cwd, given);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(absolute);
      } catch {
        continue; // a glob pattern: its base folder is in `bases`
      }
      if (stat.isDirectory()) {
        this.roots.push({ real: fs.realpathSync(absolute), isFile: false });
      } else {
        // A file named on the command line stands for itself, not for what a link named so points to: its
        // folders are resolved, the last step is not.
        this.roots.push({ real: path.join(fs.realpathSync(path.dirname(absolute)), path.basename(absolute)), isFile: true });
      }
    }
  }

  contains(real: string): boolean {
    return this.roots.some((root) =>
      root.isFile
        ? real === root.real
        : real === root.real || real.startsWith(root.real.endsWith(path.sep) ? root.real : root.real + path.sep),
    );
  }
}

export type WriteCheck = { ok: true; target: string; stat: fs.Stats } | { ok: false; reason: string };

/** May --fix replace this file? The target is the file itself after following links, if that is in scope. */
export function checkWritable(file: string, scope: WriteScope): WriteCheck {
  let target: string;
  let stat: fs.Stats;
  try {
    target = fs.realpathSync(file);
    stat = fs.statSync(target);
  } catch (error) {
    return { ok: false, reason: `cannot find it any more (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!stat.isFile()) return { ok: false, reason: 'not a regular file' };
  if (!scope.contains(target)) {
    return { ok: false, reason: `it is a symbolic link to ${target}, outside the paths given (name that file or its folder to fix it)` };
  }
  // Write bits, not access(2): root may write anything, yet a read-only file says "do not change me".
  if ((stat.mode & 0o222) === 0 || !canWrite(target)) return { ok: false, reason: 'the file is read-only' };
  if (stat.nlink > 1) {
    return {
      ok: false,
      reason: `it has ${stat.nlink} hard links, which writing a new file would break (apply the --fix-dry-run diff instead)`,
    };
  }
  return { ok: true, target, stat };
}

function canWrite(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces `target` (checked by checkWritable) with `bytes`: a temporary file beside it, created exclusively
 * (O_EXCL) under a random name, given the target's mode (and owner, where allowed), flushed, then renamed
 * over the target. A crash leaves either the old file or the new one, never half of one.
 */
export function writeAtomically(target: string, bytes: Uint8Array, stat: fs.Stats): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.kzd-${randomBytes(12).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, 0o600);
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += fs.writeSync(fd, bytes, written, bytes.length - written);
      // The umask applied at creation: set the mode exactly. Owner and group only when we may (root).
      fs.fchmodSync(fd, stat.mode & 0o7777);
      if (process.getuid?.() === 0) fs.fchownSync(fd, stat.uid, stat.gid);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
