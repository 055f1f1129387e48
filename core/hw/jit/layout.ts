// Where the hart state that translated code shares with JavaScript lives in
// the scratch area after RAM (PhysMem.scratchOff): byte offsets relative to
// the scratch start. hart.ts places its register file and software TLBs here
// when RAM is a WebAssembly.Memory; the translator (translate.ts) bakes the
// absolute addresses into the code it emits. No imports: hart.ts and jit/
// both read it at module load.

/** Integer registers: 64 int32 (lo, hi pairs), i.e. 32 little-endian i64. */
export const X_OFF = 0;
/** i64: virtual address of the page the translated function runs on (written by the dispatcher). */
export const VBASE_OFF = 256;
/** i64: the next pc when the function returns with ST_ABS set. */
export const NEXTPC_OFF = 264;
/** i32: the page offset of the next pc (when ST_ABS is clear). */
export const NEXTOFF_OFF = 272;
/** i32: the exit status (ST_*). */
export const STATUS_OFF = 276;
/** i32: calls made from one page function straight into another (chaining, translate.ts), counted by the code. */
export const CHAINS_OFF = 280;
/** The nine TLB arrays (load tag lo/hi/off, store ..., fetch ...), TLB_BYTES each, in that order. */
export const TLB_OFF = 1024;
export const TLB_ENTRIES = 1024;
export const TLB_BYTES = TLB_ENTRIES * 4;
/**
 * The chain cache: CHAIN_ENTRIES direct-mapped pairs of i32 (RAM byte offset of a block entry, or -1;
 * its block index in that page's translation), filled by the dispatcher for every entry it calls
 * and cleared for a page whose translation is dropped or replaced. A page function leaving by a
 * jump looks the target up in the fetch TLB and then here, and calls the target's function itself.
 */
export const CHAIN_OFF = 40960;
export const CHAIN_ENTRIES = 2048; // = 2^(32 - CHAIN_SHIFT)
/** The chain cache slot (0..CHAIN_ENTRIES-1) of RAM byte offset `ro` (translate.ts emits the same). */
export const chainSlot = (ro: number): number => Math.imul(ro >>> 1, CHAIN_HASH) >>> CHAIN_SHIFT;
/** Multiplicative hashing (Fibonacci): entries at the same offset of nearby pages do not collide, as with xor folds. */
export const CHAIN_HASH = 0x9e3779b1 | 0, CHAIN_SHIFT = 21;

/**
 * Exit status bits: the instruction at the next pc must be interpreted; the next pc is absolute
 * (NEXTPC); with ST_INTERP, that instruction is an ecall (the dispatcher raises it without reading it);
 * the exit is a jump out of the page (or a jalr), which the function may chain into the target's
 * translation (never set on budget exits, interpreter exits or stores that ended the call).
 */
export const ST_INTERP = 1, ST_ABS = 2, ST_ECALL = 4, ST_CHAIN = 8;
