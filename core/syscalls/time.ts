// Time syscalls: clock_gettime/clock_getres/gettimeofday (also reached
// through the vDSO), nanosleep and clock_nanosleep (sleep with the restart
// model: the deadline is kept across re-execution), times, getrusage, and
// the futex syscall (its mechanism is core/kernel/futex.ts).
import { EFAULT, EINVAL, ENOSYS, type Errno } from '../abi/errno.js';
import {
  CLOCK_BOOTTIME, CLOCK_MONOTONIC, CLOCK_MONOTONIC_COARSE, CLOCK_MONOTONIC_RAW, CLOCK_PROCESS_CPUTIME_ID, CLOCK_REALTIME,
  CLOCK_REALTIME_COARSE, CLOCK_THREAD_CPUTIME_ID, TIMER_ABSTIME, FUTEX_CLOCK_REALTIME, FUTEX_CMP_REQUEUE, FUTEX_PRIVATE_FLAG,
  FUTEX_REQUEUE, FUTEX_WAIT, FUTEX_WAIT_BITSET, FUTEX_WAKE, FUTEX_WAKE_BITSET,
} from '../abi/linux.js';
import { BLOCK } from '../kernel/control.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { futexRequeue, futexWait, futexWake } from '../kernel/futex.js';
import { copyOut } from '../kernel/mm/uaccess.js';
import { getTimespec, int, isErr, putTimespec, StructWriter } from './util.js';

/** Current value of clock `clk` in ns, or EINVAL for an unknown clock. */
export function clockNs(t: Task, clk: number): number | Errno {
  const k = t.kernel;
  switch (clk) {
    // 100 ns steps: the vDSO answers these from rdtime (10 MHz) and the realtime offset, and the two paths must agree.
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case 8 /* REALTIME_ALARM */: case 11 /* TAI */:
      return k.realtimeOffsetNs + Math.floor(k.monotonicNs() / 100) * 100;
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME: case 9:
      return Math.floor(k.monotonicNs() / 100) * 100;
    case CLOCK_PROCESS_CPUTIME_ID: return t.proc.threads.reduce((s, x) => s + x.instret, 0) * k.nsPerInsn;
    case CLOCK_THREAD_CPUTIME_ID: return t.instret * k.nsPerInsn;
    default:
      // Dynamic CPU clocks (pthread_getcpuclockid / clock_getcpuclockid): ~pid << 3 | type.
      if (clk < 0) return t.instret * k.nsPerInsn;
      return EINVAL;
  }
}

/**
 * CLOCK_REALTIME as exact [sec, nsec]: the offset plus the 100 ns monotonic value
 * overflows 2^53 ns, so it is added in two parts (the vDSO does the same sum in 64 bits).
 */
function realtimeParts(t: Task): [number, number] {
  const k = t.kernel;
  const off = k.realtimeOffsetNs;
  let sec = Math.floor(off / 1e9);
  let rem = off - sec * 1e9;
  if (rem < 0) { sec--; rem += 1e9; } else if (rem >= 1e9) { sec++; rem -= 1e9; }
  const x = rem + Math.floor(k.monotonicNs() / 100) * 100;
  return [sec + Math.floor(x / 1e9), x % 1e9];
}

const isRealtime = (clk: number): boolean => clk === CLOCK_REALTIME || clk === CLOCK_REALTIME_COARSE || clk === 8 || clk === 11;

export function sysClockGettime(t: Task, a: Float64Array): SyscallResult {
  const clk = int(a[0]);
  if (isRealtime(clk)) {
    const [sec, nsec] = realtimeParts(t);
    return copyOut(t.mm, a[1], new StructWriter(16).u64(0, sec).u64(8, nsec).bytes);
  }
  const ns = clockNs(t, clk);
  if (isErr(ns)) return ns;
  return putTimespec(t, a[1], ns);
}

export function sysClockGetres(t: Task, a: Float64Array): SyscallResult {
  const clk = int(a[0]);
  const ns = clockNs(t, clk);
  if (isErr(ns)) return ns;
  if (a[1] === 0) return 0;
  const coarse = clk === CLOCK_REALTIME_COARSE || clk === CLOCK_MONOTONIC_COARSE;
  return putTimespec(t, a[1], coarse ? 4_000_000 : 1);
}

export function sysGettimeofday(t: Task, a: Float64Array): SyscallResult {
  if (a[0] !== 0) {
    const [sec, nsec] = realtimeParts(t);
    if (copyOut(t.mm, a[0], new StructWriter(16).u64(0, sec).u64(8, Math.floor(nsec / 1000)).bytes) !== 0) return EFAULT;
  }
  if (a[1] !== 0 && copyOut(t.mm, a[1], new Uint8Array(8)) !== 0) return EFAULT;
  return 0;
}

