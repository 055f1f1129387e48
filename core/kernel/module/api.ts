// The module API: the ONLY file a module may import, and only for types
// (`import type { Kernel, ModuleDefinition } from '.../core/kernel/module/api.js'`;
// test/layout.test.ts enforces it, the loader refuses any other import). The
// object described by `Kernel` is built per module by kapi.ts, frozen, and
// handed to init(k)/exit(k) inside the module's sandbox realm. Every
// registration made through it is recorded against the module and undone at
// unload (or when init fails), whatever the module does.
// Errors: API calls return a negative errno (-EBUSY...) for expected failures;
// callbacks return a number (>= 0 result, < 0 = -errno) or data.

export type ParamType = 'int' | 'string' | 'bool';
export interface ParamSpec { readonly type: ParamType; readonly default: number | string | boolean; readonly description?: string }

/** What a module file exports by default. */
export interface ModuleDefinition {
  readonly name: string;
  readonly description?: string;
  readonly author?: string;
  readonly license?: string;
  readonly version?: string;
  /** Modules whose exported symbols this one uses (loaded first by modprobe; refcounted). */
  readonly depends?: readonly string[];
  readonly params?: Readonly<Record<string, ParamSpec>>;
  init(k: Kernel): number | void;
  exit?(k: Kernel): void;
}

/** An open file of a module's device. `priv` is the module's to use. */
export interface DevFile { readonly minor: number; readonly flags: number; pos: number; priv: unknown }

/** Character device operations. Return -errno for failures. */
export interface CharDevOps {
  open?(f: DevFile): number | void;
  /** Returns the bytes to give (at most count), a string, or -errno. */
  read?(f: DevFile, count: number, pos: number): Uint8Array | string | number;
  /** Consumes data; returns the count taken or -errno. */
  write?(f: DevFile, data: Uint8Array, pos: number): number;
  /** cmd and arg as the caller gave them; use copyIn/copyOut on arg for pointers. */
  ioctl?(f: DevFile, cmd: number, arg: number): number;
  /** POLLIN (1) | POLLOUT (4) ... ; pass a wait queue to be woken on change. */
  poll?(f: DevFile): number;
  /** Bytes backing a mapping (copied into fresh pages; private semantics). */
  mmap?(f: DevFile): Uint8Array | number;
  release?(f: DevFile): void;
}

/** A syscall added by a module: arguments as numbers; return a result or -errno. */
export type SyscallFn = (a0: number, a1: number, a2: number, a3: number, a4: number, a5: number) => number;

/** A file of a module filesystem or /proc entry. */
export interface SimpleFile { read(): string; write?(data: string): number }
export interface SimpleDir { readonly [name: string]: SimpleFile | SimpleDir | undefined }

export interface WaitQueueHandle {
  /** Blocks the calling task until woken (or the timeout in ms passes): the syscall is re-issued then. Returns the BLOCK marker to return from the callback. */
  sleep(timeoutMs?: number): number;
  wakeAll(): number;
}

export interface TaskInfo { readonly pid: number; readonly tid: number; readonly comm: string; readonly uid: number; readonly euid: number }

/** A probe context: the point's arguments. */
export interface ProbeEvent { readonly point: string; readonly pid: number; readonly comm: string; readonly args: readonly number[] }

export const LOG_LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'] as const;
export type LogLevel = typeof LOG_LEVELS[number];

export interface Kernel {
  /** This module's name and parsed parameters. */
  readonly module: string;
  readonly params: Readonly<Record<string, number | string | boolean>>;
  /** Errno values (positive): return -k.errno.EINVAL from a callback. */
  readonly errno: Readonly<Record<string, number>>;
  /** The value a device callback returns after wq.sleep() (the call is re-issued on wake-up). */
  readonly BLOCK: number;

  printk(level: LogLevel, msg: string): void;

  /** Registers major (0 = pick a free one) with minors [0, count); creates /dev/NAME (minor 0) or /dev/NAMEi. Returns the major or -errno. */
  registerChrdev(major: number, name: string, ops: CharDevOps, count?: number): number;
  unregisterChrdev(major: number): number;

  /** Adds a syscall at nr (must be free); returns nr or -EBUSY. */
  addSyscall(nr: number, name: string, fn: SyscallFn): number;
  removeSyscall(nr: number): number;

  /** Registers a filesystem type whose tree is a fixed SimpleDir (mount -t NAME none DIR). */
  registerFilesystem(name: string, root: () => SimpleDir): number;
  unregisterFilesystem(name: string): number;

  /** Creates /proc/NAME (one level) with a reader and an optional writer. */
  procCreate(name: string, file: SimpleFile): number;
  procRemove(name: string): number;

  /** Calls fn after ms of kernel time (from the run loop, synchronously); returns a timer id. */
  setTimer(ms: number, fn: () => void): number;
  cancelTimer(id: number): number;
  /** Runs fn at the next tick of the run loop (deferred work). */
  scheduleWork(fn: () => void): number;

  waitQueue(): WaitQueueHandle;

  /** User memory of the calling task: bytes, or -EFAULT. */
  copyIn(addr: number, len: number): Uint8Array | number;
  copyOut(addr: number, data: Uint8Array): number;
  /** The task the current callback runs for, or null (timers). */
  current(): TaskInfo | null;

  /** Attaches fn to a probe point (tracepoint name or kernel function from kallsyms); returns a probe id or -ENOENT. */
  probe(point: string, fn: (e: ProbeEvent) => void): number;
  unprobe(id: number): number;
  /** Names of every probe point (tracepoints, then kallsyms functions). */
  probePoints(): string[];

  /** Exports a value (function or data) under name; other modules get it with symbol() and depend on this one. */
  exportSymbol(name: string, value: unknown): number;
  /** A symbol exported by another module (recording the dependency), or undefined. */
  symbol(name: string): unknown;
}
