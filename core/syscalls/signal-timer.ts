// Interval timers: getitimer and setitimer (glibc's alarm() is setitimer on
// riscv64). ITIMER_REAL sends SIGALRM; ITIMER_VIRTUAL and ITIMER_PROF are
// accepted and read back but never fire (no per-process CPU-time timers yet).
import { EFAULT, EINVAL } from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { copyIn, copyOut } from '../kernel/mm/uaccess.js';
import { getRealTimer, installSignals, setRealTimer } from '../kernel/signal/index.js';
import { int, isErr, readI64 } from './util.js';

installSignals();

const ITIMER_REAL = 0, ITIMER_PROF = 2;
/** ITIMER_VIRTUAL / ITIMER_PROF settings, stored only. */
const cpuTimers = new WeakMap<object, { value: number; interval: number }[]>();

function itimerval(value: number, interval: number): Uint8Array {
  const b = new Uint8Array(32);
  const v = new DataView(b.buffer);
  const put = (off: number, ns: number) => {
    const us = Math.floor(ns / 1000);
    const sec = Math.floor(us / 1e6);
    v.setInt32(off, sec | 0, true); v.setInt32(off + 4, Math.floor(sec / 4294967296), true);
    v.setInt32(off + 8, us - sec * 1e6, true);
  };
  put(0, interval);
  put(16, value);
  return b;
}

function get(t: Task, which: number): { value: number; interval: number } {
  if (which === ITIMER_REAL) return getRealTimer(t.kernel, t.proc);
  return cpuTimers.get(t.proc)?.[which] ?? { value: 0, interval: 0 };
}

/** Getitimer implements Linux syscall getitimer(2). */
export function sysGetitimer(t: Task, a: Float64Array): SyscallResult {
  const which = int(a[0]);
  if (which < ITIMER_REAL || which > ITIMER_PROF) return EINVAL;
  const cur = get(t, which);
  return copyOut(t.mm, a[1], itimerval(cur.value, cur.interval)) === 0 ? 0 : EFAULT;
}

/** Setitimer implements Linux syscall setitimer(2). */
export function sysSetitimer(t: Task, a: Float64Array): SyscallResult {
  const which = int(a[0]);
  if (which < ITIMER_REAL || which > ITIMER_PROF) return EINVAL;
  let value = 0, interval = 0;
  if (a[1] !== 0) {
    const b = copyIn(t.mm, a[1], 32);
    if (isErr(b)) return b;
    const v = new DataView(b.buffer);
    const isec = readI64(v, 0), iusec = readI64(v, 8), vsec = readI64(v, 16), vusec = readI64(v, 24);
    if (iusec < 0 || iusec >= 1e6 || vusec < 0 || vusec >= 1e6 || isec < 0 || vsec < 0) return EINVAL;
    interval = isec * 1e9 + iusec * 1000;
    value = vsec * 1e9 + vusec * 1000;
  }
  let old: { value: number; interval: number };
  if (which === ITIMER_REAL) old = setRealTimer(t.kernel, t.proc, value, interval);
  else {
    let arr = cpuTimers.get(t.proc);
    if (arr === undefined) { arr = [{ value: 0, interval: 0 }, { value: 0, interval: 0 }, { value: 0, interval: 0 }]; cpuTimers.set(t.proc, arr); }
    old = arr[which];
    arr[which] = { value, interval };
  }
  if (a[2] !== 0 && copyOut(t.mm, a[2], itimerval(old.value, old.interval)) !== 0) return EFAULT;
  return 0;
}
