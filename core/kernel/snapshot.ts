// Typed snapshots of kernel state for procfs and tools (DESIGN: "Data lives in
// subsystems, text in procfs"). Plain data, copied out: procfs formats these
// and never reaches into Task/Process/AddressSpace directly. The few things
// procfs may change (comm, oom_score_adj, hostname, ASLR, another process's
// memory through /proc/[pid]/mem) go through procctl.ts.
import type { Kernel } from './kernel.js';
import { TaskState, type Process, type Task } from './task.js';
import type { VmaInfo } from './mm/vma.js';
import type { Inode } from './fs/inode.js';
import { signalSnapshot, sessionTty, type SignalSnapshot } from './signal/index.js';
import { tracerPid } from './ptrace/index.js';

/** /proc/[pid]/fd/N's magic-link target (the open file's position). */
export { fdPosition } from './fs/anon.js';

export interface TaskSnapshot {
  readonly tid: number;
  readonly tgid: number;
  readonly comm: string;
  /** 'R' running/runnable, 'S' sleeping, 'T' stopped, 't' tracing stop (ptrace), 'Z' zombie. */
  readonly state: 'R' | 'S' | 'T' | 't' | 'Z';
  readonly wchan: string;
  readonly instret: number;
  readonly lastSyscall: number;
  /** The syscall the task sleeps in (its pc is on the ecall), or -1. */
  readonly blockedIn: number;
  readonly pc: number;
  readonly sp: number;
  /** a0..a5 as the task's registers hold them. */
  readonly args: readonly number[];
  readonly minflt: number;
  readonly nvcsw: number;
  readonly nivcsw: number;
  /** ns spent on the hart. */
  readonly runNs: number;
  readonly sigPnd: bigint;
  readonly sigBlk: bigint;
  /** no_new_privs, seccomp mode (0 off, 1 strict, 2 filter) and the number of filters. */
  readonly noNewPrivs: boolean;
  readonly seccompMode: number;
  readonly seccompFilters: number;
}

export interface FdSnapshot {
  readonly fd: number; readonly path: string; readonly flags: number; readonly pos: number; readonly cloexec: boolean;
  /** Mount id and inode number of the file (0 for pipes and anonymous files). */
  readonly mntId: number; readonly ino: number;
}

export interface ProcessSnapshot {
  readonly pid: number;
  readonly ppid: number;
  /** pid of the process tracing this one (ptrace), or 0. */
  readonly tracerPid: number;
  readonly pgid: number;
  readonly sid: number;
  /** The session's controlling terminal (new_encode_dev, 0: none) and its foreground group (-1: none). */
  readonly ttyNr: number;
  readonly tpgid: number;
  readonly comm: string;
  readonly exe: string;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly uid: number; readonly euid: number; readonly suid: number; readonly fsuid: number;
  readonly gid: number; readonly egid: number; readonly sgid: number; readonly fsgid: number;
  readonly groups: readonly number[];
  readonly zombie: boolean;
  readonly exitStatus: number;
  readonly exitSignal: number;
  readonly startNs: number;
  readonly cwd: string;
  readonly root: string;
  readonly umask: number;
  readonly dumpable: boolean;
  readonly oomScoreAdj: number;
  readonly io: { readonly rchar: number; readonly wchar: number; readonly syscr: number; readonly syscw: number };
  readonly threads: readonly TaskSnapshot[];
  readonly signals: { readonly queued: number; readonly shdPnd: bigint; readonly sigIgn: bigint; readonly sigCgt: bigint };
  readonly vm: {
    readonly sizeBytes: number; readonly rssPages: number; readonly hiwaterRssPages: number; readonly brkStart: number; readonly brk: number; readonly stackTop: number;
    readonly vmas: readonly VmaInfo[];
    /** start/end of code and data, start of stack, argv and environment strings (as /proc/[pid]/stat). */
    readonly layout: Readonly<Record<'startCode' | 'endCode' | 'startData' | 'endData' | 'startStack' | 'argStart' | 'argEnd' | 'envStart' | 'envEnd', number>>;
    readonly auxv: readonly (readonly [number, number])[];
  };
  readonly fds: readonly FdSnapshot[];
  readonly rlimits: readonly (readonly [number, number])[];
}

export interface MountSnapshot {
  readonly id: number; readonly parentId: number; readonly dev: number;
  readonly source: string; readonly target: string; readonly type: string; readonly ro: boolean;
  /** The mounted directory's path inside its filesystem ('/' unless a bind mount). */
  readonly root: string;
}

