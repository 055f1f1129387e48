// Every implemented syscall handler, called directly with hostile arguments
// (bad pointers, kernel-half addresses, huge and negative lengths, unknown
// flags), returns a value, an Errno or a control value — never a host exception.
import test from 'ava';
import { boot } from '../../core/boot.js';
import { Errno } from '../../core/abi/errno.js';
import { Control } from '../../core/kernel/control.js';
import { FdTable } from '../../core/kernel/fs/file.js';

const hostile = [0, 1, -1, 4095, 0x10000, 0x7fffffff, -0x80000000, 2 ** 38 - 8, 2 ** 38, -(2 ** 38), 2 ** 53 - 1, -(2 ** 53) + 1, 123456789, 0x1000];
const SKIP = new Set([93, 94]); // exit, exit_group: end the caller by design

test('hostile arguments to every handler: results or errno, never an exception', (t) => {
  let seed = 7;
  const rnd = () => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed; };
  const b = boot({ memory: 64 * 1024 * 1024, deterministic: true });
  const k = b.kernel;
  let calls = 0;
  for (const spec of k.syscalls) {
    if (spec === undefined || spec.handler === null || SKIP.has(spec.nr)) continue;
    for (let round = 0; round < 24; round++) {
      // A fresh process per call: some calls sleep, exec or change credentials.
      const mm = k.newAddressSpace();
      const files = new FdTable();
      for (let fd = 0; fd < 3; fd++) files.install(k.console.open(fd), false);
      const task = k.newProcess(null, mm, files, { cwd: '/', root: '/', umask: 0o22, users: 1 }, k.rootCred());
      const buf = mm.map(0, 4 * 4096, 3, false, null, 0, '', false) as number;
      const args = new Float64Array(6);
      for (let i = 0; i < 6; i++) {
        const r = rnd() % (hostile.length + 2);
        args[i] = r < hostile.length ? hostile[r] : r === hostile.length ? buf : buf + 4 * 4096 - 8;
      }
      let res: unknown;
      try {
        res = spec.handler(task, args);
      } catch (e) {
        t.fail(`${spec.name}(${[...args].join(', ')}) threw ${String(e)}`);
        return;
      }
      t.true(typeof res === 'number' || res instanceof Errno || res instanceof Control, spec.name);
      calls++;
      // Tear down whatever the call left behind.
      for (const p of [...k.procs.values()]) if (!p.zombie) k.exitGroup(p.threads[0] ?? task, 0);
      k.procs.clear();
      k.tasks.clear();
    }
  }
  t.true(calls > 2000);
  t.deepEqual(k.log.filter((l) => l.includes('Oops')), []);
});
