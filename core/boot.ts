// The composition root: builds the machine (RAM, bus, hart) and the kernel,
// wires the kernel's Cpu/CpuControl seam to the real hart and its power control to the board,
// installs the console and the syscall table, and returns a handle tests and the CLI drive:
// spawn a program, wait for it, read the console, inspect the kernel.
// The machine parts are imported one by one, not through hw/index.js: the index also loads
// the bare-metal machine, devices and disassembler, which `nodix run` never needs (~60 ms).
import { PhysMem } from './hw/memory.js';
import { Bus } from './hw/bus.js';
import { Hart } from './hw/hart.js';
import type { JitOptions } from './hw/jit/index.js';
import { Clint } from './hw/clint.js';
import { CSR, MSTATUS, setCsr } from './hw/csr.js';
import { Kernel, type PowerReason } from './kernel/kernel.js';
import type { CpuControl } from './kernel/cpu.js';
import { MemoryHost, type Host } from './kernel/host.js';
import { syscallTable } from './syscalls/index.js';
import { FdTable } from './kernel/fs/file.js';
import { execve } from './kernel/exec/loader.js';
import { toBytes } from './kernel/exec/stack.js';
import { reap } from './kernel/proc.js';
import { Inode } from './kernel/fs/bootfs.js';
import { registerConsoleDevices } from './kernel/fs/tty.js';
import { Errno } from './abi/errno.js';
import { mountProcfs, extraEntries } from '../procfs/index.js';
import { moduleSource } from '../procfs/system.js';
import { procEntries } from './kernel/module/procentries.js';
import { nodeModuleSandbox } from './host/sandbox.js';
import { installModuleSandbox, listModules } from './kernel/module/module.js';
import { mountSysfs } from './kernel/module/sysfs.js';
import { depmod } from './kernel/module/depmod.js';
import { UTS_RELEASE } from './syscalls/misc.js';

export interface BootOptions {
  /** RAM size in bytes (default 256 MiB). */
  memory?: number;
  host?: Host;
  deterministic?: boolean;
  seed?: number;
  aslr?: boolean;
  sliceInsns?: number;
  sliceNs?: number;
  /** The hart's translator to WebAssembly: false for the interpreter only, or its options (hotness threshold). */
  jit?: boolean | JitOptions;
  /** Preempt with the CLINT timer interrupt (default) or, when false, by instruction budget only. */
  timer?: boolean;
  /** Guest files to create: path → bytes (mode 0755). */
  files?: Record<string, Uint8Array>;
  /** Host directories visible in the guest (lazy pass-through). */
  mounts?: { host: string; guest: string; rw: boolean }[];
  /** A host directory whose files are copied into the guest's /bin (userland/bin). */
  binDir?: string;
  /** A host directory of modules (*.ko.ts, *.ko.js) installed in /lib/modules/RELEASE with a modules.dep (default: modules/ next to userland/ when binDir is given). */
  modulesDir?: string;
}

/** How the machine stopped after startInit(). */
export interface PowerOff {
  /** poweroff/halt/reboot: reboot(2); init: pid 1 exited (with `once`, when the console
   *  shell exited); deadlock: every task sleeps and nothing can wake one. */
  readonly reason: PowerReason | 'deadlock';
  /** The exit status for the host: 0 for reboot(2); init's exit code, or 128 + its signal. */
  readonly status: number;
}

export interface InitOptions {
  /** Arguments after argv[0]: user=NAME, and `once` (init exits with the console shell's status
   *  instead of respawning it, which ends the machine: what `nodix boot` passes). */
  args?: string[];
  envp?: string[];
}

export interface SpawnOptions { cwd?: string; envp?: string[]; uid?: number; gid?: number }

export interface Booted {
  readonly kernel: Kernel;
  readonly hart: Hart;
  readonly host: Host;
  /** Starts PROGRAM (a guest path) with argv; returns its pid or the exec error. */
  spawn(path: string, argv: string[], opts?: SpawnOptions): number | Errno;
  /** Runs the kernel until pid exits; resolves with its wait status (exit code << 8, or the signal number). */
  wait(pid: number): Promise<number>;
  /** spawn + wait. */
  runProgram(path: string, argv: string[], opts?: SpawnOptions): Promise<{ status: number } | { error: Errno }>;
  /** Starts /sbin/init as pid 1 on the console and runs until the machine stops. */
  startInit(opts?: InitOptions): Promise<PowerOff | { error: Errno }>;
  /** Set once the machine stopped (reboot(2), init's exit). */
  readonly powerOff: PowerOff | null;
}

/**
 * Copies a host directory tree into the guest root (boot image): directories, regular files
 * (read from the host when first used, then the inode's backing, not copied) and symbolic
 * links as links; skips .keep files and the top-level README.md.
 */
