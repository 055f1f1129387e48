// Control and status registers of the hart (RISC-V Privileged Spec 1.12, Zicsr):
// the CSR file's state, the WARL rules of every implemented register, and the
// access checks (privilege from number bits 9:8, read-only when bits 11:10 are 3,
// counter enables, TVM, FS). The hart's CSR instructions call csrRead/csrWrite;
// tests and the kernel use getCsr/setCsr (BigInt, cold).
//
// Beyond the base set: PMP (pmpcfg/pmpaddr) and S-mode PMP through Sscsrind
// (siselect 0x100..0x13f with sireg/sireg2) are stored without enforcement;
// the trigger CSRs tselect/tdata1-3 read 0 and ignore writes (no triggers);
// mcountinhibit and the hpm counters/events read 0.
//
// Storage: registers whose value lives in the low 32 bits (mstatus's writable
// fields, mie, mip, delegation, counteren) are plain int32 numbers; addresses
// (mepc, sepc, mtvec, stvec, mtval, stval) are JS numbers holding the signed
// 64-bit value, like h.pc (WARL: only values that sign-extend from bit 52 are
// held, which covers every Sv39 virtual and every physical address); scratch
// and cause registers keep all 64 bits as lo/hi int32 pairs. fflags/frm live in
// h.fp, cycle/instret derive from h.instret.
import type { Hart } from './hart.js';

export const CSR = {
  fflags: 0x001, frm: 0x002, fcsr: 0x003,
  cycle: 0xc00, time: 0xc01, instret: 0xc02, hpmcounter3: 0xc03, hpmcounter31: 0xc1f,
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a,
  siselect: 0x150, sireg: 0x151, sireg2: 0x152,
  tselect: 0x7a0, tdata1: 0x7a1, tdata2: 0x7a2, tdata3: 0x7a3,
  sscratch: 0x140, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144, satp: 0x180,
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mconfigptr: 0xf15,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305,
  mcounteren: 0x306, menvcfg: 0x30a, mcountinhibit: 0x320, mhpmevent3: 0x323, mhpmevent31: 0x33f,
  mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344,
  pmpcfg0: 0x3a0, pmpcfg14: 0x3ae, pmpaddr0: 0x3b0, pmpaddr63: 0x3ef,
  mcycle: 0xb00, minstret: 0xb02, mhpmcounter3: 0xb03, mhpmcounter31: 0xb1f,
} as const;

/** mstatus bit positions and masks (low word). */
export const MSTATUS = {
  SIE: 1 << 1, MIE: 1 << 3, SPIE: 1 << 5, UBE: 1 << 6, MPIE: 1 << 7, SPP: 1 << 8,
  MPP: 3 << 11, MPP_SHIFT: 11, FS: 3 << 13, FS_SHIFT: 13, XS: 3 << 15, MPRV: 1 << 17,
  SUM: 1 << 18, MXR: 1 << 19, TVM: 1 << 20, TW: 1 << 21, TSR: 1 << 22,
} as const;

/** mip/mie bits. */
export const MIP = { SSIP: 1 << 1, MSIP: 1 << 3, STIP: 1 << 5, MTIP: 1 << 7, SEIP: 1 << 9, MEIP: 1 << 11 } as const;

const MSTATUS_WMASK = MSTATUS.SIE | MSTATUS.MIE | MSTATUS.SPIE | MSTATUS.MPIE | MSTATUS.SPP | MSTATUS.MPP
  | MSTATUS.FS | MSTATUS.MPRV | MSTATUS.SUM | MSTATUS.MXR | MSTATUS.TVM | MSTATUS.TW | MSTATUS.TSR;
/** The fields of mstatus that sstatus shows (low word; UXL and SD are in the high word). */
export const SSTATUS_MASK = MSTATUS.SIE | MSTATUS.SPIE | MSTATUS.UBE | MSTATUS.SPP | (3 << 9) | MSTATUS.FS
  | MSTATUS.XS | MSTATUS.SUM | MSTATUS.MXR;
const SSTATUS_WMASK = MSTATUS.SIE | MSTATUS.SPIE | MSTATUS.SPP | MSTATUS.FS | MSTATUS.SUM | MSTATUS.MXR;
/** mstatus high word: SXL = 2 (bits 35:34), UXL = 2 (bits 33:32). SD is bit 31 of the high word. */
const MSTATUS_HI = 0xa;
const SSTATUS_HI = 0x2;

/** misa: MXL = 2 (RV64), extensions A C D F I M S U. */
const MISA_LO = (1 << 0) | (1 << 2) | (1 << 3) | (1 << 5) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);
const MISA_HI = 0x80000000 | 0;

