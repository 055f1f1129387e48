// The module API object (api.ts describes it): one per module, built here
// from kernel services and handed into the module's realm through the
// sandbox membrane. Every registration pushes an undo step on the module, so
// a failed init or an unload removes exactly what the module added. Module
// callbacks run through guarded(): the calling task is recorded for
// current()/copyIn/copyOut, and an exception becomes moduleOops.
import { Errno, errnoByCode, EINVAL, ENXIO, EIO, ENODEV } from '../../abi/errno.js';
import { BLOCK } from '../control.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import type { FileOps } from '../fs/file.js';
import { mkdev } from '../fs/devfs.js';
import { Inode } from '../fs/inode.js';
import { WaitQueue } from '../waitqueue.js';
import { BytesObject } from '../mm/vma.js';
import { copyIn, copyOut } from '../mm/uaccess.js';
import { registerKsym, lookupKsym } from '../ksyms.js';
import { attachProbe, detachProbe, probePointNames } from './hooks.js';
import { synthFsType, type SynthDir, type SynthNode } from './synthfs.js';
import { procEntries } from './procentries.js';
import { findModule, moduleOops, use, type LoadedModule } from './module.js';

/** The callback result that means "I put the task to sleep" (ERESTARTSYS). */
export const MOD_BLOCK = -512;
const LEVELS = ['emerg', 'alert', 'crit', 'err', 'warning', 'notice', 'info', 'debug'];
const ERRNOS: Record<string, number> = {
  EPERM: 1, ENOENT: 2, ESRCH: 3, EINTR: 4, EIO: 5, ENXIO: 6, E2BIG: 7, EBADF: 9, EAGAIN: 11, ENOMEM: 12, EACCES: 13,
  EFAULT: 14, EBUSY: 16, EEXIST: 17, ENODEV: 19, EINVAL: 22, ENOSPC: 28, ERANGE: 34, ENOSYS: 38, ENOTTY: 25, EOPNOTSUPP: 95,
};

const cur: { t: Task | null } = { t: null };
const failed = Symbol('failed');

/** Runs a module function for task t (null: timer/work); an exception oopses. */
export function guarded(k: Kernel, m: LoadedModule, what: string, t: Task | null, fn: unknown, self: unknown, args: unknown[]): unknown {
  if (typeof fn !== 'function') return failed;
  const prev = cur.t;
  cur.t = t;
  try { return m.realm.call(fn, self, args); } catch (e) { moduleOops(k, m, what, t, e); return failed; } finally { cur.t = prev; }
}

