// seccomp(2) and the prctl options around it (PR_SET/GET_SECCOMP,
// PR_SET/GET_NO_NEW_PRIVS). Filters are classic BPF (struct sock_fprog, as
// glibc-era users and libseccomp write them) or, with nodix's flag
// SECCOMP_FILTER_FLAG_NODIX_EBPF, an eBPF program of type seccomp (0x10001)
// already verified by bpf(BPF_PROG_LOAD): `args` then points to its fd (int).
// Installing a filter needs no_new_privs or root (EACCES otherwise), as Linux.
import { EACCES, EBUSY, EFAULT, EINVAL, EOPNOTSUPP } from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { copyIn, getUser32, getUser64 } from '../kernel/mm/uaccess.js';
import { addFilter, classicFilter, ebpfFilter, isKnownAction, seccompMode, setStrict } from '../kernel/bpf/seccomp.js';
import { BPF_MAXINSNS, checkClassic, parseClassic } from '../kernel/bpf/cbpf.js';
import { asProg } from '../kernel/bpf/objects.js';
import { int, isErr } from './util.js';

export const SECCOMP_SET_MODE_STRICT = 0, SECCOMP_SET_MODE_FILTER = 1, SECCOMP_GET_ACTION_AVAIL = 2;
export const SECCOMP_FILTER_FLAG_TSYNC = 1, SECCOMP_FILTER_FLAG_LOG = 2, SECCOMP_FILTER_FLAG_SPEC_ALLOW = 4;
export const SECCOMP_FILTER_FLAG_TSYNC_ESRCH = 16;
/** nodix: `args` is a pointer to the fd of an eBPF seccomp program. */
export const SECCOMP_FILTER_FLAG_NODIX_EBPF = 1 << 30;
const BPF_PROG_TYPE_NODIX_SECCOMP = 0x10001;
const PR_GET_SECCOMP = 21, PR_SET_SECCOMP = 22, PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39;

function setFilter(t: Task, flags: number, uargs: number): SyscallResult {
  const known = SECCOMP_FILTER_FLAG_TSYNC | SECCOMP_FILTER_FLAG_LOG | SECCOMP_FILTER_FLAG_SPEC_ALLOW | SECCOMP_FILTER_FLAG_TSYNC_ESRCH | SECCOMP_FILTER_FLAG_NODIX_EBPF;
  if (flags & ~known) return EINVAL;
  if (t.seccomp?.strict) return EBUSY;
  if (!t.noNewPrivs && t.proc.cred.euid !== 0) return EACCES;
  const tsync = (flags & SECCOMP_FILTER_FLAG_TSYNC) !== 0;
  if (flags & SECCOMP_FILTER_FLAG_NODIX_EBPF) {
    const fd = getUser32(t.mm, uargs);
    if (isErr(fd)) return fd;
    const f = t.proc.files.get(fd | 0);
    if (isErr(f)) return f;
    const p = asProg(f);
    if (p === null || p.type !== BPF_PROG_TYPE_NODIX_SECCOMP) return EINVAL;
    p.refs++; // held by the filter for the life of the tasks (filters are never removed)
    addFilter(t, ebpfFilter(t.kernel, p), tsync);
    return 0;
  }
  const len = copyIn(t.mm, uargs, 16);
  if (isErr(len)) return EFAULT;
  const n = len[0] | (len[1] << 8);
  const ptr = getUser64(t.mm, uargs + 8);
  if (isErr(ptr)) return EFAULT;
  if (n === 0 || n > BPF_MAXINSNS) return EINVAL;
  const bytes = copyIn(t.mm, ptr, n * 8);
  if (isErr(bytes)) return EFAULT;
  const prog = parseClassic(bytes);
  if (checkClassic(prog) !== null) return EINVAL;
  addFilter(t, classicFilter(prog), tsync);
  return 0;
}

/** seccomp implements Linux syscall seccomp(2). */
export function sysSeccomp(t: Task, a: Float64Array): SyscallResult {
  const op = int(a[0]), flags = int(a[1]) >>> 0, uargs = a[2];
  switch (op) {
    case SECCOMP_SET_MODE_STRICT:
      if (flags !== 0 || uargs !== 0) return EINVAL;
      if (t.seccomp !== null && !t.seccomp.strict) return EBUSY;
      setStrict(t);
      return 0;
    case SECCOMP_SET_MODE_FILTER: return setFilter(t, flags, uargs);
    case SECCOMP_GET_ACTION_AVAIL: {
      if (flags !== 0) return EINVAL;
      const v = getUser32(t.mm, uargs);
      if (isErr(v)) return v;
      return isKnownAction(v) ? 0 : EOPNOTSUPP;
    }
    default: return EINVAL;
  }
}

/** The seccomp-related prctl options; null when `op` is not one of them. */
export function prctlSeccomp(t: Task, op: number, a: Float64Array): SyscallResult | null {
  switch (op) {
    case PR_GET_SECCOMP: return seccompMode(t);
    case PR_SET_SECCOMP: {
      const mode = int(a[1]);
      if (mode === 1) return sysSeccomp(t, new Float64Array([SECCOMP_SET_MODE_STRICT, 0, 0]));
      if (mode === 2) return setFilter(t, 0, a[2]);
      return EINVAL;
    }
    case PR_SET_NO_NEW_PRIVS:
      if (a[1] !== 1 || a[2] !== 0 || a[3] !== 0 || a[4] !== 0) return EINVAL;
      t.noNewPrivs = true;
      return 0;
    case PR_GET_NO_NEW_PRIVS:
      if (a[1] !== 0 || a[2] !== 0 || a[3] !== 0 || a[4] !== 0) return EINVAL;
      return t.noNewPrivs ? 1 : 0;
    default: return null;
  }
}
