// Kernel access to user memory (Linux's copy_from_user/copy_to_user): walks
// the task's Sv39 table in software with user permissions, demand-pages
// through the fault handler as Linux's uaccess fixups do, and reports EFAULT
// as a typed result. Never throws for a bad user pointer.
import { EFAULT, ENAMETOOLONG, type Errno } from '../../abi/errno.js';
import { PGSIZE } from './frames.js';
import { AddressSpace, TASK_SIZE } from './mm.js';
import { ACCESS_LOAD, ACCESS_STORE, FAULT_OK, FAULT_OOM, handlePageFault } from './fault.js';
import { PTE_R, PTE_U, PTE_V, PTE_W } from './pagetable.js';

/** Physical address of user byte `va` for a load or store, faulting pages in; -1 => EFAULT. */
export function userPa(mm: AddressSpace, va: number, write: boolean): number {
  if (!(va >= 0 && va < TASK_SIZE) || va !== Math.floor(va)) return -1;
  const need = PTE_V | PTE_U | (write ? PTE_W : PTE_R);
  const page = va - (va % PGSIZE);
  for (let tries = 0; tries < 3; tries++) {
    const pte = mm.pt.lookup(page);
    if (pte !== -1 && (mm.pt.pteLo(pte) & need) === need) return mm.pt.ptePa(pte) + (va - page);
    if (tries === 2) break;
    const r = handlePageFault(mm, va, write ? ACCESS_STORE : ACCESS_LOAD);
    // Out of memory inside the kernel: run the OOM killer (as Linux's fault path does) and retry once.
    if (r === FAULT_OOM && tries === 0 && mm.onOom() && mm.users > 0) continue;
    if (r !== FAULT_OK) return -1;
  }
  return -1;
}

/** Copies len bytes from user va into dst (at dstOff). */
export function copyInto(mm: AddressSpace, va: number, dst: Uint8Array, dstOff: number, len: number): 0 | Errno {
  if (len < 0) return EFAULT;
  const u8 = mm.frames.ram.u8, base = mm.frames.ram.base;
  let done = 0;
  while (done < len) {
    const pa = userPa(mm, va + done, false);
    if (pa === -1) return EFAULT;
    const n = Math.min(len - done, PGSIZE - ((va + done) % PGSIZE));
    dst.set(u8.subarray(pa - base, pa - base + n), dstOff + done);
    done += n;
  }
  return 0;
}

/** A fresh copy of len user bytes at va. */
export function copyIn(mm: AddressSpace, va: number, len: number): Uint8Array | Errno {
  if (!(len >= 0 && len <= 0x4000_0000)) return EFAULT;
  const out = new Uint8Array(len);
  const r = copyInto(mm, va, out, 0, len);
  return r === 0 ? out : r;
}

/** Copies bytes to user va. */
export function copyOut(mm: AddressSpace, va: number, src: Uint8Array): 0 | Errno {
  const u8 = mm.frames.ram.u8, base = mm.frames.ram.base;
  let done = 0;
  const len = src.length;
  while (done < len) {
    const pa = userPa(mm, va + done, true);
    if (pa === -1) return EFAULT;
    const n = Math.min(len - done, PGSIZE - ((va + done) % PGSIZE));
    u8.set(src.subarray(done, done + n), pa - base);
    mm.frames.onRewrite?.(pa - (pa % PGSIZE));
    done += n;
  }
  return 0;
}

/** A NUL-terminated user string of at most max bytes (ENAMETOOLONG beyond), decoded as UTF-8. */
export function copyInString(mm: AddressSpace, va: number, max = 4096): string | Errno {
  const b = copyInStringBytes(mm, va, max);
  return b instanceof Uint8Array ? new TextDecoder().decode(b) : b;
}

export function copyInStringBytes(mm: AddressSpace, va: number, max = 4096): Uint8Array | Errno {
  const u8 = mm.frames.ram.u8, base = mm.frames.ram.base;
  const parts: number[] = [];
  for (let i = 0; i < max; i++) {
    const a = va + i;
    const pa = userPa(mm, a, false);
    if (pa === -1) return EFAULT;
    // Scan the rest of this page directly.
    const off = pa - base, n = Math.min(max - i, PGSIZE - (a % PGSIZE));
    for (let j = 0; j < n; j++) {
      const c = u8[off + j];
      if (c === 0) return Uint8Array.from(parts);
      parts.push(c);
    }
    i += n - 1;
  }
  return ENAMETOOLONG;
}

/** Reads a user u32 (as a signed int32) into out[0]; false => EFAULT. Must be 4-byte aligned. */
export function getUser32(mm: AddressSpace, va: number): number | Errno {
  if (va % 4 !== 0) return EFAULT;
  const pa = userPa(mm, va, false);
  return pa === -1 ? EFAULT : mm.frames.ram.view.getInt32(pa - mm.frames.ram.base, true);
}

export function putUser32(mm: AddressSpace, va: number, v: number): 0 | Errno {
  if (va % 4 !== 0) return EFAULT;
  const pa = userPa(mm, va, true);
  if (pa === -1) return EFAULT;
  mm.frames.ram.view.setInt32(pa - mm.frames.ram.base, v, true);
  return 0;
}

/** Reads a user 64-bit value as a JS number (exact below 2^53), 8-byte aligned not required. */
export function getUser64(mm: AddressSpace, va: number): number | Errno {
  const b = copyIn(mm, va, 8);
  if (!(b instanceof Uint8Array)) return b;
  const v = new DataView(b.buffer);
  return v.getInt32(4, true) * 0x1_0000_0000 + v.getUint32(0, true);
}

export function putUser64(mm: AddressSpace, va: number, v: number): 0 | Errno {
  const b = new Uint8Array(8);
  const dv = new DataView(b.buffer);
  dv.setUint32(0, v % 0x1_0000_0000 >>> 0, true);
  dv.setInt32(4, Math.floor(v / 0x1_0000_0000), true);
  return copyOut(mm, va, b);
}
