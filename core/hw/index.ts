// The public API of core/hw: everything the kernel, the CLI and tests may use
// of the emulated machine. core/kernel imports hw only through this file.
export { PhysMem, DRAM_BASE, DEFAULT_RAM_SIZE } from './memory.js';
export { Bus } from './bus.js';
export type { MmioDevice } from './bus.js';
export { Hart, RunExit, TLB_SIZE, DC_MAX_PAGES, PAGE_WORDS } from './hart.js';
export type { HartOptions, RunExitCode } from './hart.js';
export { disasm, XNAMES } from './disasm.js';
export { decode32, Op, opName, SLOT_WORDS, SLOTS_PER_PAGE } from './decode.js';
export { expandRvc } from './rvc.js';
export { CSR, MSTATUS, MIP, CsrFile, getCsr, setCsr, csrName } from './csr.js';
export { Exc, Irq, setPriv } from './trap.js';
export { Access, Mmu, translate } from './mmu.js';
export { FpRegs } from './fpu/index.js';
export { Clint, CLINT_BASE, CLINT_SIZE } from './clint.js';
export { Uart16550, UART_BASE, UART_SIZE, UART_IRQ } from './uart.js';
export { Plic, PLIC_BASE, PLIC_SIZE } from './plic.js';
export { Htif } from './htif.js';
export type { HtifHost } from './htif.js';
export { Machine, DEFAULT_TIMEBASE_HZ } from './machine.js';
export type { MachineOptions, MachineStatus, LoadResult, RunLimits } from './machine.js';
export { traceLine, fetchForTrace } from './machine.js';
