// Unit tests for the kernel's memory management: the frame allocator, Sv39
// tables, VMAs, copy-on-write refcounts, the page-fault handler and uaccess.
import test from 'ava';
import { PhysMem } from '../../core/hw/index.js';
import { FrameAllocator, PGSIZE } from '../../core/kernel/mm/frames.js';
import { AddressSpace } from '../../core/kernel/mm/mm.js';
import { PageTable, PTE_U, PTE_R, PTE_W, PTE_V, PTE_A, PTE_D } from '../../core/kernel/mm/pagetable.js';
import { BytesObject, ShmObject } from '../../core/kernel/mm/vma.js';
import { handlePageFault, ACCESS_LOAD, ACCESS_STORE, ACCESS_FETCH, FAULT_OK, FAULT_MAPERR, FAULT_ACCERR, FAULT_OOM } from '../../core/kernel/mm/fault.js';
import { copyIn, copyOut, copyInString, getUser32 } from '../../core/kernel/mm/uaccess.js';
import { EEXIST, EFAULT, ENAMETOOLONG, ENOMEM } from '../../core/abi/errno.js';

const mkFrames = (mb = 4) => new FrameAllocator(new PhysMem(mb * 1024 * 1024));

test('frame allocator: zeroed frames, refcounts, reuse after the last reference, OOM as -1', (t) => {
  const ram = new PhysMem(16 * PGSIZE);
  const fa = new FrameAllocator(ram, 2 * PGSIZE);
  t.is(fa.usableCount, 14);
  const a = fa.alloc();
  t.is(a, ram.base + 2 * PGSIZE);
  ram.u8[a - ram.base] = 0x55;
  fa.incRef(a);
  t.is(fa.refcount(a), 2);
  t.is(fa.decRef(a), 1);
  t.is(fa.freeCount, 13);
  t.is(fa.decRef(a), 0);
  t.is(fa.freeCount, 14);
  const all: number[] = [];
  for (let p = fa.alloc(); p !== -1; p = fa.alloc()) all.push(p);
  t.is(all.length, 14);
  t.is(ram.u8[a - ram.base], 0, 'a reused frame comes back zeroed');
  t.throws(() => fa.decRef(ram.base)); // reserved frame
  const c = fa.allocCopy(all[0]);
  t.is(c, -1);
});

test('Sv39 tables: map writes real PTEs the MMU can walk; kernel half is shared and supervisor-only', (t) => {
  const fa = mkFrames();
  const kernel = new PageTable(fa);
  const kp = fa.alloc();
  kernel.map(-0x40_0000_0000, kp, PTE_R | PTE_W);
  const pt = new PageTable(fa, kernel.root);
  const pa = fa.alloc();
  t.true(pt.map(0x12345000, pa, PTE_U | PTE_R));
  const pte = pt.lookup(0x12345000);
  t.not(pte, -1);
  t.is(pt.ptePa(pte), pa);
  const lo = pt.pteLo(pte);
  t.is(lo & (PTE_V | PTE_U | PTE_R | PTE_A | PTE_D), PTE_V | PTE_U | PTE_R | PTE_A | PTE_D);
  t.is(lo & PTE_W, 0);
  t.is(pt.lookup(0x12346000), -1);
  const kpte = pt.lookup(-0x40_0000_0000);
  t.is(pt.ptePa(kpte), kp);
  t.is(pt.pteLo(kpte) & PTE_U, 0);
  const [, hi] = pt.satp();
  t.is(hi >>> 28, 8, 'satp MODE = Sv39');
});

test('VMAs: mmap placement, FIXED_NOREPLACE, mprotect splits and merges, munmap of a middle part', (t) => {
  const fa = mkFrames();
  const mm = new AddressSpace(fa);
  const a = mm.map(0, 3 * PGSIZE, 3, false, null, 0, '', false) as number;
  t.is(typeof a, 'number');
  t.is(mm.map(a, PGSIZE, 3, false, null, 0, '', true, true), EEXIST);
  t.is(mm.protect(a + PGSIZE, PGSIZE, 1), 0);
  t.deepEqual(mm.vmas.map((v) => [v.start - a, v.end - a, v.prot]), [[0, PGSIZE, 3], [PGSIZE, 2 * PGSIZE, 1], [2 * PGSIZE, 3 * PGSIZE, 3]]);
  t.is(mm.protect(a + PGSIZE, PGSIZE, 3), 0);
  t.is(mm.vmas.length, 1, 'equal neighbours merge back');
  mm.unmap(a + PGSIZE, PGSIZE);
  t.deepEqual(mm.vmas.map((v) => [v.start - a, v.end - a]), [[0, PGSIZE], [2 * PGSIZE, 3 * PGSIZE]]);
  t.is(mm.protect(a, 3 * PGSIZE, 1), ENOMEM, 'a hole makes mprotect fail');
  t.is(mm.findVma(a + PGSIZE + 5), null);
});

