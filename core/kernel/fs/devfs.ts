// Character devices and devfs. Drivers register a CharDevice under a device
// number (major, minor) — the same table opens of device nodes go through,
// wherever the node lives (devfs, or a node made by mknod on tmpfs). devfs
// is a tmpfs instance mounted on /dev whose nodes boot creates: null, zero,
// full, random, urandom, kmsg (reads the kernel log), tty, console.
import { EINVAL, ENOSPC, ENXIO, EAGAIN, type Errno } from '../../abi/errno.js';
import { O_NONBLOCK, POLLIN, POLLOUT, S_IFCHR } from '../../abi/linux.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import type { FileOps } from './file.js';
import { WaitQueue } from '../waitqueue.js';
import { BLOCK } from '../control.js';

export const mkdev = (major: number, minor: number): number => (major << 8) | (minor & 0xff) | ((minor & ~0xff) << 12);
export const major = (dev: number): number => (dev >>> 8) & 0xfff;
export const minor = (dev: number): number => (dev & 0xff) | ((dev >>> 12) & ~0xff);

/** A character device driver: open returns the file operations (and private data) for a new description. */
export interface CharDevice {
  readonly name: string;
  open(k: Kernel, t: Task, flags: number): { ops: FileOps; priv?: unknown } | Errno;
}

/** The character device table (Linux's cdev map), keyed by device number. */
export class CharDevices {
  private readonly devs = new Map<number, CharDevice>();
  register(dev: number, d: CharDevice): void { this.devs.set(dev, d); }
  unregister(dev: number): void { this.devs.delete(dev); }
  get(dev: number): CharDevice | undefined { return this.devs.get(dev); }
  /** For /proc/devices: major → name. */
  list(): { major: number; name: string }[] {
    const m = new Map<number, string>();
    for (const [dev, d] of this.devs) if (!m.has(major(dev))) m.set(major(dev), d.name);
    return [...m].sort((a, b) => a[0] - b[0]).map(([major, name]) => ({ major, name }));
  }
}

const simple = (name: string, ops: FileOps): CharDevice => ({ name, open: () => ({ ops }) });

export const devNullOps: FileOps = { read: () => 0, write: (_f, _t, b) => b.length, lseek: () => 0, poll: () => ({ mask: POLLIN | POLLOUT, wq: null }) };
export const devZeroOps: FileOps = { read: (_f, _t, b) => { b.fill(0); return b.length; }, write: (_f, _t, b) => b.length, lseek: () => 0, poll: () => ({ mask: POLLIN | POLLOUT, wq: null }) };
export const devFullOps: FileOps = { read: (_f, _t, b) => { b.fill(0); return b.length; }, write: () => ENOSPC, lseek: () => 0 };

/** /dev/kmsg: each read returns one log record ("prio,seq,usec,-;text\n"), from the oldest; EAGAIN at the end with O_NONBLOCK. */
function kmsgDevice(k: Kernel): CharDevice {
  const wq = new WaitQueue();
  return {
    name: 'mem',
    open: () => ({
      priv: { seq: 0 },
      ops: {
        read(f, t, buf) {
          const p = f.priv as { seq: number };
          const line = k.log[p.seq];
          if (line === undefined) {
            if (f.flags & O_NONBLOCK) return EAGAIN;
            // printk does not wake readers: poll the log every 50 ms.
            t.sleepOn([wq], k.monotonicNs() + 50e6, 'devkmsg_read');
            return BLOCK;
          }
          const m = /^\[\s*([\d.]+)\]\s?(.*)$/.exec(line);
          const usec = m ? Math.round(Number(m[1]) * 1e6) : 0;
          const text = m ? m[2] : line;
          const lv = /^<([0-7])>/.exec(text); // printk level prefix (modules' printk)
          const rec = new TextEncoder().encode(`${lv ? lv[1] : '6'},${p.seq},${usec},-;${lv ? text.slice(3) : text}\n`);
          if (rec.length > buf.length) return EINVAL;
          buf.set(rec);
          p.seq++;
          return rec.length;
        },
        write(_f, _t, buf) { k.printk(new TextDecoder().decode(buf).replace(/^<\d+>/, '').replace(/\n$/, '')); return buf.length; },
        lseek(f, off, whence) { if (whence === 0 && off === 0) { (f.priv as { seq: number }).seq = 0; return 0; } if (whence === 2) { (f.priv as { seq: number }).seq = k.log.length; return 0; } return EINVAL; },
        poll(f) { return { mask: k.log.length > (f.priv as { seq: number }).seq ? POLLIN : 0, wq }; },
      },
    }),
  };
}

/** Registers the memory devices (major 1) in k.chrdevs. */
export function registerMemDevices(k: Kernel, c: CharDevices): void {
  c.register(mkdev(1, 3), simple('mem', devNullOps));
  c.register(mkdev(1, 5), simple('mem', devZeroOps));
  c.register(mkdev(1, 7), simple('mem', devFullOps));
  const rnd: FileOps = { read: (_f, _t, b) => { k.randomBytes(b); return b.length; }, write: (_f, _t, b) => b.length, lseek: () => 0, poll: () => ({ mask: POLLIN | POLLOUT, wq: null }) };
  c.register(mkdev(1, 8), simple('mem', rnd));
  c.register(mkdev(1, 9), simple('mem', rnd));
  c.register(mkdev(1, 11), kmsgDevice(k));
}

/** Device nodes boot creates in /dev: [name, major, minor, mode]. */
export const DEV_NODES: [string, number, number, number][] = [
  ['null', 1, 3, 0o666], ['zero', 1, 5, 0o666], ['full', 1, 7, 0o666], ['random', 1, 8, 0o666], ['urandom', 1, 9, 0o666],
  ['kmsg', 1, 11, 0o644], ['tty', 5, 0, 0o666], ['console', 5, 1, 0o600],
];

/** Opening a device number nobody registered. */
export function noDevice(): Errno { return ENXIO; }
export { S_IFCHR };
