// CSR file: the readable/writable bits (WARL) of every implemented CSR and the
// access checks (privilege from bits 9:8, read-only numbers, unknown numbers,
// TVM on satp, FS on the FP CSRs), per the RISC-V Privileged Spec 1.12.
import test from 'ava';
import { CSR, MSTATUS, csrExists, csrName, csrRead, csrWrite, getCsr, setCsr } from '../../core/hw/csr.js';
import { mkHart, csrHex } from './csr-helpers.js';

const ALL = (1n << 64n) - 1n;

test('mstatus: only the implemented fields are writable; UXL/SXL read 2; SD follows FS', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mstatus, 0n);
  t.is(csrHex(getCsr(h, CSR.mstatus)), '0xa00000000');
  setCsr(h, CSR.mstatus, ALL);
  // SIE MIE SPIE MPIE SPP MPP FS MPRV SUM MXR TVM TW TSR; XS/VS/UBE/MBE/SBE stay 0.
  t.is(csrHex(getCsr(h, CSR.mstatus)), '0x8000000a007e79aa');
  setCsr(h, CSR.mstatus, 1n << 13n); // FS = Initial: not dirty, SD clear
  t.is(csrHex(getCsr(h, CSR.mstatus)), '0xa00002000');
});

test('mstatus.MPP: the reserved value 2 is not stored', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mstatus, 2n << 11n);
  t.not(Number((getCsr(h, CSR.mstatus) >> 11n) & 3n), 2);
  setCsr(h, CSR.mstatus, 1n << 11n);
  t.is(Number((getCsr(h, CSR.mstatus) >> 11n) & 3n), 1);
});

test('sstatus is a restricted view of mstatus', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mstatus, ALL);
  // SIE SPIE SPP FS SUM MXR, UXL=2, SD.
  t.is(csrHex(getCsr(h, CSR.sstatus)), '0x80000002000c6122');
  setCsr(h, CSR.sstatus, 0n);
  // The M-only fields survive a write of zero through sstatus.
  t.is(csrHex(getCsr(h, CSR.mstatus)), '0xa00721888');
  setCsr(h, CSR.sstatus, ALL);
  t.is(csrHex(getCsr(h, CSR.mstatus)), '0x8000000a007e79aa');
});

test('misa reports RV64 IMAFDCSU and ignores writes; ID registers', (t) => {
  const h = mkHart();
  t.is(csrHex(getCsr(h, CSR.misa)), '0x800000000014112d');
  setCsr(h, CSR.misa, 0n);
  t.is(csrHex(getCsr(h, CSR.misa)), '0x800000000014112d');
  for (const n of [CSR.mvendorid, CSR.marchid, CSR.mimpid, CSR.mhartid, CSR.mconfigptr]) t.is(getCsr(h, n), 0n);
});

test('medeleg: ecall-from-M (11) and reserved causes are not delegable; mideleg: only S interrupts', (t) => {
  const h = mkHart();
  setCsr(h, CSR.medeleg, ALL);
  t.is(csrHex(getCsr(h, CSR.medeleg)), '0xb3ff');
  setCsr(h, CSR.mideleg, ALL);
  t.is(csrHex(getCsr(h, CSR.mideleg)), '0x222');
});

test('mie/sie: sie shows and writes only delegated bits', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mie, ALL);
  t.is(csrHex(getCsr(h, CSR.mie)), '0xaaa');
  t.is(getCsr(h, CSR.sie), 0n);
  setCsr(h, CSR.mideleg, 0x20n); // STI only
  t.is(csrHex(getCsr(h, CSR.sie)), '0x20');
  setCsr(h, CSR.sie, 0n);
  t.is(csrHex(getCsr(h, CSR.mie)), '0xa8a');
  setCsr(h, CSR.sie, ALL);
  t.is(csrHex(getCsr(h, CSR.mie)), '0xaaa');
});

