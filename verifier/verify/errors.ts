// The verifier's diagnostics: one stable code per kind of rejection, each with
// a one-line hint of the usual fix. Codes are a contract (tests, the CLI and
// users' scripts match on them); add new ones, never rename.

export const ERRORS = {
  E_MALFORMED: 'make the program well-formed: a valid opcode, registers r0-r10 and zero reserved fields',
  E_JUMP_OUT_OF_RANGE: 'jump targets must be instructions of the same function, not past its end',
  E_JUMP_INTO_LDDW: 'a jump may not land on the second half of a 64-bit immediate load (lddw)',
  E_UNREACHABLE: 'remove the dead code or make it reachable; every instruction must be reachable',
  E_FALLTHROUGH: 'end every function with exit or an unconditional jump',
  E_BACK_EDGE: 'loops are only allowed for privileged programs',
  E_UNBOUNDED_LOOP: 'the loop can run forever: make its exit condition depend on a bounded counter',
  E_TOO_COMPLEX: 'simplify the program: bound loops by small constants, split it into tail calls, or reduce branches',
  E_UNINIT_REG: 'write the register before reading it (after a call, r1-r5 are scratched)',
  E_UNINIT_STACK: 'initialise the stack bytes (e.g. memset or = {0}) before reading them or passing them to a helper',
  E_OOB_STACK: 'keep stack accesses inside the 512-byte frame, below r10',
  E_STACK_OFFSET: 'use a constant or bounded offset into the stack',
  E_MISALIGNED: 'align the access to its size',
  E_NULL_DEREF: 'check the pointer against NULL (if (p) ...) before using it',
  E_BAD_MEM: 'only pointers may be dereferenced; this register is not a valid pointer here',
  E_OOB_MAP: 'keep the access within the map value (check the index against the value size)',
  E_OOB_PACKET: 'compare data + offset + size against data_end before the access',
  E_OOB_MEM: 'keep the access within the allocated record',
  E_UNBOUNDED_OFFSET: 'bound the variable offset with a comparison (e.g. if (i < N)) before adding it to a pointer',
  E_NEG_OFFSET: 'the offset may be negative: use an unsigned index or check it is >= 0',
  E_BAD_CTX: 'read only the context fields this program type allows, with their natural size',
  E_CTX_WRITE: 'this context field is read-only for this program type',
  E_CTX_MODIFIED: 'pass or dereference the context pointer itself, not ctx plus a variable offset',
  E_PTR_ARITH: 'only add or subtract scalars to pointers, in 64-bit arithmetic',
  E_PTR_LEAK: 'unprivileged programs may not expose pointers (in maps, the return value, helpers or comparisons)',
  E_PTR_CMP: 'unprivileged programs may only compare pointers with NULL or packet pointers with data_end',
  E_BAD_HELPER: 'use a helper this program type may call (see the helper list for the type)',
  E_BAD_HELPER_ARG: 'pass the helper an argument of the type its prototype expects',
  E_BAD_MAP: 'pass a map of the type this helper works on',
  E_BAD_SIZE: 'pass a size that is a bounded, non-negative scalar (and non-zero unless allowed)',
  E_LEAKED_REF: 'submit or discard every reserved ringbuf record on every path',
  E_BAD_REF: 'release only records you reserved, exactly once',
  E_CALL_DEPTH: 'reduce the nesting of bpf-to-bpf calls (at most 8 frames)',
  E_STACK_DEPTH: 'reduce stack usage: all frames of a call chain share 512 bytes',
  E_BAD_CALL: 'call an existing function with the arguments it expects',
  E_BAD_RETURN: 'return a value in the range this program type expects',
  E_BAD_RETURN_PTR: 'do not return pointers to the callee\'s stack',
  E_BAD_INSN: 'this instruction is not allowed here',
  E_DIV_BY_ZERO: 'the divisor is the constant 0',
  E_BAD_MAP_REF: 'reference a map that exists (a valid map fd or relocation)',
  E_BAD_PROG_TYPE: 'choose a supported program type',
  E_BAD_CALLBACK: 'the callback must return 0 or 1 and must not change pointers in the caller\'s stack',
} as const;

export type ErrorCode = keyof typeof ERRORS;

export const hintOf = (code: ErrorCode): string => ERRORS[code];

/** A rejection raised inside the checks; turned into the result by verify(). */
export class VerifyError {
  constructor(readonly code: ErrorCode, readonly insn: number, readonly message: string) {}
}
