// The host behind an interface (DESIGN "The host is behind an interface"):
// console, clock, randomness and host files. core/host/node.ts implements it
// for Node; tests pass an in-memory one. No Node import here.

export interface HostStat { mode: number; size: number; mtimeMs: number; ino: number; isDir: boolean; isFile: boolean; isSymlink: boolean }

export interface HostFs {
  stat(path: string): HostStat | null;
  readFile(path: string): Uint8Array | null;
  readdir(path: string): string[] | null;
  /** Replaces a host file's contents; false on failure. */
  writeFile(path: string, data: Uint8Array): boolean;
  readlink(path: string): string | null;
  /** Confined access below a mount's host directory (hostfs); absent: host mounts are unavailable. */
  readonly confined?: ConfinedHostFs;
}

/**
 * Host file access confined to `root`: `rel` is a list of plain names (no '/',
 * '.', '..'), and every component is opened without following symlinks, so no
 * host symlink or '..' can lead outside root. Errors are positive errno values.
 */
export interface ConfinedHostFs {
  lstat(root: string, rel: string[]): HostStat | number;
  list(root: string, rel: string[]): string[] | number;
  read(root: string, rel: string[]): Uint8Array | number;
  /** Replaces the file's contents (O_NOFOLLOW), then fsyncs it: durable on return. */
  write(root: string, rel: string[], data: Uint8Array): number;
  /** Creates a regular file (O_CREAT|O_EXCL|O_NOFOLLOW). */
  create(root: string, rel: string[], mode: number): number;
  mkdir(root: string, rel: string[], mode: number): number;
  unlink(root: string, rel: string[], dir: boolean): number;
  rename(root: string, from: string[], to: string[]): number;
  link(root: string, from: string[], to: string[]): number;
  symlink(root: string, rel: string[], target: string): number;
  readlink(root: string, rel: string[]): string | number;
  chmod(root: string, rel: string[], mode: number): number;
  truncate(root: string, rel: string[], size: number): number;
}

export interface Host {
  /** Monotonic clock in ns (any origin). */
  monotonicNs(): number;
  /** Wall clock in ns since the epoch. */
  realtimeNs(): number;
  /** Console output for fd 1 or 2. */
  writeConsole(fd: number, bytes: Uint8Array): void;
  /** Starts console input: data as it arrives, then end at EOF. */
  startInput(onData: (b: Uint8Array) => void, onEnd: () => void): void;
  stopInput(): void;
  isTty(fd: number): boolean;
  /** Puts the host terminal in raw mode (the guest's line discipline echoes and edits) or restores it. */
  setRawMode?(on: boolean): void;
  /** The host terminal's size, when it is one. */
  windowSize?(): { rows: number; cols: number } | null;
  /** Calls cb when the host terminal is resized (SIGWINCH for the guest). */
  onResize?(cb: (rows: number, cols: number) => void): void;
  randomBytes(buf: Uint8Array): void;
  readonly fs: HostFs | null;
  /** Resolves after letting the host event loop run (I/O, timers). */
  yieldTick(): Promise<void>;
}

/** An in-memory host for tests and embedding: captured output, scripted input, fixed clock start. */
export class MemoryHost implements Host {
  readonly out: Uint8Array[] = [];
  readonly err: Uint8Array[] = [];
  private input: Uint8Array | null;
  private t0 = Date.now();
  fs: HostFs | null = null;
  constructor(stdin = '', private readonly tty = false) { this.input = new TextEncoder().encode(stdin); }
  monotonicNs(): number { return Math.round(performance.now() * 1e6); }
  realtimeNs(): number { return (this.t0 + performance.now()) * 1e6; }
  writeConsole(fd: number, bytes: Uint8Array): void { (fd === 2 ? this.err : this.out).push(bytes.slice()); }
  startInput(onData: (b: Uint8Array) => void, onEnd: () => void): void {
    const b = this.input;
    this.input = null;
    queueMicrotask(() => { if (b && b.length) onData(b); onEnd(); });
  }
  stopInput(): void {}
  isTty(): boolean { return this.tty; }
  randomBytes(buf: Uint8Array): void { for (let i = 0; i < buf.length; i++) buf[i] = (Math.random() * 256) | 0; }
  yieldTick(): Promise<void> { return new Promise((r) => setTimeout(r, 0)); }
  stdout(): string { return new TextDecoder().decode(concat(this.out)); }
  stderr(): string { return new TextDecoder().decode(concat(this.err)); }
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((s, p) => s + p.length, 0);
  const o = new Uint8Array(n);
  let i = 0;
  for (const p of parts) { o.set(p, i); i += p.length; }
  return o;
}
