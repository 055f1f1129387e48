// The trap path (xv6's usertrap): the hart returned RunExit.TRAP for the
// current task. An ecall dispatches through the syscall table (a7 = number,
// a0..a5 = arguments, result or -errno in a0, pc past the ecall); a page fault
// goes to the mm; anything else becomes a signal. A host exception in here is
// an oops, never a dead kernel.
import { Exc } from './cpu.js';
import { BLOCK, Control, GONE, NORETURN } from './control.js';
import { Errno, ENOSYS } from '../abi/errno.js';
import { ACCESS_FETCH, ACCESS_LOAD, ACCESS_STORE, FAULT_OK, FAULT_OOM, FAULT_SIGBUS, FAULT_MAPERR, handlePageFault } from './mm/fault.js';
import { SIGBUS, SIGILL, SIGSEGV, SIGTRAP, SEGV_ACCERR, SEGV_MAPERR, ILL_ILLOPC, TRAP_BRKPT, BUS_ADRALN } from '../abi/linux.js';
import { forceSignal } from './proc.js';
import type { Kernel } from './kernel.js';
import { TaskState, type Task } from './task.js';
import { fireProbe, fireSyscallEnter, probesEnabled } from './module/hooks.js';
import { ptraceHooks } from './ptrace/hooks.js';

const args = new Float64Array(6);

/** Optional observer of syscalls (strace, tracepoints): called after each completed call. */
export type SyscallTracer = (t: Task, nr: number, a: Float64Array, ret: number | Errno | Control) => void;
/** Called at syscall entry (tracepoints, seccomp): returning an Errno fails the call without running it. */
export type SyscallFilter = (t: Task, nr: number, a: Float64Array) => Errno | null;
export const traceHooks: { sysEnter: SyscallFilter | null; sysExit: SyscallTracer | null } = { sysEnter: null, sysExit: null };

/** Writes a JS number (safe integer) as a 64-bit register value. */
export function setReg(x: Int32Array, reg: number, v: number): void {
  if ((v | 0) === v) { x[2 * reg] = v; x[2 * reg + 1] = v >> 31; return; } // the usual small result, no division
  x[2 * reg] = v | 0;
  x[2 * reg + 1] = Math.floor(v / 4294967296) | 0;
}
export function getReg(x: Int32Array, reg: number): number { return x[2 * reg + 1] * 4294967296 + (x[2 * reg] >>> 0); }

export function handleTrap(k: Kernel, t: Task): void {
  const cpu = k.cpu;
  if (cpu.trapIsInterrupt) return; // timer/software interrupts: the loop reschedules
  const cause = cpu.trapCause;
  try {
    if (cause === Exc.ECALL_U) { syscall(k, t); return; }
    switch (cause) {
      case Exc.INSN_PAGE: case Exc.LOAD_PAGE: case Exc.STORE_PAGE: {
        const access = cause === Exc.INSN_PAGE ? ACCESS_FETCH : cause === Exc.LOAD_PAGE ? ACCESS_LOAD : ACCESS_STORE;
        const va = cpu.trapTval;
        if (probesEnabled.any) fireProbe(k, 'exceptions:page_fault_user', t, [va, cpu.trapPc, access]);
        const r = handlePageFault(t.mm, va, access);
        if (r === FAULT_OK) {
          t.minflt++; k.pageFaults++;
          if (t.mm.rss > t.mm.hiwaterRss) t.mm.hiwaterRss = t.mm.rss;
          return;
        }
        if (r === FAULT_OOM) { if (!k.oomKill()) forceSignal(k, t, SIGSEGV, SEGV_MAPERR, va); return; }
        if (r === FAULT_SIGBUS) { forceSignal(k, t, SIGBUS, 2 /* BUS_ADRERR */, va); return; }
        forceSignal(k, t, SIGSEGV, r === FAULT_MAPERR ? SEGV_MAPERR : SEGV_ACCERR, va);
        return;
      }
      case Exc.INSN_ACCESS: case Exc.LOAD_ACCESS: case Exc.STORE_ACCESS:
        forceSignal(k, t, SIGSEGV, SEGV_ACCERR, cpu.trapTval); return;
      case Exc.ILLEGAL: forceSignal(k, t, SIGILL, ILL_ILLOPC, cpu.trapPc); return;
      case Exc.BREAKPOINT: forceSignal(k, t, SIGTRAP, TRAP_BRKPT, cpu.trapPc); return;
      case Exc.INSN_MISALIGNED: case Exc.LOAD_MISALIGNED: case Exc.STORE_MISALIGNED:
        forceSignal(k, t, SIGBUS, BUS_ADRALN, cpu.trapTval); return;
      default:
        forceSignal(k, t, SIGILL, ILL_ILLOPC, cpu.trapPc);
    }
  } catch (e) {
    k.oops(t, `trap cause ${cause}`, e);
  }
}

