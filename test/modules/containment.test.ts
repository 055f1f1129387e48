// A broken module cannot take the kernel down: malformed text, forbidden
// imports, a throwing init (nothing it registered remains), a throwing
// callback (oops, SIGKILL, taint D), a throwing exit, sandbox escapes.
import test from 'ava';
import { bootWithModules, sh, dmesg, haveUserland } from './helpers.js';

const need = haveUserland ? test.serial : test.skip;
if (!haveUserland) test('userland/bin is missing: run npm run userland', (t) => { t.pass(); });

const API = "import type { Kernel } from '../core/kernel/module/api.js';\n";
const fixtures: Record<string, string> = {
  '/tmp/syntax.ko.ts': 'export default { name: "syntax", init(k) { return 0 ',
  '/tmp/noinit.ko.ts': 'export default { name: "noinit" };',
  '/tmp/importer.ko.ts': "import { readFileSync } from 'node:fs';\nexport default { name: 'importer', init() { return readFileSync('/etc/passwd').length; } };",
  '/tmp/badinit.ko.ts': API + `export default { name: 'badinit', license: 'GPL', init(k: Kernel) {
    k.registerChrdev(0, 'badinit', { read: () => 'x' });
    k.procCreate('badinit', { read: () => 'x' });
    k.addSyscall(501, 'badinit', () => 0);
    k.probe('raw_syscalls:sys_enter', () => {});
    k.registerFilesystem('badinitfs', () => ({}));
    k.exportSymbol('badinit_sym', 1);
    throw new Error('init exploded');
  } };`,
  '/tmp/badcb.ko.ts': API + `export default { name: 'badcb', license: 'GPL', init(k: Kernel) {
    k.registerChrdev(0, 'badcb', { read() { throw new TypeError('read exploded'); } });
    return 0;
  } };`,
  '/tmp/looper.ko.ts': API + `export default { name: 'looper', license: 'GPL', init(k: Kernel) {
    k.registerChrdev(0, 'looper', { read() { for (;;) { /* a bug */ } } });
    return 0;
  } };`,
  '/tmp/badexit.ko.ts': API + `export default { name: 'badexit', license: 'GPL', init(k: Kernel) {
    k.procCreate('badexit', { read: () => 'here\\n' });
    return 0;
  }, exit() { throw new Error('exit exploded'); } };`,
  '/tmp/escape.ko.ts': API + `export default { name: 'escape', license: 'GPL', init(k: Kernel) {
    const tries: string[] = [];
    const g = globalThis as Record<string, unknown>;
    tries.push('process=' + typeof g.process, 'require=' + typeof g.require, 'Buffer=' + typeof g.Buffer);
    try { tries.push('ctor=' + typeof (k.printk as any).constructor.constructor('return process')()); } catch (e) { tries.push('ctor refused'); }
    try { const b = k.copyIn(0, 0) as any; tries.push('value=' + typeof b.constructor.constructor('return process')()); } catch (e) { tries.push('value refused'); }
    try { (k as any).printk = null; tries.push('api writable'); } catch { tries.push('api frozen'); }
    k.printk('info', 'escape: ' + tries.join(' '));
    return 0;
  } };`,
};

need('malformed modules and forbidden imports fail with ENOEXEC and a kernel-log message', async (t) => {
  const x = bootWithModules(fixtures);
  const r = await sh(x, 'insmod /tmp/syntax.ko.ts; echo a=$?; insmod /tmp/noinit.ko.ts; echo b=$?; insmod /tmp/importer.ko.ts; echo c=$?; insmod /etc/passwd; echo d=$?; cat /proc/modules; echo ok');
  t.is(r.out, 'a=1\nb=1\nc=1\nd=1\nok\n');
  t.is(r.err.match(/Exec format error/g)?.length, 4, r.err);
  const log = dmesg(x);
  t.regex(log, /syntax\.ko\.ts: invalid module format: line 1: .*expected/);
  t.regex(log, /noinit\.ko\.ts: invalid module format: the default export must be/);
  t.regex(log, /importer\.ko\.ts: invalid module format: import of 'node:fs' is not allowed/);
});

