// The A extension: every AMO in .w and .d form (old value to rd, sign-extended
// for .w; the combined value in memory), aq/rl bits accepted, LR/SC success
// and failure (no reservation, a different address, a second SC), and
// misaligned LR / SC / AMO raising the misaligned exceptions.
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, mem64, DATA, stoppedAtEbreak } from './isa-util.js';
import { RunExit } from '../../core/hw/hart.js';

const { A0, A1, A2, A3, A4, A5, S0, T0 } = R;
const u = (v: bigint) => BigInt.asUintN(64, v), s = (v: bigint) => BigInt.asIntN(64, v);
const u32 = (v: bigint) => BigInt.asUintN(32, v), s32 = (v: bigint) => BigInt.asIntN(32, v);

const OPS: [string, number, (a: bigint, b: bigint, w: boolean) => bigint][] = [
  ['add', R.AMO.ADD, (a, b) => a + b],
  ['swap', R.AMO.SWAP, (_a, b) => b],
  ['xor', R.AMO.XOR, (a, b) => a ^ b],
  ['and', R.AMO.AND, (a, b) => a & b],
  ['or', R.AMO.OR, (a, b) => a | b],
  ['min', R.AMO.MIN, (a, b, w) => ((w ? s32(a) < s32(b) : s(a) < s(b)) ? a : b)],
  ['max', R.AMO.MAX, (a, b, w) => ((w ? s32(a) > s32(b) : s(a) > s(b)) ? a : b)],
  ['minu', R.AMO.MINU, (a, b, w) => ((w ? u32(a) < u32(b) : u(a) < u(b)) ? a : b)],
  ['maxu', R.AMO.MAXU, (a, b, w) => ((w ? u32(a) > u32(b) : u(a) > u(b)) ? a : b)],
];
const VALS: [bigint, bigint][] = [[5n, 3n], [-1n, 1n], [0x80000000n, 0x7fffffffn], [0x1ffffffffn, 0x100000001n], [-(1n << 63n), 1n]];

for (const [name, f5, ref] of OPS) {
  for (const wide of [false, true]) {
    test(`amo${name}.${wide ? 'd' : 'w'}: rd gets the old value, memory the result`, (t) => {
      const r = run((a) => {
        a.li(S0, DATA);
        VALS.forEach(([m, b], i) => {
          a.li(T0, m); a.emit(R.sd(T0, S0, 16 * i)); a.li(A1, b);
          a.emit(R.addi(A2, S0, 16 * i), R.amo(f5, wide ? 3 : 2, A0, A2, A1, i % 2 === 0, i % 3 === 0));
          a.emit(R.sd(A0, S0, 16 * i + 8));
        });
        a.emit(R.ebreak());
      });
      t.true(stoppedAtEbreak(r));
      VALS.forEach(([m, b], i) => {
        const mem = mem64(r.ram, DATA + 16 * i), rd = mem64(r.ram, DATA + 16 * i + 8);
        if (wide) {
          t.is(rd, u(m), `rd ${i}`);
          t.is(mem, u(ref(m, b, false)), `mem ${i}`);
        } else {
          t.is(rd, u(s32(m)), `rd ${i}`);
          t.is(mem, (u(m) & ~0xffffffffn) | u32(ref(m, b, true)), `mem ${i}`);
        }
      });
    });
  }
}

test('lr/sc: success writes and returns 0; failure (no reservation, other address, reused) returns 1 and writes nothing', (t) => {
  const r = run((a) => {
    a.li(S0, DATA); a.li(T0, 41); a.emit(R.sd(T0, S0, 0), R.sd(T0, S0, 8));
    a.li(A1, 99);
    a.emit(R.lr_d(A0, S0), R.addi(A0, A0, 1), R.sc_d(A2, A0, S0));    // success: mem = 42, a2 = 0
    a.emit(R.sc_d(A3, A1, S0));                                         // reservation consumed: fails
    a.emit(R.addi(A5, S0, 8), R.lr_d(T0, S0), R.sc_d(A4, A1, A5));      // different address: fails
    a.emit(R.lr_w(T0, S0), R.sc_w(A5, A1, S0));                          // .w success on the low word
    a.emit(R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A2), 0n);
  t.is(xr(r.h, A3), 1n);
  t.is(xr(r.h, A4), 1n);
  t.is(xr(r.h, A5), 0n);
  t.is(mem64(r.ram, DATA), 99n);
  t.is(mem64(r.ram, DATA + 8), 41n);
});

test('lr.w sign-extends the loaded word', (t) => {
  const r = run((a) => {
    a.li(S0, DATA); a.li(T0, 0x80000001); a.emit(R.sw(T0, S0, 0), R.lr_w(A0, S0), R.ebreak());
  });
  t.is(xr(r.h, A0), 0xffffffff80000001n);
});

test('misaligned LR, SC and AMOs raise the misaligned exceptions with the address', (t) => {
  for (const [insn, cause] of [[R.lr_w(A0, S0), 4], [R.sc_d(A0, A1, S0), 6], [R.amoadd_w(A0, A1, S0), 6], [R.amoswap_d(A0, A1, S0), 6]] as const) {
    const r = run((a) => { a.li(S0, DATA + 2); a.emit(insn, R.ebreak()); });
    t.is(r.exit, RunExit.TRAP);
    t.is(r.h.trapCause, cause);
    t.is(r.h.trapTval, DATA + 2);
  }
});
