// Public API of verifier/: the eBPF-style ISA, its text and ELF front ends, the
// interpreter and the JIT (and, from BPF-VERIFIER, the verifier itself). The
// kernel reaches verifier/ only through this file.
export * from './isa.js';