/** Exceptions that medeleg can delegate (11, ecall from M, cannot; 10 and 14 are reserved). */
export const MEDELEG_MASK = 0xb3ff;
/** Interrupts that mideleg can delegate: the supervisor ones. */
export const MIDELEG_MASK = MIP.SSIP | MIP.STIP | MIP.SEIP;
const MIE_MASK = MIP.SSIP | MIP.MSIP | MIP.STIP | MIP.MTIP | MIP.SEIP | MIP.MEIP;
/** mip bits software can write from M-mode (the rest come from devices through setPending). */
const MIP_WMASK = MIP.SSIP | MIP.STIP | MIP.SEIP;

const TWO32 = 4294967296;
/** siselect values 0x100..0x13f reach S-mode PMP entry (value - 0x100) through sireg/sireg2. */
const SPMP_SELECT = 0x100;

/** The 64-bit two's-complement value (lo, hi) as a JS number, sign-extended from bit 52 (WARL for addresses). */
export function joinAddr(lo: number, hi: number): number {
  return ((hi << 11) >> 11) * TWO32 + (lo >>> 0);
}
/** Low 32 bits (as int32) of a safe-integer signed number. */
export function lo32(v: number): number { return v | 0; }
/** High 32 bits (as int32) of a safe-integer signed number. */
export function hi32(v: number): number { return Math.floor(v / TWO32) | 0; }

/** All CSR state except fflags/frm (h.fp) and the counters (h.instret). */
export class CsrFile {
  /** mstatus low word (the high word is constant apart from SD, computed from FS). */
  mstatus = 0;
  medeleg = 0;
  mideleg = 0;
  mie = 0;
  /** Software-written pending bits (SSIP, STIP, SEIP). */
  mip = 0;
  /** Device-driven pending bits (MSIP, MTIP, MEIP, and the external SEIP), set by setPending. */
  mipHw = 0;
  mtvec = 0;
  stvec = 0;
  mepc = 0;
  sepc = 0;
  mtval = 0;
  stval = 0;
  mcauseLo = 0; mcauseHi = 0;
  scauseLo = 0; scauseHi = 0;
  mscratchLo = 0; mscratchHi = 0;
  sscratchLo = 0; sscratchHi = 0;
  /** satp: mode 0 (Bare) or 8 (Sv39); asid 16 bits; ppn 44 bits (rootPpn as a number). */
  satpMode = 0;
  satpAsid = 0;
  satpPpn = 0;
  mcounteren = 0;
  scounteren = 0;
  menvcfg = 0;
  senvcfg = 0;
  /** cycle = h.instret + cycleDelta (mcycle writes move only the cycle counter). */
  cycleDelta = 0;
  /** A minstret write stores value - instretBias, because the hart counts the writing
   * instruction after executing it (the write replaces that increment, as the spec says). */
  instretBias = 1;
  /** Sscsrind select register and the S-mode PMP entries it reaches (stored, not enforced). */
  siselect = 0;
  readonly spmpcfg = new Int32Array(64);
  readonly spmpaddr = new Int32Array(128); // [2i] low word, [2i+1] high word
  readonly pmpcfg = new Int32Array(16);   // [2k] low word, [2k+1] high word of pmpcfg(2k)
  readonly pmpaddr = new Int32Array(128); // [2i] low word, [2i+1] high word of pmpaddr(i)

  /** Pending and enabled interrupt bits (mip & mie). */
  pendingEnabled(): number { return (this.mip | this.mipHw) & this.mie; }

  /** Devices raise/lower mip bits (MSIP 3, MTIP 7, MEIP 11, SEIP 9). */
  setPending(bit: number, on: boolean): void {
    if (on) this.mipHw |= 1 << bit; else this.mipHw &= ~(1 << bit);
  }

  /** mstatus high word: SXL/UXL, and SD when FS is Dirty. */
  mstatusHi(): number {
    return ((this.mstatus & MSTATUS.FS) === MSTATUS.FS ? 0x80000000 | 0 : 0) | MSTATUS_HI;
  }
}

/** Set by getCsr/setCsr: skip every access check (the cold embedder/test path). */
let bypass = false;

function ctrBitAllowed(h: Hart, num: number): boolean {
  const bit = 1 << (num & 31);
  if (bypass || h.priv === 3) return true;
  if ((h.csr.mcounteren & bit) === 0) return false;
  if (h.priv === 0 && (h.csr.scounteren & bit) === 0) return false;
  return true;
}