function copyTree(host: Host, fs: Booted['kernel']['rootfs'], hostDir: string, guest: string): void {
  const hfs = host.fs!;
  for (const name of hfs.readdir(hostDir) ?? []) {
    if (name === '.keep' || (name === 'README.md' && (guest === '' || guest === '/bin'))) continue;
    const from = `${hostDir}/${name}`, to = `${guest}/${name}`;
    const st = hfs.stat(from);
    if (st === null) continue;
    if (st.isSymlink) { const target = hfs.readlink(from); if (target !== null) { removeEntry(fs, to); fs.symlink(to, target); } }
    else if (st.isDir) { fs.mkdirp(to); copyTree(host, fs, from, to); }
    else if (st.isFile) fs.addLazyFile(to, st.size, () => hfs.readFile(from), st.mode & 0o7777);
  }
}

/** Drops a boot-image entry so a later layer (rootfs over bin) can replace it with a link. */
function removeEntry(fs: Booted['kernel']['rootfs'], path: string): void {
  const dir = fs.lookup(path.slice(0, path.lastIndexOf('/')) || '/');
  const name = path.slice(path.lastIndexOf('/') + 1);
  const old = dir instanceof Inode ? dir.children?.get(name) : undefined;
  if (dir instanceof Inode && old !== undefined && !old.isDir) { dir.children!.delete(name); old.nlink--; }
}

/** Copies *.ko.ts / *.ko.js from a host directory into /lib/modules/RELEASE and writes modules.dep (depmod). */
function installModules(host: Host, fs: Booted['kernel']['rootfs'], dir: string): void {
  const sources: Record<string, string> = {};
  const base = `/lib/modules/${UTS_RELEASE}`;
  fs.mkdirp(base);
  for (const name of host.fs!.readdir(dir) ?? []) {
    if (!/\.ko\.(ts|js)$/.test(name)) continue;
    const b = host.fs!.readFile(`${dir}/${name}`);
    if (b === null) continue;
    fs.addFile(`${base}/${name}`, b, 0o644);
    sources[name] = new TextDecoder().decode(b);
  }
  fs.addFile(`${base}/modules.dep`, toBytes(depmod(sources)), 0o644);
}

/** Exit status for a shell: code, or 128 + signal. */
export function shellStatus(w: number): number { return (w & 0x7f) !== 0 ? 128 + (w & 0x7f) : (w >> 8) & 0xff; }

