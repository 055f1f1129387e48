// The kernel: tasks and processes, the run loop that puts one task at a time
// on the hart, context switches, time, the OOM killer and oops handling.
// The trap path (syscalls, faults) is in trap.ts; process lifecycle (clone,
// exit, wait) in proc.ts; exec in exec/. Design choices:
// - Preemption: with a machine timer (boot wires the CLINT), each slice arms
//   mtimecmp `sliceNs` ahead; the hart runs in chunks of `chunkInsns`, the
//   CLINT is polled between chunks, and the timer interrupt comes back as an
//   interrupt trap that ends the slice. Without a timer, run(budget) returning
//   BUDGET after `sliceInsns` instructions ends it. Both are deterministic in
//   deterministic mode (time is derived from instret there).
// - The clock is polled when a run ends on its instruction chunk, and every
//   TIMER_POLL_TRAPS traps otherwise, so a task making a syscall every few
//   instructions is still preempted when its slice is over.
// - A syscall that must wait returns BLOCK; the task's pc stays on its ecall,
//   so the call is re-executed when the task wakes (Linux's restart model).
// - Deterministic mode: time is instret × nsPerInsn (+ time skipped while all
//   tasks sleep), randomness comes from a seeded generator.
import type { Cpu, CpuControl } from './cpu.js';
import { RUN_BUDGET, RUN_HALT, RUN_TRAP } from './cpu.js';
import { FrameAllocator, type Ram } from './mm/frames.js';
import { AddressSpace } from './mm/mm.js';
import { PageTable, PTE_R, PTE_W } from './mm/pagetable.js';
import { Scheduler } from './sched.js';
import { Process, Task, TaskState, type Cred, type FsContext } from './task.js';
import { WaitQueue } from './waitqueue.js';
import type { Host } from './host.js';
import type { SyscallSpec } from './syscall.js';
import { handleTrap } from './trap.js';
import { FdTable } from './fs/file.js';
import { Console } from './fs/console.js';
import { RootFs } from './fs/bootfs.js';
import type { Vfs } from './fs/vfs.js';
import type { CharDevices } from './fs/devfs.js';
import { SIGKILL } from '../abi/linux.js';
import { exitGroup, killProcess, signalHooks } from './proc.js';
import { Vdso } from './exec/vdso.js';
import { fireProbe, probesEnabled } from './module/hooks.js';

/** Traps between clock polls when runs keep ending on traps rather than on their chunk (a power of two). */
const TIMER_POLL_TRAPS = 64;

export interface KernelOptions {
  cpu: Cpu;
  ctl: CpuControl;
  ram: Ram;
  host: Host;
  syscalls: readonly SyscallSpec[];
  deterministic?: boolean;
  seed?: number;
  aslr?: boolean;
  sliceInsns?: number;
  /** Time slice when a machine timer is present (default 4 ms). */
  sliceNs?: number;
  /** Bytes at the start of RAM kept out of the frame allocator. */
  reserve?: number;
  hostname?: string;
  /**
   * The board's power control: reboot(2) (poweroff/halt/reboot) and init's exit ('init', with its
   * wait status) stop the machine. Returns false when the board does not stop (no board, or a
   * program spawned by an embedder that merely happens to be pid 1).
   */
  power?: (reason: PowerReason, status: number) => boolean;
}

/** Why the machine stops: reboot(2)'s command, or pid 1 exiting. */
export type PowerReason = 'poweroff' | 'halt' | 'reboot' | 'init';

