// The interpreter's ways out of its fast loop (hart-exec.ts): a JALR to
// another page (handled after the loop), and a 32-bit instruction straddling
// a page boundary (never cached) that must itself leave the loop -- a load
// whose first access misses the TLB, a store, a divide, a high multiply, a
// faulting load -- each with the right result, the right next pc and an exact
// instret.
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, stoppedAtEbreak, BASE, DATA } from './isa-util.js';

const { A0, A1, A2, S0, T0 } = R;

test('jalr to another page with rd == rs1 links pc+4, jumps to the old rs1 + imm with bit 0 cleared', (t) => {
  let at = 0;
  const r = run((a) => {
    a.la(S0, 'far');                         // 2 instructions
    a.emit(R.addi(S0, S0, 1));               // odd target: bit 0 must be cleared
    at = a.pc; a.emit(R.jalr(S0, S0, 4));     // skips the first instruction at far
    a.emit(R.ebreak());                      // not reached
    a.org(BASE + 0x3000);
    a.label('far'); a.emit(R.addi(A1, A1, 1)); // skipped
    a.emit(R.mv(A0, S0), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), BigInt(at + 4));
  t.is(xr(r.h, A1), 0n);
  t.is(r.h.trapPc, BASE + 0x3000 + 8);
  t.is(r.h.instret, 5); // la (2), addi, jalr, mv
});

test('jalr to another page and back to the first one, many times, keeps instret exact', (t) => {
  const r = run((a) => {
    a.li(A2, 100); a.li(A0, 0);
    a.la(S0, 'far');
    a.label('loop');
    a.emit(R.jalr(R.RA, S0, 0));
    a.emit(R.addi(A2, A2, -1));
    a.bnez(A2, 'loop');
    a.emit(R.ebreak());
    a.org(BASE + 0x5000);
    a.label('far'); a.emit(R.addi(A0, A0, 3), R.jalr(0, R.RA, 0));
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 300n);
  t.is(r.h.instret, 2 + 2 + 100 * 5); // li x2, la, then jalr/addi/jalr/addi/bnez per round
});

/** Runs `slow` (a 32-bit instruction) placed across the page boundary at BASE + 0x1000, then ebreak. */
function straddle(setup: (a: R.Asm) => void, slow: number) {
  return run((a) => {
    setup(a);
    a.j('s');
    a.org(BASE + 0x1000 - 2);
    a.label('s'); a.emit(slow);
    a.emit(R.ebreak());
  });
}

test('a straddling load whose first access misses the TLB loads through the slow path', (t) => {
  const r = straddle((a) => {
    a.li(S0, DATA); a.li(T0, 0x1234_5678_9abc_def0n); a.emit(R.sd(T0, S0, 8));
  }, R.ld(A0, S0, 8));
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 0x1234_5678_9abc_def0n);
  t.is(r.h.trapPc, BASE + 0x1002);
});

test('straddling divu, mulhu and sd run out of line with their results', (t) => {
  const d = straddle((a) => { a.li(A1, 1000n); a.li(A2, 7n); }, R.divu(A0, A1, A2));
  t.true(stoppedAtEbreak(d));
  t.is(xr(d.h, A0), 142n);
  const m = straddle((a) => { a.li(A1, -1n); a.li(A2, -1n); }, R.mulhu(A0, A1, A2));
  t.true(stoppedAtEbreak(m));
  t.is(xr(m.h, A0), 0xffff_ffff_ffff_fffen);
  const s = straddle((a) => { a.li(S0, DATA); a.li(A1, 0x55n); }, R.sd(A1, S0, 16));
  t.true(stoppedAtEbreak(s));
  t.is(s.ram.read32(DATA + 16), 0x55);
  t.is(s.h.trapPc, BASE + 0x1002);
});

test('a straddling load that faults does not retire: mepc is its address, instret excludes it', (t) => {
  const r = run((a) => {
    a.li(S0, 0x10);                          // no RAM or device there: access fault
    a.j('s');
    a.org(BASE + 0x1000 - 2);
    a.label('s'); a.emit(R.ld(A0, S0, 0));
    a.emit(R.ebreak());
  });
  t.is(r.h.trapCause, 5); // load access fault
  t.is(r.h.trapPc, BASE + 0x1000 - 2);
  t.is(r.h.instret, 2); // li, j
});
