// Console and tty devices: /dev/console (5:1) and /dev/tty (5:0, the
// caller's controlling terminal: here the console). The console passes bytes
// through to the host (console.ts). `ttyHooks` is the seam the signals issue
// fills in for job control (background reads/writes, SIGTTIN/SIGTTOU).
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { mkdev } from './devfs.js';

/**
 * Job-control checks the signals issue provides. `checkRead`/`checkWrite` are
 * called before a read from / write to a terminal by t; return 0 to proceed,
 * or a negative number: -1 = the caller got SIGTTIN/SIGTTOU (the syscall
 * returns ERESTARTSYS-like EINTR), -2 = EIO (orphaned background group).
 * Defaults allow everything.
 */
export const ttyHooks: {
  checkRead(k: Kernel, t: Task, foregroundPgrp: number): number;
  checkWrite(k: Kernel, t: Task, foregroundPgrp: number, tostop: boolean): number;
} = {
  checkRead: () => 0,
  checkWrite: () => 0,
};

/** Registers 5:0 (/dev/tty) and 5:1 (/dev/console) to open the console. */
export function registerConsoleDevices(k: Kernel): void {
  const open = (_k: Kernel, _t: Task, flags: number) => { const f = k.console.open((flags & 3) === 0 ? 0 : 1); return { ops: f.ops, priv: f.priv }; };
  k.chrdevs.register(mkdev(5, 0), { name: '/dev/tty', open });
  k.chrdevs.register(mkdev(5, 1), { name: '/dev/console', open });
}
