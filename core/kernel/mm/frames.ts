// The physical frame allocator: 4 KiB frames of emulated RAM handed out from a
// free stack, each with a reference count (frames shared copy-on-write after
// fork, or by every mapping of a shared page, are freed when the last
// reference goes). Frames are zeroed on allocation. Out of memory is the typed
// result -1, never an exception; the kernel's OOM killer decides what to do.

/** The part of core/hw's PhysMem the kernel's memory code needs. */
export interface Ram {
  readonly base: number;
  readonly size: number;
  readonly u8: Uint8Array;
  readonly view: DataView;
}

export const PGSIZE = 4096;

export class FrameAllocator {
  /** Reference count per frame of RAM (index = (paddr - base) >> 12). */
  readonly refs: Uint16Array;
  private readonly free: Int32Array;
  private nfree = 0;
  /** Frames never handed out (below `first`): reserved for the loader/firmware. */
  readonly firstFrame: number;
  readonly nframes: number;

  /** Manages RAM frames from byte offset `reserve` (rounded up) to the end of RAM. */
  constructor(readonly ram: Ram, reserve = 0) {
    this.nframes = Math.floor(ram.size / PGSIZE);
    this.firstFrame = Math.ceil(reserve / PGSIZE);
    this.refs = new Uint16Array(this.nframes);
    this.free = new Int32Array(this.nframes);
    // Push in reverse so low frames come out first (nicer to read in dumps).
    for (let f = this.nframes - 1; f >= this.firstFrame; f--) this.free[this.nfree++] = f;
  }

  /** Called with a frame's address when its bytes are rewritten (allocation, copy): the hart drops decoded code there. */
  onRewrite: ((pa: number) => void) | null = null;

  get freeCount(): number { return this.nfree; }
  get usableCount(): number { return this.nframes - this.firstFrame; }

  /** A zeroed frame with refcount 1, as a physical address; -1 when RAM is exhausted. */
  alloc(): number {
    if (this.nfree === 0) return -1;
    const f = this.free[--this.nfree];
    this.refs[f] = 1;
    const off = f * PGSIZE;
    this.ram.u8.fill(0, off, off + PGSIZE);
    this.onRewrite?.(this.ram.base + off);
    return this.ram.base + off;
  }

  /** A frame holding a copy of frame `src` (refcount 1), or -1. */
  allocCopy(src: number): number {
    if (this.nfree === 0) return -1;
    const f = this.free[--this.nfree];
    this.refs[f] = 1;
    const off = f * PGSIZE, soff = src - this.ram.base;
    this.ram.u8.copyWithin(off, soff, soff + PGSIZE);
    this.onRewrite?.(this.ram.base + off);
    return this.ram.base + off;
  }

  private index(pa: number): number {
    const f = (pa - this.ram.base) / PGSIZE;
    if (!(f >= this.firstFrame && f < this.nframes && f === Math.floor(f))) throw new RangeError(`bad frame ${pa.toString(16)}`);
    return f;
  }

  refcount(pa: number): number { return this.refs[this.index(pa)]; }

  /** Adds a reference to an allocated frame. */
  incRef(pa: number): void {
    const f = this.index(pa);
    if (this.refs[f] === 0) throw new Error(`incRef of free frame ${pa.toString(16)}`);
    if (this.refs[f] === 0xffff) throw new Error(`frame refcount overflow ${pa.toString(16)}`);
    this.refs[f]++;
  }

  /** Drops a reference; the frame returns to the free stack at zero. Returns the new count. */
  decRef(pa: number): number {
    const f = this.index(pa);
    if (this.refs[f] === 0) throw new Error(`decRef of free frame ${pa.toString(16)}`);
    const n = --this.refs[f];
    if (n === 0) this.free[this.nfree++] = f;
    return n;
  }
}
