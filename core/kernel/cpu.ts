// What the kernel needs from the hart (core/hw's Hart satisfies it
// structurally; boot.ts wires the real one, unit tests a fake). Keeping this
// small interface here keeps core/kernel free of hardware imports.

export const RUN_BUDGET = 0, RUN_TRAP = 1, RUN_WFI = 2, RUN_HALT = 3;

export interface Cpu {
  /** Integer registers: x[2i] low, x[2i+1] high 32 bits. */
  readonly x: Int32Array;
  pc: number;
  priv: number;
  instret: number;
  trapToHost: number;
  trapCause: number;
  trapIsInterrupt: boolean;
  trapTval: number;
  trapPc: number;
  halted: boolean;
  /** Runs at most budget instructions; returns RUN_*. */
  run(budget: number): number;
}

/** FP state access and MMU control, provided by boot.ts over the real hart. */
export interface CpuControl {
  /** Raw bits of f0..f31 as 64 int32 halves. */
  readonly fpI32: Int32Array;
  getFcsr(): { fflags: number; frm: number };
  setFcsr(fflags: number, frm: number): void;
  /** Sets satp (Sv39 root) and flushes the TLB. */
  setSatp(lo: number, hi: number): void;
  /** Invalidates one page (va) or everything (va = -1). */
  flushTlb(va: number): void;
  /** fence.i equivalent: code pages changed (exec, COW of a text page). */
  flushICache(): void;
  /**
   * The machine timer (the CLINT): arm raises the timer interrupt at a monotonic
   * time (ns), which the hart reports as an interrupt trap from U-mode; poll
   * re-evaluates it between run chunks. Absent: slices end by instruction budget.
   */
  readonly timer?: { arm(deadlineNs: number): void; disarm(): void; poll(): void };
}

export const Exc = {
  INSN_MISALIGNED: 0, INSN_ACCESS: 1, ILLEGAL: 2, BREAKPOINT: 3, LOAD_MISALIGNED: 4, LOAD_ACCESS: 5,
  STORE_MISALIGNED: 6, STORE_ACCESS: 7, ECALL_U: 8, INSN_PAGE: 12, LOAD_PAGE: 13, STORE_PAGE: 15,
} as const;