test('page faults: demand-zero, MAPERR outside VMAs, ACCERR on a write to read-only and a fetch from non-exec', (t) => {
  const fa = mkFrames();
  const mm = new AddressSpace(fa);
  const a = mm.map(0, 2 * PGSIZE, 1, false, null, 0, '', false) as number;
  const free0 = fa.freeCount;
  t.is(handlePageFault(mm, a + 100, ACCESS_LOAD), FAULT_OK);
  t.true(fa.freeCount < free0);
  t.is(mm.rss, 1);
  t.is(handlePageFault(mm, a + 100, ACCESS_STORE), FAULT_ACCERR);
  t.is(handlePageFault(mm, a + 100, ACCESS_FETCH), FAULT_ACCERR);
  t.is(handlePageFault(mm, a + 2 * PGSIZE + 1, ACCESS_LOAD), FAULT_MAPERR);
  t.is(handlePageFault(mm, -8, ACCESS_LOAD), FAULT_MAPERR);
});

test('copy-on-write: fork shares frames read-only, a write copies, the last owner writes in place', (t) => {
  const fa = mkFrames();
  const parent = new AddressSpace(fa);
  const a = parent.map(0, PGSIZE, 3, false, null, 0, '', false) as number;
  t.is(copyOut(parent, a, Uint8Array.of(1, 2, 3)), 0);
  const pa = parent.pt.ptePa(parent.pt.lookup(a));
  const child = parent.fork()!;
  t.is(fa.refcount(pa), 2);
  t.is(parent.pt.pteLo(parent.pt.lookup(a)) & PTE_W, 0, 'parent page made read-only');
  t.is(child.pt.ptePa(child.pt.lookup(a)), pa);
  t.is(handlePageFault(child, a, ACCESS_STORE), FAULT_OK);
  const cpa = child.pt.ptePa(child.pt.lookup(a));
  t.not(cpa, pa);
  t.is(fa.refcount(pa), 1);
  t.is(copyOut(child, a, Uint8Array.of(9)), 0);
  t.deepEqual([...(copyIn(parent, a, 3) as Uint8Array)], [1, 2, 3], 'parent isolated');
  t.deepEqual([...(copyIn(child, a, 3) as Uint8Array)], [9, 2, 3]);
  t.is(handlePageFault(parent, a, ACCESS_STORE), FAULT_OK);
  t.is(parent.pt.ptePa(parent.pt.lookup(a)), pa, 'sole owner keeps its frame');
  const before = fa.freeCount;
  child.destroy();
  t.true(fa.freeCount > before, 'child teardown frees its frames and tables');
});

test('shared mappings: one physical page seen through both address spaces, also pages first touched after fork', (t) => {
  const fa = mkFrames();
  const p = new AddressSpace(fa);
  const obj = new ShmObject(fa);
  const a = p.map(0, 2 * PGSIZE, 3, true, obj, 0, '', false) as number;
  obj.unref();
  t.is(copyOut(p, a, Uint8Array.of(7)), 0);
  const c = p.fork()!;
  t.is(copyOut(c, a + PGSIZE, Uint8Array.of(8)), 0, 'page touched first by the child');
  t.is((copyIn(p, a + PGSIZE, 1) as Uint8Array)[0], 8);
  t.is(copyOut(c, a, Uint8Array.of(5)), 0);
  t.is((copyIn(p, a, 1) as Uint8Array)[0], 5);
  t.is(p.pt.ptePa(p.pt.lookup(a)), c.pt.ptePa(c.pt.lookup(a)));
});

