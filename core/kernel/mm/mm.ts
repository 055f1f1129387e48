// An address space (Linux's mm_struct): a sorted list of VMAs plus the Sv39
// table the hart walks. The mapping mechanism (mmap, munmap, mprotect, mremap,
// brk, madvise, fork's copy-on-write duplication, teardown) lives here; the
// page-fault handler is in fault.ts and user-copy helpers in uaccess.ts.
// Invariant: every present leaf PTE holds exactly one reference to its frame.
import { FrameAllocator, PGSIZE } from './frames.js';
import { PageTable, PTE_COW, PTE_R, PTE_U, PTE_W, PTE_X, PTE_V, leafFlags } from './pagetable.js';
import { Vma, VM_SHARED, VM_WRITE, type MemObject, type VmaInfo } from './vma.js';
import { EEXIST, EINVAL, ENOMEM, EFAULT, type Errno } from '../../abi/errno.js';

/** Top of user space: Sv39 gives 2^38 bytes to the lower half. */
export const TASK_SIZE = 0x40_0000_0000;
/** Lowest address mmap hands out without MAP_FIXED (vm.mmap_min_addr). */
export const MMAP_MIN_ADDR = 0x10000;

export const pageDown = (a: number): number => a - (a % PGSIZE);
export const pageUp = (a: number): number => Math.ceil(a / PGSIZE) * PGSIZE;

/** PTE flags for a VMA protection (PROT_* bits), for a user page. */
export function protToPte(prot: number): number {
  return PTE_U | (prot & 1 ? PTE_R : 0) | (prot & 2 ? PTE_W | PTE_R : 0) | (prot & 4 ? PTE_X : 0);
}

export class AddressSpace {
  readonly pt: PageTable;
  vmas: Vma[] = [];
  /** Heap: [brkStart, brk) rounded to pages is the '[heap]' VMA. */
  brkStart = 0;
  brk = 0;
  /** Top of the top-down mmap area. */
  mmapBase = 0x20_0000_0000;
  stackTop = 0;
  /** Tasks using this address space (CLONE_VM shares it). */
  users = 1;
  /** Set by the kernel: run the OOM killer; true when memory may have been freed (retry). */
  onOom: () => boolean = () => false;
  /** Set by the kernel: invalidate the hart's TLB for one page, or everything (va = -1). */
  tlbFlush: (va: number) => void = () => {};
  /** Layout recorded by exec for /proc/[pid]/stat, cmdline and environ (Linux mm_struct fields). */
  layout = { startCode: 0, endCode: 0, startData: 0, endData: 0, startStack: 0, argStart: 0, argEnd: 0, envStart: 0, envEnd: 0 };
  /** The auxv handed to the program (for /proc/[pid]/auxv): [type, value] pairs without AT_NULL. */
  auxv: [number, number][] = [];
  /** Resident pages mapped here (RSS). */
  rss = 0;
  /** Largest rss seen at a page fault (VmHWM). */
  hiwaterRss = 0;

  constructor(readonly frames: FrameAllocator, kernelRoot = -1) {
    this.pt = new PageTable(frames, kernelRoot);
  }

