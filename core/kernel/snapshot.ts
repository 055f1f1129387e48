// Typed snapshots of kernel state for procfs and tools (DESIGN: "Data lives in
// subsystems, text in procfs"). Plain data, copied out: procfs formats these
// and never reaches into Task/Process/AddressSpace directly.
import type { Kernel } from './kernel.js';
import { TaskState, type Process, type Task } from './task.js';
import type { VmaInfo } from './mm/vma.js';

export interface TaskSnapshot {
  readonly tid: number;
  readonly tgid: number;
  /** 'R' running/runnable, 'S' sleeping, 'T' stopped, 'Z' zombie. */
  readonly state: 'R' | 'S' | 'T' | 'Z';
  readonly wchan: string;
  readonly instret: number;
  readonly lastSyscall: number;
  readonly pc: number;
}

export interface ProcessSnapshot {
  readonly pid: number;
  readonly ppid: number;
  readonly pgid: number;
  readonly sid: number;
  readonly comm: string;
  readonly exe: string;
  readonly argv: readonly string[];
  readonly envp: readonly string[];
  readonly uid: number; readonly euid: number; readonly suid: number; readonly fsuid: number;
  readonly gid: number; readonly egid: number; readonly sgid: number; readonly fsgid: number;
  readonly groups: readonly number[];
  readonly zombie: boolean;
  readonly exitStatus: number;
  readonly startNs: number;
  readonly cwd: string;
  readonly umask: number;
  readonly threads: readonly TaskSnapshot[];
  readonly vm: {
    readonly sizeBytes: number; readonly rssPages: number; readonly brkStart: number; readonly brk: number; readonly stackTop: number;
    readonly vmas: readonly VmaInfo[];
    /** start/end of code and data, start of stack, argv and environment strings (as /proc/[pid]/stat). */
    readonly layout: Readonly<Record<'startCode' | 'endCode' | 'startData' | 'endData' | 'startStack' | 'argStart' | 'argEnd' | 'envStart' | 'envEnd', number>>;
    readonly auxv: readonly (readonly [number, number])[];
  };
  readonly fds: readonly { fd: number; path: string; flags: number; pos: number; cloexec: boolean }[];
  readonly rlimits: readonly (readonly [number, number])[];
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
}

function taskSnap(k: Kernel, t: Task): TaskSnapshot {
  const state = t.state === TaskState.RUNNABLE ? 'R' : t.state === TaskState.SLEEPING ? 'S' : t.state === TaskState.STOPPED ? 'T' : 'Z';
  return { tid: t.tid, tgid: t.tgid, state, wchan: t.wchan, instret: t.instret, lastSyscall: t.lastSyscall, pc: k.pcOf(t) };
}

export function processSnapshot(k: Kernel, p: Process): ProcessSnapshot {
  const c = p.cred;
  const live = !p.zombie && p.mm.users > 0;
  return {
    pid: p.pid, ppid: p.parent?.pid ?? 0, pgid: p.pgid, sid: p.sid, comm: p.comm, exe: p.exe, argv: [...p.argv], envp: [...p.envp],
    uid: c.uid, euid: c.euid, suid: c.suid, fsuid: c.fsuid, gid: c.gid, egid: c.egid, sgid: c.sgid, fsgid: c.fsgid, groups: [...c.groups],
    zombie: p.zombie, exitStatus: p.exitStatus, startNs: p.startNs, cwd: p.fs.cwd, umask: p.fs.umask,
    threads: p.zombie ? [{ tid: p.pid, tgid: p.pid, state: 'Z', wchan: '', instret: 0, lastSyscall: -1, pc: 0 }] : p.threads.map((t) => taskSnap(k, t)),
    vm: live
      ? { sizeBytes: p.mm.totalVm, rssPages: p.mm.rss, brkStart: p.mm.brkStart, brk: p.mm.brk, stackTop: p.mm.stackTop, vmas: p.mm.snapshot(), layout: { ...p.mm.layout }, auxv: p.mm.auxv.map(([a, b]) => [a, b] as const) }
      : { sizeBytes: 0, rssPages: 0, brkStart: 0, brk: 0, stackTop: 0, vmas: [], layout: { startCode: 0, endCode: 0, startData: 0, endData: 0, startStack: 0, argStart: 0, argEnd: 0, envStart: 0, envEnd: 0 }, auxv: [] },
    fds: p.zombie ? [] : p.files.snapshot(),
    rlimits: p.rlimits.map(([a, b]) => [a, b] as const),
  };
}

/** Every process (including zombies), by pid. */
export function listProcesses(k: Kernel): ProcessSnapshot[] {
  return [...k.procs.values()].sort((a, b) => a.pid - b.pid).map((p) => processSnapshot(k, p));
}

export function systemSnapshot(k: Kernel): SystemSnapshot {
  let running = 0, blocked = 0;
  for (const t of k.tasks.values()) { if (t.state === TaskState.RUNNABLE) running++; else if (t.state === TaskState.SLEEPING) blocked++; }
  return {
    uptimeNs: k.monotonicNs(), realtimeNs: k.realtimeNs(),
    memTotalBytes: k.frames.usableCount * 4096, memFreeBytes: k.frames.freeCount * 4096,
    processes: k.procs.size, threads: k.tasks.size, running, blocked, forks: k.forks,
    contextSwitches: k.contextSwitches, syscalls: k.syscallCount, hostname: k.hostname, aslr: k.aslr,
  };
}
