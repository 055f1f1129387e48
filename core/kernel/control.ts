// Control values a syscall handler or file op may return instead of a result:
// BLOCK (the task was put to sleep; the ecall is re-executed when it wakes, the
// restart model), NORETURN (the handler already set the registers itself, e.g.
// execve or rt_sigreturn; the glue must not write a0 nor advance pc), GONE (the
// calling task no longer runs: exit, exit_group, fatal signal).

export class Control {
  constructor(readonly name: string) {}
  toString(): string { return this.name; }
}
export const BLOCK = new Control('BLOCK');
export const NORETURN = new Control('NORETURN');
export const GONE = new Control('GONE');
export type Block = typeof BLOCK;
