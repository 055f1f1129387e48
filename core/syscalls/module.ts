// Module syscalls: init_module(2), finit_module(2), delete_module(2). They
// check CAP_SYS_MODULE (euid 0: nodix has no capability sets), fetch the
// module text and parameters from the caller, and call the registry
// (core/kernel/module/module.ts), which compiles, sandboxes and runs it.
import { EBADF, EFAULT, EFBIG, EINVAL, EOPNOTSUPP, EPERM, ENOEXEC, Errno } from '../abi/errno.js';
import { O_NONBLOCK, O_TRUNC } from '../abi/linux.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { copyIn, copyInString } from '../kernel/mm/uaccess.js';
import { loadModule, unloadModule } from '../kernel/module/module.js';
import { int } from './util.js';

const MODULE_INIT_IGNORE_MODVERSIONS = 1, MODULE_INIT_IGNORE_VERMAGIC = 2, MODULE_INIT_COMPRESSED_FILE = 4;
/** Largest module text accepted (bytes). */
export const MAX_MODULE_SIZE = 4 << 20;

const capSysModule = (t: Task): boolean => t.proc.cred.euid === 0;
const dec = new TextDecoder('utf-8', { fatal: true });

function decode(t: Task, bytes: Uint8Array, name: string): string | Errno {
  try { return dec.decode(bytes); } catch { t.kernel.printk(`${name}: invalid module format: not UTF-8 text`); return ENOEXEC; }
}

function params(t: Task, va: number): string | Errno {
  if (va === 0) return EFAULT;
  return copyInString(t.mm, va, 4096);
}

/** init_module(image, len, param_values): the module's text from user memory. */
export function sysInitModule(t: Task, a: Float64Array): SyscallResult {
  if (!capSysModule(t)) return EPERM;
  const len = a[1];
  if (len < 0 || len > MAX_MODULE_SIZE) return EINVAL;
  const img = copyIn(t.mm, a[0], len);
  if (img instanceof Errno) return img;
  const p = params(t, a[2]);
  if (p instanceof Errno) return p;
  const src = decode(t, img, 'init_module');
  if (src instanceof Errno) return src;
  const m = loadModule(t.kernel, src, p, 'init_module');
  return m instanceof Errno ? m : 0;
}

/** finit_module(fd, param_values, flags): the module's text from an open file. */
export function sysFinitModule(t: Task, a: Float64Array): SyscallResult {
  if (!capSysModule(t)) return EPERM;
  const flags = int(a[2]);
  if (flags & ~(MODULE_INIT_IGNORE_MODVERSIONS | MODULE_INIT_IGNORE_VERMAGIC | MODULE_INIT_COMPRESSED_FILE)) return EINVAL;
  if (flags & MODULE_INIT_COMPRESSED_FILE) return EOPNOTSUPP;
  const f = t.proc.files.get(int(a[0]));
  if (f instanceof Errno) return f;
  if (!f.readable || f.ops.read === undefined) return EBADF;
  const p = params(t, a[1]);
  if (p instanceof Errno) return p;
  const chunks: Uint8Array[] = [];
  let pos = 0;
  for (;;) {
    const buf = new Uint8Array(65536);
    const n = f.ops.read(f, t, buf, pos);
    if (n instanceof Errno) return n;
    if (typeof n !== 'number') return EINVAL; // a module file never blocks
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    pos += n;
    if (pos > MAX_MODULE_SIZE) return EFBIG;
  }
  const all = new Uint8Array(pos);
  let o = 0;
  for (const c of chunks) { all.set(c, o); o += c.length; }
  const name = f.path.slice(f.path.lastIndexOf('/') + 1) || 'finit_module';
  const src = decode(t, all, name);
  if (src instanceof Errno) return src;
  const m = loadModule(t.kernel, src, p, name);
  return m instanceof Errno ? m : 0;
}

/** delete_module(name, flags): O_NONBLOCK fails at once while in use (EWOULDBLOCK); O_TRUNC forces. */
export function sysDeleteModule(t: Task, a: Float64Array): SyscallResult {
  if (!capSysModule(t)) return EPERM;
  const name = copyInString(t.mm, a[0], 64);
  if (name instanceof Errno) return name;
  const flags = int(a[1]);
  if (flags & ~(O_NONBLOCK | O_TRUNC)) return EINVAL;
  return unloadModule(t.kernel, name, flags);
}

