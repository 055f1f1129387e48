// reboot(2) is a row of the syscall table (so docs/syscalls.md lists it) and stops the machine
// through the board's power control: EPERM for a non-root caller, halt as root stops the board
// with reason 'halt' and status 0, and a kernel whose board ignores the request keeps running.
import test from 'ava';
import { join } from 'node:path';
import { syscallTable } from '../../core/syscalls/index.js';
import { boot } from '../../core/boot.js';
import { NodeHost } from '../../core/host/node.js';
import { root } from '../guest/harness.js';

const binDir = join(root, 'userland', 'bin');

test('reboot is implemented in the shared syscall table', (t) => {
  const s = syscallTable.find((x) => x.nr === 142);
  t.is(s?.name, 'reboot');
  t.not(s?.handler ?? null, null);
  t.is(s?.status, 'partial');
});

test('reboot(2): EPERM for uid 1000, then halt as root stops the machine', async (t) => {
  const k = boot({ host: new NodeHost(), binDir, deterministic: true });
  const denied = await k.runProgram('/bin/poweroff', ['poweroff'], { uid: 1000, gid: 1000 });
  t.true('status' in denied && denied.status !== 0, 'poweroff fails as a user');
  t.is(k.powerOff, null);
  const sleeper = k.spawn('/bin/sleep', ['sleep', '100']);
  t.is(typeof sleeper, 'number');
  const r = await k.runProgram('/bin/halt', ['halt']);
  t.deepEqual(r, { status: 0 });
  t.deepEqual(k.powerOff, { reason: 'halt', status: 0 });
  t.true(k.kernel.log.some((l) => l.includes('reboot: System halted')));
  t.is(k.kernel.procs.size, 0, 'the sleeper was killed by the stop');
});