export interface SystemSnapshot {
  readonly uptimeNs: number;
  readonly realtimeNs: number;
  readonly memTotalBytes: number;
  readonly memFreeBytes: number;
  readonly processes: number;
  readonly threads: number;
  readonly running: number;
  readonly blocked: number;
  readonly forks: number;
  readonly contextSwitches: number;
  readonly syscalls: number;
  readonly hostname: string;
  readonly aslr: boolean;
  /** ns the hart spent running tasks (the rest of the uptime is idle). */
  readonly busyNs: number;
  readonly pageFaults: number;
  readonly interrupts: { readonly timer: number; readonly uart: number; readonly soft: number };
  /** Processes in the uninterruptible sleep (none today) and the last pid handed out. */
  readonly lastPid: number;
  readonly openFiles: number;
  readonly filesystems: readonly { readonly name: string; readonly nodev: boolean }[];
  readonly mounts: readonly MountSnapshot[];
  readonly chrdevs: readonly { readonly major: number; readonly name: string }[];
}

const stateChar = (t: Task): TaskSnapshot['state'] =>
  t.state === TaskState.RUNNABLE ? 'R' : t.state === TaskState.SLEEPING ? 'S' : t.state === TaskState.STOPPED ? (t.wchan === 'ptrace_stop' ? 't' : 'T') : 'Z';

function reg(x: Int32Array, r: number): number { return x[2 * r + 1] * 4294967296 + (x[2 * r] >>> 0); }

function taskSnap(k: Kernel, t: Task, sig: SignalSnapshot | null): TaskSnapshot {
  const x = k.regsOf(t);
  const ts = sig?.threads.find((s) => s.tid === t.tid);
  return {
    tid: t.tid, tgid: t.tgid, comm: t.comm ?? t.proc.comm, state: stateChar(t), wchan: t.wchan, instret: t.instret,
    lastSyscall: t.lastSyscall, blockedIn: t.blockedIn, pc: k.pcOf(t), sp: reg(x, 2), args: [10, 11, 12, 13, 14, 15].map((r) => reg(x, r)),
    minflt: t.minflt, nvcsw: t.nvcsw, nivcsw: t.nivcsw, runNs: t.runNs, sigPnd: ts?.sigPnd ?? t.pending, sigBlk: ts?.sigBlk ?? t.sigmask,
    noNewPrivs: t.noNewPrivs, seccompMode: t.seccomp === null ? 0 : t.seccomp.strict ? 1 : 2, seccompFilters: t.seccomp?.filters.length ?? 0,
  };
}

function signals(p: Process): SignalSnapshot | null {
  try { return signalSnapshot(p); } catch { return null; }
}

const noLayout = { startCode: 0, endCode: 0, startData: 0, endData: 0, startStack: 0, argStart: 0, argEnd: 0, envStart: 0, envEnd: 0 };

export function processSnapshot(k: Kernel, p: Process): ProcessSnapshot {
  const c = p.cred;
  const live = !p.zombie && p.mm.users > 0;
  const sig = p.zombie ? null : signals(p);
  const zombieTask: TaskSnapshot = {
    tid: p.pid, tgid: p.pid, comm: p.comm, state: 'Z', wchan: '', instret: 0, lastSyscall: -1, blockedIn: -1, pc: 0, sp: 0, args: [0, 0, 0, 0, 0, 0],
    minflt: 0, nvcsw: 0, nivcsw: 0, runNs: 0, sigPnd: 0n, sigBlk: 0n, noNewPrivs: false, seccompMode: 0, seccompFilters: 0,
  };
  const fds: FdSnapshot[] = [];
  if (!p.zombie) {
    p.files.fds.forEach((e, fd) => {
      if (e) fds.push({ fd, path: e.file.node !== null && e.file.node.ino.nlink === 0 ? `${e.file.path} (deleted)` : e.file.path, flags: e.file.flags, pos: e.file.pos, cloexec: e.cloexec, mntId: e.file.node?.mnt.id ?? 0, ino: e.file.node?.ino.ino ?? 0 });
    });
  }
  const tty = sessionTty(k, p.sid);
  return {
    pid: p.pid, ppid: p.parent?.pid ?? 0, tracerPid: tracerPid(p), pgid: p.pgid, sid: p.sid, ttyNr: tty?.rdev ?? 0, tpgid: tty !== null && tty.pgrp > 0 ? tty.pgrp : -1, comm: p.comm, exe: p.exe, argv: [...p.argv], envp: [...p.envp],
    uid: c.uid, euid: c.euid, suid: c.suid, fsuid: c.fsuid, gid: c.gid, egid: c.egid, sgid: c.sgid, fsgid: c.fsgid, groups: [...c.groups],
    zombie: p.zombie, exitStatus: p.exitStatus, exitSignal: p.exitSignal, startNs: p.startNs, cwd: p.fs.cwd, root: p.fs.root || '/', umask: p.fs.umask,
    dumpable: p.dumpable, oomScoreAdj: p.oomScoreAdj, io: { ...p.ioac },
    threads: p.zombie ? [zombieTask] : p.threads.map((t) => taskSnap(k, t, sig)),
    signals: sig === null ? { queued: 0, shdPnd: 0n, sigIgn: 0n, sigCgt: 0n } : { queued: sig.queued, shdPnd: sig.shdPnd, sigIgn: sig.sigIgn, sigCgt: sig.sigCgt },
    vm: live
      ? { sizeBytes: p.mm.totalVm, rssPages: p.mm.rss, hiwaterRssPages: Math.max(p.mm.rss, p.mm.hiwaterRss), brkStart: p.mm.brkStart, brk: p.mm.brk, stackTop: p.mm.stackTop, vmas: p.mm.snapshot(), layout: { ...p.mm.layout }, auxv: p.mm.auxv.map(([a, b]) => [a, b] as const) }
      : { sizeBytes: 0, rssPages: 0, hiwaterRssPages: 0, brkStart: 0, brk: 0, stackTop: 0, vmas: [], layout: noLayout, auxv: [] },
    fds,
    rlimits: p.rlimits.map(([a, b]) => [a, b] as const),
  };
}

