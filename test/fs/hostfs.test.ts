// Host mounts (hostfs): reads, writes durable on the host after fsync and
// close, EROFS on read-only mounts, and escape attempts — '..', absolute and
// relative symlinks planted on the host, a directory swapped for a symlink
// after the guest looked it up, and names with '/' or '..' handed straight
// to the confined host layer — all stay inside the mount.
import test from 'ava';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, symlinkSync, writeFileSync, existsSync, lstatSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { NodeHostFs } from '../../core/host/node.js';
import { NodeConfinedFs } from '../../core/host/confined.js';
import { Inode } from '../../core/kernel/fs/inode.js';
import { buildGuest, haveGcc, requireTools } from '../guest/harness.js';

function hostTree(): string {
  const d = mkdtempSync(join(tmpdir(), 'nodix-hostfs-'));
  writeFileSync(join(d, 'hello.txt'), 'from the host\n');
  writeFileSync(join(d, 'gone.txt'), 'x');
  mkdirSync(join(d, 'sub'));
  writeFileSync(join(d, 'sub', 'inner'), 'inner\n');
  symlinkSync('/etc', join(d, 'abs'));
  symlinkSync('../../../../../../../../', join(d, 'rel'));
  return d;
}

test('the confined host layer refuses .., slashes and symlinked components', (t) => {
  const d = hostTree();
  const c = new NodeConfinedFs();
  t.is(c.read(d, ['..', 'etc', 'passwd']), 13);
  t.is(c.read(d, ['abs', 'passwd']), 20);
  t.is(c.read(d, ['sub/../../etc/passwd']), 13);
  t.is(c.read(d, ['abs']), 40);
  t.is(c.write(d, ['abs'], new Uint8Array(1)), 40);
  t.deepEqual(c.read(d, ['sub', 'inner']), new TextEncoder().encode('inner\n'));
  t.is(typeof c.lstat(d, ['abs']), 'object');
  t.is(c.list(d, ['abs']), 20);
});

function mounted(d: string, rw = true) {
  const host = new MemoryHost('');
  host.fs = new NodeHostFs();
  return { host, b: boot({ host, mounts: [{ host: d, guest: '/mnt', rw }, { host: d, guest: '/ro', rw: false }] }) };
}

test('guest symlinks on the host resolve in the guest namespace; a directory swapped for a symlink is not followed', (t) => {
  const d = hostTree();
  const { b } = mounted(d);
  const fs = b.kernel.rootfs;
  fs.addFile('/etc/only-in-guest', new TextEncoder().encode('guest'), 0o644);
  const viaAbs = fs.lookup('/mnt/abs/only-in-guest');
  t.true(viaAbs instanceof Inode);
  t.is(new TextDecoder().decode(fs.contents(viaAbs as Inode)), 'guest');
  t.true(fs.lookup('/mnt/rel/etc/only-in-guest') instanceof Inode);
  t.is(fs.lookup('/mnt/abs/passwd') instanceof Inode ? new TextDecoder().decode(fs.contents(fs.lookup('/mnt/abs/passwd') as Inode)) : '', new TextDecoder().decode(fs.contents(fs.lookup('/etc/passwd') as Inode)));
  // The guest has looked up /mnt/sub; now the host swaps it for a symlink to /etc.
  t.true(fs.lookup('/mnt/sub') instanceof Inode);
  renameSync(join(d, 'sub'), join(d, 'sub.old'));
  symlinkSync('/etc', join(d, 'sub'));
  const r = fs.lookup('/mnt/sub/passwd');
  t.false(r instanceof Inode);
  t.false(fs.lookup('/mnt/sub/hostname') instanceof Inode);
});

test('a guest program: writes reach the host, read-only mounts give EROFS, escapes stay in the guest', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const d = hostTree();
  const { host, b } = mounted(d);
  b.kernel.rootfs.addFile('/bin/fs-host', readFileSync(buildGuest('fs-host')));
  const r = await b.runProgram('/bin/fs-host', ['fs-host']);
  t.deepEqual(r, { status: 0 });
  t.is(host.stdout(), [
    'host file: [from the host]', 'dotdot escape: [nodix]', 'abs symlink: [nodix]', 'rel symlink: [nodix]', 'sub/../..: [nodix]',
    'readlink abs: /etc', 'chdir mnt: OK', 'relative ../../..: [nodix]', 'fsync: OK', 'mkdir: OK', 'rename: OK', 'symlink: OK', 'unlink: OK',
    'ro open write: EROFS', 'ro creat: EROFS', 'ro mkdir: EROFS', 'ro unlink: EROFS', 'ro chmod: EROFS', 'ro access W: EROFS',
    'ro read: [from the host', 'appended]', 'mount hostfs from guest: EPERM', '/mnt/.. is /: 1', '',
  ].join('\n'));
  t.is(readFileSync(join(d, 'out.txt'), 'utf8'), 'written in guest\n');
  t.is(readFileSync(join(d, 'hello.txt'), 'utf8'), 'from the host\nappended\n');
  t.true(lstatSync(join(d, 'renamed')).isDirectory());
  t.is(readlinkSync(join(d, 'made-link')), '/etc');
  t.false(existsSync(join(d, 'gone.txt')));
});
