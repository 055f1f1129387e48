// Signal syscalls, partial until the signals issue: dispositions and masks
// are recorded (so glibc's sigaction/sigprocmask/abort paths work), kill and
// tgkill apply default actions, handlers are not yet invoked.
import { EFAULT, EINVAL, ESRCH } from '../abi/errno.js';
import { NSIG, SIGKILL, SIGSTOP } from '../abi/linux.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task, Process } from '../kernel/task.js';
import { sendSignal } from '../kernel/proc.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import { int, isErr } from './util.js';

/** Raw struct sigaction records (32 bytes each: handler, flags, mask... as riscv64 lays them out). */
function actions(p: Process): Uint8Array[] {
  if (!Array.isArray(p.sighand)) p.sighand = Array.from({ length: NSIG + 1 }, () => new Uint8Array(24));
  return p.sighand as Uint8Array[];
}

export function sysRtSigaction(t: Task, a: Float64Array): SyscallResult {
  const sig = int(a[0]);
  if (a[3] !== 8) return EINVAL;
  if (sig < 1 || sig > NSIG) return EINVAL;
  if (a[1] !== 0 && (sig === SIGKILL || sig === SIGSTOP)) return EINVAL;
  const acts = actions(t.proc);
  let next: Uint8Array | null = null;
  if (a[1] !== 0) {
    const b = copyIn(t.mm, a[1], 24);
    if (isErr(b)) return b;
    next = b;
  }
  if (a[2] !== 0 && copyOut(t.mm, a[2], acts[sig]) !== 0) return EFAULT;
  if (next !== null) acts[sig] = next;
  return 0;
}

export function sysRtSigprocmask(t: Task, a: Float64Array): SyscallResult {
  const how = int(a[0]);
  if (a[3] !== 8) return EINVAL;
  if (a[2] !== 0) {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, t.sigmask, true);
    if (copyOut(t.mm, a[2], b) !== 0) return EFAULT;
  }
  if (a[1] !== 0) {
    if (how < 0 || how > 2) return EINVAL;
    const b = copyIn(t.mm, a[1], 8);
    if (isErr(b)) return b;
    const set = new DataView(b.buffer).getBigUint64(0, true) & ~((1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1)));
    t.sigmask = how === 0 ? t.sigmask | set : how === 1 ? t.sigmask & ~set : set;
  }
  return 0;
}

export function sysKill(t: Task, a: Float64Array): SyscallResult {
  const pid = int(a[0]), sig = int(a[1]);
  if (sig < 0 || sig > NSIG) return EINVAL;
  const k = t.kernel;
  const targets: Process[] = [];
  if (pid > 0) { const p = k.procs.get(pid); if (p && !p.zombie) targets.push(p); }
  else {
    const pg = pid === 0 ? t.proc.pgid : pid === -1 ? -1 : -pid;
    for (const p of k.procs.values()) if (!p.zombie && (pg === -1 ? p.pid !== 1 && p !== t.proc : p.pgid === pg)) targets.push(p);
  }
  if (targets.length === 0) return ESRCH;
  for (const p of targets) sendSignal(k, p, null, sig);
  return 0;
}

export function sysTgkill(t: Task, a: Float64Array): SyscallResult {
  const tgid = int(a[0]), tid = int(a[1]), sig = int(a[2]);
  if (sig < 0 || sig > NSIG || tid <= 0 || tgid <= 0) return EINVAL;
  const target = t.kernel.tasks.get(tid);
  if (target === undefined || target.proc.pid !== tgid) return ESRCH;
  sendSignal(t.kernel, target.proc, target, sig);
  return 0;
}

export function sysTkill(t: Task, a: Float64Array): SyscallResult {
  const tid = int(a[0]), sig = int(a[1]);
  if (sig < 0 || sig > NSIG || tid <= 0) return EINVAL;
  const target = t.kernel.tasks.get(tid);
  if (target === undefined) return ESRCH;
  sendSignal(t.kernel, target.proc, target, sig);
  return 0;
}

export function sysSigaltstack(t: Task, a: Float64Array): SyscallResult {
  if (a[1] !== 0) {
    // stack_t { void *ss_sp; int ss_flags; size_t ss_size } = 24 bytes, disabled (SS_DISABLE = 2).
    const b = new Uint8Array(24);
    new DataView(b.buffer).setInt32(8, 2, true);
    if (copyOut(t.mm, a[1], b) !== 0) return EFAULT;
  }
  if (a[0] !== 0) { const b = copyIn(t.mm, a[0], 24); if (isErr(b)) return b; }
  return 0;
}