  /** The VMA containing va, or null (binary search). */
  findVma(va: number): Vma | null {
    const v = this.vmas;
    let lo = 0, hi = v.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = v[mid];
      if (va < m.start) hi = mid - 1;
      else if (va >= m.end) lo = mid + 1;
      else return m;
    }
    return null;
  }

  /** True when nothing is mapped in [start, end). */
  isFree(start: number, end: number): boolean {
    for (const m of this.vmas) if (m.start < end && start < m.end) return false;
    return true;
  }

  private insert(vma: Vma): void {
    let i = 0;
    while (i < this.vmas.length && this.vmas[i].start < vma.start) i++;
    this.vmas.splice(i, 0, vma);
  }

  /** A free range of `len` bytes: top-down below mmapBase (Linux's default layout), or -1. */
  unmappedArea(len: number, hint: number): number {
    if (hint !== 0) {
      const h = pageUp(hint);
      if (h >= MMAP_MIN_ADDR && h + len <= TASK_SIZE && this.isFree(h, h + len)) return h;
    }
    let top = this.mmapBase;
    for (let i = this.vmas.length - 1; i >= -1; i--) {
      const m = i >= 0 ? this.vmas[i] : null;
      if (m !== null && m.start >= top) continue;
      const floor = m === null ? MMAP_MIN_ADDR : m.end;
      if (top - len >= floor) return top - len;
      if (m !== null) top = Math.min(top, m.start);
    }
    return -1;
  }

  /**
   * Creates a mapping (mmap's mechanism). `addr` is used as is when `fixed`
   * (replacing what is there unless `noreplace`), else as a hint.
   */
  map(addr: number, len: number, prot: number, shared: boolean, obj: MemObject | null, pgoff: number,
    name: string, fixed: boolean, noreplace = false, extraFlags = 0): number | Errno {
    len = pageUp(len);
    if (len <= 0 || len > TASK_SIZE) return ENOMEM;
    let start: number;
    if (fixed) {
      if (addr % PGSIZE !== 0) return EINVAL;
      if (addr < 0 || addr + len > TASK_SIZE) return ENOMEM;
      if (!this.isFree(addr, addr + len)) {
        if (noreplace) return EEXIST;
        this.unmap(addr, len);
      }
      start = addr;
    } else {
      start = this.unmappedArea(len, addr);
      if (start === -1) return ENOMEM;
    }
    obj?.ref();
    this.insert(new Vma(start, start + len, (prot & 7) | (shared ? VM_SHARED : 0) | extraFlags, obj, pgoff, name));
    if (obj === null) this.mergeAdjacent();
    return start;
  }

  /** Splits VMAs so that `at` is a boundary. */
  private splitAt(at: number): void {
    const m = this.findVma(at);
    if (m === null || m.start === at) return;
    const tail = m.slice(at, m.end);
    m.end = at;
    this.insert(tail);
  }

  /** Drops the PTEs of [start, end) and their frame references. */
  zapRange(start: number, end: number): void {
    const n = this.pt.zapLeaves(start, end);
    if (n > 0) { this.rss -= n; this.tlbFlush(-1); }
  }

  /** munmap's mechanism: removes every mapping in [start, start+len). */
  unmap(start: number, len: number): void {
    const end = start + pageUp(len);
    this.splitAt(start);
    this.splitAt(end);
    this.zapRange(start, end);
    const keep: Vma[] = [];
    for (const m of this.vmas) {
      if (m.start >= start && m.end <= end) m.obj?.unref();
      else keep.push(m);
    }
    this.vmas = keep;
  }

  /** mprotect's mechanism; ENOMEM when part of the range is unmapped (nothing changed then). */
  protect(start: number, len: number, prot: number): 0 | Errno {
    const end = start + pageUp(len);
    for (let a = start; a < end;) {
      const m = this.findVma(a);
      if (m === null) return ENOMEM;
      a = m.end;
    }
    this.splitAt(start);
    this.splitAt(end);
    for (const m of this.vmas) {
      if (m.start < start || m.end > end) continue;
      m.flags = (m.flags & ~7) | (prot & 7);
      const base = protToPte(prot);
      this.pt.forEachLeaf(m.start, m.end, (_va, pte) => {
        let f = base;
        // A private page still shared with another mm stays read-only until its COW fault.
        if (!m.shared && (f & PTE_W) && this.frames.refcount(this.pt.ptePa(pte)) > 1) f = (f & ~PTE_W) | PTE_COW;
        this.pt.setFlags(pte, leafFlags(f));
      });
    }
    this.mergeAdjacent();
    this.tlbFlush(-1);
    return 0;
  }

  /** Merges neighbouring anonymous private VMAs with equal flags (keeps the list short after mprotect). */
  private mergeAdjacent(): void {
    const out: Vma[] = [];
    for (const m of this.vmas) {
      const p = out[out.length - 1];
      if (p !== undefined && p.end === m.start && p.flags === m.flags && p.obj === null && m.obj === null && p.name === m.name) p.end = m.end;
      else out.push(m);
    }
    this.vmas = out;
  }

  /** madvise(MADV_DONTNEED): private anonymous pages read back as zero, shared ones refault from their object. */
  dontNeed(start: number, len: number): 0 | Errno {
    const end = start + pageUp(len);
    for (let a = start; a < end;) {
      const m = this.findVma(a);
      if (m === null) return ENOMEM;
      a = m.end;
    }
    this.zapRange(start, end);
    return 0;
  }

  /** brk's mechanism: returns the new break, or the old one when the request cannot be met. */
  setBrk(want: number): number {
    if (want < this.brkStart) return this.brk;
    const oldTop = pageUp(this.brk), newTop = pageUp(want);
    if (newTop > oldTop) {
      if (!this.isFree(oldTop, newTop) || newTop > this.mmapBase) return this.brk;
      const heap = this.findVma(oldTop - 1);
      if (heap !== null && heap.name === '[heap]' && heap.end === oldTop) heap.end = newTop;
      else this.insert(new Vma(oldTop, newTop, 3, null, 0, '[heap]'));
    } else if (newTop < oldTop) {
      this.unmap(newTop, oldTop - newTop);
    }
    this.brk = want;
    return want;
  }

  /**
   * mremap's mechanism for whole-page ranges inside one VMA: shrink in place,
   * grow in place when the following range is free, else move (when allowed).
   */
  remap(old: number, oldLen: number, newLen: number, mayMove: boolean, fixedAt = -1): number | Errno {
    oldLen = pageUp(oldLen); newLen = pageUp(newLen);
    const m = this.findVma(old);
    if (m === null || old + oldLen > m.end) return EFAULT;
    if (fixedAt === -1) {
      if (newLen <= oldLen) { if (newLen < oldLen) this.unmap(old + newLen, oldLen - newLen); return old; }
      if (m.end === old + oldLen && this.isFree(old + oldLen, old + newLen) && old + newLen <= TASK_SIZE) {
        m.end = old + newLen;
        return old;
      }
      if (!mayMove) return ENOMEM;
    }
    const dst = fixedAt !== -1 ? fixedAt : this.unmappedArea(newLen, 0);
    if (dst === -1) return ENOMEM;
    if (fixedAt !== -1) this.unmap(dst, newLen);
    this.splitAt(old); this.splitAt(old + oldLen);
    const src = this.findVma(old)!;
    const moved = new Vma(dst, dst + newLen, src.flags, src.obj, src.pgoff, src.name);
    src.obj?.ref();
    const copyLen = Math.min(oldLen, newLen);
    let oom = false;
    this.pt.forEachLeaf(old, old + copyLen, (va, pte) => {
      const pa = this.pt.ptePa(pte), lo = this.pt.pteLo(pte);
      if (!this.pt.map(dst + (va - old), pa, lo & ~PTE_V)) { oom = true; return; }
      this.frames.incRef(pa);
      this.rss++;
    });
    if (oom) return ENOMEM;
    this.unmap(old, oldLen);
    this.insert(moved);
    return dst;
  }

  /** fork's copy of this address space: private pages become copy-on-write in both, shared pages stay shared. Null when out of memory. */
  fork(): AddressSpace | null {
    let child: AddressSpace;
    try { child = new AddressSpace(this.frames, this.pt.root); } catch { return null; }
    child.brkStart = this.brkStart; child.brk = this.brk; child.mmapBase = this.mmapBase; child.stackTop = this.stackTop;
    child.layout = { ...this.layout };
    child.auxv = this.auxv;
    let ok = true;
    for (const m of this.vmas) {
      m.obj?.ref();
      child.vmas.push(new Vma(m.start, m.end, m.flags, m.obj, m.pgoff, m.name));
      if (!ok) continue;
      const n = this.pt.copyLeavesTo(child.pt, m.start, m.end, m.shared);
      if (n < 0) ok = false; else child.rss += n;
    }
    this.tlbFlush(-1);
    if (!ok) { child.destroy(); return null; }
    return child;
  }

  /** Releases every mapping and the table pages. */
  destroy(): void {
    for (const m of this.vmas) {
      this.zapRange(m.start, m.end);
      m.obj?.unref();
    }
    this.vmas = [];
    this.pt.destroy();
  }

  /** Snapshot for procfs (maps/smaps/statm). */
  snapshot(): VmaInfo[] {
    return this.vmas.map((m) => {
      let rss = 0;
      this.pt.forEachLeaf(m.start, m.end, () => { rss++; });
      return { start: m.start, end: m.end, prot: m.prot, shared: m.shared, offset: m.pgoff * PGSIZE, name: m.name, rssPages: rss };
    });
  }

  /** Total bytes mapped (VmSize). */
  get totalVm(): number { return this.vmas.reduce((s, m) => s + (m.end - m.start), 0); }

  /** True when the VMA containing va allows a write (used by uaccess and COW). */
  writable(va: number): boolean { return ((this.findVma(va)?.flags ?? 0) & VM_WRITE) !== 0; }
}
