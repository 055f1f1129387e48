// Tasks and processes. A Task is a thread of execution (Linux task_struct:
// tid, registers, state, wait bookkeeping); a Process is a thread group
// (tgid, parent and children, the address space, the fd table, credentials,
// limits, exit status). CLONE_VM without CLONE_THREAD (vfork) shares the
// AddressSpace object between processes; CLONE_FILES shares the FdTable.
import type { AddressSpace } from './mm/mm.js';
import type { FdTable } from './fs/file.js';
import type { WaitQueue } from './waitqueue.js';
import type { Kernel } from './kernel.js';
import { RLIM_INFINITY, RLIM_NLIMITS, RLIMIT_NOFILE, RLIMIT_STACK } from '../abi/linux.js';

export const TaskState = { RUNNABLE: 0, SLEEPING: 1, STOPPED: 2, DEAD: 3 } as const;
export type TaskState = (typeof TaskState)[keyof typeof TaskState];

export interface Cred { uid: number; euid: number; suid: number; fsuid: number; gid: number; egid: number; sgid: number; fsgid: number; groups: number[] }

/** Working directory, root and umask (fs_struct); shared under CLONE_FS. */
export interface FsContext { cwd: string; root: string; umask: number; users: number }

/** State a blocked syscall keeps across its re-execution (restart model). */
export interface Restart {
  /** Syscall number that owns this state. */
  nr: number;
  /** Set by a wait-queue wake-up (as opposed to a timeout or a spurious retry). */
  woken: boolean;
  /** Absolute monotonic deadline in ns, or -1. */
  deadline: number;
  /** Per-syscall data. */
  data?: unknown;
}

export class Process {
  readonly threads: Task[] = [];
  readonly children = new Set<Process>();
  parent: Process | null = null;
  /** Exit status in wait(2) encoding, valid once zombie. */
  exitStatus = 0;
  zombie = false;
  /** Signal sent to the parent at exit (clone's CSIGNAL byte; SIGCHLD for fork). */
  exitSignal = 17;
  /** Woken when a child changes state (wait4/waitid sleep here). */
  childWait!: WaitQueue;
  pgid: number;
  sid: number;
  comm = '';
  exe = '';
  argv: string[] = [];
  envp: string[] = [];
  /** [soft, hard] per resource; RLIM_INFINITY (-1) = unlimited. */
  rlimits: [number, number][];
  startNs = 0;
  /** Signal state placeholder for the signals issue (handlers, shared pending set). */
  sighand: unknown = null;
  /** Set while a vfork child runs: the parent sleeps until exec or exit. */
  vforkDone: WaitQueue | null = null;
  /** I/O accounting for /proc/[pid]/io (Linux task_io_accounting, kept per thread group). */
  readonly ioac = { rchar: 0, wchar: 0, syscr: 0, syscw: 0 };
  /** /proc/[pid]/oom_score_adj (-1000..1000). */
  oomScoreAdj = 0;
  /** Whether ptrace-style access (/proc/[pid]/mem, environ, fd) is allowed to same-uid callers (prctl PR_SET_DUMPABLE). */
  dumpable = true;

  constructor(readonly pid: number, public mm: AddressSpace, public files: FdTable, public fs: FsContext, public cred: Cred) {
    this.pgid = pid;
    this.sid = pid;
    this.rlimits = Array.from({ length: RLIM_NLIMITS }, () => [RLIM_INFINITY, RLIM_INFINITY] as [number, number]);
    this.rlimits[RLIMIT_STACK] = [8 * 1024 * 1024, RLIM_INFINITY];
    this.rlimits[RLIMIT_NOFILE] = [1024, 4096];
  }

  get alive(): boolean { return !this.zombie; }
}

/** A task's seccomp state: strict mode, or filters run most recent first (each returns SECCOMP_RET_*). */
export interface SeccompState {
  readonly strict: boolean;
  readonly filters: readonly ((t: Task, nr: number, args: Float64Array) => number)[];
}

export class Task {
  /** Saved integer registers while not on the hart (x[2i] low, x[2i+1] high). */
  readonly regs = new Int32Array(64);
  pc = 0;
  /** Saved FP registers (raw bits) and fcsr parts. */
  readonly fregs = new Int32Array(64);
  fflags = 0;
  frm = 0;
  state: TaskState = TaskState.RUNNABLE;
  /** Queues this task sleeps on (removed from all on wake-up). */
  waitingOn: WaitQueue[] = [];
  /** Absolute monotonic ns at which a sleeping task is woken (timeout), or -1. */
  wakeAt = -1;
  restart: Restart | null = null;
  /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken at exit. */
  clearChildTid = 0;
  robustList = 0;
  robustLen = 0;
  /** Signal state placeholders for the signals issue. */
  sigmask = 0n;
  pending = 0n;
  /**
   * Work to do before this task next returns to user mode (Linux's
   * TIF_SIGPENDING/TIF_NOTIFY_RESUME): when non-zero the run loop calls
   * signalHooks.beforeUser first. The signals issue sets it when a signal is queued.
   */
  notify = 0;
  /** The syscall number the task is blocked in (its pc is on that ecall), or -1. */
  blockedIn = -1;
  /** Fatal signal requested by the kernel (fault with no handler, SIGKILL). */
  killSignal = 0;
  /** Counted by the scheduler. */
  instret = 0;
  /** Name of the wait channel for /proc (wchan) or '' when running. */
  wchan = '';
  /** Last syscall number (for /proc/[pid]/syscall and strace). */
  lastSyscall = -1;
  /** A thread's own name when set through /proc/[pid]/task/[tid]/comm or PR_SET_NAME (null: the process's comm). */
  comm: string | null = null;
  /** seccomp filters (core/kernel/bpf/seccomp.ts; shared, immutable, inherited by clone, kept by execve) and no_new_privs. */
  seccomp: SeccompState | null = null;
  noNewPrivs = false;
  /** Accounting for /proc: minor faults, voluntary/involuntary switches, ns spent on the hart, start time. */
  minflt = 0;
  nvcsw = 0;
  nivcsw = 0;
  runNs = 0;

  /** Mutable only for execve from a non-leader thread, which takes over the leader's tid (de_thread). */
  constructor(public tid: number, public proc: Process, readonly kernel: Kernel) {}

  get tgid(): number { return this.proc.pid; }
  get mm(): AddressSpace { return this.proc.mm; }

  /** Makes the task runnable again (from a wait queue or a timeout). */
  wakeUp(woken: boolean): void {
    if (this.state !== TaskState.SLEEPING) return;
    for (const q of this.waitingOn) q.remove(this);
    this.waitingOn = [];
    this.wakeAt = -1;
    this.wchan = '';
    if (woken && this.restart) this.restart.woken = true;
    this.state = TaskState.RUNNABLE;
    this.kernel.sched.enqueue(this);
  }

  /**
   * Puts the task to sleep on `queues` until woken or until the absolute
   * monotonic `deadline` (ns, -1 = none). The caller returns BLOCK.
   */
  sleepOn(queues: WaitQueue[], deadline = -1, wchan = 'wait'): void {
    for (const q of queues) q.add(this);
    this.state = TaskState.SLEEPING;
    this.wchan = wchan;
    this.wakeAt = deadline;
    if (deadline >= 0) this.kernel.sched.addTimer(this);
  }
}
