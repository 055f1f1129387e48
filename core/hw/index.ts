// The public API of core/hw: everything the kernel, the CLI and tests may use
// of the emulated machine. core/kernel imports hw only through this file.
export { PhysMem, DRAM_BASE, DEFAULT_RAM_SIZE } from './memory.js';
export { Bus } from './bus.js';
export type { MmioDevice } from './bus.js';
export { Hart, RunExit, TLB_SIZE } from './hart.js';
export type { HartOptions, RunExitCode } from './hart.js';
