// The seam between the kernel core and ptrace (Linux's ptrace_report_syscall,
// ptrace_signal, ptrace_event and the ptrace side of do_wait / exit_notify):
// the trap path, signal delivery, clone, exit and wait4 call these only while
// some task is traced (`tracing > 0`). core/kernel/ptrace/index.ts fills them in.
import type { Kernel } from '../kernel.js';
import type { Process, Task } from '../task.js';

/** A tracee's report to its tracer: tid, wait(2) status, whether it is the exit, the tracee's uid. */
export interface PtraceReport { pid: number; status: number; exited: boolean; uid: number }

/** What a resumed signal-delivery-stop (or a ptrace interrupt) decided. */
export type PtraceSignal = { sig: number; info: Uint8Array } | 'stopped' | null;

export const ptraceHooks: {
  /** Number of traced tasks; every hook is skipped while it is 0. */
  tracing: number;
  /** Syscall entry: true = t entered a syscall-enter (or exit-event) stop; pc stays on the ecall. */
  enter: (t: Task, nr: number) => boolean;
  /** After a completed call (result in a0): event stops, syscall-exit stop, exec's SIGTRAP. */
  exit: (t: Task, nr: number, ok: boolean) => void;
  /** Before dequeuing: a signal the tracer injected on resume, or an interrupt stop. */
  injected: (k: Kernel, t: Task) => PtraceSignal;
  /** A signal was dequeued for a traced task: true = t entered signal-delivery-stop. */
  signalStop: (k: Kernel, t: Task, sig: number, info: Uint8Array) => boolean;
  /** clone created child from t (auto-attach under TRACEFORK/VFORK/CLONE). */
  cloned: (t: Task, child: Task, flags: number, exitSignal: number) => void;
  /** p became a zombie: tell its tracer; detach (or kill, EXITKILL) what p traced. True: the real parent's SIGCHLD waits for the tracer. */
  exited: (k: Kernel, p: Process) => boolean;
  /**
   * wait4/waitid by t (pid selection as wait4's): a tracee's exit or stop (wait status; consumed unless
   * `consume` is false), 'pending' (tracees selected but nothing to report), or null (no tracee selected).
   */
  wait: (t: Task, pid: number, exits: boolean, stops: boolean, consume: boolean) => PtraceReport | 'pending' | null;
  /** Whether zombie c must stay invisible to its real parent's wait (its tracer has not seen the exit yet). */
  hidden: (c: Process) => boolean;
} = {
  tracing: 0,
  enter: () => false,
  exit: () => {},
  injected: () => null,
  signalStop: () => false,
  cloned: () => {},
  exited: () => false,
  wait: () => null,
  hidden: () => false,
};
