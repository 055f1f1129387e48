// core/hw/machine.ts, WFI with an interrupt pending but not enabled: the
// privileged spec makes WFI a hint that may complete at any time, so one such
// WFI completes and the program goes on (what riscv-tests rv64si-p-wfi checks);
// a second one at the same place, with nothing able to change the state, is
// still reported as a deadlock, and so is a WFI with nothing pending at all.
import test from 'ava';
import { Asm, csrrsi, csrrwi, wfi } from './rvasm.js';
import { Machine } from '../../core/hw/machine.js';
import { BASE, exitWith, finish } from './machine-fixture.js';

const MIE = 0x304, MIP = 0x344, MSTATUS = 0x300;
const SSIP = 2;

function run(build: (a: Asm) => void, opts: { realTime?: boolean } = {}) {
  const a = new Asm(BASE);
  build(a);
  const m = new Machine({ deterministic: opts.realTime !== true, ramSize: 4 * 1024 * 1024 });
  const loaded = m.loadElfBytes(finish(a));
  if (!loaded.ok) throw new Error(loaded.message);
  return m;
}

for (const where of ['mie clear', 'MIE clear, SSIE set'] as const) {
  test(`one WFI with SSIP pending (${where}) completes and the program exits`, (t) => {
    const m = run((a) => {
      a.emit(csrrwi(0, MIE, where === 'mie clear' ? 0 : SSIP), csrrwi(0, MSTATUS, 0), csrrsi(0, MIP, SSIP));
      a.emit(wfi());
      exitWith(a, 0);
    });
    t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });
  });
}

test('a WFI loop with an interrupt pending but masked is a deadlock after the second WFI', (t) => {
  const m = run((a) => {
    a.emit(csrrwi(0, MIE, 0), csrrsi(0, MIP, SSIP));
    a.label('idle'); a.emit(wfi()); a.j('idle');
  });
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'deadlock' });
  t.true(m.hart.instret < 20, `stopped at once (${m.hart.instret} instructions)`);
});

test('two WFIs at different places with SSIP pending and masked both complete', (t) => {
  const m = run((a) => {
    a.emit(csrrwi(0, MIE, 0), csrrsi(0, MIP, SSIP));
    a.emit(wfi(), wfi());
    exitWith(a, 3);
  });
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 3 });
});

test('a WFI with nothing pending and no timer is still a deadlock', (t) => {
  const m = run((a) => {
    a.emit(csrrwi(0, MIE, 0));
    a.emit(wfi());
    exitWith(a, 0);
  });
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'deadlock' });
});