need('an init that throws leaves nothing behind', async (t) => {
  const x = bootWithModules(fixtures);
  const k = x.m.kernel;
  const before = { devs: JSON.stringify(k.chrdevs.list()), types: [...k.vfs.types.keys()].join(), s501: k.syscalls[501] };
  const r = await sh(x, 'insmod /tmp/badinit.ko.ts; echo st=$?; ls /dev/badinit /proc/badinit; grep -c badinit /proc/kallsyms /proc/filesystems; cat /proc/modules; ls /sys/module');
  t.regex(r.out, /^st=1\n/);
  t.regex(r.err, /could not insert module \/tmp\/badinit.ko.ts: Exec format error/);
  t.regex(r.err, /\/dev\/badinit'?: No such file/);
  t.regex(r.err, /\/proc\/badinit'?: No such file/);
  t.regex(r.out, /\/proc\/kallsyms:0\n\/proc\/filesystems:0\n$/);
  t.regex(dmesg(x), /badinit: init failed: init exploded \(every registration undone\)/);
  t.is(JSON.stringify(k.chrdevs.list()), before.devs);
  t.is([...k.vfs.types.keys()].join(), before.types);
  t.is(k.syscalls[501], before.s501);
});

need('a callback that throws oopses: the caller is killed, the kernel tainted D, the shell goes on', async (t) => {
  const x = bootWithModules(fixtures);
  const r = await sh(x, 'insmod /tmp/badcb.ko.ts; cat /sys/module/badcb/refcnt; cat /dev/badcb; echo cat=$?; cat /sys/module/badcb/refcnt; cat /proc/sys/kernel/tainted; rmmod badcb; echo rm=$?; echo alive');
  t.regex(r.out, /^0\ncat=137\n0\n(\d+)\nrm=0\nalive\n$/);
  const tainted = Number(/cat=137\n0\n(\d+)/.exec(r.out)![1]);
  t.truthy(tainted & (1 << 7), 'D (oops)');
  t.truthy(tainted & (1 << 12), 'O (out-of-tree)');
  t.truthy(tainted & (1 << 13), 'E (unsigned)');
  const log = dmesg(x);
  t.regex(log, /Oops: module badcb: exception in read\(\): read exploded/);
  t.regex(log, /PID: \d+ Comm: cat/);
  t.regex(log, /Modules linked in: badcb +Tainted: DOE/);
});

need('an exit that throws still undoes every registration', async (t) => {
  const x = bootWithModules(fixtures);
  const r = await sh(x, 'insmod /tmp/badexit.ko.ts; cat /proc/badexit; rmmod badexit; echo rm=$?; cat /proc/badexit; cat /proc/modules');
  t.is(r.out, 'here\nrm=0\n');
  t.regex(r.err, /\/proc\/badexit: No such file/);
  t.regex(dmesg(x), /badexit: exit failed: exit exploded \(registrations undone anyway\)/);
});

need('the sandbox: no host globals, no way back to the host Function, a frozen API', async (t) => {
  const x = bootWithModules(fixtures);
  const r = await sh(x, 'insmod /tmp/escape.ko.ts; echo st=$?');
  t.is(r.out, 'st=0\n', r.err);
  t.regex(dmesg(x), /escape: process=undefined require=undefined Buffer=undefined ctor refused value refused api frozen/);
});

need('a callback that never returns is stopped: an oops, the caller killed, the kernel goes on', async (t) => {
  const x = bootWithModules(fixtures);
  const r = await sh(x, 'insmod /tmp/looper.ko.ts; cat /dev/looper; echo cat=$?; rmmod looper; echo rm=$?');
  t.is(r.out, 'cat=137\nrm=0\n');
  t.regex(dmesg(x), /Oops: module looper: exception in read\(\): Script execution timed out/);
});
