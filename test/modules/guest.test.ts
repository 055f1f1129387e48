// Modules loaded from inside the guest with our userland: insmod/lsmod/rmmod,
// /proc/modules, /sys/module, modinfo, and every errno the issue names.
import test from 'ava';
import { bootWithModules, sh, dmesg, MODDIR, haveUserland } from './helpers.js';
import { syslogRecord } from '../../core/syscalls/syslog.js';

const need = haveUserland ? test.serial : test.skip;
if (!haveUserland) test('userland/bin is missing: run npm run userland', (t) => { t.pass(); });

need('insmod hello with parameters, lsmod, /proc/modules, /sys/module, rmmod', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/hello.ko.ts greeting=hi times=2 loud; echo st=$?; lsmod; cat /proc/modules;
    cat /sys/module/hello/parameters/greeting /sys/module/hello/parameters/times /sys/module/hello/parameters/loud /sys/module/hello/refcnt /sys/module/hello/initstate;
    ls /sys/module; rmmod hello; echo rm=$?; lsmod; ls /sys/module; cat /proc/modules`);
  t.is(r.status, 0, r.err);
  t.regex(r.out, /^st=0\nModule +Size +Used by\nhello +\d+ +0\n/);
  t.regex(r.out, /\nhello \d+ 0 - Live 0x[0-9a-f]{16} \(OE\)\n/);
  t.true(r.out.includes('\nhi\n2\nY\n0\nlive\nhello\nrm=0\nModule                  Size  Used by\n'), r.out);
  t.true(r.out.endsWith('Used by\n'), 'nothing listed after rmmod');
  const log = dmesg(x);
  t.regex(log, /hello: HI, world\n.*hello: HI, world/);
  t.regex(log, /hello: goodbye/);
  t.regex(log, /loading out-of-tree module taints kernel/);
  const d = await sh(x, 'dmesg | grep hello:');
  t.regex(d.out, /^\[ *[\d.]+\] hello: loading out-of-tree module taints kernel\.\n/);
  t.regex(d.out, /\] hello: HI, world\n.*\] hello: HI, world\n.*\] hello: goodbye\n$/s);
});

test('syslog records carry the printk level as Linux prints them', (t) => {
  t.is(syslogRecord('[    1.000000] <3>mod: failed'), '<3>[    1.000000] mod: failed\n');
  t.is(syslogRecord('[    2.500000] plain message'), '<6>[    2.500000] plain message\n');
});

need('errors: EEXIST, ENOENT, EPERM, EINVAL parameters, and the shell keeps working', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/hello.ko.ts; insmod ${MODDIR}/hello.ko.ts; echo dup=$?; rmmod nosuch; echo none=$?;
    insmod ${MODDIR}/chardev.ko.ts major=abc; echo badint=$?; insmod ${MODDIR}/chardev.ko.ts colour=red; echo unknown=$?; lsmod`);
  t.regex(r.err, /insmod: ERROR: could not insert module .*hello.ko.ts: File exists/);
  t.regex(r.err, /rmmod: ERROR: Module nosuch is not currently loaded/);
  t.regex(r.out, /dup=1\nnone=1\nbadint=1\nunknown=1\n/);
  t.regex(r.err, /could not insert module .*chardev.ko.ts: Invalid argument/);
  t.regex(dmesg(x), /chardev: invalid int value 'abc' for parameter 'major'/);
  t.regex(dmesg(x), /chardev: unknown parameter 'colour'/);
  t.false(r.out.includes('chardev '), 'chardev did not load');
  const u = await sh(x, `insmod ${MODDIR}/procentry.ko.ts; echo ins=$?; rmmod hello; echo rm=$?; cat /proc/modules`, 1000);
  t.regex(u.err, /could not insert module .*: Operation not permitted/);
  t.regex(u.err, /rmmod: ERROR: could not remove module hello: Operation not permitted/);
  t.regex(u.out, /ins=1\nrm=1\nhello \d+ 0 - Live 0x0{16} \(OE\)\n/, 'non-root sees zero addresses');
  const ok = await sh(x, 'rmmod hello && echo still alive');
  t.is(ok.out, 'still alive\n');
});

need('modinfo reads the fields and parameters of a module', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, 'modinfo hello');
  t.is(r.status, 0);
  t.regex(r.out, /^filename: +\/lib\/modules\/6\.1\.0-nodix\/hello\.ko\.ts\nname: +hello\ndescription: +Says hello in the kernel log\nauthor: +nodix\nlicense: +GPL\nversion: +1\.0\ndepends: *\n/);
  t.regex(r.out, /parm: +greeting:what to say \(string, default 'hello'\)\nparm: +times:how many times \(int, default 1\)\nparm: +loud:shout \(bool, default false\)\n$/);
  const n = await sh(x, 'modinfo nosuch');
  t.is(n.status, 1);
  t.regex(n.err, /modinfo: ERROR: Module nosuch not found/);
});
