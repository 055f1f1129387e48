// Zicsr, the system instructions and the embedding contract: the six CSR
// instructions (read-modify-write results, CSRRW rd=x0 not reading,
// CSRRS/C rs1=x0 not writing, read-only CSRs), ecall/ebreak, mret into U and
// an ecall from U reported to the embedder (trapToHost) with nothing else
// changed, illegal instructions with tval = the instruction bits, WFI exits,
// interrupts taken after a CSR write enables them, and the decode cache kept
// coherent with self-modifying code (a store into code, fence.i, and host
// writes through invalidateRange).
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, setX, stoppedAtEbreak, BASE, DATA, machine } from './isa-util.js';
import { Hart, RunExit } from '../../core/hw/hart.js';
import { PhysMem } from '../../core/hw/memory.js';
import { Bus } from '../../core/hw/bus.js';
import { getCsr, setCsr } from '../../core/hw/csr.js';
import { Asm } from './rvasm.js';

const { A0, A1, A2, A3, A4, A5, S0, T0, T1 } = R;
const MSCRATCH = 0x340, MSTATUS = 0x300, MEPC = 0x341, MIE = 0x304, MTVEC = 0x305, MHARTID = 0xf14, MISA = 0x301;

test('csrrw/csrrs/csrrc and their immediate forms read the old value and write the new one', (t) => {
  const r = run((a) => {
    a.li(T0, 0xf0f0n); a.emit(R.csrrw(0, MSCRATCH, T0));
    a.li(T1, 0x0ff0n); a.emit(R.csrrs(A0, MSCRATCH, T1));    // a0 = f0f0, csr = fff0
    a.emit(R.csrrc(A1, MSCRATCH, T0));                        // a1 = fff0, csr = 0f00
    a.emit(R.csrrwi(A2, MSCRATCH, 0x1f));                     // a2 = 0f00, csr = 1f
    a.emit(R.csrrsi(A3, MSCRATCH, 0x20 - 0x20 + 0x0));        // uimm 0: read only
    a.emit(R.csrrci(A4, MSCRATCH, 0x3));                      // a4 = 1f, csr = 1c
    a.emit(R.csrr(A5, MSCRATCH), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 0xf0f0n);
  t.is(xr(r.h, A1), 0xfff0n);
  t.is(xr(r.h, A2), 0x0f00n);
  t.is(xr(r.h, A3), 0x1fn);
  t.is(xr(r.h, A4), 0x1fn);
  t.is(xr(r.h, A5), 0x1cn);
});

test('all 64 bits of a CSR go through csrrw', (t) => {
  const r = run((a) => {
    a.li(T0, 0x8123456789abcdefn); a.emit(R.csrrw(0, MSCRATCH, T0), R.csrrw(A0, MSCRATCH, 0), R.ebreak());
  });
  t.is(xr(r.h, A0), 0x8123456789abcdefn);
  t.is(getCsr(r.h, MSCRATCH), 0n);
});

test('read-only CSRs: csrrs with rs1=x0 reads them, any write form is illegal', (t) => {
  const ok = run((a) => { a.emit(R.csrrs(A0, MHARTID, 0), R.csrrsi(A1, MHARTID, 0), R.ebreak()); });
  t.true(stoppedAtEbreak(ok));
  t.is(xr(ok.h, A0), 0n);
  for (const insn of [R.csrrw(0, MHARTID, A0), R.csrrs(A0, MHARTID, T0), R.csrrci(A0, MHARTID, 1)]) {
    const r = run((a) => { a.li(T0, 1); a.emit(insn, R.ebreak()); });
    t.is(r.exit, RunExit.TRAP);
    t.is(r.h.trapCause, 2);
    t.is(r.h.trapTval, insn);
  }
});

test('csrrc/csrrci with a zero source do not write: legal on a read-only CSR', (t) => {
  const r = run((a) => { a.emit(R.csrrc(A0, MHARTID, 0), R.csrrci(A1, 0xf11, 0), R.csrrs(A2, MISA, 0), R.ebreak()); });
  t.true(stoppedAtEbreak(r));
  t.not(xr(r.h, A2), 0n);
});

test('an unknown CSR is illegal with the instruction bits in tval', (t) => {
  const insn = R.csrrs(A0, 0x7ff, 0);
  const r = run((a) => { a.emit(insn, R.ebreak()); });
  t.is(r.h.trapCause, 2);
  t.is(r.h.trapTval, insn);
});

test('ecall and ebreak in M-mode report causes 11 and 3 at their own pc', (t) => {
  const r = run((a) => { a.emit(R.nop(), R.ecall()); });
  t.is(r.exit, RunExit.TRAP);
  t.is(r.h.trapCause, 11);
  t.is(r.h.trapPc, BASE + 4);
  t.is(r.h.pc, BASE + 4);
  t.is(r.h.instret, 1);
  const b = run((a) => { a.emit(R.ebreak()); });
  t.is(b.h.trapCause, 3);
});

test('an ecall from U-mode is reported to the embedder with trapToHost = U; no CSR or privilege changes', (t) => {
  const r = run((a) => {
    a.la(T0, 'user'); a.emit(R.csrw(MEPC, T0)); // mstatus.MPP = 0 (U) after reset
    a.emit(R.mret());
    a.label('user'); a.li(A7n(), 64); a.emit(R.addi(A0, 0, 5), R.ecall());
    a.emit(R.addi(A1, 0, 9), R.ebreak());
  }, { setup: (m) => { m.h.trapToHost = 1 << 0; } });
  t.is(r.exit, RunExit.TRAP);
  t.is(r.h.trapCause, 8);
  t.false(r.h.trapIsInterrupt);
  t.is(r.h.priv, 0);
  t.is(r.h.pc, r.h.trapPc);
  t.is(xr(r.h, A0), 5n);
  t.is(getCsr(r.h, 0x342), 0n); // mcause untouched
  // The embedder handles the call and resumes after the ecall.
  setX(r.h, A0, 42n);
  r.h.pc += 4;
  r.h.trapToHost = 1 << 0;
  const again = r.h.run(100);
  t.is(again, RunExit.TRAP);
  t.is(r.h.trapCause, 3); // the ebreak in U, also reported
  t.is(xr(r.h, A1), 9n);
  t.is(xr(r.h, A0), 42n);
});
function A7n(): number { return R.A7; }

test('illegal encodings trap with cause 2 and tval = the instruction', (t) => {
  const bad = [0xffffffff, 0x00000000 | 0x7f, R.slli(A0, A0, 0) | (1 << 26) | (1 << 25), 0x0000707b, R.amo(5, 3, A0, A1, A2),
    R.lr_d(A0, A1) | (1 << 20), 0x00200073 /* uret */, R.fence_i() | (2 << 12), 0x0000603b];
  for (const insn of bad) {
    const r = run((a) => { a.emit(insn >>> 0, R.ebreak()); });
    t.is(r.h.trapCause, 2, `insn ${(insn >>> 0).toString(16)}`);
    t.is(r.h.trapTval, insn >>> 0);
    t.is(r.h.trapPc, BASE);
  }
});

test('mret from M to M restores MIE from MPIE and jumps to mepc', (t) => {
  const r = run((a) => {
    a.li(T0, (3 << 11) | (1 << 7)); a.emit(R.csrrs(0, MSTATUS, T0)); // MPP = M, MPIE = 1
    a.la(T1, 'next'); a.emit(R.csrw(MEPC, T1), R.mret(), R.addi(A0, 0, 1));
    a.label('next'); a.emit(R.csrr(A1, MSTATUS), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 0n);
  t.is(xr(r.h, A1) & 8n, 8n);
  t.is(r.h.priv, 3);
});

test('wfi returns RunExit.WFI when nothing is pending, then resumes after it', (t) => {
  const r = run((a) => { a.emit(R.wfi(), R.addi(A0, 0, 3), R.ebreak()); });
  t.is(r.exit, RunExit.WFI);
  t.is(r.h.pc, BASE + 4);
  t.is(r.h.instret, 1);
  t.is(r.h.run(100), RunExit.TRAP);
  t.is(xr(r.h, A0), 3n);
});

test('a pending timer interrupt is taken right after a CSR write enables it, and wfi does not stop', (t) => {
  const m = machine();
  const a = new Asm(BASE);
  a.la(T0, 'handler'); a.emit(R.csrw(MTVEC, T0));
  a.li(T0, 1 << 7); a.emit(R.csrw(MIE, T0), R.wfi(), R.csrrsi(0, MSTATUS, 8));
  a.label('after'); a.emit(R.addi(A0, 0, 1));
  a.label('handler'); a.emit(R.csrr(A1, 0x342), R.csrr(A2, MEPC));
  a.label('spin'); a.j('spin');
  m.ram.load(BASE, a.bytes());
  m.h.pc = BASE;
  m.h.setPending(7, true);
  t.is(m.h.run(200), RunExit.BUDGET);
  t.is(xr(m.h, A0), 0n);
  t.is(xr(m.h, A1), 0x8000000000000007n);
  t.is(xr(m.h, A2), BigInt(a.addr('after')));
});

test('an interrupt reported to the embedder: run() returns TRAP with trapIsInterrupt', (t) => {
  const m = machine();
  const a = new Asm(BASE);
  a.label('spin'); a.emit(R.addi(A0, A0, 1)); a.j('spin');
  m.ram.load(BASE, a.bytes());
  m.h.pc = BASE; m.h.priv = 0; m.h.mmu.sync(m.h);
  m.h.trapToHost = 1 << 0;
  setCsr(m.h, MIE, 1n << 7n);
  t.is(m.h.run(1000), RunExit.BUDGET);
  m.h.setPending(7, true);
  t.is(m.h.run(1000), RunExit.TRAP);
  t.true(m.h.trapIsInterrupt);
  t.is(m.h.trapCause, 7);
  t.is(m.h.priv, 0);
});

test('self-modifying code: a store into an executed page replaces the cached instruction', (t) => {
  const r = run((a) => {
    a.li(A0, 0); a.li(A1, 0);
    a.label('loop');
    a.label('patched'); a.emit(R.addi(A0, A0, 1));
    a.emit(R.addi(A1, A1, 1));
    a.li(T0, 2); a.br(R.beq, A1, T0, 'done');
    a.la(S0, 'patched'); a.li(T1, R.addi(A0, A0, 100)); a.emit(R.sw(T1, S0, 0));
    a.j('loop');
    a.label('done'); a.emit(R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 101n);
  t.true(r.h.codeWrites > 0);
});

test('self-modifying code through fence.i, and a store that patches the next instruction', (t) => {
  const r = run((a) => {
    a.la(S0, 'next'); a.li(T1, R.addi(A2, 0, 77));
    a.emit(R.sw(T1, S0, 0), R.fence_i());
    a.label('next'); a.emit(R.addi(A2, 0, 1));
    a.la(S0, 'next2'); a.li(T1, R.addi(A3, 0, 55));
    a.emit(R.sw(T1, S0, 0));
    a.label('next2'); a.emit(R.addi(A3, 0, 2), R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A2), 77n);
  t.is(xr(r.h, A3), 55n);
});

test('host writes into code are seen after invalidateRange / flushDecodeCache', (t) => {
  const m = machine();
  const a = new Asm(BASE);
  a.emit(R.addi(A0, 0, 1), R.ebreak());
  m.ram.load(BASE, a.bytes());
  m.h.trapToHost = 1 << 3;
  m.h.pc = BASE; m.h.run(10);
  t.is(xr(m.h, A0), 1n);
  m.ram.write32(BASE, R.addi(A0, 0, 2) | 0);
  m.h.invalidateRange(BASE, 4);
  m.h.pc = BASE; m.h.run(10);
  t.is(xr(m.h, A0), 2n);
  m.ram.write32(BASE, R.addi(A0, 0, 3) | 0);
  m.h.flushDecodeCache();
  m.h.pc = BASE; m.h.run(10);
  t.is(xr(m.h, A0), 3n);
});

test('instret counts retired instructions exactly and minstret reads match', (t) => {
  const r = run((a) => {
    a.emit(R.nop(), R.nop(), R.csrr(A0, 0xb02), R.csrr(A1, 0xc02), R.ebreak());
  });
  t.is(xr(r.h, A0), 2n);
  t.is(xr(r.h, A1), 3n);
  t.is(r.h.instret, 4);
});

test('the budget stops run() after exactly that many instructions', (t) => {
  const m = machine();
  const a = new Asm(BASE);
  a.label('l'); a.emit(R.addi(A0, A0, 1)); a.j('l');
  m.ram.load(BASE, a.bytes());
  m.h.pc = BASE;
  t.is(m.h.run(1001), RunExit.BUDGET);
  t.is(m.h.instret, 1001);
  t.is(xr(m.h, A0), 501n);
  t.is(m.h.pc, BASE + 4);
  t.is(m.h.step(), RunExit.BUDGET);
  t.is(m.h.pc, BASE);
  m.h.halted = true;
  t.is(m.h.run(10), RunExit.HALT);
  void DATA;
});

test('the decode cache reuses its pages round-robin when code spans more pages than it holds', (t) => {
  const ram = new PhysMem(1 << 20);
  const h = new Hart(new Bus(ram), { decodePages: 2 });
  const a = new Asm(BASE);
  a.li(A0, 0); a.li(A1, 0);
  a.label('p0'); a.emit(R.addi(A0, A0, 1)); a.j('p1');
  a.org(BASE + 0x1000); a.label('p1'); a.emit(R.addi(A0, A0, 10)); a.j('p2');
  a.org(BASE + 0x2000); a.label('p2'); a.emit(R.addi(A0, A0, 100)); a.j('p3');
  a.org(BASE + 0x3000); a.label('p3'); a.emit(R.addi(A1, A1, 1));
  a.li(T0, 3); a.br(R.beq, A1, T0, 'done'); a.j('p0');
  a.label('done'); a.emit(R.ebreak());
  ram.load(BASE, a.bytes());
  h.pc = BASE; h.trapToHost = 1 << 3;
  t.is(h.run(10_000), RunExit.TRAP);
  t.is(h.trapCause, 3);
  t.is(xr(h, A0), 333n);
  t.is(h.dcPageOf.length, 2);
  t.true(h.pagesEvicted > 0);
  t.is(h.pagesDecoded - h.pagesEvicted, 2);
  // Patching an evicted page is still seen (the store goes to RAM; the page is decoded afresh).
  ram.write32(BASE + 0x1000, R.addi(A0, A0, 20) | 0);
  h.invalidateRange(BASE + 0x1000, 4);
  h.pc = BASE; setX(h, A1, 0n); setX(h, A0, 0n);
  t.is(h.run(10_000), RunExit.TRAP);
  t.is(xr(h, A0), 363n);
});

test('an odd pc handed to run() raises instruction-address-misaligned', (t) => {
  const m = machine();
  m.h.trapToHost = 1 << 3;
  m.h.pc = BASE + 1;
  t.is(m.h.run(10), RunExit.TRAP);
  t.is(m.h.trapCause, 0);
  t.is(m.h.trapTval, BASE + 1);
});
