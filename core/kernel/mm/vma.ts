// Virtual memory areas and the objects behind shared and file mappings.
// A Vma is one contiguous range of an address space with one protection and
// one backing: private anonymous (demand-zero, copy-on-write after fork),
// shared (every mapping sees the same physical page, held by a MemObject), or
// private file (a private copy of the object's page made at fault time).
import { FrameAllocator, PGSIZE } from './frames.js';

/**
 * A pageable object: shared anonymous memory (ShmObject) or, once the VFS
 * exists, a file's page cache. The object owns one reference to each page it
 * returns; mappers add their own with frames.incRef.
 */
export interface MemObject {
  /** Frame of page `index`: a physical address, -1 out of memory, -2 past the end (SIGBUS). */
  getPage(index: number): number;
  /** Size in bytes, for SIGBUS past EOF (Infinity for anonymous memory). */
  readonly size: number;
  ref(): void;
  unref(): void;
  /** Optional: called by msync for shared file mappings. */
  sync?(): void;
}

/** Shared anonymous memory (MAP_SHARED|MAP_ANONYMOUS, shmem): pages created zeroed on first touch. */
export class ShmObject implements MemObject {
  private readonly pages = new Map<number, number>();
  private refs = 1;
  constructor(private readonly frames: FrameAllocator, readonly size = Infinity) {}
  getPage(index: number): number {
    if (index * PGSIZE >= this.size) return -2;
    let pa = this.pages.get(index);
    if (pa === undefined) {
      pa = this.frames.alloc();
      if (pa === -1) return -1;
      this.pages.set(index, pa);
    }
    return pa;
  }
  get resident(): number { return this.pages.size; }
  ref(): void { this.refs++; }
  unref(): void {
    if (--this.refs > 0) return;
    for (const pa of this.pages.values()) this.frames.decRef(pa);
    this.pages.clear();
  }
}

/** Read-only bytes exposed as pages (a host file or an in-memory file before the VFS has a page cache). */
export class BytesObject implements MemObject {
  private readonly pages = new Map<number, number>();
  private refs = 1;
  constructor(private readonly frames: FrameAllocator, private readonly bytes: Uint8Array) {}
  get size(): number { return this.bytes.length; }
  getPage(index: number): number {
    const off = index * PGSIZE;
    if (off >= this.bytes.length) return -2;
    let pa = this.pages.get(index);
    if (pa === undefined) {
      pa = this.frames.alloc();
      if (pa === -1) return -1;
      const r = this.frames.ram;
      r.u8.set(this.bytes.subarray(off, Math.min(off + PGSIZE, this.bytes.length)), pa - r.base);
      this.pages.set(index, pa);
    }
    return pa;
  }
  ref(): void { this.refs++; }
  unref(): void {
    if (--this.refs > 0) return;
    for (const pa of this.pages.values()) this.frames.decRef(pa);
    this.pages.clear();
  }
}

export const VM_READ = 1, VM_WRITE = 2, VM_EXEC = 4; // same bits as PROT_*
export const VM_SHARED = 8, VM_GROWSDOWN = 16;

export class Vma {
  constructor(
    public start: number,
    public end: number,
    /** VM_READ | VM_WRITE | VM_EXEC | VM_SHARED | VM_GROWSDOWN */
    public flags: number,
    /** Backing object (shared mappings, file mappings); null for anonymous private memory. */
    public obj: MemObject | null,
    /** Page index into obj of `start`. */
    public pgoff: number,
    /** What /proc/[pid]/maps shows: a path, '[heap]', '[stack]', '[vdso]' or ''. */
    public name: string,
  ) {}
  get prot(): number { return this.flags & 7; }
  get shared(): boolean { return (this.flags & VM_SHARED) !== 0; }
  /** A copy covering [start, end) of this one (same object, adjusted offset, object reference added). */
  slice(start: number, end: number): Vma {
    this.obj?.ref();
    return new Vma(start, end, this.flags, this.obj, this.pgoff + (start - this.start) / PGSIZE, this.name);
  }
}

/** A typed snapshot of a VMA for /proc/[pid]/maps and friends. */
export interface VmaInfo {
  readonly start: number;
  readonly end: number;
  readonly prot: number;
  readonly shared: boolean;
  readonly offset: number;
  readonly name: string;
  readonly rssPages: number;
}
