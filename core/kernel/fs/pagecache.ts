// The page cache: one per regular-file inode, holding the file's pages as
// refcounted frames of emulated RAM. read(2)/write(2) copy through these
// frames and MAP_SHARED mappings map the very same frames (it is the inode's
// MemObject), so both views stay coherent. Pages not yet cached come from the
// inode's `backing` bytes or the filesystem's fill(); absent pages of an
// in-memory file are holes and read as zeros.
import type { FrameAllocator } from '../mm/frames.js';
import { PGSIZE } from '../mm/frames.js';
import type { MemObject } from '../mm/vma.js';
import type { Inode } from './inode.js';

export class PageCache implements MemObject {
  readonly pages = new Map<number, number>();
  /** The inode's own reference plus one per mapping. */
  private refs = 1;
  dirty = false;
  constructor(private readonly frames: FrameAllocator, readonly ino: Inode) {}

  get size(): number { return this.ino.size; }
  get resident(): number { return this.pages.size; }

  /** The inode's initial bytes, read from the host first if the file is a lazy boot-image one. */
  private get backing(): Uint8Array | null {
    const ino = this.ino;
    if (ino.loadBacking !== null) { const load = ino.loadBacking; ino.loadBacking = null; ino.backing = load() ?? new Uint8Array(0); }
    return ino.backing;
  }

  /** Copies page `index`'s current bytes (cached or not) into dst (PGSIZE bytes). */
  private source(index: number, dst: Uint8Array): void {
    const b = this.backing;
    const off = index * PGSIZE;
    if (b !== null) { if (off < b.length) dst.set(b.subarray(off, Math.min(off + PGSIZE, b.length))); }
    else this.ino.ops.fill?.(this.ino, index, dst);
  }

  /** The frame of page `index`, created (and filled) if needed; -1 when out of memory. */
  page(index: number): number {
    let pa = this.pages.get(index);
    if (pa !== undefined) return pa;
    pa = this.frames.alloc();
    if (pa === -1) return -1;
    const r = this.frames.ram;
    const off = pa - r.base;
    // A fresh frame is zeroed: only pages with a source need filling (and their bytes past EOF cleared).
    if (this.backing !== null || this.ino.ops.fill !== undefined) {
      this.source(index, r.u8.subarray(off, off + PGSIZE));
      const tail = this.ino.size - index * PGSIZE;
      if (tail < PGSIZE) r.u8.fill(0, off + Math.max(tail, 0), off + PGSIZE);
    }
    this.pages.set(index, pa);
    return pa;
  }

  getPage(index: number): number {
    if (index * PGSIZE >= this.ino.size) return -2;
    return this.page(index);
  }

  read(pos: number, dst: Uint8Array): number {
    const n = Math.max(0, Math.min(dst.length, this.ino.size - pos));
    const r = this.frames.ram;
    let done = 0;
    while (done < n) {
      const p = pos + done, idx = Math.floor(p / PGSIZE), po = p % PGSIZE;
      const m = Math.min(n - done, PGSIZE - po);
      const pa = this.pages.get(idx);
      if (pa !== undefined) dst.set(r.u8.subarray(pa - r.base + po, pa - r.base + po + m), done);
      else {
        const b = this.backing;
        if (b !== null) {
          const end = Math.min(p + m, b.length);
          if (end > p) dst.set(b.subarray(p, end), done);
          dst.fill(0, done + Math.max(0, end - p), done + m);
        } else if (this.ino.ops.fill !== undefined) {
          const tmp = new Uint8Array(PGSIZE);
          this.ino.ops.fill(this.ino, idx, tmp);
          dst.set(tmp.subarray(po, po + m), done);
        } else dst.fill(0, done, done + m);
      }
      done += m;
    }
    return n;
  }

  /** Writes src at pos (growing the file); returns bytes written or -1 when out of memory. */
  write(pos: number, src: Uint8Array): number {
    const r = this.frames.ram;
    let done = 0;
    while (done < src.length) {
      const p = pos + done, idx = Math.floor(p / PGSIZE), po = p % PGSIZE;
      const m = Math.min(src.length - done, PGSIZE - po);
      const pa = this.page(idx);
      if (pa === -1) break;
      r.u8.set(src.subarray(done, done + m), pa - r.base + po);
      this.frames.onRewrite?.(pa);
      done += m;
      if (p + m > this.ino.size) this.ino.size = p + m;
    }
    if (done > 0) this.dirty = true;
    return done === 0 && src.length > 0 ? -1 : done;
  }

  /** Sets the size: pages wholly past it are dropped, the tail of the last one zeroed. */
  truncate(size: number): void {
    const old = this.ino.size;
    if (size < old) {
      for (const [idx, pa] of this.pages) {
        if (idx * PGSIZE >= size) { this.frames.decRef(pa); this.pages.delete(idx); }
      }
      const last = this.pages.get(Math.floor(size / PGSIZE));
      if (last !== undefined && size % PGSIZE) {
        const r = this.frames.ram;
        r.u8.fill(0, last - r.base + (size % PGSIZE), last - r.base + PGSIZE);
      }
      const b = this.backing;
      if (b !== null && b.length > size) this.ino.backing = b.subarray(0, size);
    }
    this.ino.size = size;
    this.dirty = true;
  }

  /** The whole file as one buffer (exec, host writeback). */
  readAll(): Uint8Array {
    const b = this.backing;
    if (this.pages.size === 0 && b !== null && b.length === this.ino.size) return b;
    const out = new Uint8Array(this.ino.size);
    this.read(0, out);
    return out;
  }

  sync(): void { this.dirty = true; this.ino.ops.writeback?.(this.ino); }

  ref(): void { this.refs++; }
  unref(): void {
    if (--this.refs > 0) return;
    for (const pa of this.pages.values()) this.frames.decRef(pa);
    this.pages.clear();
  }
  /** Drops the inode's reference (file deleted and closed); mappings keep their pages. */
  evict(): void { this.unref(); }
}

export { PGSIZE };
