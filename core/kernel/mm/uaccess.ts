// Kernel access to user memory (Linux's copy_from_user/copy_to_user): walks
// the task's Sv39 table in software with user permissions, demand-pages
// through the fault handler as Linux's uaccess fixups do, and reports EFAULT
// as a typed result. Never throws for a bad user pointer.
import { EFAULT, ENAMETOOLONG, type Errno } from '../../abi/errno.js';
import { PGSIZE } from './frames.js';
import { AddressSpace, TASK_SIZE } from './mm.js';
import { ACCESS_LOAD, ACCESS_STORE, FAULT_OK, FAULT_OOM, handlePageFault } from './fault.js';
import { PTE_R, PTE_U, PTE_V, PTE_W, vpn } from './pagetable.js';

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

/**
 * Runs of RAM backing a user range: off[i] is an offset into ram.u8, len[i] its
 * length. One object reused by every call (syscalls run one at a time); valid
 * until the next userRuns.
 */
export interface Runs { n: number; off: Float64Array; len: Float64Array }
const runs: Runs = { n: 0, off: new Float64Array(64), len: new Float64Array(64) };
const L0_SPAN = 0x200000;

/**
 * Resolves the user range [va, va+len) for a load (write false) or a store
 * into runs of RAM, faulting pages in as a user access would: each page's PTE
 * is read once, from its level-0 table found once per 2 MiB, and physically
 * adjacent pages merge into one run. EFAULT before anything is copied.
 */
export function userRuns(mm: AddressSpace, va: number, len: number, write: boolean): Runs | Errno {
  runs.n = 0;
  if (len === 0) return runs;
  if (!(len > 0 && va >= 0 && va + len <= TASK_SIZE) || va !== Math.floor(va) || len !== Math.floor(len)) return EFAULT;
  const pt = mm.pt, base = mm.frames.ram.base;
  const need = PTE_V | PTE_U | (write ? PTE_W : PTE_R);
  let table = -1, region = -1, done = 0;
  while (done < len) {
    const a = va + done;
    const inPage = a % PGSIZE, page = a - inPage;
    const n = Math.min(len - done, PGSIZE - inPage);
    let pa = -1;
    const r = Math.floor(a / L0_SPAN);
    if (r !== region) { const pte = pt.walk(page, false); table = pte === -1 ? -1 : pte - vpn(page, 0) * 8; region = r; }
    if (table !== -1) {
      const pte = table + vpn(page, 0) * 8;
      if ((pt.pteLo(pte) & need) === need) pa = pt.ptePa(pte) + inPage;
    }
    if (pa === -1) {
      pa = userPa(mm, a, write); // demand paging, copy-on-write, or EFAULT
      if (pa === -1) return EFAULT;
      region = -1; // the fault may have made tables
    }
    const off = pa - base, k = runs.n;
    if (k > 0 && runs.off[k - 1] + runs.len[k - 1] === off) runs.len[k - 1] += n;
    else {
      if (k === runs.off.length) {
        const o = new Float64Array(k * 2), l = new Float64Array(k * 2);
        o.set(runs.off); l.set(runs.len); runs.off = o; runs.len = l;
      }
      runs.off[k] = off; runs.len[k] = n; runs.n = k + 1;
    }
    done += n;
  }
  return runs;
}

/** Tells the hart that the frames under runs were rewritten (decoded code there is stale). */
export function noteRewritten(mm: AddressSpace, rs: Runs): void {
  const hook = mm.frames.onRewrite;
  if (hook === null) return;
  const base = mm.frames.ram.base;
  for (let i = 0; i < rs.n; i++) {
    const end = rs.off[i] + rs.len[i];
    for (let p = rs.off[i] - (rs.off[i] % PGSIZE); p < end; p += PGSIZE) hook(base + p);
  }
}

/** Copies len bytes from user va into dst (at dstOff). */
export function copyInto(mm: AddressSpace, va: number, dst: Uint8Array, dstOff: number, len: number): 0 | Errno {
  if (len < 0) return EFAULT;
  const rs = userRuns(mm, va, len, false);
  if (!(rs instanceof Object && 'n' in rs)) return rs;
  const u8 = mm.frames.ram.u8;
  let at = dstOff;
  for (let i = 0; i < rs.n; i++) {
    const o = rs.off[i], l = rs.len[i];
    dst.set(u8.subarray(o, o + l), at);
    at += l;
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
  const rs = userRuns(mm, va, src.length, true);
  if (!(rs instanceof Object && 'n' in rs)) return rs;
  const u8 = mm.frames.ram.u8;
  let at = 0;
  for (let i = 0; i < rs.n; i++) {
    const l = rs.len[i];
    u8.set(at === 0 && l === src.length ? src : src.subarray(at, at + l), rs.off[i]);
    at += l;
  }
  noteRewritten(mm, rs);
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