test('mip: SSIP/STIP/SEIP writable from M; MSIP/MTIP/MEIP only from devices', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mip, ALL);
  t.is(csrHex(getCsr(h, CSR.mip)), '0x222');
  h.csr.setPending(7, true);
  h.csr.setPending(3, true);
  h.csr.setPending(11, true);
  t.is(csrHex(getCsr(h, CSR.mip)), '0xaaa');
  setCsr(h, CSR.mip, 0n);
  t.is(csrHex(getCsr(h, CSR.mip)), '0x888');
  h.csr.setPending(7, false);
  t.is(csrHex(getCsr(h, CSR.mip)), '0x808');
});

test('sip: restricted to mideleg; only SSIP writable through it', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mip, 0x222n);
  t.is(getCsr(h, CSR.sip), 0n);
  setCsr(h, CSR.mideleg, 0x222n);
  t.is(csrHex(getCsr(h, CSR.sip)), '0x222');
  setCsr(h, CSR.sip, 0n);
  t.is(csrHex(getCsr(h, CSR.mip)), '0x220'); // STIP/SEIP not writable from sip
  setCsr(h, CSR.mideleg, 0x20n);
  setCsr(h, CSR.sip, 2n);
  t.is(csrHex(getCsr(h, CSR.mip)), '0x220'); // SSIP not delegated: not writable
});

test('mtvec/stvec: direct and vectored; reserved modes are not stored', (t) => {
  const h = mkHart();
  for (const n of [CSR.mtvec, CSR.stvec]) {
    setCsr(h, n, 0x80001000n);
    t.is(getCsr(h, n), 0x80001000n);
    setCsr(h, n, 0x80001001n);
    t.is(getCsr(h, n), 0x80001001n);
    setCsr(h, n, 0x80001002n);
    t.true((getCsr(h, n) & 3n) < 2n);
    setCsr(h, n, 0x80001003n);
    t.true((getCsr(h, n) & 3n) < 2n);
    setCsr(h, n, 0xffffffffc0001000n); // kernel-half address
    t.is(csrHex(getCsr(h, n)), '0xffffffffc0001000');
  }
});

test('mepc/sepc clear bit 0; cause/tval/scratch hold 64 bits', (t) => {
  const h = mkHart();
  for (const n of [CSR.mepc, CSR.sepc]) {
    setCsr(h, n, 0x80000003n);
    t.is(getCsr(h, n), 0x80000002n);
    setCsr(h, n, 0xffffffffffff1235n);
    t.is(csrHex(getCsr(h, n)), '0xffffffffffff1234');
  }
  for (const n of [CSR.mscratch, CSR.sscratch, CSR.mcause, CSR.scause]) {
    setCsr(h, n, 0x123456789abcdef0n);
    t.is(csrHex(getCsr(h, n)), '0x123456789abcdef0');
  }
  for (const n of [CSR.mtval, CSR.stval]) {
    setCsr(h, n, 0xffffffc000000123n);
    t.is(csrHex(getCsr(h, n)), '0xffffffc000000123');
  }
});

test('satp: Bare and Sv39 stored; other modes leave satp unchanged', (t) => {
  const h = mkHart();
  const v = (8n << 60n) | (0xabcdn << 44n) | 0x80123n;
  setCsr(h, CSR.satp, v);
  t.is(getCsr(h, CSR.satp), v);
  setCsr(h, CSR.satp, (9n << 60n) | 5n); // Sv48: unsupported
  t.is(getCsr(h, CSR.satp), v);
  setCsr(h, CSR.satp, 1n << 60n);        // reserved
  t.is(getCsr(h, CSR.satp), v);
  setCsr(h, CSR.satp, 0n);
  t.is(getCsr(h, CSR.satp), 0n);
  setCsr(h, CSR.satp, (8n << 60n) | 0xfffffffffffn); // full 44-bit PPN
  t.is(csrHex(getCsr(h, CSR.satp)), '0x80000fffffffffff');
});

