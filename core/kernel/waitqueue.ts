// Wait queues: a task that must wait for an event adds itself and returns
// BLOCK from its syscall; a waker calls wake/wakeAll, which marks the tasks
// woken (so a re-executed syscall can tell a wake-up from a timeout) and makes
// them runnable through the scheduler hook.
import type { Task } from './task.js';

export class WaitQueue {
  readonly waiters: Task[] = [];

  add(t: Task): void {
    if (!this.waiters.includes(t)) this.waiters.push(t);
    t.waitingOn.push(this);
  }

  remove(t: Task): void {
    const i = this.waiters.indexOf(t);
    if (i >= 0) this.waiters.splice(i, 1);
  }

  get length(): number { return this.waiters.length; }

  /** Wakes up to n waiters (FIFO); returns how many. */
  wake(n = 1): number {
    let k = 0;
    while (k < n && this.waiters.length > 0) {
      const t = this.waiters.shift()!;
      t.wakeUp(true);
      k++;
    }
    return k;
  }

  wakeAll(): number { return this.wake(this.waiters.length); }
}
