// Futexes (Linux kernel/futex): wait queues keyed by the futex word. A word in
// a private mapping is keyed by (address space, virtual address); a word in a
// shared mapping by its physical page, so processes sharing memory meet on the
// same queue. Waiters sleep with the restart model: a wake-up marks the
// task's Restart as woken so the re-executed FUTEX_WAIT returns 0.
import { EAGAIN, EFAULT, EINVAL, ETIMEDOUT, type Errno } from '../abi/errno.js';
import { BLOCK, type Block } from './control.js';
import type { Kernel } from './kernel.js';
import type { Task } from './task.js';
import { WaitQueue } from './waitqueue.js';
import { getUser32, userPa } from './mm/uaccess.js';

/** Per-waiter wake bitset (FUTEX_WAIT_BITSET / WAKE_BITSET). */
const waitBits = new WeakMap<Task, number>();
const queues = new WeakMap<Kernel, Map<string, WaitQueue>>();

function futexKey(k: Kernel, t: Task, uaddr: number, shared: boolean): string | Errno {
  if (uaddr % 4 !== 0) return EINVAL;
  if (shared) {
    const vma = t.mm.findVma(uaddr);
    if (vma === null) return EFAULT;
    if (vma.shared) {
      const pa = userPa(t.mm, uaddr, false);
      if (pa === -1) return EFAULT;
      return `p${pa}`;
    }
  }
  return `${k.mmId(t.mm)}:${uaddr}`;
}

function queueFor(k: Kernel, key: string, create: boolean): WaitQueue | null {
  let m = queues.get(k);
  if (m === undefined) { m = new Map(); queues.set(k, m); }
  let q = m.get(key) ?? null;
  if (q === null && create) { q = new WaitQueue(); m.set(key, q); }
  return q;
}

function dropIfEmpty(k: Kernel, key: string, q: WaitQueue): void {
  if (q.length === 0) queues.get(k)?.delete(key);
}

/**
 * FUTEX_WAIT(_BITSET): sleeps while *uaddr == val, until woken or `deadline`
 * (absolute monotonic ns, -1 = none). Re-executed after wake-up.
 */
export function futexWait(k: Kernel, t: Task, nr: number, uaddr: number, val: number, deadline: number,
  bitset: number, shared: boolean): number | Errno | Block {
  const rs = t.restart;
  if (rs !== null && rs.nr === nr) {
    if (rs.woken) return 0;
    if (rs.deadline >= 0 && k.monotonicNs() >= rs.deadline) return ETIMEDOUT;
    // Spurious re-run (e.g. a requeue moved us): sleep again on the current key.
  }
  if (bitset === 0) return EINVAL;
  let key: string | Errno;
  if (rs !== null && rs.nr === nr && typeof rs.data === 'string') {
    key = rs.data; // still waiting (possibly requeued to another word): keep the queue we were on
  } else {
    key = futexKey(k, t, uaddr, shared);
    if (typeof key !== 'string') return key;
    const cur = getUser32(t.mm, uaddr);
    if (typeof cur !== 'number') return cur;
    if (cur !== (val | 0)) return EAGAIN;
    if (deadline >= 0 && k.monotonicNs() >= deadline) return ETIMEDOUT;
    t.restart = { nr, woken: false, deadline, data: key };
  }
  waitBits.set(t, bitset);
  const q = queueFor(k, key, true)!;
  t.sleepOn([q], t.restart!.deadline, 'futex_wait_queue');
  return BLOCK;
}

/** FUTEX_WAKE(_BITSET): wakes up to n waiters whose bitset intersects `bitset`. */
export function futexWake(k: Kernel, t: Task, uaddr: number, n: number, bitset: number, shared: boolean): number | Errno {
  if (bitset === 0) return EINVAL;
  const key = futexKey(k, t, uaddr, shared);
  if (typeof key !== 'string') return key;
  const q = queueFor(k, key, false);
  if (q === null) return 0;
  let woken = 0;
  for (const w of [...q.waiters]) {
    if (woken >= n) break;
    if (((waitBits.get(w) ?? -1) & bitset) === 0) continue;
    w.wakeUp(true);
    woken++;
  }
  dropIfEmpty(k, key, q);
  return woken;
}

/** FUTEX_REQUEUE / CMP_REQUEUE: wakes n, moves up to n2 more to uaddr2's queue. */
export function futexRequeue(k: Kernel, t: Task, uaddr: number, n: number, n2: number, uaddr2: number,
  cmp: number | null, shared: boolean): number | Errno {
  const key = futexKey(k, t, uaddr, shared);
  if (typeof key !== 'string') return key;
  const key2 = futexKey(k, t, uaddr2, shared);
  if (typeof key2 !== 'string') return key2;
  if (cmp !== null) {
    const cur = getUser32(t.mm, uaddr);
    if (typeof cur !== 'number') return cur;
    if (cur !== (cmp | 0)) return EAGAIN;
  }
  const q = queueFor(k, key, false);
  if (q === null) return 0;
  let done = q.wake(n);
  let moved = 0;
  if (key2 !== key) {
    const q2 = queueFor(k, key2, true)!;
    while (moved < n2 && q.length > 0) {
      const w = q.waiters.shift()!;
      w.waitingOn = w.waitingOn.filter((x) => x !== q);
      q2.add(w);
      if (w.restart) w.restart.data = key2;
      moved++;
    }
    dropIfEmpty(k, key2, q2);
  }
  dropIfEmpty(k, key, q);
  done += moved;
  return done;
}
