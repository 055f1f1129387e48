// ptrace(2) (117) as Linux riscv64 answers it (kernel/ptrace.c ptrace_request,
// arch/riscv/kernel/ptrace.c arch_ptrace): TRACEME/ATTACH/SEIZE/INTERRUPT,
// DETACH/KILL/CONT/SYSCALL, PEEK/POKE TEXT/DATA, GET/SETREGSET (NT_PRSTATUS,
// NT_PRFPREG), GET/SETSIGINFO, SETOPTIONS, GETEVENTMSG, GET_SYSCALL_INFO.
// riscv has no PEEKUSER/POKEUSER, GETREGS or single-step: those are EIO.
import { EFAULT, EINVAL, EIO, EPERM, ESRCH } from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { TaskState } from '../kernel/task.js';
import { killProcess } from '../kernel/proc.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import { sendFrom } from '../kernel/signal/index.js';
import { SIGKILL, SIGSTOP } from '../abi/linux.js';
import { SI_USER } from '../abi/signal.js';
import { O_MASK, detach, link, resume, traceeOf, type Tracee } from '../kernel/ptrace/index.js';
import {
  NT_PRFPREG, NT_PRSTATUS, PRFPREG_SIZE, PRSTATUS_SIZE, getPrfpreg, getPrstatus, peekWord, pokeWord, setPrfpreg, setPrstatus, syscallInfo,
} from '../kernel/ptrace/access.js';
import { int, isErr, readI64, StructWriter } from './util.js';

export const PTRACE_TRACEME = 0, PTRACE_PEEKTEXT = 1, PTRACE_PEEKDATA = 2, PTRACE_PEEKUSR = 3, PTRACE_POKETEXT = 4;
export const PTRACE_POKEDATA = 5, PTRACE_POKEUSR = 6, PTRACE_CONT = 7, PTRACE_KILL = 8, PTRACE_SINGLESTEP = 9;
export const PTRACE_ATTACH = 16, PTRACE_DETACH = 17, PTRACE_SYSCALL = 24;
export const PTRACE_SETOPTIONS = 0x4200, PTRACE_GETEVENTMSG = 0x4201, PTRACE_GETSIGINFO = 0x4202, PTRACE_SETSIGINFO = 0x4203;
export const PTRACE_GETREGSET = 0x4204, PTRACE_SETREGSET = 0x4205, PTRACE_SEIZE = 0x4206, PTRACE_INTERRUPT = 0x4207;
export const PTRACE_LISTEN = 0x4208, PTRACE_GET_SYSCALL_INFO = 0x420e;

/** __ptrace_may_access (PTRACE_MODE_ATTACH_REALCREDS): root, or the caller's real ids match all of the target's. */
function mayAttach(t: Task, target: Task): boolean {
  const c = t.proc.cred, tc = target.proc.cred;
  if (c.euid === 0) return true;
  const uidOk = c.uid === tc.uid && c.uid === tc.euid && c.uid === tc.suid;
  const gidOk = c.gid === tc.gid && c.gid === tc.egid && c.gid === tc.sgid;
  return uidOk && gidOk && target.proc.dumpable;
}

function attach(t: Task, target: Task, seize: boolean, options: number): SyscallResult {
  if (target.proc === t.proc || target.proc.pid === 1) return EPERM;
  if (target.proc.zombie || target.state === TaskState.DEAD) return EPERM;
  if (traceeOf(target) !== undefined) return EPERM;
  if (!mayAttach(t, target)) return EPERM;
  link(target, t.proc, seize, options);
  if (!seize) sendFrom(t.kernel, t, target.proc, target, SIGSTOP, SI_USER);
  return 0;
}

/** ptrace_check_attach: target must be traced by t's process and (unless `running` is allowed) in a stop. */
function checkAttach(t: Task, target: Task, running: boolean): Tracee | null {
  const s = traceeOf(target);
  if (s === undefined || s.tracer !== t.proc || s.exited) return null;
  if (!running && target.state !== TaskState.STOPPED) return null;
  return s;
}

function validSig(sig: number): boolean { return sig >= 0 && sig <= 64; }