test('uaccess: EFAULT for unmapped, kernel-half and read-only targets, ENAMETOOLONG for unterminated strings', (t) => {
  const fa = mkFrames();
  const mm = new AddressSpace(fa);
  const a = mm.map(0, PGSIZE, 1, false, null, 0, '', false) as number;
  t.is(copyOut(mm, a, Uint8Array.of(1)), EFAULT, 'read-only');
  t.is(copyIn(mm, a + PGSIZE - 2, 4), EFAULT, 'runs off the mapping');
  t.is(copyIn(mm, -0x40_0000_0000, 4), EFAULT);
  t.is(getUser32(mm, a + 2), EFAULT, 'misaligned futex-style access');
  t.is(copyInString(mm, a, 100), '', 'a zero page reads as the empty string');
  const w = mm.map(0, PGSIZE, 3, false, null, 0, '', false) as number;
  copyOut(mm, w, new TextEncoder().encode('hi\0'));
  t.is(copyInString(mm, w, 100), 'hi');
  copyOut(mm, w, new Uint8Array(PGSIZE).fill(65));
  t.is(copyInString(mm, w, 100), ENAMETOOLONG);
  mm.unmap(a, PGSIZE);
  mm.unmap(w - PGSIZE, PGSIZE);
  t.is(copyInString(mm, w, 10000), EFAULT, 'runs into an unmapped page');
});

test('out of memory: a fault returns FAULT_OOM instead of throwing', (t) => {
  const fa = new FrameAllocator(new PhysMem(16 * PGSIZE));
  const mm = new AddressSpace(fa);
  const a = mm.map(0, 64 * PGSIZE, 3, false, null, 0, '', false) as number;
  let r = FAULT_OK, i = 0;
  for (; i < 64 && r === FAULT_OK; i++) r = handlePageFault(mm, a + i * PGSIZE, ACCESS_STORE);
  t.is(r, FAULT_OOM);
  t.true(i < 64);
});

test('PROT_NONE keeps the page: faults while protected, same bytes after PROT_READ|PROT_WRITE again', (t) => {
  const fa = mkFrames();
  const mm = new AddressSpace(fa);
  const a = mm.map(0, PGSIZE, 3, false, null, 0, '', false) as number;
  t.is(copyOut(mm, a, Uint8Array.of(42)), 0);
  t.is(mm.protect(a, PGSIZE, 0), 0);
  t.is(handlePageFault(mm, a, ACCESS_LOAD), FAULT_ACCERR);
  t.is(copyIn(mm, a, 1), EFAULT);
  t.is(mm.pt.pteLo(mm.pt.lookup(a)) & PTE_V, 0, 'invalid for the MMU');
  t.is(mm.protect(a, PGSIZE, 3), 0);
  t.is((copyIn(mm, a, 1) as Uint8Array)[0], 42);
});

test('brk grows and shrinks the heap VMA and refuses to cross a mapping', (t) => {
  const fa = mkFrames();
  const mm = new AddressSpace(fa);
  mm.brkStart = mm.brk = 0x100000;
  t.is(mm.setBrk(0x100000 + 3 * PGSIZE + 1), 0x100000 + 3 * PGSIZE + 1);
  t.is(mm.findVma(0x100000 + 3 * PGSIZE)?.name, '[heap]');
  t.is(copyOut(mm, 0x100000 + 3 * PGSIZE, Uint8Array.of(1)), 0);
  t.is(mm.setBrk(0x100000 + PGSIZE), 0x100000 + PGSIZE);
  t.is(mm.findVma(0x100000 + 2 * PGSIZE), null);
  mm.map(0x100000 + 8 * PGSIZE, PGSIZE, 3, false, null, 0, '', true);
  t.is(mm.setBrk(0x100000 + 20 * PGSIZE), 0x100000 + PGSIZE, 'blocked by a mapping: old break returned');
  t.is(mm.setBrk(0x1000), 0x100000 + PGSIZE, 'below the start: unchanged');
});

test('private file mappings share the object page until written, then copy', (t) => {
  const fa = mkFrames();
  const mm = new AddressSpace(fa);
  const obj = new BytesObject(fa, new Uint8Array(PGSIZE + 10).fill(3));
  const a = mm.map(0, 2 * PGSIZE, 3, false, obj, 0, 'file', false) as number;
  obj.unref();
  t.is(handlePageFault(mm, a, ACCESS_LOAD), FAULT_OK);
  const shared = obj.getPage(0);
  t.is(mm.pt.ptePa(mm.pt.lookup(a)), shared, 'read maps the object page itself');
  t.is(mm.pt.pteLo(mm.pt.lookup(a)) & PTE_W, 0);
  t.is(copyOut(mm, a, Uint8Array.of(9)), 0);
  t.not(mm.pt.ptePa(mm.pt.lookup(a)), shared, 'write copies');
  t.is(fa.ram.u8[shared - fa.ram.base], 3, 'the object is untouched');
  t.deepEqual([...(copyIn(mm, a + PGSIZE + 8, 4) as Uint8Array)], [3, 3, 0, 0], 'past EOF reads zero');
});
