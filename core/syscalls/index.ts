// The public face of core/syscalls: the table the kernel dispatches through.
export { syscallTable, defineSyscall } from './table.js';
export { renderSyscallDocs } from './docs.js';
