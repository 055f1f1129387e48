// The scheduler: a FIFO run queue of runnable tasks with round-robin time
// slices counted in retired instructions (the hart's run(budget) returns
// BUDGET when a slice is used up: preemption without a timer interrupt; see
// kernel.ts for why), plus the timer list of sleeping tasks with deadlines.
import { TaskState, type Task } from './task.js';

export class Scheduler {
  private runq: Task[] = [];
  private readonly onq = new WeakSet<Task>();
  /** Sleeping tasks with a deadline, unsorted (short in practice). */
  private timers: Task[] = [];

  enqueue(t: Task): void {
    if (this.onq.has(t)) return;
    this.onq.add(t);
    this.runq.push(t);
  }

  /** The runnable task at the head of the queue (dropping stale entries), or null. */
  head(): Task | null {
    const q = this.runq;
    while (q.length > 0) {
      const t = q[0];
      if (t.state === TaskState.RUNNABLE) return t;
      q.shift();
      this.onq.delete(t);
    }
    return null;
  }

  /** Moves the head task to the back (its slice is over). */
  rotate(): void {
    const t = this.runq.shift();
    if (t === undefined) return;
    if (t.state === TaskState.RUNNABLE) this.runq.push(t);
    else this.onq.delete(t);
  }

  get runnable(): number {
    let n = 0;
    for (const t of this.runq) if (t.state === TaskState.RUNNABLE) n++;
    return n;
  }

  addTimer(t: Task): void {
    if (!this.timers.includes(t)) this.timers.push(t);
  }

  /** Kernel timer callbacks (interval timers): run by fireTimers once their monotonic deadline passes. */
  private callbacks: KTimer[] = [];
  addCallback(at: number, fn: () => void): KTimer { const c = { at, fn }; this.callbacks.push(c); return c; }
  cancelCallback(c: KTimer): void { const i = this.callbacks.indexOf(c); if (i >= 0) this.callbacks.splice(i, 1); }

  /** Wakes (as timed out) every sleeper whose deadline has passed, and runs due callbacks. */
  fireTimers(now: number): void {
    if (this.callbacks.length > 0) {
      const due = this.callbacks.filter((c) => c.at <= now);
      if (due.length > 0) { this.callbacks = this.callbacks.filter((c) => c.at > now); for (const c of due) c.fn(); }
    }
    if (this.timers.length === 0) return;
    const keep: Task[] = [];
    const due: Task[] = [];
    for (const t of this.timers) {
      if (t.state !== TaskState.SLEEPING || t.wakeAt < 0) continue;
      if (t.wakeAt <= now) due.push(t); else keep.push(t);
    }
    this.timers = keep;
    for (const t of due) t.wakeUp(false);
  }

  /** Earliest pending deadline, or -1. */
  nextDeadline(): number {
    let d = -1;
    for (const c of this.callbacks) if (d < 0 || c.at < d) d = c.at;
    for (const t of this.timers) if (t.state === TaskState.SLEEPING && t.wakeAt >= 0 && (d < 0 || t.wakeAt < d)) d = t.wakeAt;
    return d;
  }

  remove(t: Task): void {
    const i = this.timers.indexOf(t);
    if (i >= 0) this.timers.splice(i, 1);
  }
}

export interface KTimer { at: number; fn: () => void }
