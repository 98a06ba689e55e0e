// What --fix writes, and where (issue 15, items 4 and 6). Before: every byte that was not UTF-8 (a Latin-1
// comment) became U+FFFD, symbolic links were written through to files outside the paths given, read-only
// files were rewritten, hard links broken, the mode lost to the umask, and the temporary file had a
// predictable name and was not created exclusively.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { cli, DEPLOYMENT, removeTrees, tree } from './helpers';

const posix = process.platform !== 'win32';

/** A fixable Deployment between two comment lines. */
function withComments(head: Buffer, tail: Buffer): Buffer {
  return Buffer.concat([head, Buffer.from(DEPLOYMENT), tail]);
}

const LATIN1_HEAD = Buffer.from('# caf\xe9 cr\xe8me br\xfbl\xe9e\n', 'latin1');
/** Not valid UTF-8 either: a lone continuation byte, a truncated sequence, an encoded surrogate, 0xFF. */
const BAD_TAIL = Buffer.from([0x23, 0x20, 0x80, 0x20, 0xe2, 0x82, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xff, 0x0a]);

/** The same bytes with every byte of the comments made ASCII: what the fixes of the YAML do not depend on. */
function ascii(bytes: Buffer): Buffer {
  return Buffer.from(bytes.map((b) => (b >= 0x80 ? 0x58 : b)));
}

describe('CLI --fix: bytes it does not fix stay as they are', () => {
  after(removeTrees);

  it('a file that is not valid UTF-8 (Latin-1 comments) is fixed byte for byte around the fixes', () => {
    const original = withComments(LATIN1_HEAD, BAD_TAIL);
    const dir = tree({ 'latin1.yaml': original, 'ascii.yaml': ascii(original) });
    const r = cli(['--fix', 'latin1.yaml', 'ascii.yaml'], { cwd: dir });
    assert.match(r.stdout, /^Fixed latin1\.yaml: /m, r.stderr);
    const fixed = fs.readFileSync(path.join(dir, 'latin1.yaml'));
    assert.ok(fixed.subarray(0, LATIN1_HEAD.length).equals(LATIN1_HEAD), `head: ${fixed.subarray(0, 40).toString('hex')}`);
    assert.ok(fixed.subarray(fixed.length - BAD_TAIL.length).equals(BAD_TAIL), `tail: ${fixed.subarray(-20).toString('hex')}`);
    assert.ok(!fixed.includes(Buffer.from('\ufffd')), 'no replacement character written');
    // Apart from the comments' bytes, exactly what the same file in ASCII gets.
    assert.ok(ascii(fixed).equals(fs.readFileSync(path.join(dir, 'ascii.yaml'))), 'the same fixes as the ASCII copy');
  });

  it('--fix-dry-run on it changes nothing', () => {
    const original = withComments(LATIN1_HEAD, BAD_TAIL);
    const dir = tree({ 'latin1.yaml': original });
    const r = cli(['--fix-dry-run', 'latin1.yaml'], { cwd: dir });
    assert.match(r.stderr, /^Would fix latin1\.yaml: /m);
    assert.ok(fs.readFileSync(path.join(dir, 'latin1.yaml')).equals(original));
  });

  it('a UTF-16 file of odd length is refused, not rewritten', () => {
    const original = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DEPLOYMENT, 'utf16le'), Buffer.from([0x0a])]);
    const dir = tree({ 'odd.yaml': original });
    const r = cli(['--fix', 'odd.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^odd\.yaml: not fixed: its bytes are not valid UTF-16 text, and --fix would change them$/m);
    assert.ok(fs.readFileSync(path.join(dir, 'odd.yaml')).equals(original));
  });
});

