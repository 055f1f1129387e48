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
/** The nine TLB arrays (load tag lo/hi/off, store ..., fetch ...), TLB_BYTES each, in that order. */
export const TLB_OFF = 1024;
export const TLB_ENTRIES = 1024;
export const TLB_BYTES = TLB_ENTRIES * 4;

/**
 * Exit status bits: the instruction at the next pc must be interpreted; the next pc is absolute
 * (NEXTPC); with ST_INTERP, that instruction is an ecall (the dispatcher raises it without reading it).
 */
export const ST_INTERP = 1, ST_ABS = 2, ST_ECALL = 4;