/** Sleeps until the absolute monotonic deadline, keeping it across re-execution. */
function sleepUntil(t: Task, nr: number, deadline: () => number | Errno): SyscallResult {
  const k = t.kernel;
  let d: number;
  if (t.restart !== null && t.restart.nr === nr) d = t.restart.deadline;
  else {
    const r = deadline();
    if (isErr(r)) return r;
    d = r;
    t.restart = { nr, woken: false, deadline: d };
  }
  if (k.monotonicNs() >= d) return 0;
  t.sleepOn([], d, 'hrtimer_nanosleep');
  return BLOCK;
}

export function sysNanosleep(t: Task, a: Float64Array): SyscallResult {
  return sleepUntil(t, 101, () => {
    const ns = getTimespec(t, a[0]);
    return isErr(ns) ? ns : t.kernel.monotonicNs() + ns;
  });
}

export function sysClockNanosleep(t: Task, a: Float64Array): SyscallResult {
  const clk = int(a[0]), flags = int(a[1]);
  if (clk === CLOCK_THREAD_CPUTIME_ID) return EINVAL;
  const now = clockNs(t, clk);
  if (isErr(now)) return now;
  if (clk !== CLOCK_REALTIME && clk !== CLOCK_MONOTONIC && clk !== CLOCK_BOOTTIME && clk !== CLOCK_PROCESS_CPUTIME_ID && clk !== 8 && clk !== 9 && clk !== 11) return EINVAL;
  return sleepUntil(t, 115, () => {
    const ns = getTimespec(t, a[2]);
    if (isErr(ns)) return ns;
    const mono = t.kernel.monotonicNs();
    return flags & TIMER_ABSTIME ? mono + (ns - now) : mono + ns;
  });
}

export function sysTimes(t: Task, a: Float64Array): SyscallResult {
  const ticks = Math.floor(t.kernel.monotonicNs() / 1e7);
  if (a[0] !== 0) {
    const ut = Math.floor(t.proc.threads.reduce((s, x) => s + x.instret, 0) * t.kernel.nsPerInsn / 1e7);
    if (copyOut(t.mm, a[0], new StructWriter(32).u64(0, ut).bytes) !== 0) return EFAULT;
  }
  return ticks;
}

export function sysGetrusage(t: Task, a: Float64Array): SyscallResult {
  const who = int(a[0]);
  if (who !== 0 && who !== -1 && who !== 1) return EINVAL;
  const ns = who === 1 ? t.instret * t.kernel.nsPerInsn : t.proc.threads.reduce((s, x) => s + x.instret, 0) * t.kernel.nsPerInsn;
  const us = Math.floor(ns / 1000);
  const w = new StructWriter(144).u64(0, Math.floor(us / 1e6)).u64(8, us % 1e6).u64(32, t.mm.rss * 4);
  return copyOut(t.mm, a[1], w.bytes);
}

export function sysFutex(t: Task, a: Float64Array): SyscallResult {
  const uaddr = a[0], op = int(a[1]), val = int(a[2]), utime = a[3], uaddr2 = a[4], val3 = int(a[5]);
  const cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  const shared = (op & FUTEX_PRIVATE_FLAG) === 0;
  const k = t.kernel;
  if ((op & FUTEX_CLOCK_REALTIME) && cmd !== FUTEX_WAIT_BITSET && cmd !== FUTEX_WAIT) return ENOSYS;
  switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: {
      let deadline = -1;
      const restarting = t.restart !== null && t.restart.nr === 98;
      if (utime !== 0 && !restarting) {
        const ns = getTimespec(t, utime);
        if (isErr(ns)) return ns;
        if (cmd === FUTEX_WAIT) deadline = k.monotonicNs() + ns; // relative
        else deadline = op & FUTEX_CLOCK_REALTIME ? k.monotonicNs() + (ns - k.realtimeNs()) : ns; // absolute
      }
      return futexWait(k, t, 98, uaddr, val, deadline, cmd === FUTEX_WAIT ? -1 : val3, shared);
    }
    case FUTEX_WAKE: return futexWake(k, t, uaddr, val, -1, shared);
    case FUTEX_WAKE_BITSET: return futexWake(k, t, uaddr, val, val3, shared);
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: {
      if (val < 0 || int(utime) < 0) return EINVAL;
      return futexRequeue(k, t, uaddr, val, int(utime), uaddr2, cmd === FUTEX_CMP_REQUEUE ? val3 : null, shared);
    }
    default: return ENOSYS;
  }
}