/** Tiny seeded PRNG (mulberry32) for deterministic mode. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type RunResult = 'idle' | 'busy' | 'done';

export class Kernel {
  readonly cpu: Cpu;
  readonly ctl: CpuControl;
  /** Board power control (KernelOptions.power). */
  readonly power: ((reason: PowerReason, status: number) => boolean) | null;
  readonly host: Host;
  readonly frames: FrameAllocator;
  readonly sched = new Scheduler();
  readonly tasks = new Map<number, Task>();
  readonly procs = new Map<number, Process>();
  readonly syscalls: (SyscallSpec | undefined)[] = [];
  readonly futexQueues = new Map<number, WaitQueue>();
  /** Kernel log (dmesg): oopses, OOM kills, warnings. */
  readonly log: string[] = [];
  readonly deterministic: boolean;
  aslr: boolean;
  /** /proc/sys/kernel/randomize_va_space as last written (2 when ASLR is on by default). */
  randomizeVaSpace: number;
  readonly sliceInsns: number;
  readonly sliceNs: number;
  /** Instructions per run() call between timer polls. */
  readonly chunkInsns = 32768;
  /** Slices ended by the timer interrupt (for /proc/interrupts). */
  timerInterrupts = 0;
  /** Console (UART) input events and software interrupts (for /proc/interrupts). */
  uartInterrupts = 0;
  softInterrupts = 0;
  /** ns the hart spent running tasks (for /proc/stat's cpu line; the rest is idle). */
  busyNs = 0;
  /** Page faults resolved (for /proc/vmstat pgfault). */
  pageFaults = 0;
  /** Root table holding the kernel half, copied into every address space. */
  readonly kernelRoot: PageTable;
  readonly console: Console;
  readonly rootfs: RootFs;
  /** The VFS (mounts, path walk) and the character device table (fs/). */
  get vfs(): Vfs { return this.rootfs.vfs; }
  get chrdevs(): CharDevices { return this.rootfs.chrdevs; }
  readonly vdso: Vdso;
  hostname: string;
  /** The task whose context is on the hart, or null. */
  current: Task | null = null;
  private nextPid = 1;
  private readonly rand: () => number;
  private readonly bootNs: number;
  /** CLOCK_REALTIME - CLOCK_MONOTONIC, fixed at boot (settimeofday would change it). */
  realtimeOffsetNs = 0;
  private skewNs = 0;
  readonly nsPerInsn = 10;
  /** Resolves the idle wait of run() (console input, host events). */
  private idleWake: (() => void) | null = null;
  /** Woken when a top-level process (spawned by the embedder) exits. */
  readonly exitListeners = new Map<number, ((status: number) => void)[]>();
  /** Counters for /proc/stat and benches. */
  /** Set by sched_yield and wake-ups that should preempt: the loop rotates after this trap. */
  needResched = false;
  contextSwitches = 0;
  /** Linux's taint mask (/proc/sys/kernel/tainted): bit 7 D oops, 12 O out-of-tree module, 13 E unsigned module. */
  tainted = 0;
  syscallCount = 0;
  forks = 0;
  private mmIds = new WeakMap<AddressSpace, number>();
  private nextMmId = 1;

  constructor(o: KernelOptions) {
    this.cpu = o.cpu;
    this.ctl = o.ctl;
    this.power = o.power ?? null;
    this.host = o.host;
    this.deterministic = o.deterministic ?? false;
    this.aslr = o.aslr ?? !this.deterministic;
    this.randomizeVaSpace = this.aslr ? 2 : 0;
    this.sliceInsns = o.sliceInsns ?? 200_000;
    this.sliceNs = o.sliceNs ?? 4_000_000;
    this.rand = this.deterministic ? mulberry32(o.seed ?? 1) : Math.random;
    this.hostname = o.hostname ?? 'nodix';
    for (const s of o.syscalls) this.syscalls[s.nr] = s;
    this.frames = new FrameAllocator(o.ram, o.reserve ?? 0);
    this.kernelRoot = new PageTable(this.frames);
    // A supervisor-only kernel window: one page at the base of the kernel half (U=0, so user access faults).
    const kpage = this.frames.alloc();
    this.kernelRoot.map(-0x40_0000_0000, kpage, PTE_R | PTE_W);
    this.bootNs = this.host.monotonicNs();
    this.console = new Console(this);
    this.rootfs = new RootFs(this);
    this.vdso = new Vdso(this.frames);
    // CLOCK_REALTIME = CLOCK_MONOTONIC + a fixed offset (no NTP slewing): the vDSO computes it
    // from rdtime and the offset it reads from its data page.
    this.realtimeOffsetNs = this.deterministic ? 1_700_000_000e9 : Math.round(this.host.realtimeNs() - this.monotonicNs());
    this.vdso.setRealtimeOffset(this.realtimeOffsetNs);
    this.cpu.trapToHost = 1; // every trap from U-mode comes back to us
  }

  // ---- time and randomness ----

  /** CLOCK_MONOTONIC in ns since boot. */
  monotonicNs(): number {
    return this.deterministic ? this.cpu.instret * this.nsPerInsn + this.skewNs : this.host.monotonicNs() - this.bootNs;
  }
  /** CLOCK_REALTIME in ns since the epoch. */
  realtimeNs(): number {
    return this.realtimeOffsetNs + this.monotonicNs();
  }
  randomBytes(buf: Uint8Array): void {
    if (this.deterministic) for (let i = 0; i < buf.length; i++) buf[i] = (this.rand() * 256) | 0;
    else this.host.randomBytes(buf);
  }
  /** A random integer in [0, n) for ASLR (0 when ASLR is off). */
  aslrRandom(n: number): number { return this.aslr ? Math.floor(this.rand() * n) : 0; }

  // ---- processes ----

  allocPid(): number {
    while (this.tasks.has(this.nextPid) || this.procs.has(this.nextPid)) this.nextPid = this.nextPid >= 4194304 ? 2 : this.nextPid + 1;
    return this.nextPid++;
  }

  /** A stable small id per address space (futex keys). */
  mmId(mm: AddressSpace): number {
    let id = this.mmIds.get(mm);
    if (id === undefined) { id = this.nextMmId++; this.mmIds.set(mm, id); }
    return id;
  }

  newAddressSpace(): AddressSpace {
    const mm = new AddressSpace(this.frames, this.kernelRoot.root);
    this.attachMm(mm);
    return mm;
  }
  attachMm(mm: AddressSpace): void {
    mm.tlbFlush = (va) => { if (this.current?.mm === mm) this.ctl.flushTlb(va); };
    mm.onOom = () => this.oomKill();
  }

  /** Creates a process with one task (not yet runnable: exec sets it up). */
  newProcess(parent: Process | null, mm: AddressSpace, files: FdTable, fs: FsContext, cred: Cred): Task {
    const pid = this.allocPid();
    const p = new Process(pid, mm, files, fs, cred);
    p.childWait = new WaitQueue();
    p.parent = parent;
    p.startNs = this.monotonicNs();
    parent?.children.add(p);
    const t = new Task(pid, p, this);
    p.threads.push(t);
    this.procs.set(pid, p);
    this.tasks.set(pid, t);
    return t;
  }

  rootCred(): Cred { return { uid: 0, euid: 0, suid: 0, fsuid: 0, gid: 0, egid: 0, sgid: 0, fsgid: 0, groups: [] }; }

  /** Kernel messages (dmesg); also mirrored to the host's stderr when verbose. */
  printk(msg: string): void {
    const t = this.monotonicNs() / 1e9;
    this.log.push(`[${t.toFixed(6).padStart(12)}] ${msg}`);
  }

  // ---- context switching ----

  /** The live integer registers of t (the hart's while t is current). */
  regsOf(t: Task): Int32Array { return this.current === t ? this.cpu.x : t.regs; }
  pcOf(t: Task): number { return this.current === t ? this.cpu.pc : t.pc; }
  setPc(t: Task, pc: number): void { if (this.current === t) this.cpu.pc = pc; else t.pc = pc; }

  /** Saves the current task's context from the hart into its Task. */
  saveCurrent(): void {
    const t = this.current;
    if (t === null) return;
    t.regs.set(this.cpu.x);
    t.pc = this.cpu.pc;
    t.fregs.set(this.ctl.fpI32);
    const f = this.ctl.getFcsr();
    t.fflags = f.fflags; t.frm = f.frm;
  }

  /** Puts t's context on the hart (saving the previous task's). */
  switchTo(t: Task): void {
    if (this.current === t) return;
    const prev = this.current;
    if (prev !== null && prev.state !== TaskState.DEAD) {
      this.saveCurrent();
      if (prev.state === TaskState.RUNNABLE) prev.nivcsw++; // preempted by another task (a sleep counts at slice end)
    }
    this.cpu.x.set(t.regs);
    this.cpu.pc = t.pc;
    this.cpu.priv = 0;
    this.ctl.fpI32.set(t.fregs);
    this.ctl.setFcsr(t.fflags, t.frm);
    if (prev === null || prev.mm !== t.mm) {
      const [lo, hi] = t.mm.pt.satp();
      this.ctl.setSatp(lo, hi);
    }
    this.current = t;
    this.contextSwitches++;
    if (probesEnabled.any) fireProbe(this, 'sched:sched_switch', t, [prev?.tid ?? 0, t.tid]);
  }

  /** Forgets the hart's context without saving (the current task died or its mm was replaced). */
  dropCurrent(t: Task): void { if (this.current === t) { this.current = null; } }

  // ---- the run loop ----

  /**
   * Runs tasks until none is runnable ('idle'), every process is gone
   * ('done'), or about `maxMs` of host time has passed ('busy').
   */
  runSync(maxMs = 50): RunResult {
    const cpu = this.cpu;
    const stopAt = this.host.monotonicNs() + maxMs * 1e6;
    let checks = 0, traps = 0;
    for (;;) {
      this.sched.fireTimers(this.monotonicNs());
      const t = this.sched.head();
      if (t === null) return this.procs.size === 0 ? 'done' : 'idle';
      this.switchTo(t);
      const timer = this.ctl.timer;
      // With a timer the instruction cap is only a backstop; the CLINT ends the slice.
      // Deterministic mode: seeded slice lengths (0.5x..1.5x), so a seed picks one reproducible interleaving.
      const jitter = this.deterministic ? 0.5 + this.rand() : 1;
      const sliceEnd = cpu.instret + Math.round((timer !== undefined ? this.sliceInsns * 64 : this.sliceInsns) * jitter);
      const sliceStart = this.monotonicNs();
      timer?.arm(sliceStart + Math.round(this.sliceNs * jitter));
      let r = RUN_TRAP;
      while (this.current === t && t.state === TaskState.RUNNABLE) {
        if (t.notify !== 0) {
          t.notify = 0;
          signalHooks.beforeUser?.(this, t);
          if (this.current !== t || t.state !== TaskState.RUNNABLE) break;
        }
        let budget = sliceEnd - cpu.instret;
        if (budget <= 0) { r = RUN_BUDGET; break; }
        if (timer !== undefined && budget > this.chunkInsns) budget = this.chunkInsns;
        const before = cpu.instret;
        try {
          r = cpu.run(budget);
        } catch (e) {
          // An exception out of the emulated hart is a bug below us: contain it like an oops.
          t.instret += cpu.instret - before;
          this.oops(t, 'hart', e);
          break;
        }
        t.instret += cpu.instret - before;
        if (r === RUN_TRAP) {
          if (cpu.trapIsInterrupt) { this.timerInterrupts++; break; } // the slice is over
          handleTrap(this, t);
          if (this.needResched) { this.needResched = false; break; }
          if (timer !== undefined && (++traps & (TIMER_POLL_TRAPS - 1)) === 0) timer.poll();
        } else if (r === RUN_BUDGET && timer !== undefined) {
          timer.poll();
        } else {
          if (r === RUN_HALT) cpu.halted = false;
          break;
        }
        if ((++checks & 1023) === 0 && this.host.monotonicNs() > stopAt) { timer?.disarm(); t.runNs += this.monotonicNs() - sliceStart; this.sched.rotate(); return 'busy'; }
      }
      timer?.disarm();
      const ran = this.monotonicNs() - sliceStart;
      t.runNs += ran; this.busyNs += ran;
      if (t.state === TaskState.SLEEPING || t.state === TaskState.STOPPED) t.nvcsw++;
      if (this.current === t && t.state === TaskState.RUNNABLE) this.sched.rotate();
      if (this.host.monotonicNs() > stopAt) return 'busy';
    }
  }

  /** Wakes the async driver from an idle wait (console input arrived, etc.). */
  kick(): void {
    const w = this.idleWake;
    this.idleWake = null;
    w?.();
  }

  /** True while something outside the guest may still wake a sleeper (console input not at EOF). */
  private hostCanWake(): boolean { return this.console.hasReaders(); }

  /**
   * The async driver: runs until `until()` holds or every process is gone,
   * yielding to the host between chunks and sleeping while idle.
   */
  async run(until: () => boolean = () => false): Promise<'done' | 'deadlock' | 'until'> {
    for (;;) {
      if (until()) return 'until';
      const r = this.runSync();
      if (until()) return 'until';
      if (r === 'done') return 'done';
      if (r === 'busy') { await this.host.yieldTick(); continue; }
      const next = this.sched.nextDeadline();
      if (this.deterministic && next >= 0 && !this.hostCanWake()) {
        this.skewNs += Math.max(0, next - this.monotonicNs());
        continue;
      }
      if (next < 0 && !this.hostCanWake()) {
        this.printk('all tasks sleep with nothing to wake them (deadlock)');
        return 'deadlock';
      }
      await new Promise<void>((resolve) => {
        this.idleWake = resolve;
        if (next >= 0) setTimeout(() => this.kick(), Math.max(0, (next - this.monotonicNs()) / 1e6));
      });
    }
  }

  // ---- failures ----

  /** A host exception inside the kernel on behalf of t: log an oops, kill the task's process, keep going. */
  oops(t: Task, what: string, e: unknown): void {
    const err = e instanceof Error ? e : new Error(String(e));
    this.printk(`Oops: ${what}: ${err.message}`);
    this.printk(`CPU: 0 PID: ${t.tid} Comm: ${t.proc.comm} pc ${this.pcOf(t).toString(16)}`);
    for (const line of (err.stack ?? '').split('\n').slice(1, 12)) this.printk(`  ${line.trim()}`);
    if (t.state !== TaskState.DEAD) killProcess(this, t.proc, SIGKILL);
  }

  /** The OOM killer: kills the process with the largest resident set. Returns false if none could be chosen. */
  oomKill(): boolean {
    let victim: Process | null = null;
    for (const p of this.procs.values()) if (!p.zombie && (victim === null || p.mm.rss > victim.mm.rss)) victim = p;
    if (victim === null) return false;
    this.printk(`Out of memory: Killed process ${victim.pid} (${victim.comm}) total-vm:${victim.mm.totalVm / 1024}kB, anon-rss:${victim.mm.rss * 4}kB`);
    killProcess(this, victim, SIGKILL);
    return true;
  }

  exitGroup(t: Task, status: number): void { exitGroup(this, t, status); }
}
