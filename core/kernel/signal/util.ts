// Small helpers of the signal subsystem: user timespec writes without the
// syscall layer (core/kernel must not import core/syscalls).
import type { Task } from '../task.js';
import { copyOut } from '../mm/uaccess.js';

/** Writes ns as a struct timespec at va (errors ignored, as Linux's restart paths do). */
export function putTimespecRaw(t: Task, va: number, ns: number): void {
  const b = new Uint8Array(16);
  const v = new DataView(b.buffer);
  const sec = Math.floor(ns / 1e9);
  v.setInt32(0, sec | 0, true);
  v.setInt32(4, Math.floor(sec / 4294967296) | 0, true);
  v.setInt32(8, ns - sec * 1e9, true);
  copyOut(t.mm, va, b);
}