test('menvcfg/senvcfg: only FIOM is implemented', (t) => {
  const h = mkHart();
  setCsr(h, CSR.menvcfg, ALL);
  t.is(getCsr(h, CSR.menvcfg), 1n);
  setCsr(h, CSR.senvcfg, ALL);
  t.is(getCsr(h, CSR.senvcfg), 1n);
});

test('PMP registers are stored (reserved cfg bits zero, locked entries ignore writes); odd pmpcfg is illegal', (t) => {
  const h = mkHart();
  setCsr(h, CSR.pmpcfg0, 0x0f0f0f0f0f0f0f1fn);
  t.is(csrHex(getCsr(h, CSR.pmpcfg0)), '0xf0f0f0f0f0f0f1f');
  setCsr(h, 0x3a2, ALL);
  t.is(csrHex(getCsr(h, 0x3a2)), '0x9f9f9f9f9f9f9f9f');
  setCsr(h, CSR.pmpaddr0, ALL);
  t.is(csrHex(getCsr(h, CSR.pmpaddr0)), '0x3fffffffffffff');
  setCsr(h, CSR.pmpaddr63, 0x1234n);
  t.is(getCsr(h, CSR.pmpaddr63), 0x1234n);
  // Lock entry 1 (byte 1 of pmpcfg0): its cfg byte and pmpaddr1 ignore writes.
  setCsr(h, CSR.pmpaddr0 + 1, 0x55n);
  setCsr(h, CSR.pmpcfg0, 0x8f00n);
  setCsr(h, CSR.pmpaddr0 + 1, 0x66n);
  t.is(getCsr(h, CSR.pmpaddr0 + 1), 0x55n);
  setCsr(h, CSR.pmpcfg0, 0n);
  t.is(csrHex(getCsr(h, CSR.pmpcfg0)), '0x8f00');
  h.priv = 3;
  t.false(csrRead(h, 0x3a1));
  t.false(csrWrite(h, 0x3a1, 0, 0));
  t.false(csrRead(h, 0x3af));
});

test('privilege from bits 9:8: S cannot reach M CSRs, U cannot reach S or M CSRs', (t) => {
  const h = mkHart();
  h.priv = 1;
  t.false(csrRead(h, CSR.mstatus));
  t.false(csrWrite(h, CSR.mstatus, 0, 0));
  t.false(csrRead(h, CSR.mhartid));
  t.true(csrRead(h, CSR.sstatus));
  t.true(csrWrite(h, CSR.sscratch, 7, 0));
  h.priv = 0;
  t.false(csrRead(h, CSR.sstatus));
  t.false(csrRead(h, CSR.sscratch));
  t.false(csrWrite(h, CSR.stvec, 0, 0));
  t.false(csrRead(h, CSR.satp));
  h.priv = 3;
  t.true(csrRead(h, CSR.sscratch));
  t.is(h.csrBuf[0], 7);
});

test('read-only CSRs (bits 11:10 = 3) are illegal to write even in M; unknown CSRs are illegal', (t) => {
  const h = mkHart();
  h.priv = 3;
  for (const n of [CSR.mvendorid, CSR.mhartid, CSR.mconfigptr, CSR.cycle, CSR.time, CSR.instret, CSR.hpmcounter3]) {
    t.true(csrRead(h, n), `read 0x${n.toString(16)}`);
    t.false(csrWrite(h, n, 0, 0), `write 0x${n.toString(16)}`);
  }
  for (const n of [0x7c0, 0x5c0, 0x800, 0x205, 0x3ff, 0x7a5, 0xfff, 0x00f]) {
    t.false(csrRead(h, n), `read 0x${n.toString(16)}`);
    t.false(csrWrite(h, n, 0, 0), `write 0x${n.toString(16)}`);
  }
});

