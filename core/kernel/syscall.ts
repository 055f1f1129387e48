// The shape of a syscall table entry and of a handler. Handlers get the task
// and the six argument registers as JS numbers (the signed 64-bit value; exact
// below 2^53, which covers every pointer, size and flag word), and return a
// value, an Errno, or a Control (BLOCK, NORETURN, GONE). The table itself is
// core/syscalls/table.ts; boot.ts hands it to the kernel.
import type { Errno } from '../abi/errno.js';
import type { Control } from './control.js';
import type { Task } from './task.js';

export type SyscallResult = number | Errno | Control;
export type SyscallHandler = (t: Task, a: Float64Array) => SyscallResult;
export type SyscallStatus = 'supported' | 'partial' | 'enosys';

export interface SyscallSpec {
  readonly nr: number;
  readonly name: string;
  readonly handler: SyscallHandler | null;
  readonly status: SyscallStatus;
  readonly note: string;
}
