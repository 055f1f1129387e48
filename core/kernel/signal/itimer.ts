// ITIMER_REAL (Linux kernel/time/itimer.c): a per-process interval timer on
// the monotonic clock that sends SIGALRM (SI_KERNEL) to the process when it
// expires and re-arms itself with the interval. Kernel timer callbacks come
// from the scheduler (sched.addCallback), so a process sleeping in pause()
// is woken by its alarm. Cleared at fork, kept across exec, cancelled at exit.
import type { Kernel } from '../kernel.js';
import type { Process } from '../task.js';
import type { KTimer } from '../sched.js';
import { SIGALRM } from '../../abi/linux.js';
import { sendFrom } from './send.js';

interface RealTimer { kt: KTimer | null; at: number; interval: number }
const timers = new WeakMap<Process, RealTimer>();

/** Remaining ns and interval of p's ITIMER_REAL (0, 0 when disarmed). */
export function getRealTimer(k: Kernel, p: Process): { value: number; interval: number } {
  const r = timers.get(p);
  if (r === undefined || r.kt === null) return { value: 0, interval: 0 };
  const rem = r.at - k.monotonicNs();
  return { value: rem > 0 ? rem : 1000, interval: r.interval }; // an expired, not yet re-armed timer reads as 1 us
}

/** Arms (value > 0) or disarms p's ITIMER_REAL; returns the previous setting. */
export function setRealTimer(k: Kernel, p: Process, value: number, interval: number): { value: number; interval: number } {
  const old = getRealTimer(k, p);
  let r = timers.get(p);
  if (r === undefined) { r = { kt: null, at: 0, interval: 0 }; timers.set(p, r); }
  if (r.kt !== null) { k.sched.cancelCallback(r.kt); r.kt = null; }
  r.interval = interval;
  if (value > 0) arm(k, p, r, k.monotonicNs() + value);
  return old;
}

function arm(k: Kernel, p: Process, r: RealTimer, at: number): void {
  r.at = at;
  r.kt = k.sched.addCallback(at, () => {
    r.kt = null;
    if (p.zombie) return;
    sendFrom(k, null, p, null, SIGALRM, 0x80);
    if (r.interval > 0 && !p.zombie) arm(k, p, r, Math.max(r.at + r.interval, k.monotonicNs()));
  });
}

/** exit: the timer dies with the process. */
export function cancelRealTimer(k: Kernel, p: Process): void {
  const r = timers.get(p);
  if (r?.kt) { k.sched.cancelCallback(r.kt); r.kt = null; }
}
