// The initial user stack exactly as Linux's create_elf_tables() lays it out on
// riscv64, from the top down: an 8-byte NULL end marker, the AT_EXECFN string,
// the environment strings, the argument strings, 16 AT_RANDOM bytes, then
// (16-byte aligned) argc, argv[], NULL, envp[], NULL, auxv pairs, AT_NULL.
// sp points at argc.
import { E2BIG, EFAULT, type Errno } from '../../abi/errno.js';
import { AT_NULL, AT_RANDOM, AT_EXECFN } from '../../abi/linux.js';
import type { AddressSpace } from '../mm/mm.js';
import { copyOut } from '../mm/uaccess.js';

/** Linux's MAX_ARG_STRLEN (32 pages) and the default ARG_MAX share of an 8 MiB stack. */
export const MAX_ARG_STRLEN = 32 * 4096;
export const MAX_ARG_BYTES = 2 * 1024 * 1024;

const enc = new TextEncoder();

export interface StackLayout {
  sp: number;
  argvPtrs: number[];
  envpPtrs: number[];
  execfn: number;
  random: number;
  /** [start, end) of the argument and environment strings (for /proc cmdline/environ). */
  argStart: number; argEnd: number; envStart: number; envEnd: number;
  auxvAt: number;
}

/** Checks Linux's limits on the argument and environment sizes. */
export function checkArgSize(argv: Uint8Array[], envp: Uint8Array[]): 0 | Errno {
  let total = 0;
  for (const s of [...argv, ...envp]) {
    if (s.length + 1 > MAX_ARG_STRLEN) return E2BIG;
    total += s.length + 1 + 8;
  }
  return total > MAX_ARG_BYTES ? E2BIG : 0;
}

/**
 * Writes the initial stack below `top` into mm (the stack VMA must exist).
 * `aux` lists the auxv pairs (AT_RANDOM and AT_EXECFN are filled in here at
 * their Linux positions if present with value -1).
 */
export function buildStack(mm: AddressSpace, top: number, argv: Uint8Array[], envp: Uint8Array[], execfn: Uint8Array,
  random: Uint8Array, aux: [number, number][]): StackLayout | Errno {
  let p = top - 8;
  const w = (bytes: Uint8Array): number | Errno => {
    p -= bytes.length;
    const r = copyOut(mm, p, bytes);
    return r === 0 ? p : r;
  };
  const withNul = (b: Uint8Array): Uint8Array => { const o = new Uint8Array(b.length + 1); o.set(b); return o; };
  if (copyOut(mm, p, new Uint8Array(8)) !== 0) return EFAULT;
  const execfnAt = w(withNul(execfn));
  if (typeof execfnAt !== 'number') return execfnAt;
  const envEnd = p;
  const envpPtrs: number[] = new Array(envp.length);
  for (let i = envp.length - 1; i >= 0; i--) {
    const a = w(withNul(envp[i]));
    if (typeof a !== 'number') return a;
    envpPtrs[i] = a;
  }
  const envStart = p;
  const argEnd = p;
  const argvPtrs: number[] = new Array(argv.length);
  for (let i = argv.length - 1; i >= 0; i--) {
    const a = w(withNul(argv[i]));
    if (typeof a !== 'number') return a;
    argvPtrs[i] = a;
  }
  const argStart = p;
  p -= p % 16;
  const randomAt = w(random);
  if (typeof randomAt !== 'number') return randomAt;
  const auxv = aux.map(([k, v]): [number, number] => [k, k === AT_RANDOM ? randomAt : k === AT_EXECFN ? execfnAt : v]);
  auxv.push([AT_NULL, 0]);
  const words = 1 + argv.length + 1 + envp.length + 1 + auxv.length * 2;
  p -= words * 8;
  p -= p % 16;
  const block = new Uint8Array(words * 8);
  const v = new DataView(block.buffer);
  let o = 0;
  const put = (x: number): void => {
    v.setUint32(o, x % 4294967296 >>> 0, true);
    v.setInt32(o + 4, Math.floor(x / 4294967296), true);
    o += 8;
  };
  put(argv.length);
  for (const a of argvPtrs) put(a);
  put(0);
  for (const a of envpPtrs) put(a);
  put(0);
  const auxvAt = p + o;
  for (const [k, x] of auxv) { put(k); put(x); }
  if (copyOut(mm, p, block) !== 0) return EFAULT;
  return { sp: p, argvPtrs, envpPtrs, execfn: execfnAt, random: randomAt, argStart, argEnd, envStart, envEnd, auxvAt };
}

export function toBytes(s: string | Uint8Array): Uint8Array { return typeof s === 'string' ? enc.encode(s) : s; }
