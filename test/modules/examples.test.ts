// Each example in modules/ used from inside the guest: a character device
// (chardevctl), a new syscall (modcall), a /proc entry, a filesystem, an
// exporting/using pair with modprobe and modules.dep, and a native probe.
import test from 'ava';
import { bootWithModules, sh, dmesg, MODDIR, haveUserland } from './helpers.js';

const need = haveUserland ? test.serial : test.skip;
if (!haveUserland) test('userland/bin is missing: run npm run userland', (t) => { t.pass(); });

need('chardev: read, write, ioctl through /dev/chardev; EBUSY while open; the node goes at rmmod', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/chardev.ko.ts; chardevctl read; chardevctl write 'new text'; chardevctl read; echo; chardevctl len;
    chardevctl opens; chardevctl bad; chardevctl map; echo; chardevctl clear; chardevctl len; grep chardev /proc/devices`);
  t.is(r.out, 'Hello from chardev\nwrote 8\nnew text\nlen 8\nopens 5\nioctl: Inappropriate ioctl for device\nmapped: new text\nlen 0\n240 chardev\n');
  const busy = await sh(x, 'exec 3</dev/chardev; cat /sys/module/chardev/refcnt; rmmod chardev; echo rm=$?; exec 3<&-; cat /sys/module/chardev/refcnt; rmmod chardev; echo rm=$?; ls /dev/chardev');
  t.is(busy.out, '1\nrm=1\n0\nrm=0\n');
  t.regex(busy.err, /rmmod: ERROR: Module chardev is in use/);
  t.regex(busy.err, /\/dev\/chardev'?: No such file/);
});

need('newsyscall: syscall 500 exists only while the module is loaded', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `modcall 500 1 2; insmod ${MODDIR}/newsyscall.ko.ts; modcall -s 500 2 40; modcall 500 5 3; modcall 500 -5 3; rmmod newsyscall; modcall 500 1 2; insmod ${MODDIR}/newsyscall.ko.ts nr=172; echo busy=$?`);
  t.is(r.out, 'syscall 500: Function not implemented\n42\n2+40=42\n8\nsyscall 500: No such file or directory\nsyscall 500: Function not implemented\nbusy=1\n');
  t.regex(r.err, /Device or resource busy/, 'getpid (172) is taken');
  t.regex(dmesg(x), /newsyscall: nodix_sum is syscall 500/);
});

need('procentry: /proc/hello_counter reads and writes', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/procentry.ko.ts; cat /proc/hello_counter; echo 42 > /proc/hello_counter; cat /proc/hello_counter; chardevctl -d /proc/hello_counter write nan; echo w=$?;
    ls /proc | grep -c hello_counter; rmmod procentry; ls /proc | grep -c hello_counter`);
  t.is(r.out, 'reads 1\nvalue 0\nreads 2\nvalue 42\nw=1\n1\n0\n');
  t.regex(r.err, /chardevctl: write: Invalid argument/);
});

need('hellofs: mount -t hellofs; busy while mounted; gone from /proc/filesystems after rmmod', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/hellofs.ko.ts; grep hellofs /proc/filesystems; mkdir -p /mnt; mount -t hellofs none /mnt; ls /mnt /mnt/stats; cat /mnt/README /mnt/stats/mounts;
    rmmod hellofs; echo rm=$?; umount /mnt; rmmod hellofs; echo rm=$?; grep -c hellofs /proc/filesystems; mount -t hellofs none /mnt 2>/dev/null || echo no hellofs`);
  t.is(r.out, 'nodev\thellofs\n/mnt:\nREADME\nstats\n\n/mnt/stats:\nalive\nmounts\nhellofs: a filesystem from a module\n1\nrm=1\nrm=0\n0\nno hellofs\n');
});

need('provider/consumer: symbols, dependency order, modules.dep and modprobe', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `grep consumer ${MODDIR}/modules.dep; insmod ${MODDIR}/consumer.ko.ts; echo early=$?; modprobe consumer; lsmod; cat /proc/consumer;
    cat /sys/module/provider/refcnt; ls /sys/module/provider/holders; rmmod provider; echo rm=$?; modprobe -r consumer; echo r=$?; cat /proc/modules`);
  t.regex(r.out, /^consumer\.ko\.ts: provider\.ko\.ts\nearly=1\n/);
  t.regex(r.out, /Module +Size +Used by\nconsumer +\d+ +0\nprovider +\d+ +1 consumer\n/);
  t.regex(r.out, /scale\(14\) = 42\nprovider 2\.1\n1\nconsumer\nrm=1\nr=0\n$/);
  t.regex(r.err, /rmmod: ERROR: Module provider is in use/);
  t.regex(dmesg(x), /consumer: Unknown symbol \(needs module provider, not loaded\)/);
  t.regex(dmesg(x), /consumer: provider 2\.1 scales 14 to 42/);
  const p = await sh(x, 'modprobe provider factor=10; modprobe consumer; cat /proc/consumer; modprobe -n -r consumer');
  t.is(p.out, 'scale(14) = 140\nprovider 2.1\nrmmod consumer\nrmmod provider\n');
});

need('probecount: a native probe counts calls of a kernel function', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/probecount.ko.ts; modcall 172 >/dev/null; modcall 172 >/dev/null; modcall 172 >/dev/null; cat /proc/probecount; rmmod probecount; insmod ${MODDIR}/probecount.ko.ts func=no_such_function; echo st=$?`);
  t.regex(r.out, /^__riscv_sys_getpid 3\nlast modcall\[\d+\]\nst=1\n$/);
  t.regex(dmesg(x), /no probe point no_such_function/);
});

need('ticker: timers, deferred work and a wait queue — a read sleeps until the next tick', async (t) => {
  const x = bootWithModules();
  const r = await sh(x, `insmod ${MODDIR}/ticker.ko.ts period=10; head -n 3 /dev/ticker; rmmod ticker; echo rm=$?`);
  t.is(r.out, 'tick 1\ntick 2\ntick 3\nrm=0\n', r.err);
  t.regex(dmesg(x), /ticker: started/);
  t.regex(dmesg(x), /ticker: read by head/);
  t.is(x.m.kernel.sched.nextDeadline(), -1, 'no timer left after rmmod');
});
