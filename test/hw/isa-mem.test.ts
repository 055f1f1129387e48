// Loads and stores: sign and zero extension of every width, stores of every
// width, misaligned accesses (inside a page and across a page boundary) that
// complete without trapping, MMIO through the bus, and access faults with the
// faulting address in mtval for addresses where nothing is mapped.
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, mem64, DATA, stoppedAtEbreak } from './isa-util.js';
import type { MmioDevice } from '../../core/hw/bus.js';
import { RunExit } from '../../core/hw/hart.js';
import { getCsr } from '../../core/hw/csr.js';

const { A0, A1, A2, A3, A4, A5, A6, A7, S0, T0, T1 } = R;

test('loads sign- or zero-extend each width', (t) => {
  const r = run((a) => {
    a.li(S0, DATA);
    a.li(T0, 0x8899aabbccddeeffn); a.emit(R.sd(T0, S0, 0));
    a.emit(R.lb(A0, S0, 0), R.lbu(A1, S0, 0), R.lh(A2, S0, 0), R.lhu(A3, S0, 0), R.lw(A4, S0, 0), R.lwu(A5, S0, 0), R.ld(A6, S0, 0));
    a.emit(R.lb(A7, S0, 1), R.lw(T1, S0, 4), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 0xffffffffffffffffn);
  t.is(xr(r.h, A1), 0xffn);
  t.is(xr(r.h, A2), 0xffffffffffffeeffn);
  t.is(xr(r.h, A3), 0xeeffn);
  t.is(xr(r.h, A4), 0xffffffffccddeeffn);
  t.is(xr(r.h, A5), 0xccddeeffn);
  t.is(xr(r.h, A6), 0x8899aabbccddeeffn);
  t.is(xr(r.h, A7), 0xffffffffffffffeen);
  t.is(xr(r.h, T1), 0xffffffff8899aabbn);
});

test('positive values load without sign extension', (t) => {
  const r = run((a) => {
    a.li(S0, DATA); a.li(T0, 0x7f7f7f7f7f7f7f7fn); a.emit(R.sd(T0, S0, 0));
    a.emit(R.lb(A0, S0, 0), R.lh(A1, S0, 0), R.lw(A2, S0, 0), R.ebreak());
  });
  t.is(xr(r.h, A0), 0x7fn);
  t.is(xr(r.h, A1), 0x7f7fn);
  t.is(xr(r.h, A2), 0x7f7f7f7fn);
});

test('stores write exactly their width, little-endian', (t) => {
  const r = run((a) => {
    a.li(S0, DATA); a.li(T0, -1); a.emit(R.sd(T0, S0, 0), R.sd(T0, S0, 8), R.sd(T0, S0, 16), R.sd(T0, S0, 24));
    a.li(T1, 0x0102030405060708n);
    a.emit(R.sb(T1, S0, 0), R.sh(T1, S0, 8), R.sw(T1, S0, 16), R.sd(T1, S0, 24), R.ebreak());
  });
  t.is(mem64(r.ram, DATA), 0xffffffffffffff08n);
  t.is(mem64(r.ram, DATA + 8), 0xffffffffffff0708n);
  t.is(mem64(r.ram, DATA + 16), 0xffffffff05060708n);
  t.is(mem64(r.ram, DATA + 24), 0x0102030405060708n);
});

test('misaligned loads and stores complete without trapping, inside a page and across pages', (t) => {
  const r = run((a) => {
    a.li(S0, DATA + 0x1000 - 3); // 3 bytes before a page boundary
    a.li(T0, 0x1122334455667788n);
    a.emit(R.sd(T0, S0, 0), R.ld(A0, S0, 0), R.lw(A1, S0, 1), R.lhu(A2, S0, 2), R.lh(A3, S0, -3));
    a.li(S0, DATA + 0x101);
    a.emit(R.sw(T0, S0, 0), R.lwu(A4, S0, 0), R.sh(T0, S0, 5), R.lh(A5, S0, 5), R.ld(A6, S0, 0), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 0x1122334455667788n);
  t.is(xr(r.h, A1), 0x44556677n);
  t.is(xr(r.h, A2), 0x5566n);
  t.is(r.ram.view.getBigUint64(DATA + 0x1000 - 3 - r.ram.base, true), 0x1122334455667788n);
  t.is(xr(r.h, A4), 0x55667788n);
  t.is(xr(r.h, A5), 0x7788n);
  t.is(xr(r.h, A6), 0x0077880055667788n);
  t.is(xr(r.h, A3), BigInt.asUintN(64, BigInt(r.ram.view.getInt16(DATA + 0x1000 - 6 - r.ram.base, true))));
});

class Regs implements MmioDevice {
  readonly name = 'regs';
  readonly base = 0x1000_0000;
  readonly size = 0x100;
  readonly mem = new Uint8Array(0x100);
  writes: [number, number, number, number][] = [];
  read(off: number, size: 1 | 2 | 4): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.mem[off + i];
    return v;
  }
  write(off: number, size: 1 | 2 | 4 | 8, lo: number, hi: number): void {
    this.writes.push([off, size, lo >>> 0, hi >>> 0]);
    for (let i = 0; i < size; i++) this.mem[off + i] = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
  }
}

test('MMIO loads and stores reach the device with offset, size and value', (t) => {
  const dev = new Regs();
  const r = run((a) => {
    a.li(S0, 0x1000_0000); a.li(T0, 0xdeadbeefcafef00dn);
    a.emit(R.sb(T0, S0, 1), R.sh(T0, S0, 2), R.sw(T0, S0, 4), R.sd(T0, S0, 8));
    a.emit(R.lbu(A0, S0, 1), R.lh(A1, S0, 2), R.lw(A2, S0, 4), R.ld(A3, S0, 8), R.ebreak());
  }, { setup: (m) => m.bus.attach(dev) });
  t.true(stoppedAtEbreak(r));
  t.deepEqual(dev.writes, [[1, 1, 0x0d, 0], [2, 2, 0xf00d, 0], [4, 4, 0xcafef00d, 0], [8, 8, 0xcafef00d, 0xdeadbeef]]);
  t.is(xr(r.h, A0), 0x0dn);
  t.is(xr(r.h, A1), 0xfffffffffffff00dn);
  t.is(xr(r.h, A2), 0xffffffffcafef00dn);
  t.is(xr(r.h, A3), 0xdeadbeefcafef00dn);
});

test('a load or store where nothing is mapped raises an access fault with the address in mtval', (t) => {
  for (const [insn, cause] of [[R.ld(A0, S0, 8), 5], [R.sw(A0, S0, 8), 7], [R.lbu(A0, S0, 8), 5]] as const) {
    // Reported to the embedder: cause, tval and pc; nothing else changes.
    const r = run((a) => { a.li(S0, 0x2000_0000); a.emit(insn, R.ebreak()); });
    t.is(r.exit, RunExit.TRAP);
    t.is(r.h.trapCause, cause);
    t.is(r.h.trapTval, 0x2000_0008);
    t.is(r.h.trapPc, r.h.pc);
    t.is(getCsr(r.h, 0x342), 0n);
    // Taken: the handler sees mcause, mtval and mepc.
    const r2 = run((a) => {
      a.li(S0, 0x2000_0000);
      a.la(T0, 'handler'); a.emit(R.csrw(0x305, T0));
      a.label('insn'); a.emit(insn, R.ebreak());
      a.label('handler'); a.emit(R.csrr(A1, 0x342), R.csrr(A2, 0x343), R.csrr(A3, 0x341));
      a.label('spin'); a.j('spin');
    }, { setup: (m) => { m.h.trapToHost = 0; }, budget: 1000 });
    t.is(r2.exit, RunExit.BUDGET);
    t.is(xr(r2.h, A1), BigInt(cause));
    t.is(xr(r2.h, A2), 0x2000_0008n);
    t.is(xr(r2.h, A3), BigInt(0x8000_0000 + 4 * 4)); // after lui, auipc+addi, csrw
  }
});