describe('CLI --fix: where it writes', { skip: !posix && 'links and modes are POSIX here' }, () => {
  after(removeTrees);

  it('never through a symbolic link to a file outside the paths given; through one inside them, yes', () => {
    const dir = tree({ 'in/deploy.yaml': DEPLOYMENT, 'out/target.yaml': DEPLOYMENT, 'in/real.yaml': DEPLOYMENT });
    fs.symlinkSync('../out/target.yaml', path.join(dir, 'in', 'outside.yaml'));
    fs.symlinkSync('real.yaml', path.join(dir, 'in', 'inside.yaml'));
    const r = cli(['--fix', 'in'], { cwd: dir });
    assert.equal(r.status, 2, 'a file that could not be written');
    assert.match(r.stderr, /^in[/\\]outside\.yaml: not fixed: it is a symbolic link to .*target\.yaml, outside the paths given/m);
    assert.equal(fs.readFileSync(path.join(dir, 'out', 'target.yaml'), 'utf8'), DEPLOYMENT, 'the file outside is untouched');
    assert.ok(fs.lstatSync(path.join(dir, 'in', 'outside.yaml')).isSymbolicLink(), 'the link is still a link');
    assert.notEqual(fs.readFileSync(path.join(dir, 'in', 'real.yaml'), 'utf8'), DEPLOYMENT, 'a link inside is followed');
    assert.ok(fs.lstatSync(path.join(dir, 'in', 'inside.yaml')).isSymbolicLink());
    // Naming the folder the link points into makes it a path given.
    const both = cli(['--fix', 'in/outside.yaml', 'out'], { cwd: dir });
    assert.match(both.stdout, /^Fixed in[/\\]outside\.yaml: /m, both.stderr);
    assert.notEqual(fs.readFileSync(path.join(dir, 'out', 'target.yaml'), 'utf8'), DEPLOYMENT);
  });

  it('a file given by name through a link elsewhere is not the file it points to', () => {
    const dir = tree({ 'elsewhere/target.yaml': DEPLOYMENT, 'here/.keep': '' });
    fs.symlinkSync('../elsewhere/target.yaml', path.join(dir, 'here', 'link.yaml'));
    const r = cli(['--fix', 'here/link.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not fixed: it is a symbolic link to /);
    assert.equal(fs.readFileSync(path.join(dir, 'elsewhere', 'target.yaml'), 'utf8'), DEPLOYMENT);
  });

  it('a read-only file is not rewritten, and the output says so', () => {
    const dir = tree({ 'ro.yaml': DEPLOYMENT });
    fs.chmodSync(path.join(dir, 'ro.yaml'), 0o444);
    const r = cli(['--fix', 'ro.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^ro\.yaml: not fixed: the file is read-only$/m);
    assert.equal(fs.readFileSync(path.join(dir, 'ro.yaml'), 'utf8'), DEPLOYMENT);
    assert.equal(fs.statSync(path.join(dir, 'ro.yaml')).mode & 0o777, 0o444);
    // Its findings are still reported.
    assert.match(r.stdout, /^ro\.yaml:\d+:\d+ warning readiness-probe-missing /m);
  });

  it('a file with hard links is not replaced (that would break them)', () => {
    const dir = tree({ 'a.yaml': DEPLOYMENT });
    fs.linkSync(path.join(dir, 'a.yaml'), path.join(dir, 'b.link'));
    const r = cli(['--fix', 'a.yaml'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^a\.yaml: not fixed: it has 2 hard links/m);
    assert.equal(fs.statSync(path.join(dir, 'a.yaml')).nlink, 2);
    assert.equal(fs.readFileSync(path.join(dir, 'b.link'), 'utf8'), DEPLOYMENT);
  });

  it('keeps the mode exactly (the umask does not apply) and leaves no temporary file', () => {
    const dir = tree({ 'group.yaml': DEPLOYMENT, 'exec.yaml': DEPLOYMENT });
    fs.chmodSync(path.join(dir, 'group.yaml'), 0o664);
    fs.chmodSync(path.join(dir, 'exec.yaml'), 0o750);
    const r = cli(['--fix', '.'], { cwd: dir });
    assert.match(r.stdout, /^Fixed group\.yaml: /m, r.stderr);
    assert.equal(fs.statSync(path.join(dir, 'group.yaml')).mode & 0o7777, 0o664);
    assert.equal(fs.statSync(path.join(dir, 'exec.yaml')).mode & 0o7777, 0o750);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['exec.yaml', 'group.yaml']);
  });
});