function fsOff(h: Hart): boolean { return (h.csr.mstatus & MSTATUS.FS) === 0 && !bypass; }
function tvmTrap(h: Hart): boolean { return h.priv === 1 && (h.csr.mstatus & MSTATUS.TVM) !== 0 && !bypass; }

function put(h: Hart, lo: number, hi: number): true {
  h.csrBuf[0] = lo; h.csrBuf[1] = hi; return true;
}
function putNum(h: Hart, v: number): true { return put(h, v | 0, Math.floor(v / TWO32) | 0); }

/**
 * Reads CSR `num` at the hart's current privilege; false => illegal instruction.
 * Result in h.csrBuf[0] (lo), h.csrBuf[1] (hi).
 */
export function csrRead(h: Hart, num: number): boolean {
  if (((num >> 8) & 3) > h.priv && !bypass) return false;
  const c = h.csr;
  switch (num) {
    case 0x001: if (fsOff(h)) return false; return put(h, h.fp.fflags & 31, 0);
    case 0x002: if (fsOff(h)) return false; return put(h, h.fp.frm & 7, 0);
    case 0x003: if (fsOff(h)) return false; return put(h, ((h.fp.frm & 7) << 5) | (h.fp.fflags & 31), 0);
    case 0xc00: if (!ctrBitAllowed(h, num)) return false; return putNum(h, h.instret + c.cycleDelta);
    case 0xc01: if (!ctrBitAllowed(h, num)) return false; return putNum(h, h.readTime());
    case 0xc02: if (!ctrBitAllowed(h, num)) return false; return putNum(h, h.instret);
    case 0xb00: return putNum(h, h.instret + c.cycleDelta);
    case 0xb02: return putNum(h, h.instret);
    case 0x100: return put(h, c.mstatus & SSTATUS_MASK, (c.mstatusHi() & (0x80000000 | 0)) | SSTATUS_HI);
    case 0x104: return put(h, c.mie & c.mideleg, 0);
    case 0x105: return putNum(h, c.stvec);
    case 0x106: return put(h, c.scounteren, 0);
    case 0x10a: return put(h, c.senvcfg, 0);
    case 0x140: return put(h, c.sscratchLo, c.sscratchHi);
    case 0x141: return putNum(h, c.sepc);
    case 0x142: return put(h, c.scauseLo, c.scauseHi);
    case 0x143: return putNum(h, c.stval);
    case 0x144: return put(h, (c.mip | c.mipHw) & c.mideleg, 0);
    case 0x150: return put(h, c.siselect, 0);
    case 0x151: case 0x152: {
      const i = c.siselect - SPMP_SELECT;
      if (i < 0 || i >= 64) return false;
      return num === 0x151 ? put(h, c.spmpaddr[2 * i], c.spmpaddr[2 * i + 1]) : put(h, c.spmpcfg[i], 0);
    }
    case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: return put(h, 0, 0); // no triggers
    case 0x180:
      if (tvmTrap(h)) return false;
      return put(h, c.satpPpn | 0, (c.satpMode << 28) | (c.satpAsid << 12) | (Math.floor(c.satpPpn / TWO32) & 0xfff));
    case 0xf11: case 0xf12: case 0xf13: case 0xf15: return put(h, 0, 0);
    case 0xf14: return put(h, h.hartId, 0);
    case 0x300: return put(h, c.mstatus, c.mstatusHi());
    case 0x301: return put(h, MISA_LO, MISA_HI);
    case 0x302: return put(h, c.medeleg, 0);
    case 0x303: return put(h, c.mideleg, 0);
    case 0x304: return put(h, c.mie, 0);
    case 0x305: return putNum(h, c.mtvec);
    case 0x306: return put(h, c.mcounteren, 0);
    case 0x30a: return put(h, c.menvcfg, 0);
    case 0x320: return put(h, 0, 0);
    case 0x340: return put(h, c.mscratchLo, c.mscratchHi);
    case 0x341: return putNum(h, c.mepc);
    case 0x342: return put(h, c.mcauseLo, c.mcauseHi);
    case 0x343: return putNum(h, c.mtval);
    case 0x344: return put(h, c.mip | c.mipHw, 0);
  }
  if (num >= 0xc03 && num <= 0xc1f) return ctrBitAllowed(h, num) ? put(h, 0, 0) : false;
  if ((num >= 0xb03 && num <= 0xb1f) || (num >= 0x323 && num <= 0x33f)) return put(h, 0, 0);
  if (num >= 0x3a0 && num <= 0x3af) {
    if ((num & 1) !== 0) return false;
    const k = num - 0x3a0;
    return put(h, c.pmpcfg[k], c.pmpcfg[k + 1]);
  }
  if (num >= 0x3b0 && num <= 0x3ef) { const i = (num - 0x3b0) * 2; return put(h, c.pmpaddr[i], c.pmpaddr[i + 1]); }
  return false;
}