test('mstatus.TVM makes satp illegal in S-mode (not in M)', (t) => {
  const h = mkHart();
  h.priv = 1;
  t.true(csrRead(h, CSR.satp));
  t.true(csrWrite(h, CSR.satp, 0, 0));
  setCsr(h, CSR.mstatus, BigInt(MSTATUS.TVM));
  t.false(csrRead(h, CSR.satp));
  t.false(csrWrite(h, CSR.satp, 0, 0));
  h.priv = 3;
  t.true(csrRead(h, CSR.satp));
  t.true(csrWrite(h, CSR.satp, 0, 0));
});

test('fflags/frm/fcsr map to the FPU state; illegal when FS is Off; writes set FS Dirty', (t) => {
  const h = mkHart();
  h.priv = 0;
  setCsr(h, CSR.mstatus, 0n);
  for (const n of [CSR.fflags, CSR.frm, CSR.fcsr]) {
    t.false(csrRead(h, n));
    t.false(csrWrite(h, n, 0, 0));
  }
  setCsr(h, CSR.mstatus, 1n << 13n); // Initial
  t.true(csrWrite(h, CSR.fcsr, 0xff, 0));
  t.is(h.fp.fflags, 0x1f);
  t.is(h.fp.frm, 7);
  t.is(Number((getCsr(h, CSR.mstatus) >> 13n) & 3n), 3);
  t.is(getCsr(h, CSR.mstatus) >> 63n, 1n);
  t.true(csrWrite(h, CSR.frm, 0x2, 0));
  t.true(csrWrite(h, CSR.fflags, 0x21, 0));
  t.true(csrRead(h, CSR.fcsr));
  t.is(h.csrBuf[0], (2 << 5) | 1);
  t.true(csrRead(h, CSR.frm));
  t.is(h.csrBuf[0], 2);
});

test('trigger CSRs: tselect/tdata1-3 read 0 and ignore writes (no triggers implemented)', (t) => {
  const h = mkHart();
  h.priv = 3;
  for (const n of [CSR.tselect, CSR.tdata1, CSR.tdata2, CSR.tdata3]) {
    t.true(csrWrite(h, n, 0x55, 0x20000000));
    t.true(csrRead(h, n));
    t.deepEqual([h.csrBuf[0], h.csrBuf[1]], [0, 0]);
  }
  h.priv = 1;
  t.false(csrRead(h, CSR.tselect));
});

test('S-mode PMP through siselect/sireg/sireg2: stored per entry; other selections are illegal', (t) => {
  const h = mkHart();
  h.priv = 1;
  t.true(csrWrite(h, CSR.siselect, 0x100, 0));
  t.true(csrRead(h, CSR.siselect));
  t.is(h.csrBuf[0], 0x100);
  t.true(csrWrite(h, CSR.sireg2, 0xffff, 0));
  t.true(csrRead(h, CSR.sireg2));
  t.is(h.csrBuf[0], 0x39f);
  t.true(csrWrite(h, CSR.sireg, -1, -1));
  t.true(csrRead(h, CSR.sireg));
  t.deepEqual([h.csrBuf[0], h.csrBuf[1]], [-1, 0x3fffff]);
  t.true(csrWrite(h, CSR.siselect, 0x101, 0));
  t.true(csrRead(h, CSR.sireg2));
  t.is(h.csrBuf[0], 0);
  t.true(csrWrite(h, CSR.siselect, 0x140, 0));
  t.false(csrRead(h, CSR.sireg));
  t.false(csrWrite(h, CSR.sireg2, 1, 0));
  h.priv = 0;
  t.false(csrRead(h, CSR.siselect));
});

test('csrName/csrExists agree with the implemented set', (t) => {
  const h = mkHart();
  t.is(csrName(CSR.mstatus), 'mstatus');
  t.is(csrName(0x3b5), 'pmpaddr5');
  t.is(csrName(0xc05), 'hpmcounter5');
  t.is(csrName(0x7c0), null);
  t.true(csrExists(h, CSR.fflags)); // exists even with FS off
  t.true(csrExists(h, CSR.satp));
  t.false(csrExists(h, 0x3a1));
  t.false(csrExists(h, 0x7c0));
});