/** A callback's number → syscall result. */
function result(r: unknown): number | Errno | typeof BLOCK {
  if (r === failed) return EIO;
  if (typeof r !== 'number' || !Number.isFinite(r)) return r === undefined ? 0 : EINVAL;
  if (r === MOD_BLOCK) return BLOCK;
  if (r < 0) return errnoByCode(-r) ?? EINVAL;
  return Math.trunc(r);
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const bytesOf = (v: unknown): Uint8Array | null =>
  typeof v === 'string' ? enc.encode(v) : ArrayBuffer.isView(v) ? new Uint8Array(v.buffer, v.byteOffset, v.byteLength) : null;

export function buildApi(k: Kernel, m: LoadedModule): Record<string, unknown> {
  const track = (what: string, fn: () => void): void => { m.undo.push({ what, fn }); };
  const untrack = (what: string): boolean => {
    const i = m.undo.findIndex((u) => u.what === what);
    if (i < 0) return false;
    const [u] = m.undo.splice(i, 1);
    u.fn();
    return true;
  };
  const wqs: WaitQueue[] = [];
  const pollWq = new WaitQueue();
  track('wait queues', () => { for (const q of wqs) q.wakeAll(); pollWq.wakeAll(); });

  const devOps = (ops: Record<string, unknown>): FileOps => ({
    read(f, t, buf, pos) {
      if (m.state === 'Unloading') return ENXIO;
      const r = guarded(k, m, 'read', t, ops.read, ops, [f.priv, buf.length, pos]);
      const b = bytesOf(r);
      if (b === null) return result(r);
      const n = Math.min(b.length, buf.length);
      buf.set(b.subarray(0, n));
      return n;
    },
    write(f, t, buf, pos) { return m.state === 'Unloading' ? ENXIO : result(guarded(k, m, 'write', t, ops.write, ops, [f.priv, buf, pos])); },
    ioctl(f, t, cmd, arg) { return m.state === 'Unloading' ? ENXIO : ops.ioctl === undefined ? errnoByCode(25)! : result(guarded(k, m, 'ioctl', t, ops.ioctl, ops, [f.priv, cmd, arg])); },
    poll(f) {
      if (ops.poll === undefined || m.state === 'Unloading') return { mask: 0x5, wq: null };
      const r = guarded(k, m, 'poll', k.current, ops.poll, ops, [f.priv]);
      return { mask: typeof r === 'number' ? r : 0x8 /* POLLERR */, wq: pollWq };
    },
    mmap(f) {
      if (ops.mmap === undefined || m.state === 'Unloading') return ENODEV;
      const r = guarded(k, m, 'mmap', k.current, ops.mmap, ops, [f.priv]);
      const b = bytesOf(r);
      if (b === null) { const e = result(r); return e instanceof Errno ? e : ENODEV; }
      return new BytesObject(k.frames, new Uint8Array(b)); // a private copy: the module's bytes never alias guest memory
    },
    lseek(f, off, whence) { const p = whence === 0 ? off : whence === 1 ? f.pos + off : -1; return p < 0 ? EINVAL : p; },
    release(f) {
      if (ops.release !== undefined && m.state !== 'Unloading') guarded(k, m, 'release', k.current, ops.release, ops, [f.priv]);
      m.refs = Math.max(0, m.refs - 1);
    },
  });

  const toSynth = (node: unknown, path: string): SynthNode => {
    const o = node as Record<string, unknown>;
    if (typeof o?.read === 'function') {
      return {
        kind: 'file',
        read: () => { const r = guarded(k, m, `${path}:read`, k.current, o.read, o, []); return r === failed ? '' : String(r); },
        write: typeof o.write === 'function' ? (text) => { const r = result(guarded(k, m, `${path}:write`, k.current, o.write, o, [text])); return typeof r === 'number' || r instanceof Errno ? r : EINVAL; } : undefined,
      };
    }
    return { kind: 'dir', entries: () => Object.fromEntries(Object.keys(o ?? {}).map((n) => [n, toSynth(o[n], `${path}/${n}`)])) };
  };

  const timers = new Map<number, { cancel(): void }>();
  let nextTimer = 1;
  const setTimer = (ms: unknown, fn: unknown): number => {
    if (typeof fn !== 'function') return -22;
    const id = nextTimer++;
    const c = k.sched.addCallback(k.monotonicNs() + Math.max(0, Number(ms) || 0) * 1e6, () => {
      timers.delete(id);
      const i = m.undo.findIndex((u) => u.what === `timer ${id}`);
      if (i >= 0) m.undo.splice(i, 1);
      if (m.state === 'Live') guarded(k, m, 'timer', null, fn, null, []);
    });
    const h = { cancel: () => k.sched.cancelCallback(c) };
    timers.set(id, h);
    track(`timer ${id}`, () => { h.cancel(); timers.delete(id); });
    return id;
  };


  return {
    module: m.name,
    params: { ...m.params },
    errno: ERRNOS,
    BLOCK: MOD_BLOCK,
    printk(level: unknown, msg: unknown) {
      const lv = LEVELS.indexOf(String(level));
      // The level travels as Linux's "<N>" prefix: syslog(2) and /dev/kmsg report it, dmesg strips it.
      k.printk(`<${lv >= 0 ? lv : 4}>${String(msg)}`);
    },
    registerChrdev(major: unknown, name: unknown, ops: unknown, count: unknown = 1) {
      let maj = Number(major) | 0;
      const n = Math.max(1, Math.min(256, Number(count) | 0));
      const nm = String(name);
      if (!/^[A-Za-z0-9_-]{1,32}$/.test(nm) || typeof ops !== 'object' || ops === null) return -22;
      if (maj === 0) { maj = 240; while (maj < 255 && k.chrdevs.get(mkdev(maj, 0)) !== undefined) maj++; }
      if (maj <= 0 || maj > 511) return -22;
      for (let i = 0; i < n; i++) if (k.chrdevs.get(mkdev(maj, i)) !== undefined) return -16;
      const fops = devOps(ops as Record<string, unknown>);
      const o = ops as Record<string, unknown>;
      const nodes: string[] = [];
      for (let i = 0; i < n; i++) {
        const minor = i;
        k.chrdevs.register(mkdev(maj, i), {
          name: nm,
          open(_k, t, flags) {
            if (m.state !== 'Live') return ENXIO;
            const df = m.realm.inject({ minor, flags, pos: 0, priv: null });
            if (o.open !== undefined) {
              const r = result(guarded(k, m, 'open', t, o.open, o, [df]));
              if (r !== 0 && typeof r !== 'number') return r instanceof Errno ? r : EIO;
            }
            m.refs++;
            return { ops: fops, priv: df };
          },
        });
        const path = n === 1 ? `/dev/${nm}` : `/dev/${nm}${i}`;
        const ex = k.rootfs.lookup(path);
        if (!(ex instanceof Inode)) { k.rootfs.addDevice(path, null, mkdev(maj, i), 0o666); nodes.push(path); }
      }
      track(`chrdev ${maj}`, () => {
        for (let i = 0; i < n; i++) k.chrdevs.unregister(mkdev(maj, i));
        for (const p of nodes) {
          const ino = k.rootfs.lookup(p, '/', false);
          const dir = k.rootfs.lookup(p.slice(0, p.lastIndexOf('/')) || '/');
          const name = p.slice(p.lastIndexOf('/') + 1);
          if (ino instanceof Inode && dir instanceof Inode && dir.children?.get(name) === ino) { dir.children.delete(name); ino.nlink--; }
        }
      });
      registerKsym(k, `${nm}_fops`, 'd', m.name);
      return maj;
    },
    unregisterChrdev(major: unknown) { return untrack(`chrdev ${Number(major) | 0}`) ? 0 : -22; },
    addSyscall(nr: unknown, name: unknown, fn: unknown) {
      const n = Number(nr) | 0;
      const nm = String(name);
      if (n < 0 || n >= 2048 || typeof fn !== 'function' || !/^\w{1,32}$/.test(nm)) return -22;
      const prev = k.syscalls[n];
      if (prev !== undefined && prev.handler !== null) return -16;
      k.syscalls[n] = {
        nr: n, name: nm, status: 'supported', note: `module ${m.name}`,
        handler: (t, a) => m.state !== 'Live' ? errnoByCode(38)! : result(guarded(k, m, nm, t, fn, null, [a[0], a[1], a[2], a[3], a[4], a[5]])),
      };
      registerKsym(k, `__riscv_sys_${nm}`, 'T', m.name);
      track(`syscall ${n}`, () => { k.syscalls[n] = prev; });
      return n;
    },
    removeSyscall(nr: unknown) { return untrack(`syscall ${Number(nr) | 0}`) ? 0 : -22; },
    registerFilesystem(name: unknown, root: unknown) {
      const nm = String(name);
      if (!/^[a-z0-9_]{1,32}$/.test(nm) || typeof root !== 'function') return -22;
      if (k.vfs.types.has(nm)) return -16;
      k.vfs.registerFilesystem(synthFsType(nm, 0x6d6f6466, (): SynthDir => {
        const r = guarded(k, m, 'fs_root', k.current, root, null, []);
        const s = toSynth(r === failed ? {} : r, nm);
        return s.kind === 'dir' ? s : { kind: 'dir', entries: () => ({}) };
      }));
      m.busy.push(() => k.vfs.mountList().some((x) => x.type === nm));
      track(`fs ${nm}`, () => { k.vfs.unregisterFilesystem(nm); });
      return 0;
    },
    unregisterFilesystem(name: unknown) {
      const nm = String(name);
      if (k.vfs.mountList().some((x) => x.type === nm)) return -16;
      return untrack(`fs ${nm}`) ? 0 : -22;
    },
    procCreate(name: unknown, file: unknown) {
      const nm = String(name);
      const tb = procEntries(k);
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(nm) || typeof file !== 'object' || file === null) return -22;
      if (tb.has(nm)) return -17;
      const s = toSynth(file, `/proc/${nm}`);
      if (s.kind !== 'file') return -22;
      tb.set(nm, { owner: m.name, read: s.read, write: s.write === undefined ? undefined : (text) => { const r = s.write!(text); return typeof r === 'number' ? 0 : r; } });
      track(`proc ${nm}`, () => { tb.delete(nm); });
      return 0;
    },
    procRemove(name: unknown) { return untrack(`proc ${String(name)}`) ? 0 : -2; },
    setTimer,
    cancelTimer(id: unknown) { return untrack(`timer ${Number(id)}`) ? 0 : -22; },
    scheduleWork(fn: unknown) { return setTimer(0, fn); },
    waitQueue() {
      const q = new WaitQueue();
      wqs.push(q);
      return {
        sleep(timeoutMs?: unknown) {
          const t = cur.t;
          if (t === null) return -22;
          if (t.restart?.woken) { t.restart.woken = false; return 0; }
          t.sleepOn([q], timeoutMs === undefined ? -1 : k.monotonicNs() + Number(timeoutMs) * 1e6, `${m.name}_wait`);
          return MOD_BLOCK;
        },
        wakeAll() { pollWq.wakeAll(); return q.wakeAll(); },
      };
    },
    copyIn(addr: unknown, len: unknown) {
      const t = cur.t;
      if (t === null) return -14;
      const r = copyIn(t.mm, Number(addr), Math.max(0, Number(len) | 0));
      return r instanceof Errno ? -r.code : r;
    },
    copyOut(addr: unknown, data: unknown) {
      const t = cur.t;
      const b = bytesOf(data);
      if (t === null || b === null) return -14;
      const r = copyOut(t.mm, Number(addr), new Uint8Array(b));
      return r instanceof Errno ? -r.code : 0;
    },
    current() {
      const t = cur.t;
      return t === null ? null : { pid: t.proc.pid, tid: t.tid, comm: t.proc.comm, uid: t.proc.cred.uid, euid: t.proc.cred.euid };
    },
    probe(point: unknown, fn: unknown) {
      if (typeof fn !== 'function') return -22;
      const id = attachProbe(k, String(point), m.name, (hit) => {
        const t = hit.task;
        // In the middle of a context switch the task must not be killed: an oops there only logs and taints.
        const victim = hit.point === 'sched:sched_switch' ? null : t;
        guarded(k, m, `probe ${hit.point}`, victim, fn, null, [{ point: hit.point, pid: t?.proc.pid ?? 0, comm: t?.proc.comm ?? '', args: [...hit.args] }]);
      });
      if (id === null) return -2;
      track(`probe ${id}`, () => { detachProbe(k, id); });
      return id;
    },
    unprobe(id: unknown) { return untrack(`probe ${Number(id)}`) ? 0 : -22; },
    probePoints() { return probePointNames(k); },
    exportSymbol(name: unknown, value: unknown) {
      const nm = String(name);
      if (!/^\w{1,64}$/.test(nm)) return -22;
      if (lookupKsym(k, nm) !== undefined) return -17;
      registerKsym(k, nm, typeof value === 'function' ? 'T' : 'D', m.name);
      m.symbols.set(nm, value);
      return 0;
    },
    symbol(name: unknown) {
      const nm = String(name);
      const s = lookupKsym(k, nm);
      if (s === undefined || s.module === '' || s.module === m.name) return m.symbols.get(nm);
      const owner = findModule(k, s.module);
      if (owner === undefined) return undefined;
      use(k, m, owner.name);
      return owner.symbols.get(nm);
    },
  };
}

export { dec };
