// The trace buffer bpf_trace_printk writes to, read at /dev/trace_pipe (a misc
// character device 10:240 made on the first bpf(2) call; /sys belongs to the
// module sysfs, whose generated files cannot block). A read consumes and
// blocks while empty unless O_NONBLOCK, as Linux's tracefs trace_pipe. Lines
// follow ftrace's default format: "comm-pid [cpu] flags timestamp: bpf_trace_printk: msg".
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { WaitQueue } from '../waitqueue.js';
import type { File, FileOps } from '../fs/file.js';
import { BLOCK } from '../control.js';
import { EAGAIN } from '../../abi/errno.js';
import { O_NONBLOCK, POLLIN } from '../../abi/linux.js';
import { mkdev } from '../fs/devfs.js';

export const TRACE_PIPE_PATH = '/dev/trace_pipe';
const MAX_BUFFERED = 1 << 20;

class TraceBuffer {
  chunks: Uint8Array[] = [];
  bytes = 0;
  readonly rq = new WaitQueue();
  push(b: Uint8Array): void {
    this.chunks.push(b); this.bytes += b.length;
    while (this.bytes > MAX_BUFFERED && this.chunks.length > 1) this.bytes -= this.chunks.shift()!.length;
    this.rq.wakeAll();
  }
  read(dst: Uint8Array): number {
    let n = 0;
    while (n < dst.length && this.chunks.length > 0) {
      const c = this.chunks[0], take = Math.min(c.length, dst.length - n);
      dst.set(c.subarray(0, take), n); n += take;
      if (take === c.length) this.chunks.shift(); else this.chunks[0] = c.subarray(take);
    }
    this.bytes -= n;
    return n;
  }
}

const buffers = new WeakMap<Kernel, TraceBuffer>();
export function traceBuffer(k: Kernel): TraceBuffer {
  let b = buffers.get(k);
  if (b === undefined) { b = new TraceBuffer(); buffers.set(k, b); }
  return b;
}

const pipeOps = (k: Kernel): FileOps => ({
  read(f: File, t: Task, buf: Uint8Array) {
    const b = traceBuffer(k);
    if (buf.length === 0) return 0;
    if (b.bytes === 0) {
      if (f.flags & O_NONBLOCK) return EAGAIN;
      t.sleepOn([b.rq], -1, 'trace_pipe');
      return BLOCK;
    }
    return b.read(buf);
  },
  poll() { const b = traceBuffer(k); return { mask: b.bytes > 0 ? POLLIN : 0, wq: b.rq }; },
});

const made = new WeakSet<Kernel>();
/** Creates the trace_pipe node once per kernel (a misc character device, 10:240). */
export function ensureTracePipe(k: Kernel): void {
  if (made.has(k)) return;
  made.add(k);
  try {
    k.rootfs.addDevice(TRACE_PIPE_PATH, pipeOps(k), mkdev(10, 240), 0o444);
  } catch (e) {
    k.printk(`bpf: cannot create ${TRACE_PIPE_PATH}: ${String(e)}`);
  }
}

/** Appends one line to the trace buffer. */
export function traceLine(k: Kernel, t: Task | null, event: string, msg: string): void {
  const ns = k.monotonicNs();
  const ts = `${Math.floor(ns / 1e9)}.${String(Math.floor((ns % 1e9) / 1e3)).padStart(6, '0')}`;
  const who = t === null ? '<idle>-0' : `${t.comm ?? t.proc.comm}-${t.tid}`;
  traceBuffer(k).push(new TextEncoder().encode(`${who.padStart(16)} [000] d..31 ${ts.padStart(12)}: ${event}: ${msg}\n`));
}

/**
 * bpf_trace_printk: formats like Linux (%d %i %u %x %X %ld %lu %lx %lld %llu %llx %p %s %c %%, at most three
 * arguments); returns the bytes written or -EINVAL for a bad format.
 */
export function tracePrintk(k: Kernel, t: Task | null, fmtBytes: Uint8Array, args: bigint[], readStr: (addr: number) => string | null): number {
  const z = fmtBytes.indexOf(0);
  if (z < 0) return -22;
  const fmt = new TextDecoder().decode(fmtBytes.subarray(0, z));
  let out = '', ai = 0;
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i];
    if (ch !== '%') { out += ch; continue; }
    i++;
    if (fmt[i] === '%') { out += '%'; continue; }
    let width = '';
    while (i < fmt.length && /[0-9-]/.test(fmt[i])) width += fmt[i++];
    let longs = 0;
    while (fmt[i] === 'l') { longs++; i++; }
    const conv = fmt[i];
    if (ai >= 3 || conv === undefined) return -22;
    const raw = args[ai++];
    const v = longs >= 1 ? raw : BigInt.asUintN(32, raw);
    let s: string;
    switch (conv) {
      case 'd': case 'i': s = (longs >= 1 ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v)).toString(); break;
      case 'u': s = v.toString(); break;
      case 'x': s = v.toString(16); break;
      case 'X': s = v.toString(16).toUpperCase(); break;
      case 'p': s = '0x' + raw.toString(16); break;
      case 'c': s = String.fromCharCode(Number(v & 0xffn)); break;
      case 's': s = readStr(Number(raw)) ?? '(efault)'; break;
      default: return -22;
    }
    const w = parseInt(width, 10);
    if (!Number.isNaN(w)) s = w < 0 ? s.padEnd(-w) : s.padStart(w, width.startsWith('0') ? '0' : ' ');
    out += s;
  }
  if (out.endsWith('\n')) out = out.slice(0, -1);
  traceLine(k, t, 'bpf_trace_printk', out);
  return out.length + 1;
}
