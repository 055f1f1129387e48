// Helpers shared by the syscall families: argument conversions, Linux struct
// writers (timespec, stat) and user-memory shortcuts on the calling task.
import { Errno, EINVAL } from '../abi/errno.js';
import type { Task } from '../kernel/task.js';
import type { Stat } from '../kernel/fs/file.js';
import { copyIn, copyOut, getUser64 } from '../kernel/mm/uaccess.js';

/** The low 32 bits of an argument as a C int. */
export const int = (v: number): number => (v % 4294967296) | 0;
/** The low 32 bits as an unsigned int. */
export const uint = (v: number): number => (v % 4294967296) >>> 0;

export function isErr(v: unknown): v is Errno { return v instanceof Errno; }

/** A little-endian struct builder. */
export class StructWriter {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(size: number) { this.bytes = new Uint8Array(size); this.view = new DataView(this.bytes.buffer); }
  u8(off: number, v: number): this { this.view.setUint8(off, v); return this; }
  u16(off: number, v: number): this { this.view.setUint16(off, v, true); return this; }
  u32(off: number, v: number): this { this.view.setUint32(off, v >>> 0, true); return this; }
  i32(off: number, v: number): this { this.view.setInt32(off, v | 0, true); return this; }
  /** A 64-bit value from a JS number (negative = two's complement). */
  u64(off: number, v: number): this {
    this.view.setUint32(off, (v % 4294967296) >>> 0, true);
    this.view.setInt32(off + 4, Math.floor(v / 4294967296) | 0, true);
    return this;
  }
  str(off: number, s: string, max: number): this {
    const b = new TextEncoder().encode(s).subarray(0, max - 1);
    this.bytes.set(b, off);
    return this;
  }
}

export function readI64(v: DataView, off: number): number { return v.getInt32(off + 4, true) * 4294967296 + v.getUint32(off, true); }

/** Writes struct timespec {tv_sec, tv_nsec} for ns. */
export function putTimespec(t: Task, va: number, ns: number): 0 | Errno {
  const sec = Math.floor(ns / 1e9);
  return copyOut(t.mm, va, new StructWriter(16).u64(0, sec).u64(8, Math.round(ns - sec * 1e9)).bytes);
}

/** Reads struct timespec as ns; EINVAL when tv_nsec is out of range or tv_sec negative. */
export function getTimespec(t: Task, va: number): number | Errno {
  const b = copyIn(t.mm, va, 16);
  if (isErr(b)) return b;
  const v = new DataView(b.buffer);
  const sec = readI64(v, 0), nsec = readI64(v, 8);
  if (sec < 0 || nsec < 0 || nsec >= 1e9) return EINVAL;
  return sec * 1e9 + nsec;
}

export function getU64(t: Task, va: number): number | Errno { return getUser64(t.mm, va); }

/** struct stat as asm-generic lays it out for 64-bit (128 bytes). */
export function statBytes(s: Stat): Uint8Array {
  const w = new StructWriter(128);
  const ts = (off: number, ns: number) => { const sec = Math.floor(ns / 1e9); w.u64(off, sec).u64(off + 8, Math.floor(ns - sec * 1e9)); };
  w.u64(0, s.dev).u64(8, s.ino).u32(16, s.mode).u32(20, s.nlink).u32(24, s.uid).u32(28, s.gid).u64(32, s.rdev)
    .u64(48, s.size).i32(56, s.blksize).u64(64, s.blocks);
  if (s.times !== undefined) for (let i = 0; i < 3; i++) w.u64(72 + 16 * i, s.times[2 * i]).u64(80 + 16 * i, s.times[2 * i + 1]);
  else { ts(72, s.atimeNs); ts(88, s.mtimeNs); ts(104, s.ctimeNs); }
  return w.bytes;
}

/** True when [va, va+len) lies in the user half (Linux's access_ok). */
export function accessOk(va: number, len: number): boolean { return va >= 0 && len >= 0 && va + len <= 0x40_0000_0000; }

