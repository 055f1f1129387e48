// The hart's side of F and D: FLW/FLD/FSW/FSD (NaN-boxing of singles, raw
// doubles, misaligned FP accesses), dispatch of OP-FP and FMA to the FPU,
// mstatus.FS: every FP instruction and FP CSR is illegal while FS is Off, and
// an FP write leaves FS Dirty (with SD set).
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, mem64, DATA, stoppedAtEbreak } from './isa-util.js';
import { getCsr } from '../../core/hw/csr.js';
import { RunExit } from '../../core/hw/hart.js';

const { A0, A1, S0, T0 } = R;

test('flw NaN-boxes, fld loads raw bits, fsw/fsd store them back (also misaligned)', (t) => {
  const r = run((a) => {
    a.li(S0, DATA);
    a.li(T0, 0x3fc00000); a.emit(R.sw(T0, S0, 0));                 // 1.5f
    a.li(T0, 0x400921fb54442d18n); a.emit(R.sd(T0, S0, 8));         // pi
    a.emit(R.flw(1, S0, 0), R.fld(2, S0, 8), R.fsd(1, S0, 16), R.fsw(2, S0, 24), R.fsd(2, S0, 33));
    a.emit(R.fld(3, S0, 33), R.fsd(3, S0, 48), R.ebreak());
  }, { fs: true });
  t.true(stoppedAtEbreak(r));
  t.is(mem64(r.ram, DATA + 16), 0xffffffff3fc00000n);
  t.is(mem64(r.ram, DATA + 24) & 0xffffffffn, 0x54442d18n);
  t.is(mem64(r.ram, DATA + 48), 0x400921fb54442d18n);
  t.is(r.h.fp.f64[2], Math.PI);
});

test('OP-FP and FMA instructions reach the FPU (fadd.d, fmadd.d, fmv.x.d, fcvt.d.l)', (t) => {
  const r = run((a) => {
    a.li(T0, 3); a.emit(R.fcvt_d_l(1, T0));
    a.li(T0, 4); a.emit(R.fcvt_d_l(2, T0));
    a.emit(R.fadd_d(3, 1, 2), R.fma(0x43, 1, 4, 1, 2, 3), R.fmv_x_d(A0, 3), R.fmv_x_d(A1, 4), R.ebreak());
  }, { fs: true });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 0x401c000000000000n); // 7.0
  t.is(xr(r.h, A1), 0x4033000000000000n); // 3*4+7 = 19.0
});

test('with mstatus.FS = Off every FP instruction is illegal with tval = its bits', (t) => {
  for (const insn of [R.flw(1, S0, 0), R.fld(1, S0, 0), R.fsw(1, S0, 0), R.fsd(1, S0, 0), R.fadd_d(1, 2, 3), R.fma(0x4f, 0, 1, 2, 3, 4), R.fmv_d_x(1, 0)]) {
    const r = run((a) => { a.li(S0, DATA); a.emit(insn, R.ebreak()); });
    t.is(r.exit, RunExit.TRAP);
    t.is(r.h.trapCause, 2);
    t.is(r.h.trapTval, insn);
  }
  const c = run((a) => { a.emit(R.c_fld(8, 9, 0) | (R.c_nop() << 16), R.ebreak()); });
  t.is(c.h.trapCause, 2);
  t.is(c.h.trapTval, R.c_fld(8, 9, 0));
});

test('an FP write sets FS to Dirty and SD', (t) => {
  const r = run((a) => { a.li(S0, DATA); a.emit(R.fld(1, S0, 0), R.ebreak()); }, { fs: true });
  const st = getCsr(r.h, 0x300);
  t.is((st >> 13n) & 3n, 3n);
  t.is(st >> 63n, 1n);
});

test('reserved FP encodings are illegal even with FS on', (t) => {
  const insn = R.opfp(0x01, 1, 2, 3, 5); // fadd.d with rm = 5 (reserved)
  const r = run((a) => { a.emit(insn, R.ebreak()); }, { fs: true });
  t.is(r.h.trapCause, 2);
  t.is(r.h.trapTval, insn);
});
