// Load/unload cycles leave no residue, and delete_module's flags — on the
// kernel directly (no guest programs needed): the module registers one of
// everything the API offers, and after a thousand cycles devices, syscalls,
// /proc entries, probes, filesystems, symbols, timers, guest memory and the
// host heap are where they were.
import test from 'ava';
import v8 from 'node:v8';
import vm from 'node:vm';
import { boot } from '../../core/boot.js';
import { Errno, EAGAIN, EBUSY, ENOENT, EEXIST } from '../../core/abi/errno.js';
import { O_NONBLOCK, O_TRUNC } from '../../core/abi/linux.js';
import { loadModule, unloadModule, findModule, listModules, moduleTable } from '../../core/kernel/module/module.js';
import { procEntries } from '../../core/kernel/module/procentries.js';
import { listProbes, probesEnabled } from '../../core/kernel/module/hooks.js';
import { kallsyms } from '../../core/kernel/ksyms.js';
import { Inode } from '../../core/kernel/fs/inode.js';

const everything = `import type { Kernel } from '../core/kernel/module/api.js';
let ticks = 0;
export default { name: 'everything', license: 'GPL', params: { n: { type: 'int', default: 0 } },
  init(k: Kernel) {
    const big = new Uint8Array(256 * 1024); big.fill(1);
    k.registerChrdev(0, 'everything', { read: () => big.subarray(0, 4) });
    k.addSyscall(502, 'everything', (a) => a + big.length);
    k.procCreate('everything', { read: () => String(ticks) });
    k.probe('raw_syscalls:sys_enter', () => { ticks++; });
    k.probe('__riscv_sys_getpid', () => { ticks++; });
    k.registerFilesystem('everythingfs', () => ({ f: { read: () => 'x' } }));
    k.exportSymbol('everything_sym', () => big.length);
    k.setTimer(60000, () => { ticks++; });
    k.scheduleWork(() => { ticks++; });
    k.waitQueue();
    return 0;
  },
};`;

function residue(k: ReturnType<typeof boot>['kernel']) {
  return {
    devs: JSON.stringify(k.chrdevs.list()),
    node: k.rootfs.lookup('/dev/everything') instanceof Inode,
    sys502: k.syscalls[502]?.handler ?? null,
    proc: procEntries(k).size,
    probes: listProbes(k).length,
    probesAny: probesEnabled.any,
    fs: k.vfs.types.has('everythingfs'),
    syms: kallsyms(k).length,
    mods: moduleTable(k).mods.size,
    timers: k.sched.nextDeadline(),
    frames: k.frames.freeCount,
  };
}

/** Heap in use after full collections (vm contexts are freed over several GC cycles and turns of the event loop). */
async function heapAfterGc(): Promise<number> {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  for (let i = 0; i < 4; i++) { gc(); await new Promise((r) => setTimeout(r, 20)); }
  return process.memoryUsage().heapUsed;
}

test.serial('a thousand load/unload cycles leave no residue', async (t) => {
  const { kernel: k } = boot({ memory: 16 * 1024 * 1024 });
  const before = residue(k);
  // Warm up (compile cache, first-use tables), then measure the heap.
  for (let i = 0; i < 20; i++) { t.false(loadModule(k, everything, '', 'everything.ko.ts') instanceof Errno); t.is(unloadModule(k, 'everything', 0), 0); }
  t.deepEqual(residue(k), before);
  const heap0 = await heapAfterGc();
  for (let i = 0; i < 1000; i++) {
    const m = loadModule(k, everything, `n=${i}`, 'everything.ko.ts');
    if (m instanceof Errno) { t.fail(`cycle ${i}: ${m.name}`); return; }
    if (i === 500) {
      const live = residue(k);
      t.not(live.devs, before.devs); t.true(live.node); t.not(live.sys502, null); t.is(live.proc, before.proc + 1);
      t.is(live.probes, 2); t.true(live.fs); t.true(live.syms > before.syms); t.is(live.mods, 1); t.true(live.timers >= 0);
    }
    const r = unloadModule(k, 'everything', 0);
    if (r !== 0) { t.fail(`cycle ${i}: unload ${r.name}`); return; }
  }
  t.deepEqual(residue(k), before);
  const grown = (await heapAfterGc()) - heap0;
  t.log(`heap growth after 1000 cycles: ${(grown / 1048576).toFixed(2)} MiB (each module holds 256 KiB)`);
  // A leaked module would keep its 256 KiB array and its realm: 1000 of them are > 250 MiB.
  t.true(grown < 64 * 1048576, `heap grew by ${grown} bytes`);
});

test.serial('delete_module: EBUSY, O_NONBLOCK → EWOULDBLOCK, O_TRUNC forces and taints R; ENOENT; EEXIST', (t) => {
  const { kernel: k } = boot({ memory: 16 * 1024 * 1024 });
  t.false(loadModule(k, everything, '', 'everything.ko.ts') instanceof Errno);
  t.is(loadModule(k, everything, '', 'everything.ko.ts'), EEXIST);
  findModule(k, 'everything')!.refs = 1; // as an open file of its device would
  t.is(unloadModule(k, 'everything', 0), EBUSY);
  t.is(unloadModule(k, 'everything', O_NONBLOCK), EAGAIN);
  t.is(listModules(k)[0].refcount, 1);
  t.is(unloadModule(k, 'everything', O_TRUNC), 0);
  t.truthy(k.tainted & (1 << 3), 'R: forced rmmod');
  t.is(unloadModule(k, 'everything', 0), ENOENT);
  t.is(listModules(k).length, 0);
});

test.serial('dependencies: a module cannot load before the one it depends on, nor leave while used', (t) => {
  const { kernel: k } = boot({ memory: 16 * 1024 * 1024 });
  const a = "export default { name: 'a', init(k) { k.exportSymbol('a_val', 7); return 0; } };";
  const b = "export default { name: 'b', depends: ['a'], init(k) { return k.symbol('a_val') === 7 ? 0 : -22; } };";
  const c = "export default { name: 'c', init(k) { return k.symbol('a_val') === 7 ? 0 : -22; } };";
  t.is(loadModule(k, b, '', 'b.ko.js'), ENOENT);
  t.false(loadModule(k, a, '', 'a.ko.js') instanceof Errno);
  t.false(loadModule(k, b, '', 'b.ko.js') instanceof Errno);
  t.false(loadModule(k, c, '', 'c.ko.js') instanceof Errno, 'a symbol use records the dependency too');
  t.deepEqual(listModules(k).map((m) => [m.name, m.refcount, m.deps.join(',')]), [['c', 0, ''], ['b', 0, ''], ['a', 2, 'b,c']]);
  t.is(unloadModule(k, 'a', O_NONBLOCK), EAGAIN);
  t.is(unloadModule(k, 'b', O_NONBLOCK), 0);
  t.is(unloadModule(k, 'a', O_NONBLOCK), EAGAIN);
  t.is(unloadModule(k, 'c', O_NONBLOCK), 0);
  t.is(unloadModule(k, 'a', O_NONBLOCK), 0);
});
