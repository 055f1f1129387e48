// Trap entry and return (RISC-V Privileged Spec 1.12, sections 3.1.6-3.1.9,
// 3.3.2, 4.1): exceptions and interrupts with delegation through
// medeleg/mideleg, the interrupt priority and global-enable rules, direct and
// vectored trap vectors, the xIE/xPIE/xPP stack, mret/sret, the WFI/TW rule,
// and the embedder path: a trap taken from a mode whose bit is set in
// h.trapToHost is reported (h.trapCause/trapIsInterrupt/trapTval/trapPc) and
// changes nothing else.
import { MSTATUS } from './csr.js';
import type { Hart } from './hart.js';

export const Exc = {
  INSN_MISALIGNED: 0, INSN_ACCESS: 1, ILLEGAL: 2, BREAKPOINT: 3, LOAD_MISALIGNED: 4, LOAD_ACCESS: 5,
  STORE_MISALIGNED: 6, STORE_ACCESS: 7, ECALL_U: 8, ECALL_S: 9, ECALL_M: 11, INSN_PAGE: 12, LOAD_PAGE: 13, STORE_PAGE: 15,
} as const;
export const Irq = { SSI: 1, MSI: 3, STI: 5, MTI: 7, SEI: 9, MEI: 11 } as const;

/** Interrupt causes from highest to lowest priority. */
const IRQ_ORDER = [11, 3, 7, 9, 1, 5];

const INT_BIT = 0x80000000 | 0;

/** Sets the privilege mode and resynchronises the TLB context (use instead of assigning h.priv). */
export function setPriv(h: Hart, priv: number): void {
  h.priv = priv;
  h.mmu.sync(h);
}

function report(h: Hart, cause: number, isInterrupt: boolean, tval: number): void {
  h.trapCause = cause;
  h.trapIsInterrupt = isInterrupt;
  h.trapTval = tval;
  h.trapPc = h.pc;
}

/** Enters the trap handler for `cause` at h.pc: picks M or S, updates the CSRs, priv and pc. */
function enterTrap(h: Hart, cause: number, isInterrupt: boolean, tval: number): void {
  const c = h.csr;
  const p = h.priv;
  let s = c.mstatus;
  const delegated = p <= 1 && (((isInterrupt ? c.mideleg : c.medeleg) >>> cause) & 1) !== 0;
  let vec: number;
  if (delegated) {
    c.scauseLo = cause; c.scauseHi = isInterrupt ? INT_BIT : 0;
    c.sepc = h.pc;
    c.stval = tval;
    s &= ~(MSTATUS.SPIE | MSTATUS.SPP);
    if ((s & MSTATUS.SIE) !== 0) s |= MSTATUS.SPIE;
    if (p === 1) s |= MSTATUS.SPP;
    s &= ~MSTATUS.SIE;
    h.priv = 1;
    vec = c.stvec;
  } else {
    c.mcauseLo = cause; c.mcauseHi = isInterrupt ? INT_BIT : 0;
    c.mepc = h.pc;
    c.mtval = tval;
    s &= ~(MSTATUS.MPIE | MSTATUS.MPP);
    if ((s & MSTATUS.MIE) !== 0) s |= MSTATUS.MPIE;
    s |= p << MSTATUS.MPP_SHIFT;
    s &= ~MSTATUS.MIE;
    h.priv = 3;
    vec = c.mtvec;
  }
  c.mstatus = s;
  const mode = vec & 3;
  const base = vec - mode;
  h.pc = isInterrupt && mode === 1 ? base + 4 * cause : base;
  h.mmu.sync(h);
}

/**
 * Takes exception `code` with `tval` at pc h.pc (delegation via medeleg,
 * xEPC/xCAUSE/xTVAL/xSTATUS updates; exceptions never vector).
 * Returns true if the trap was instead reported to the embedder (h.trapToHost):
 * run() must then return RunExit.TRAP.
 */
