// Memory syscalls: brk, mmap (private/shared × anonymous/file, MAP_FIXED,
// MAP_FIXED_NOREPLACE, MAP_NORESERVE, MAP_POPULATE), munmap, mprotect, mremap,
// madvise, msync, mlock family. Argument checking here, mechanism in
// core/kernel/mm.
import { EACCES, EBADF, EINVAL, ENODEV, ENOMEM, EPERM } from '../abi/errno.js';
import {
  MAP_ANONYMOUS, MAP_FIXED, MAP_FIXED_NOREPLACE, MAP_POPULATE, MAP_PRIVATE, MAP_SHARED, MAP_SHARED_VALIDATE, MAP_TYPE,
  MREMAP_DONTUNMAP, MREMAP_FIXED, MREMAP_MAYMOVE, MS_ASYNC, MS_INVALIDATE, MS_SYNC, PROT_EXEC, PROT_READ, PROT_WRITE,
  MADV_DONTNEED, MADV_FREE, MAP_GROWSDOWN, MAP_DENYWRITE, MAP_EXECUTABLE, MAP_LOCKED, MAP_NORESERVE, MAP_NONBLOCK,
  MAP_STACK, MAP_HUGETLB,
} from '../abi/linux.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { PGSIZE } from '../kernel/mm/frames.js';
import { ShmObject, type MemObject } from '../kernel/mm/vma.js';
import { TASK_SIZE, pageUp } from '../kernel/mm/mm.js';
import { handlePageFault, ACCESS_LOAD, ACCESS_STORE } from '../kernel/mm/fault.js';
import { File } from '../kernel/fs/file.js';
import { int, isErr } from './util.js';

const PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;
const KNOWN_MAP_FLAGS = MAP_TYPE | MAP_FIXED | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_DENYWRITE | MAP_EXECUTABLE | MAP_LOCKED
  | MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | MAP_STACK | MAP_HUGETLB | MAP_FIXED_NOREPLACE | 0x80000 /* MAP_SYNC */;

export function sysBrk(t: Task, a: Float64Array): SyscallResult {
  const mm = t.mm;
  if (a[0] <= 0 || a[0] >= TASK_SIZE) return mm.brk;
  return mm.setBrk(a[0]);
}

export function sysMmap(t: Task, a: Float64Array): SyscallResult {
  const addr = a[0], len = a[1], prot = int(a[2]), flags = int(a[3]), fd = int(a[4]), off = a[5];
  const mm = t.mm;
  if (len <= 0 || len > TASK_SIZE) return len === 0 ? EINVAL : ENOMEM;
  if (off < 0 || off % PGSIZE !== 0) return EINVAL;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) return EINVAL;
  const type = flags & MAP_TYPE;
  if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE) return EINVAL;
  if (type === MAP_SHARED_VALIDATE && (flags & ~KNOWN_MAP_FLAGS)) return EINVAL;
  const shared = type !== MAP_PRIVATE;
  const fixed = (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) !== 0;
  if (fixed && addr % PGSIZE !== 0) return EINVAL;
  if (fixed && (addr < 0x1000 || addr + pageUp(len) > TASK_SIZE)) return fixed && addr < 0x1000 ? EPERM : ENOMEM;
  let obj: MemObject | null = null;
  let name = '';
  if (flags & MAP_ANONYMOUS) {
    if (shared) { obj = new ShmObject(mm.frames, pageUp(len)); name = '/dev/zero (deleted)'; }
  } else {
    const f = t.proc.files.get(fd);
    if (!(f instanceof File)) return EBADF;
    if (!f.readable) return EACCES;
    if (shared && (prot & PROT_WRITE) && !f.writable) return EACCES;
    if (f.ops.mmap === undefined) return ENODEV;
    const o = f.ops.mmap(f);
    if (isErr(o)) return o;
    obj = o;
    name = f.path;
  }
  const r = mm.map(fixed ? addr : pageUp(addr), len, prot & 7, shared, obj, off / PGSIZE, name, fixed, (flags & MAP_FIXED_NOREPLACE) !== 0 && !(flags & MAP_FIXED));
  obj?.unref(); // the mapping holds its own reference now
  if (isErr(r)) return r;
  if (flags & MAP_POPULATE) {
    for (let p = r; p < r + pageUp(len); p += PGSIZE) handlePageFault(mm, p, prot & PROT_WRITE ? ACCESS_STORE : ACCESS_LOAD);
  }
  return r;
}

export function sysMunmap(t: Task, a: Float64Array): SyscallResult {
  const addr = a[0], len = a[1];
  if (addr % PGSIZE !== 0 || len <= 0 || addr < 0 || addr + len > TASK_SIZE) return EINVAL;
  t.mm.unmap(addr, len);
  return 0;
}

export function sysMprotect(t: Task, a: Float64Array): SyscallResult {
  const addr = a[0], len = a[1], prot = int(a[2]);
  if (addr % PGSIZE !== 0 || addr < 0) return EINVAL;
  if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC | PROT_GROWSDOWN | PROT_GROWSUP)) return EINVAL;
  if (len < 0 || addr + len > TASK_SIZE) return len < 0 ? EINVAL : ENOMEM;
  if (len === 0) return 0;
  return t.mm.protect(addr, len, prot & 7);
}

export function sysMremap(t: Task, a: Float64Array): SyscallResult {
  const old = a[0], oldLen = a[1], newLen = a[2], flags = int(a[3]), newAddr = a[4];
  if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP)) return EINVAL;
  if (old % PGSIZE !== 0 || newLen <= 0 || oldLen < 0) return EINVAL;
  if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return EINVAL;
  if (flags & MREMAP_DONTUNMAP) return EINVAL;
  if (oldLen === 0) return EINVAL; // duplicating shared mappings: not supported
  if (flags & MREMAP_FIXED) {
    if (newAddr % PGSIZE !== 0 || newAddr < 0 || newAddr + newLen > TASK_SIZE) return EINVAL;
    if (newAddr < old + oldLen && old < newAddr + newLen) return EINVAL;
    return t.mm.remap(old, oldLen, newLen, true, newAddr);
  }
  return t.mm.remap(old, oldLen, newLen, (flags & MREMAP_MAYMOVE) !== 0);
}

export function sysMadvise(t: Task, a: Float64Array): SyscallResult {
  const addr = a[0], len = a[1], advice = int(a[2]);
  if (addr % PGSIZE !== 0 || len < 0) return EINVAL;
  if (advice === MADV_DONTNEED || advice === MADV_FREE) return len === 0 ? 0 : t.mm.dontNeed(addr, len);
  if ((advice >= 0 && advice <= 3) || (advice >= 9 && advice <= 25) || advice === 100 || advice === 101) return 0;
  return EINVAL;
}

export function sysMsync(t: Task, a: Float64Array): SyscallResult {
  const addr = a[0], len = a[1], flags = int(a[2]);
  if (addr % PGSIZE !== 0 || len < 0) return EINVAL;
  if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return EINVAL;
  if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return EINVAL;
  const end = addr + pageUp(len);
  for (let p = addr; p < end;) {
    const m = t.mm.findVma(p);
    if (m === null) return ENOMEM;
    if (m.shared) m.obj?.sync?.();
    p = m.end;
  }
  return 0;
}

export function sysMlock(t: Task, a: Float64Array): SyscallResult {
  if (a[1] < 0) return EINVAL;
  return t.mm.findVma(a[0]) === null && a[1] > 0 ? ENOMEM : 0;
}

export const sysNoop = (): SyscallResult => 0;