/** Writes mstatus's low word (WARL), flushing translation state when it matters. */
function writeMstatus(h: Hart, v: number): void {
  const c = h.csr;
  let nv = (c.mstatus & ~MSTATUS_WMASK) | (v & MSTATUS_WMASK);
  if (((nv >> MSTATUS.MPP_SHIFT) & 3) === 2) nv &= ~MSTATUS.MPP; // reserved MPP legalizes to U
  c.mstatus = nv;
  h.mmu.sync(h);
}

function markFsDirty(h: Hart): void { h.csr.mstatus |= MSTATUS.FS; }

/**
 * Writes (WARL-masked) with side effects (satp/mstatus changes flush the TLB
 * as needed); false => illegal (read-only CSR, privilege, TVM, FS off, unknown).
 */
export function csrWrite(h: Hart, num: number, lo: number, hi: number): boolean {
  if ((num >>> 10) === 3) return false;
  if (((num >> 8) & 3) > h.priv && !bypass) return false;
  const c = h.csr;
  switch (num) {
    case 0x001: if (fsOff(h)) return false; h.fp.fflags = lo & 31; markFsDirty(h); return true;
    case 0x002: if (fsOff(h)) return false; h.fp.frm = lo & 7; markFsDirty(h); return true;
    case 0x003:
      if (fsOff(h)) return false;
      h.fp.fflags = lo & 31; h.fp.frm = (lo >> 5) & 7; markFsDirty(h); return true;
    case 0xb00: c.cycleDelta = joinAddr(lo, hi) - h.instret; return true;
    case 0xb02: {
      // The written value replaces this instruction's own increment (not for setCsr: no instruction).
      const cyc = h.instret + c.cycleDelta;
      h.instret = joinAddr(lo, hi) - (bypass ? 0 : c.instretBias); // may be -1 until the increment
      c.cycleDelta = cyc - h.instret;
      return true;
    }
    case 0x100: writeMstatus(h, (c.mstatus & ~SSTATUS_WMASK) | (lo & SSTATUS_WMASK)); return true;
    case 0x104: c.mie = (c.mie & ~c.mideleg) | (lo & c.mideleg); return true;
    case 0x105: c.stvec = joinAddr(lo & ~2, hi); return true;
    case 0x106: c.scounteren = lo; return true;
    case 0x10a: c.senvcfg = lo & 1; return true;
    case 0x140: c.sscratchLo = lo; c.sscratchHi = hi; return true;
    case 0x141: c.sepc = joinAddr(lo & ~1, hi); return true;
    case 0x142: c.scauseLo = lo; c.scauseHi = hi; return true;
    case 0x143: c.stval = joinAddr(lo, hi); return true;
    case 0x144: {
      const m = c.mideleg & MIP.SSIP;
      c.mip = (c.mip & ~m) | (lo & m);
      return true;
    }
    case 0x150: c.siselect = lo & 0xfff; return true;
    case 0x151: case 0x152: {
      const i = c.siselect - SPMP_SELECT;
      if (i < 0 || i >= 64) return false;
      if (num === 0x151) { c.spmpaddr[2 * i] = lo; c.spmpaddr[2 * i + 1] = hi & 0x3fffff; }
      else c.spmpcfg[i] = lo & 0x39f; // R W X A L U SHARED
      return true;
    }
    case 0x7a0: case 0x7a1: case 0x7a2: case 0x7a3: return true;
    case 0x180: {
      if (tvmTrap(h)) return false;
      const mode = hi >>> 28;
      if (mode !== 0 && mode !== 8) return true; // unsupported MODE: the whole write has no effect
      c.satpMode = mode;
      c.satpAsid = (hi >>> 12) & 0xffff;
      c.satpPpn = (hi & 0xfff) * TWO32 + (lo >>> 0);
      h.mmu.flush();
      h.mmu.sync(h);
      return true;
    }
    case 0x300: writeMstatus(h, lo); return true;
    case 0x301: return true; // misa: writes ignored
    case 0x302: c.medeleg = lo & MEDELEG_MASK; return true;
    case 0x303: c.mideleg = lo & MIDELEG_MASK; return true;
    case 0x304: c.mie = lo & MIE_MASK; return true;
    case 0x305: c.mtvec = joinAddr(lo & ~2, hi); return true;
    case 0x306: c.mcounteren = lo; return true;
    case 0x30a: c.menvcfg = lo & 1; return true;
    case 0x320: return true;
    case 0x340: c.mscratchLo = lo; c.mscratchHi = hi; return true;
    case 0x341: c.mepc = joinAddr(lo & ~1, hi); return true;
    case 0x342: c.mcauseLo = lo; c.mcauseHi = hi; return true;
    case 0x343: c.mtval = joinAddr(lo, hi); return true;
    case 0x344: c.mip = (c.mip & ~MIP_WMASK) | (lo & MIP_WMASK); return true;
  }
  if ((num >= 0xb03 && num <= 0xb1f) || (num >= 0x323 && num <= 0x33f)) return true;
  if (num >= 0x3a0 && num <= 0x3af) {
    if ((num & 1) !== 0) return false;
    const k = num - 0x3a0;
    // Each byte: bits 6:5 reserved (zero); a locked entry ignores writes.
    const old0 = c.pmpcfg[k], old1 = c.pmpcfg[k + 1];
    c.pmpcfg[k] = mergePmpcfg(old0, lo & 0x9f9f9f9f);
    c.pmpcfg[k + 1] = mergePmpcfg(old1, hi & 0x9f9f9f9f);
    return true;
  }
  if (num >= 0x3b0 && num <= 0x3ef) {
    const i = num - 0x3b0;
    if (pmpLocked(c, i)) return true;
    c.pmpaddr[2 * i] = lo; c.pmpaddr[2 * i + 1] = hi & 0x3fffff; // bits 53:0
    return true;
  }
  return false;
}

