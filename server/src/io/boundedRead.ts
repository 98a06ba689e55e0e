// Reading a user's file without trusting it: the type and the size are checked on the open descriptor before
// any content is read, and no more than the limit is ever read (the file may grow meanwhile). `/dev/zero`, a
// FIFO (opened without blocking), a directory or a 50 MB file get a "not checked" answer instead of an endless
// or enormous read. Used by the CLI (arguments, --timeline, config files) and the language server (config
// files, the workspace index), so every read of a user file goes through here.
import * as fs from 'fs';

export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | {
      ok: false;
      /** not-a-file: a FIFO, device, socket or directory; too-large: over the limit; unreadable: the OS said no. */
      reason: 'not-a-file' | 'too-large' | 'unreadable';
      /** One sentence for the user, e.g. "not a regular file (a FIFO)". */
      message: string;
      /** The OS error code, for unreadable (ENOENT, EACCES...). */
      code?: string;
    };

/** Opening for reading never blocks (a FIFO without a writer would block forever); regular files ignore it. */
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(bytes >= 10 * 1024 * 1024 ? 0 : 1);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a directory';
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function notAFile(stat: fs.Stats): BoundedRead {
  const kind = kindOf(stat);
  return { ok: false, reason: 'not-a-file', message: kind === 'not a regular file' ? kind : `not a regular file (${kind})` };
}

function tooLarge(bytes: number, maxBytes: number, atLeast: boolean): BoundedRead {
  return {
    ok: false,
    reason: 'too-large',
    message: `the file is ${atLeast ? 'over ' : ''}${megabytes(bytes)} MB, over the ${megabytes(maxBytes)} MB limit`,
  };
}

function unreadable(error: unknown): BoundedRead {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EISDIR') return { ok: false, reason: 'not-a-file', message: 'not a regular file (a directory)' };
  const message = code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error);
  return { ok: false, reason: 'unreadable', message, code };
}

/**
 * Reads a regular file of at most `maxBytes` ('-': standard input, which may be a pipe; it is read up to the
 * limit). Never throws.
 */
export function readBoundedSync(file: string, maxBytes: number): BoundedRead {
  const stdin = file === '-';
  let fd: number | undefined;
  try {
    fd = stdin ? 0 : fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    if (stat.isFile()) {
      if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes, false);
    } else if (!stdin || stat.isDirectory()) {
      return notAFile(stat);
    }
    // Up to one byte past the limit: enough to know the file grew over it since fstat.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) break;
      chunks.push(buffer.subarray(0, read));
      total += read;
      if (total > maxBytes) return tooLarge(total, maxBytes, true);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return unreadable(error);
  } finally {
    if (fd !== undefined && !stdin) fs.closeSync(fd);
  }
}

/** The same, asynchronously (the language server must not block on a slow disk). Never rejects. */
export async function readBounded(file: string, maxBytes: number): Promise<BoundedRead> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
    const stat = await handle.stat();
    if (!stat.isFile()) return notAFile(stat);
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes, false);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(Math.max(stat.size + 1, 1), CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > maxBytes) return tooLarge(total, maxBytes, true);
    }
    return { ok: true, bytes: Buffer.concat(chunks, total) };
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
