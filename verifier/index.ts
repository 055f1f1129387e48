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
