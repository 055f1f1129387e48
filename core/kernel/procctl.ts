// The few kernel changes procfs may make, each validated and applied whole
// (nothing half-applied): a task's comm, a process's oom_score_adj, the
// hostname, ASLR (randomize_va_space), and another process's memory through
// /proc/[pid]/mem after the ptrace access check (Linux ptrace_may_access in
// PTRACE_MODE_ATTACH_FSCREDS: root, or the same uid as every uid of the target
// and the same gid as every gid, and the target dumpable).
import { EACCES, EINVAL, EIO, ESRCH, type Errno } from '../abi/errno.js';
import type { Kernel } from './kernel.js';
import { copyIn, copyOut } from './mm/uaccess.js';

/** Whether the calling task (k.current; the embedder counts as root) may inspect process pid. */
export function ptraceMayAccess(k: Kernel, pid: number): boolean {
  const p = k.procs.get(pid);
  if (p === undefined) return false;
  const me = k.current;
  if (me === null) return true;
  if (me.proc === p) return true;
  const c = me.proc.cred, tc = p.cred;
  if (c.fsuid === 0) return true;
  const uidOk = c.fsuid === tc.uid && c.fsuid === tc.euid && c.fsuid === tc.suid;
  const gidOk = c.fsgid === tc.gid && c.fsgid === tc.egid && c.fsgid === tc.sgid;
  return uidOk && gidOk && p.dumpable;
}

/** Sets the name of thread tid (or, with tid = pid, of the process's main thread and the process), truncated to 15 bytes. */
export function setComm(k: Kernel, pid: number, tid: number, name: Uint8Array): 0 | Errno {
  const p = k.procs.get(pid);
  const t = k.tasks.get(tid);
  if (p === undefined || p.zombie || t === undefined || t.proc !== p) return ESRCH;
  const bytes = name.subarray(0, 15);
  const s = new TextDecoder().decode(bytes).replace(/\0.*$/s, '');
  if (tid === pid) { p.comm = s; t.comm = null; } else t.comm = s;
  return 0;
}

export function setOomScoreAdj(k: Kernel, pid: number, v: number): 0 | Errno {
  const p = k.procs.get(pid);
  if (p === undefined || p.zombie) return ESRCH;
  if (!Number.isInteger(v) || v < -1000 || v > 1000) return EINVAL;
  // Lowering below the current value needs CAP_SYS_RESOURCE (root).
  const me = k.current;
  if (v < p.oomScoreAdj && me !== null && me.proc.cred.euid !== 0) return EACCES;
  p.oomScoreAdj = v;
  return 0;
}

export function setHostname(k: Kernel, name: string): 0 | Errno {
  if (name.length > 64) return EINVAL;
  k.hostname = name;
  return 0;
}

/** randomize_va_space: 0 off, 1 and 2 on (nodix randomizes stack, mmap, vdso and brk alike). */
export function setRandomizeVaSpace(k: Kernel, v: number): 0 | Errno {
  if (v !== 0 && v !== 1 && v !== 2) return EINVAL;
  k.aslr = v !== 0;
  k.randomizeVaSpace = v;
  return 0;
}

/** Reads (buf filled) or writes (buf copied in) process pid's memory at addr; the bytes moved or EIO when none could be. */
export function accessProcessMemory(k: Kernel, pid: number, addr: number, buf: Uint8Array, write: boolean): number | Errno {
  const p = k.procs.get(pid);
  if (p === undefined || p.zombie || p.mm.users === 0) return EIO;
  if (addr < 0 || addr >= 2 ** 38) return EIO;
  // Page by page so a hole ends the transfer with what was done.
  let done = 0;
  while (done < buf.length) {
    const va = addr + done;
    const n = Math.min(buf.length - done, 4096 - (va % 4096));
    if (write) { if (copyOut(p.mm, va, buf.subarray(done, done + n)) !== 0) break; }
    else {
      const r = copyIn(p.mm, va, n);
      if (!(r instanceof Uint8Array)) break;
      buf.set(r, done);
    }
    done += n;
  }
  return done === 0 && buf.length > 0 ? EIO : done;
}
