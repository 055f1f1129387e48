// Public API of verifier/: the eBPF-style ISA, its text and ELF front ends, the
// interpreter and the JIT (and, from BPF-VERIFIER, the verifier itself). The
// kernel reaches verifier/ only through this file.
export * from './isa.js';
export * from './memory.js';
export * from './program.js';
export { interpret } from './interp.js';
export { assemble, assembleBytes, type AsmError } from './asm.js';
export { disassemble, disassembleBytes, disassembleOne, decodeRaw } from './disasm.js';
export { compile, type JitProgram } from './jit.js';
export { parseDataFile, conformanceHelpers, runConformance, type DataFile, type Engine } from './conformance.js';
export { readElf, type ElfObject, type ElfProgram, type ElfMap } from './elf.js';
// The verifier (BPF-VERIFIER): verify(), program types, helper prototypes, map types.
export { verify, COMPLEXITY_LIMIT, ERRORS, type ErrorCode, type VerifyOptions, type VerifyResult, type VerifyStats } from './verify/index.js';
export { runChecked, type CheckedInput, type CheckedResult } from './verify/checked.js';
export { PROG_TYPES, progTypeById, progTypeByName, progTypeForSection, type ProgType, type CtxRange } from './progtypes.js';
export { HELPERS, helperById, helperName, type HelperProto } from './helpers.js';
export {
  MAP_TYPES, createMap, checkMapDef, mapTypeName, ArrayMap, HashMap, RingBuf, RefArrayMap, type BpfMap, type MapDef, type MapTypeInfo,
} from './maps/index.js';
export type { DisasmOptions } from './disasm.js';
export { compileProbes, type ProbeScript, type ProbeMap, type ProbeProgram, type ProbeError } from './probe.js';