function mergePmpcfg(old: number, v: number): number {
  let r = 0;
  for (let b = 0; b < 32; b += 8) {
    const o = (old >>> b) & 0xff;
    r |= ((o & 0x80) !== 0 ? o : (v >>> b) & 0xff) << b;
  }
  return r;
}

function pmpLocked(c: CsrFile, i: number): boolean {
  const k = (i >> 3) * 2;                 // pmpcfg(2*(i/8)) holds entries 8k..8k+7
  const byte = i & 7;
  const word = byte < 4 ? c.pmpcfg[k] : c.pmpcfg[k + 1];
  return (((word >>> ((byte & 3) * 8)) & 0x80) !== 0);
}

/** Cold-path read for tests and the kernel: no access check; unknown CSRs read 0. */
export function getCsr(h: Hart, num: number): bigint {
  bypass = true;
  const ok = csrRead(h, num);
  bypass = false;
  if (!ok) return 0n;
  return BigInt.asUintN(64, (BigInt(h.csrBuf[1]) << 32n) | BigInt(h.csrBuf[0] >>> 0));
}

/** Cold-path write for tests and the kernel: no access check, WARL and side effects apply
 * (cycle/instret write their machine aliases; other read-only CSRs ignore the write). */
export function setCsr(h: Hart, num: number, v: bigint): void {
  const u = BigInt.asUintN(64, v);
  const lo = Number(u & 0xffffffffn) | 0;
  const hi = Number(u >> 32n) | 0;
  if (num === 0xc00) num = 0xb00;
  else if (num === 0xc02) num = 0xb02;
  bypass = true;
  try { csrWrite(h, num, lo, hi); } finally { bypass = false; }
}

/** True when the CSR number is implemented (for disassemblers and tests). */
export function csrExists(h: Hart, num: number): boolean {
  bypass = true;
  const s0 = h.csrBuf[0], s1 = h.csrBuf[1];
  const ok = csrRead(h, num);
  bypass = false;
  h.csrBuf[0] = s0; h.csrBuf[1] = s1;
  return ok;
}

/** CSR name for a number, or null (disassembler helper). */
export function csrName(num: number): string | null {
  for (const k in CSR) if ((CSR as Record<string, number>)[k] === num) return k;
  if (num >= 0x3a0 && num <= 0x3af) return `pmpcfg${num - 0x3a0}`;
  if (num >= 0x3b0 && num <= 0x3ef) return `pmpaddr${num - 0x3b0}`;
  if (num >= 0xc03 && num <= 0xc1f) return `hpmcounter${num - 0xc00}`;
  if (num >= 0xb03 && num <= 0xb1f) return `mhpmcounter${num - 0xb00}`;
  if (num >= 0x323 && num <= 0x33f) return `mhpmevent${num - 0x320}`;
  return null;
}