/** Every process (including zombies), by pid. */
export function listProcesses(k: Kernel): ProcessSnapshot[] {
  return [...k.procs.values()].sort((a, b) => a.pid - b.pid).map((p) => processSnapshot(k, p));
}

/** The pids of every process, ascending (cheap: for directory listings). */
export function listPids(k: Kernel): number[] { return [...k.procs.keys()].sort((a, b) => a - b); }

/** The tids of process pid's threads, or null if there is no such process. */
export function listTids(k: Kernel, pid: number): number[] | null {
  const p = k.procs.get(pid);
  if (p === undefined) return null;
  return p.zombie ? [p.pid] : p.threads.map((t) => t.tid);
}

/** One process's snapshot by pid, or null. */
export function processByPid(k: Kernel, pid: number): ProcessSnapshot | null {
  const p = k.procs.get(pid);
  return p === undefined ? null : processSnapshot(k, p);
}

/** Owner of process pid for /proc inode ownership: [euid, egid, dumpable], or null. */
export function processOwner(k: Kernel, pid: number): { uid: number; gid: number; dumpable: boolean } | null {
  const p = k.procs.get(pid);
  return p === undefined ? null : { uid: p.cred.euid, gid: p.cred.egid, dumpable: p.dumpable };
}

/** Device and inode number of the file at an absolute path (for /proc/[pid]/maps), or zeros. */
export function fileIdentity(k: Kernel, path: string): { dev: number; ino: number } {
  if (path.charCodeAt(0) !== 47) return { dev: 0, ino: 0 };
  const r = k.vfs.lookup(path);
  return r instanceof Object && 'sb' in r ? { dev: (r as Inode).sb.dev, ino: (r as Inode).ino } : { dev: 0, ino: 0 };
}

/** Who is asking: the task on the hart during a syscall (procfs' "self"), or null from the embedder. */
export function currentIds(k: Kernel): { pid: number; tid: number; uid: number; euid: number; fsuid: number; gid: number } | null {
  const t = k.current;
  if (t === null || t.state === TaskState.DEAD) return null;
  const c = t.proc.cred;
  return { pid: t.tgid, tid: t.tid, uid: c.uid, euid: c.euid, fsuid: c.fsuid, gid: c.gid };
}

/** The path of directory `d` inside its filesystem (names up to the superblock's root). */
function rootWithin(d: Inode, top: Inode): string {
  const parts: string[] = [];
  for (let c: Inode | null = d; c !== null && c !== top && parts.length < 256; c = c.parent) parts.push(c.name);
  return '/' + parts.reverse().join('/');
}

export function systemSnapshot(k: Kernel): SystemSnapshot {
  let running = 0, blocked = 0, busy = k.busyNs;
  for (const t of k.tasks.values()) { if (t.state === TaskState.RUNNABLE) running++; else if (t.state === TaskState.SLEEPING) blocked++; }
  const files = new Set<unknown>();
  for (const p of k.procs.values()) if (!p.zombie) for (const e of p.files.fds) if (e) files.add(e.file);
  const vfs = k.vfs;
  return {
    uptimeNs: k.monotonicNs(), realtimeNs: k.realtimeNs(),
    memTotalBytes: k.frames.usableCount * 4096, memFreeBytes: k.frames.freeCount * 4096,
    processes: k.procs.size, threads: k.tasks.size, running, blocked, forks: k.forks,
    contextSwitches: k.contextSwitches, syscalls: k.syscallCount, hostname: k.hostname, aslr: k.aslr,
    busyNs: busy, pageFaults: k.pageFaults, interrupts: { timer: k.timerInterrupts, uart: k.uartInterrupts, soft: k.softInterrupts },
    lastPid: Math.max(0, ...k.procs.keys()), openFiles: files.size,
    filesystems: [...vfs.types.values()].map((t) => ({ name: t.name, nodev: t.nodev })),
    mounts: vfs.mounts.map((m) => ({
      id: m.id, parentId: m.parent?.id ?? m.id, dev: m.sb.dev, source: m.sb.source, type: m.sb.type, ro: m.readOnly,
      target: vfs.pathOf({ mnt: m, ino: m.root }),
      root: rootWithin(m.root, m.sb.root),
    })),
    chrdevs: k.chrdevs.list(),
  };
}