export function sysPtrace(t: Task, a: Float64Array): SyscallResult {
  const k = t.kernel;
  const req = int(a[0]), pid = int(a[1]), addr = a[2], data = a[3];
  if (req === PTRACE_TRACEME) {
    if (traceeOf(t) !== undefined) return EPERM;
    const par = t.proc.parent;
    if (par === null || par.zombie) return EPERM;
    link(t, par, false, 0);
    return 0;
  }
  const target = k.tasks.get(pid);
  if (target === undefined) return ESRCH;
  if (req === PTRACE_ATTACH) return attach(t, target, false, 0);
  if (req === PTRACE_SEIZE) {
    if (addr !== 0) return EIO;
    if (int(data) & ~O_MASK) return EINVAL;
    return attach(t, target, true, int(data));
  }
  if (req === PTRACE_KILL) {
    const s = checkAttach(t, target, true);
    if (s === null) return ESRCH;
    killProcess(k, target.proc, SIGKILL);
    return 0;
  }
  if (req === PTRACE_INTERRUPT || req === PTRACE_LISTEN) {
    const s = checkAttach(t, target, true);
    if (s === null) return ESRCH;
    if (!s.seized) return EIO;
    if (req === PTRACE_LISTEN) return EIO;
    if (!s.stopped) {
      s.interrupt = true;
      target.notify = 1;
      if (target.state === TaskState.SLEEPING) target.wakeUp(false);
    }
    return 0;
  }
  const s = checkAttach(t, target, false);
  if (s === null) return ESRCH;
  switch (req) {
    case PTRACE_PEEKTEXT: case PTRACE_PEEKDATA: {
      const w = peekWord(target, addr);
      if (w === null) return EIO;
      return copyOut(t.mm, data, w) === 0 ? 0 : EFAULT;
    }
    case PTRACE_POKETEXT: case PTRACE_POKEDATA: {
      // The word comes from a3's exact 64 bits (a JS number would round above 2^53).
      const x = k.regsOf(t);
      const b = new Uint8Array(8);
      const dv = new DataView(b.buffer);
      dv.setInt32(0, x[26], true); dv.setInt32(4, x[27], true);
      return pokeWord(target, addr, b) ? 0 : EIO;
    }
    case PTRACE_CONT: case PTRACE_SYSCALL: {
      if (!validSig(int(data))) return EIO;
      resume(k, s, req === PTRACE_SYSCALL, int(data));
      return 0;
    }
    case PTRACE_DETACH: {
      if (!validSig(int(data))) return EIO;
      detach(k, s, int(data));
      return 0;
    }
    case PTRACE_SETOPTIONS: {
      if (int(data) & ~O_MASK) return EINVAL;
      s.options = int(data);
      return 0;
    }
    case PTRACE_GETEVENTMSG:
      return copyOut(t.mm, data, new StructWriter(8).u64(0, s.message).bytes) === 0 ? 0 : EFAULT;
    case PTRACE_GETSIGINFO:
      if (s.siginfo === null) return EINVAL;
      return copyOut(t.mm, data, s.siginfo) === 0 ? 0 : EFAULT;
    case PTRACE_SETSIGINFO: {
      if (s.siginfo === null) return EINVAL;
      const b = copyIn(t.mm, data, 128);
      if (isErr(b)) return b;
      s.siginfo = b;
      return 0;
    }
    case PTRACE_GETREGSET: case PTRACE_SETREGSET: {
      const iov = copyIn(t.mm, data, 16);
      if (isErr(iov)) return iov;
      const v = new DataView(iov.buffer);
      const base = readI64(v, 0), len = readI64(v, 8);
      const type = int(addr);
      if (type !== NT_PRSTATUS && type !== NT_PRFPREG) return EINVAL;
      const size = type === NT_PRSTATUS ? PRSTATUS_SIZE : PRFPREG_SIZE;
      const n = Math.min(len, size);
      if (req === PTRACE_GETREGSET) {
        const regs = type === NT_PRSTATUS ? getPrstatus(k, target) : getPrfpreg(k, target);
        if (copyOut(t.mm, base, regs.subarray(0, n)) !== 0) return EFAULT;
      } else {
        const b = copyIn(t.mm, base, n);
        if (isErr(b)) return b;
        const cur = type === NT_PRSTATUS ? getPrstatus(k, target) : getPrfpreg(k, target);
        cur.set(b);
        if (type === NT_PRSTATUS) setPrstatus(k, target, cur); else setPrfpreg(k, target, cur);
      }
      return copyOut(t.mm, data + 8, new StructWriter(8).u64(0, n).bytes) === 0 ? 0 : EFAULT;
    }
    case PTRACE_GET_SYSCALL_INFO: {
      const info = syscallInfo(k, s);
      const n = Math.min(addr, info.length);
      if (n > 0 && copyOut(t.mm, data, info.subarray(0, n)) !== 0) return EFAULT;
      return info.length;
    }
    case PTRACE_PEEKUSR: case PTRACE_POKEUSR: case PTRACE_SINGLESTEP:
    default:
      return EIO;
  }
}