/** /proc/[pid]/io: read(63) readv(65) pread64(67) preadv(69) count as reads, the odd ones as writes, sendfile(71) as both. */
function ioAccount(t: Task, nr: number, n: number): void {
  const io = t.proc.ioac;
  if (nr === 71) { io.syscr++; io.syscw++; io.rchar += n; io.wchar += n; return; }
  if ((nr & 1) === 1) { io.syscr++; io.rchar += n; } else { io.syscw++; io.wchar += n; }
}

/** Dispatches the ecall of the current task t. */
function syscall(k: Kernel, t: Task): void {
  const x = k.cpu.x;
  const nr = x[34];
  for (let i = 0; i < 6; i++) args[i] = x[21 + 2 * i] * 4294967296 + (x[20 + 2 * i] >>> 0);
  k.syscallCount++;
  t.lastSyscall = nr;
  if (ptraceHooks.tracing > 0 && ptraceHooks.enter(t, nr)) return; // syscall-enter stop: pc stays on the ecall
  const spec = nr >= 0 ? k.syscalls[nr] : undefined;
  let r: number | Errno | Control;
  if (probesEnabled.any) {
    fireSyscallEnter(k, t, nr, spec?.name, args);
    if (t.state === TaskState.DEAD) return; // a probe oopsed and killed the task
  }
  const denied = traceHooks.sysEnter !== null ? traceHooks.sysEnter(t, nr, args) : null;
  if (denied !== null) {
    r = denied;
  } else if (spec === undefined || spec.handler === null) {
    r = ENOSYS;
  } else {
    try {
      r = spec.handler(t, args);
    } catch (e) {
      k.oops(t, `syscall ${spec.name}`, e);
      return;
    }
  }
  if (traceHooks.sysExit !== null && r !== BLOCK) traceHooks.sysExit(t, nr, args, r);
  if (probesEnabled.any && r !== BLOCK) fireProbe(k, 'raw_syscalls:sys_exit', t, [nr, typeof r === 'number' ? r : r instanceof Errno ? -r.code : 0]);
  t.blockedIn = -1;
  if (nr >= 63 && nr <= 71 && r !== BLOCK) ioAccount(t, nr, typeof r === 'number' ? r : 0);
  if (typeof r === 'number') {
    t.restart = null;
    if (k.current === t) { setReg(x, 10, r); k.cpu.pc = k.cpu.trapPc + 4; }
    else { setReg(t.regs, 10, r); t.pc += 4; }
  } else if (r instanceof Errno) {
    t.restart = null;
    if (k.current === t) { setReg(x, 10, -r.code); k.cpu.pc = k.cpu.trapPc + 4; }
    else { setReg(t.regs, 10, -r.code); t.pc += 4; }
  } else if (r === BLOCK) {
    // pc stays on the ecall: re-executed on wake-up.
    t.blockedIn = nr;
    return;
  } else if (r === NORETURN || r === GONE) {
    t.restart = null;
  }
  if (ptraceHooks.tracing > 0 && r !== GONE) ptraceHooks.exit(t, nr, r === NORETURN);
}
