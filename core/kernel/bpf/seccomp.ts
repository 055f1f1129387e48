// seccomp (Linux kernel/seccomp.c): strict mode and filters on syscall entry,
// through traceHooks.sysEnter (chained with whatever was there). A task's
// filters are an immutable list shared with the children it clones and kept
// across execve (Task.seccomp); a new filter is prepended. Every filter runs
// (most recent first) over struct seccomp_data and the most restrictive action
// wins: KILL_PROCESS > KILL_THREAD > TRAP > ERRNO > USER_NOTIF > TRACE > LOG > ALLOW.
import type { Task, SeccompState } from '../task.js';
import type { Kernel } from '../kernel.js';
import { ENOSYS, errnoByCode, EPERM, type Errno } from '../../abi/errno.js';
import { SIGKILL, SIGSYS } from '../../abi/linux.js';
import { traceHooks } from '../trap.js';
import { exitThread, killProcess } from '../proc.js';
import { makeInfo } from '../signal/state.js';
import { forceInfo } from '../signal/send.js';
import { runClassic, type CInsn } from './cbpf.js';
import { runProg } from './runtime.js';
import type { BpfProgObj } from './objects.js';

export const SECCOMP_RET_KILL_PROCESS = 0x80000000, SECCOMP_RET_KILL_THREAD = 0, SECCOMP_RET_TRAP = 0x00030000;
export const SECCOMP_RET_ERRNO = 0x00050000, SECCOMP_RET_USER_NOTIF = 0x7fc00000, SECCOMP_RET_TRACE = 0x7ff00000;
export const SECCOMP_RET_LOG = 0x7ffc0000, SECCOMP_RET_ALLOW = 0x7fff0000;
export const AUDIT_ARCH_RISCV64 = 0xc00000f3;
const KNOWN = [SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD, SECCOMP_RET_TRAP, SECCOMP_RET_ERRNO, SECCOMP_RET_USER_NOTIF, SECCOMP_RET_TRACE, SECCOMP_RET_LOG, SECCOMP_RET_ALLOW];
export const isKnownAction = (a: number): boolean => KNOWN.includes(a >>> 0);
/** Strict mode allows read, write, exit and rt_sigreturn. */
const STRICT_ALLOWED = new Set([63, 64, 93, 139]);
const SYS_SECCOMP = 1;

const data32 = new Uint32Array(16);
const dataBytes = new Uint8Array(64);
const dataView = new DataView(dataBytes.buffer);

/** Fills struct seccomp_data for t's current syscall. */
function fillData(t: Task, nr: number, a: Float64Array): void {
  const k = t.kernel;
  const ip = (k.current === t ? k.cpu.trapPc : t.pc) + 4;
  dataView.setInt32(0, nr, true);
  dataView.setUint32(4, AUDIT_ARCH_RISCV64, true);
  dataView.setUint32(8, ip % 4294967296, true); dataView.setUint32(12, Math.floor(ip / 4294967296), true);
  for (let i = 0; i < 6; i++) {
    const v = a[i];
    dataView.setUint32(16 + 8 * i, v < 0 ? (v % 4294967296 + 4294967296) % 4294967296 : v % 4294967296, true);
    dataView.setInt32(20 + 8 * i, Math.floor(v / 4294967296) | 0, true);
  }
  for (let i = 0; i < 16; i++) data32[i] = dataView.getUint32(i * 4, true);
}

/** A classic filter as a seccomp filter function. */
export const classicFilter = (p: readonly CInsn[]) => (): number => runClassic(p, data32);

/** An eBPF filter (program type seccomp, 0x10001); a failed run kills, as an unknown action does. */
export const ebpfFilter = (k: Kernel, prog: BpfProgObj) => (t: Task): number => {
  const r = runProg(k, prog, t, dataBytes.slice());
  return r.ok ? Number(r.r0 & 0xffffffffn) >>> 0 : SECCOMP_RET_KILL_PROCESS;
};

/** Action precedence as Linux compares them: the action part as a signed 32-bit number, smaller wins. */
const rank = (ret: number): number => (ret & 0xffff0000) | 0;

function onSysEnter(t: Task, nr: number, a: Float64Array): Errno | null {
  const s = t.seccomp;
  if (s === null) return null;
  const k = t.kernel;
  if (s.strict) {
    if (STRICT_ALLOWED.has(nr)) return null;
    killProcess(k, t.proc, SIGKILL);
    return ENOSYS;
  }
  fillData(t, nr, a);
  let ret = SECCOMP_RET_ALLOW;
  for (const f of s.filters) {
    const r = f(t, nr, a) >>> 0;
    if (rank(r) < rank(ret)) ret = r;
  }
  const action = (ret & 0xffff0000) >>> 0, data = ret & 0xffff;
  switch (action) {
    case SECCOMP_RET_ALLOW: case SECCOMP_RET_LOG: return null;
    case SECCOMP_RET_ERRNO: return errnoByCode(Math.min(data, 4095)) ?? EPERM;
    case SECCOMP_RET_TRAP: {
      const info = makeInfo(SIGSYS, SYS_SECCOMP);
      const v = new DataView(info.buffer);
      v.setInt32(4, data, true);
      const ip = dataView.getUint32(8, true) + dataView.getUint32(12, true) * 4294967296 - 4;
      v.setUint32(16, ip % 4294967296, true); v.setUint32(20, Math.floor(ip / 4294967296), true);
      v.setInt32(24, nr, true); v.setUint32(28, AUDIT_ARCH_RISCV64, true);
      forceInfo(k, t, info);
      return ENOSYS;
    }
    case SECCOMP_RET_TRACE: case SECCOMP_RET_USER_NOTIF: return ENOSYS; // no tracer / listener
    case SECCOMP_RET_KILL_THREAD:
      if (t.proc.threads.length > 1) { exitThread(k, t, SIGSYS); return ENOSYS; }
      killProcess(k, t.proc, SIGSYS);
      return ENOSYS;
    default:
      killProcess(k, t.proc, SIGSYS);
      return ENOSYS;
  }
}

let installed = false;
/** Puts the seccomp check in front of the syscall-entry hook (once). */
function installHook(): void {
  if (installed) return;
  installed = true;
  const prev = traceHooks.sysEnter;
  traceHooks.sysEnter = prev === null ? onSysEnter : (t, nr, a) => onSysEnter(t, nr, a) ?? prev(t, nr, a);
}

export function setStrict(t: Task): void {
  installHook();
  t.seccomp = { strict: true, filters: [] };
}

/** Adds a filter in front of t's list (or of every thread's with TSYNC). */
export function addFilter(t: Task, f: SeccompState['filters'][number], tsync: boolean): void {
  installHook();
  const next: SeccompState = { strict: false, filters: [f, ...(t.seccomp?.filters ?? [])] };
  if (tsync) for (const o of t.proc.threads) o.seccomp = next;
  else t.seccomp = next;
}

/** seccomp mode for PR_GET_SECCOMP / /proc status: 0 off, 1 strict, 2 filter. */
export const seccompMode = (t: Task): number => (t.seccomp === null ? 0 : t.seccomp.strict ? 1 : 2);