export function boot(o: BootOptions = {}): Booted {
  const ram = new PhysMem(o.memory ?? 256 * 1024 * 1024);
  const bus = new Bus(ram);
  const hart = new Hart(bus, o.jit === undefined ? {} : { jit: o.jit });
  const host = o.host ?? new MemoryHost();
  // U-mode may use the FPU and read the counters.
  setCsr(hart, CSR.mstatus, BigInt(MSTATUS.FS));
  setCsr(hart, CSR.mcounteren, 7n);
  setCsr(hart, CSR.scounteren, 7n);
  hart.priv = 0;
  // The CLINT drives preemption: mtime is the kernel's monotonic clock at a 10 MHz timebase
  // (as QEMU's virt board); the machine timer interrupt (MTIE) is enabled and, taken from
  // U-mode, reported to the kernel as an interrupt trap.
  let clockNs = (): number => 0;
  const clint = new Clint((bit, on) => hart.setPending(bit, on), () => Math.floor(clockNs() / 100));
  bus.attach(clint);
  setCsr(hart, CSR.mie, 1n << 7n);
  const ctl: CpuControl = {
    fpI32: hart.fp.i32,
    getFcsr: () => ({ fflags: hart.fp.fflags, frm: hart.fp.frm }),
    setFcsr: (fflags, frm) => { hart.fp.fflags = fflags; hart.fp.frm = frm; },
    setSatp: (lo, hi) => { setCsr(hart, CSR.satp, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)); hart.mmu.flush(); },
    flushTlb: () => { hart.mmu.flush(); },
    flushICache: () => { hart.flushDecodeCache(); },
    timer: o.timer === false ? undefined : {
      arm: (ns) => { const t = Math.floor(ns / 100); clint.cmpLo = t % 4294967296 >>> 0; clint.cmpHi = Math.floor(t / 4294967296) >>> 0; clint.update(); },
      disarm: () => { clint.cmpLo = 0xffffffff; clint.cmpHi = 0xffffffff; clint.update(); },
      poll: () => clint.update(),
    },
  };
  // Board power control: reboot(2) and init's exit (the kernel's machineStop) stop the machine.
  // Init's exit counts only for the init startInit() started, not for a spawned program that
  // happens to get pid 1.
  let power: PowerOff | null = null;
  let initStarted = false;
  const board = (reason: PowerReason, status: number): boolean => {
    if (power !== null || (reason === 'init' && !initStarted)) return false;
    power = { reason, status: reason === 'init' ? shellStatus(status) : status };
    return true;
  };
  const kernel = new Kernel({
    cpu: hart, ctl, ram, host, syscalls: syscallTable, power: board,
    deterministic: o.deterministic, seed: o.seed, aslr: o.aslr, sliceInsns: o.sliceInsns, sliceNs: o.sliceNs,
  });
  // rdtime from U-mode reads the same 10 MHz clock as the CLINT's mtime.
  clockNs = () => kernel.monotonicNs();
  hart.readTime = () => clint.mtime();
  kernel.frames.onRewrite = (pa) => { if (hart.codePage[(pa - ram.base) >>> 12]) hart.invalidateRange(pa, 4096); };
  const fs = kernel.rootfs;
  registerConsoleDevices(kernel);
  fs.makeDevNodes();
  mountProcfs(kernel);
  installModuleSandbox(kernel, nodeModuleSandbox);
  moduleSource.list = listModules; // /proc/modules
  extraEntries.table = procEntries; // /proc entries made by modules
  mountSysfs(kernel);
  fs.addFile('/etc/hostname', toBytes(kernel.hostname + '\n'), 0o644);
  fs.addFile('/etc/passwd', toBytes('root:x:0:0:root:/root:/bin/sh\n'), 0o644);
  fs.addFile('/etc/group', toBytes('root:x:0:\n'), 0o644);
  if (o.binDir !== undefined && host.fs !== null) {
    // userland/bin -> /bin (symlinks such as [ -> test kept), then userland/rootfs (next to
    // bin/) over / : /etc, /sbin/init -> ../bin/init, /root, /home/user, /lib/modules...
    copyTree(host, fs, o.binDir.replace(/\/+$/, ''), '/bin');
    const image = o.binDir.replace(/\/bin\/?$/, '/rootfs');
    if (image !== o.binDir) copyTree(host, fs, image, '');
    fs.chown('/home/user', 1000, 1000);
  }
  const modDir = o.modulesDir ?? (o.binDir !== undefined && /userland\/bin\/?$/.test(o.binDir) ? o.binDir.replace(/userland\/bin\/?$/, 'modules') : undefined);
  if (modDir !== undefined && host.fs !== null) installModules(host, fs, modDir);
  for (const [path, bytes] of Object.entries(o.files ?? {})) fs.addFile(path, bytes, 0o755);
  for (const m of o.mounts ?? []) fs.mountHost(m.host, m.guest, m.rw);

  const statuses = new Map<number, number>();

  const spawn = (path: string, argv: string[], so: SpawnOptions = {}): number | Errno => {
    const files = new FdTable();
    for (let fd = 0; fd < 3; fd++) files.install(kernel.console.open(fd), false);
    const cred = kernel.rootCred();
    if (so.uid !== undefined) cred.uid = cred.euid = cred.suid = cred.fsuid = so.uid;
    if (so.gid !== undefined) cred.gid = cred.egid = cred.sgid = cred.fsgid = so.gid;
    const mm = kernel.newAddressSpace();
    const t = kernel.newProcess(null, mm, files, { cwd: so.cwd ?? '/', root: '/', umask: 0o022, users: 1 }, cred);
    t.proc.comm = path.slice(path.lastIndexOf('/') + 1).slice(0, 15);
    kernel.exitListeners.set(t.tid, [(st) => { statuses.set(t.tid, st); }]);
    const r = execve(kernel, t, { path, argv: argv.map(toBytes), envp: (so.envp ?? []).map(toBytes) });
    if (r !== 0) {
      kernel.exitListeners.delete(t.tid);
      files.closeAll();
      t.proc.mm.users = 1;
      mm.destroy();
      kernel.tasks.delete(t.tid);
      reap(kernel, t.proc);
      return r;
    }
    kernel.sched.enqueue(t);
    return t.tid;
  };

  // One driver runs the kernel at a time; concurrent waiters share it and restart it
  // when it stops because another waiter's process exited.
  let driver: Promise<'done' | 'deadlock' | 'until'> | null = null;
  const waiting = new Set<number>();
  const wait = async (pid: number): Promise<number> => {
    if (!statuses.has(pid) && !kernel.procs.has(pid)) throw new Error(`no such process ${pid}`);
    waiting.add(pid);
    try {
      while (!statuses.has(pid)) {
        driver ??= kernel.run(() => [...waiting].some((p) => statuses.has(p))).finally(() => { driver = null; });
        const r = await driver;
        if (!statuses.has(pid) && r !== 'until') throw new Error(`kernel stopped (${r}) before process ${pid} exited`);
      }
    } finally { waiting.delete(pid); }
    const st = statuses.get(pid)!;
    statuses.delete(pid);
    return st;
  };

  const startInit = async (io: InitOptions = {}): Promise<PowerOff | { error: Errno }> => {
    initStarted = true;
    const pid = spawn('/sbin/init', ['/sbin/init', ...(io.args ?? [])], { envp: io.envp ?? [] });
    if (pid instanceof Errno) { initStarted = false; return { error: pid }; }
    const r = await kernel.run(() => power !== null);
    power ??= { reason: r === 'deadlock' ? 'deadlock' : 'init', status: r === 'deadlock' ? 125 : 0 };
    statuses.delete(pid);
    return power;
  };

  return {
    kernel, hart, host, spawn, wait, startInit,
    get powerOff() { return power; },
    async runProgram(path, argv, so) {
      const pid = spawn(path, argv, so);
      if (pid instanceof Errno) return { error: pid };
      return { status: await wait(pid) };
    },
  };
}