export function takeException(h: Hart, code: number, tval: number): boolean {
  if ((h.trapToHost & (1 << h.priv)) !== 0) { report(h, code, false, tval); return true; }
  enterTrap(h, code, false, tval);
  return false;
}

/**
 * The highest-priority interrupt that is pending, enabled in mie and globally
 * enabled at the current privilege, or -1. M-level (not delegated) interrupts
 * are enabled when priv < M or mstatus.MIE; delegated ones when priv < S, or
 * priv == S and mstatus.SIE. M-level ones win over S-level ones.
 */
export function pendingInterrupt(h: Hart): number {
  const c = h.csr;
  const pend = (c.mip | c.mipHw) & c.mie;
  if (pend === 0) return -1;
  const p = h.priv;
  let irqs = p < 3 || (c.mstatus & MSTATUS.MIE) !== 0 ? pend & ~c.mideleg : 0;
  if (irqs === 0 && (p === 0 || (p === 1 && (c.mstatus & MSTATUS.SIE) !== 0))) irqs = pend & c.mideleg;
  if (irqs === 0) return -1;
  for (let k = 0; k < IRQ_ORDER.length; k++) if (((irqs >>> IRQ_ORDER[k]) & 1) !== 0) return IRQ_ORDER[k];
  return -1;
}

/**
 * If an interrupt is pending and enabled at the current privilege (priorities
 * per the spec, mideleg), takes it (or reports it) and returns 1 if taken, 2 if
 * reported to the embedder, 0 if none. xEPC is h.pc: the interrupted
 * instruction has not executed.
 */
export function checkInterrupts(h: Hart): number {
  const c = h.csr;
  if (((c.mip | c.mipHw) & c.mie) === 0) return 0;
  const cause = pendingInterrupt(h);
  if (cause < 0) return 0;
  if ((h.trapToHost & (1 << h.priv)) !== 0) { report(h, cause, true, 0); return 2; }
  enterTrap(h, cause, true, 0);
  return 1;
}

/** mret: false => illegal (below M). Sets h.pc = mepc and pops the M stack. */
export function mret(h: Hart): boolean {
  if (h.priv < 3) return false;
  const c = h.csr;
  let s = c.mstatus;
  const mpp = (s >> MSTATUS.MPP_SHIFT) & 3;
  s &= ~(MSTATUS.MIE | MSTATUS.MPP);          // MPP <- U
  if ((s & MSTATUS.MPIE) !== 0) s |= MSTATUS.MIE;
  s |= MSTATUS.MPIE;
  if (mpp !== 3) s &= ~MSTATUS.MPRV;
  c.mstatus = s;
  h.priv = mpp;
  h.pc = c.mepc;
  h.mmu.sync(h);
  return true;
}

/** sret: false => illegal (U-mode, or S-mode with mstatus.TSR). Sets h.pc = sepc and pops the S stack. */
export function sret(h: Hart): boolean {
  const c = h.csr;
  if (h.priv < 1 || (h.priv === 1 && (c.mstatus & MSTATUS.TSR) !== 0)) return false;
  let s = c.mstatus;
  const spp = (s & MSTATUS.SPP) !== 0 ? 1 : 0;
  s &= ~(MSTATUS.SIE | MSTATUS.SPP | MSTATUS.MPRV); // SPP <- U; new priv < M clears MPRV
  if ((s & MSTATUS.SPIE) !== 0) s |= MSTATUS.SIE;
  s |= MSTATUS.SPIE;
  c.mstatus = s;
  h.priv = spp;
  h.pc = c.sepc;
  h.mmu.sync(h);
  return true;
}

/** wfi: false => illegal. Always legal in M; illegal in U; illegal in S when mstatus.TW. */
export function wfiAllowed(h: Hart): boolean {
  if (h.priv === 3) return true;
  if (h.priv === 0) return false;
  return (h.csr.mstatus & MSTATUS.TW) === 0;
}
