// The page-fault handler (Linux's handle_mm_fault): demand-zero for anonymous
// memory, the object's page for shared mappings and for reads of private file
// mappings (read-only until written), a private copy when a private file page
// is written, and the copy-on-write break on a write to a shared private page. Used by the trap path for user faults and by uaccess for the kernel's
// own accesses to user memory.
import { PGSIZE } from './frames.js';
import { AddressSpace, protToPte, pageDown, TASK_SIZE } from './mm.js';
import { PTE_COW, PTE_PROTNONE, PTE_R, PTE_V, PTE_W, PTE_X, leafFlags } from './pagetable.js';
import { VM_EXEC, VM_READ, VM_WRITE } from './vma.js';

export const ACCESS_FETCH = 0, ACCESS_LOAD = 1, ACCESS_STORE = 2;

/** handlePageFault results: fixed, or the signal the task gets. */
export const FAULT_OK = 0, FAULT_MAPERR = 1, FAULT_ACCERR = 2, FAULT_OOM = 3, FAULT_SIGBUS = 4;

/** Resolves a user fault at `va` for `access`; returns a FAULT_* code. */
export function handlePageFault(mm: AddressSpace, va: number, access: number): number {
  if (!(va >= 0 && va < TASK_SIZE)) return FAULT_MAPERR;
  const vma = mm.findVma(va);
  if (vma === null) return FAULT_MAPERR;
  const need = access === ACCESS_FETCH ? VM_EXEC : access === ACCESS_STORE ? VM_WRITE : VM_READ;
  if ((vma.flags & need) === 0) return FAULT_ACCERR;
  const page = pageDown(va);
  const pt = mm.pt;
  const frames = mm.frames;
  const pte = pt.lookup(page);
  const want = protToPte(vma.prot);
  if (pte !== -1) {
    const lo = pt.pteLo(pte);
    if (lo & PTE_PROTNONE) return FAULT_ACCERR; // cannot happen with a permissive VMA; be safe
    if (access === ACCESS_STORE && !(lo & PTE_W)) {
      const pa = pt.ptePa(pte);
      if (vma.shared || frames.refcount(pa) === 1) {
        pt.setFlags(pte, leafFlags(want));
      } else {
        const copy = frames.allocCopy(pa);
        if (copy === -1) return FAULT_OOM;
        frames.decRef(pa);
        pt.writePte(pte, copy, leafFlags(want));
      }
      mm.tlbFlush(page);
      return FAULT_OK;
    }
    // Present and permitted: a stale TLB entry. Make sure the PTE carries the VMA's rights.
    if ((access === ACCESS_FETCH && !(lo & PTE_X)) || (access === ACCESS_LOAD && !(lo & PTE_R)) || !(lo & PTE_V)) {
      pt.setFlags(pte, leafFlags(want & ~(lo & PTE_COW ? PTE_W : 0)));
    }
    mm.tlbFlush(page);
    return FAULT_OK;
  }
  let pa: number;
  if (vma.obj === null) {
    pa = frames.alloc();
    if (pa === -1) return FAULT_OOM;
  } else {
    const idx = vma.pgoff + (page - vma.start) / PGSIZE;
    const src = vma.obj.getPage(idx);
    if (src === -1) return FAULT_OOM;
    if (src === -2) return FAULT_SIGBUS;
    if (vma.shared) {
      frames.incRef(src);
      pa = src;
    } else if (access !== ACCESS_STORE) {
      // A private file page is shared with the page cache until written (then COW copies it):
      // program text of every process running the same file uses the same frames.
      frames.incRef(src);
      if (!pt.map(page, src, (want & ~PTE_W) | (want & PTE_W ? PTE_COW : 0))) { frames.decRef(src); return FAULT_OOM; }
      mm.rss++;
      mm.tlbFlush(page);
      return FAULT_OK;
    } else {
      pa = frames.allocCopy(src);
      if (pa === -1) return FAULT_OOM;
      // Bytes past EOF in the last page read as zero.
      const tail = vma.obj.size - idx * PGSIZE;
      if (tail < PGSIZE && tail > 0) frames.ram.u8.fill(0, pa - frames.ram.base + tail, pa - frames.ram.base + PGSIZE);
    }
  }
  if (!pt.map(page, pa, want)) { frames.decRef(pa); return FAULT_OOM; }
  mm.rss++;
  mm.tlbFlush(page);
  return FAULT_OK;
}
