// A decoded program prepared for execution, shared by the interpreter and the
// JIT: the instruction fields unpacked into typed arrays, lddw constants
// resolved (map references through the embedder's resolver), and the types of
// the execution interface (helper table, options, results).

import {
  BPF_CALL, BPF_JMP, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_IMM64, LDDW, decodeProgram, formatIsaError, type Insn, type IsaError, type Result,
} from './isa.js';
import type { AddressSpace } from './memory.js';

/**
 * A helper called by id (`call imm`) or through a register (`callx`). It reads
 * its arguments r1..r5 from `regs` ((lo, hi) int32 pairs: rN at [2N], [2N+1])
 * and writes its result to r0 only. It returns HELPER_OK to continue,
 * HELPER_STOP to end the program with the current r0 (unwind, tail call), or a
 * negative number to fail the run. A helper that maps memory (AddressSpace.alloc
 * may grow it, detaching old views) must write r0 through `as.regs` afterwards.
 */
export type Helper = (regs: Int32Array, as: AddressSpace) => number;
export const HELPER_OK = 0;
export const HELPER_STOP = 1;

/** Value a callx target or lddw src=4 (function address) carries in its upper half. */
export const CODE_ADDR_HI = 1;

/** Resolves an lddw with a map/variable subtype to the 64-bit value the program sees. */
export type LddwResolver = (pc: number, src: number, imm: number, imm2: number) => bigint | null;

export interface ExecOptions {
  /** Helpers by id. */
  readonly helpers?: ReadonlyArray<Helper | undefined>;
  /** Interpreter: instruction budget; JIT: budget of backward jumps and calls. Default unlimited. */
  readonly maxSteps?: number;
  /** Legacy packet loads (ABS/IND) read this region; default: the region r1 points to at entry. */
  readonly packet?: { readonly start: number; readonly size: number };
}

export type ExecErrorKind =
  | 'out-of-bounds' | 'call-depth' | 'unknown-helper' | 'helper-failed' | 'bad-callx' | 'budget' | 'bad-program';

export interface ExecError {
  readonly kind: ExecErrorKind;
  readonly pc: number;
  readonly message: string;
}

export type ExecResult =
  /** steps: instructions executed (interpreter), or -1 (the JIT does not count them). */
  | { readonly ok: true; readonly r0: bigint; readonly steps: number }
  | { readonly ok: false; readonly error: ExecError };

export interface Program {
  readonly insns: readonly Insn[];
  readonly length: number;
  readonly op: Int32Array;
  /** Register numbers doubled: index of the low half in a pair file. */
  readonly dst2: Int32Array;
  readonly src2: Int32Array;
  readonly off: Int32Array;
  readonly imm: Int32Array;
  /** For lddw: resolved 64-bit constant as (lo, hi); for others lo mirrors imm. */
  readonly kLo: Int32Array;
  readonly kHi: Int32Array;
  /** 1 at function entries: pc 0, targets of local calls and of lddw src=4 (the only legal callx targets). */
  readonly entries: Uint8Array;
}

/** Where legacy ABS/IND loads read: opts.packet, else from r1 to the end of r1's region. */
export function packetBounds(as: AddressSpace, opts: ExecOptions): [start: number, end: number] {
  if (opts.packet) return [opts.packet.start, opts.packet.start + opts.packet.size];
  const r = as.regs;
  const k = as.find(r[2] >>> 0, 1, 1);
  return r[3] === 0 && k >= 0 ? [r[2] >>> 0, as.ends[k]] : [0, 0];
}

/** Prepares decoded instructions for execution; lddw map subtypes go through `resolve`. */
export function prepare(insns: readonly Insn[], resolve?: LddwResolver): Result<Program, IsaError> {
  const n = insns.length;
  // One extra slot (opcode 0, never legal) stops a run that falls off the end without a bounds test per step.
  const m = n + 1;
  const p: Program = {
    insns, length: n, op: new Int32Array(m), dst2: new Int32Array(m), src2: new Int32Array(m),
    off: new Int32Array(m), imm: new Int32Array(m), kLo: new Int32Array(m), kHi: new Int32Array(m),
    entries: new Uint8Array(m),
  };
  p.entries[0] = 1;
  for (let pc = 0; pc < n; pc++) {
    const i = insns[pc];
    p.op[pc] = i.opcode; p.dst2[pc] = i.dst * 2; p.src2[pc] = i.src * 2; p.off[pc] = i.off; p.imm[pc] = i.imm;
    p.kLo[pc] = i.imm; p.kHi[pc] = i.imm >> 31;
    if (i.opcode === (BPF_JMP | BPF_CALL) && i.src === BPF_PSEUDO_CALL && pc + 1 + i.imm >= 0 && pc + 1 + i.imm < n) p.entries[pc + 1 + i.imm] = 1;
    if (i.opcode === LDDW && i.src === BPF_PSEUDO_FUNC && pc + 1 + i.imm >= 0 && pc + 1 + i.imm < n) p.entries[pc + 1 + i.imm] = 1;
    if (i.opcode === LDDW) {
      let v: bigint | null;
      if (i.src === BPF_PSEUDO_IMM64) v = (BigInt(i.imm2) << 32n) | BigInt(i.imm >>> 0);
      else if (i.src === BPF_PSEUDO_FUNC) v = (BigInt(CODE_ADDR_HI) << 32n) | BigInt(pc + 1 + i.imm);
      else v = resolve ? resolve(pc, i.src, i.imm, i.imm2) : null;
      if (v === null) {
        return { ok: false, error: { kind: 'bad-imm', index: pc, message: `lddw with source ${i.src} (map or variable reference) has no resolver` } };
      }
      const u = BigInt.asUintN(64, v);
      p.kLo[pc] = Number(u & 0xffffffffn) | 0;
      p.kHi[pc] = Number(u >> 32n) | 0;
    }
  }
  return { ok: true, value: p };
}

/** decodeProgram + prepare, with the error formatted. */
export function load(bytes: Uint8Array, resolve?: LddwResolver): Result<Program, string> {
  const d = decodeProgram(bytes);
  if (!d.ok) return { ok: false, error: formatIsaError(d.error) };
  const p = prepare(d.value, resolve);
  return p.ok ? p : { ok: false, error: formatIsaError(p.error) };
}
