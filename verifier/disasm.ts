// The disassembler: instructions back to the text syntax that asm.ts reads, so
// that assemble(disassemble(x)) gives back x's bytes exactly. Jump and call
// targets are printed relative (+N / -N); a slot that no mnemonic can express
// (bad opcode, reserved bits set, a dangling lddw) is printed as
// `.insn OPCODE, DST, SRC, OFF, IMM`, which the assembler also reads.

import {
  ATOMIC_OPS, BPF_DW, BPF_PSEUDO_BTF_ID, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_IMM64,
  BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE,
  BPF_X, LDDW, checkInsn, insn, ldSize, mnemonicOf, OPCODES, srcBit, type Insn,
} from './isa.js';

const relText = (n: number): string => (n < 0 ? `${n}` : `+${n}`);
const mem = (r: number, off: number): string => `[%r${r}${off < 0 ? '-' : '+'}${Math.abs(off)}]`;
const hex64 = (lo: number, hi: number): string =>
  '0x' + ((BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0)).toString(16);
const raw = (i: Insn): string => `.insn 0x${i.opcode.toString(16)}, ${i.dst}, ${i.src}, ${i.off}, ${i.imm}`;

/** Text of one instruction (`next` is the following slot, needed for lddw; `target` names a jump target). */
export function disassembleOne(i: Insn, next?: Insn, target?: (rel: number) => string): string {
  const rel = target ?? relText;
  if (checkInsn(i, 0) !== null) return raw(i);
  const info = OPCODES[i.opcode]!;
  const mn = mnemonicOf(i);
  switch (info.kind) {
    case 'alu': return `${mn} %r${i.dst}, ${srcBit(i.opcode) === BPF_X ? `%r${i.src}` : i.imm}`;
    case 'neg': return `${mn} %r${i.dst}`;
    case 'end': return `${mn} %r${i.dst}`;
    case 'lddw': {
      if (next === undefined || next.opcode !== 0 || next.dst !== 0 || next.src !== 0 || next.off !== 0) return raw(i);
      const hi = next.imm;
      switch (i.src) {
        case BPF_PSEUDO_IMM64: return `lddw %r${i.dst}, ${hex64(i.imm, hi)}`;
        case BPF_PSEUDO_MAP_FD: case BPF_PSEUDO_MAP_IDX: case BPF_PSEUDO_BTF_ID:
          if (hi !== 0) return raw(i);
          return `lddw %r${i.dst}, ${i.src === BPF_PSEUDO_MAP_FD ? 'map_fd' : i.src === BPF_PSEUDO_MAP_IDX ? 'map_idx' : 'btf_id'}:${i.imm}`;
        case BPF_PSEUDO_MAP_VALUE: case BPF_PSEUDO_MAP_IDX_VALUE:
          return `lddw %r${i.dst}, ${i.src === BPF_PSEUDO_MAP_VALUE ? 'map_value' : 'map_idx_value'}:${i.imm}:${hi}`;
        case BPF_PSEUDO_FUNC:
          return hi !== 0 ? raw(i) : `lddw %r${i.dst}, func:${rel(i.imm)}`;
        default: return raw(i);
      }
    }
    case 'ldabs': return `${mn} ${i.imm}`;
    case 'ldind': return `${mn} %r${i.src}, ${i.imm}`;
    case 'ldx': case 'ldxs': return `${mn} %r${i.dst}, ${mem(i.src, i.off)}`;
    case 'st': return `${mn} ${mem(i.dst, i.off)}, ${i.imm}`;
    case 'stx': return `${mn} ${mem(i.dst, i.off)}, %r${i.src}`;
    case 'atomic': {
      const name = ATOMIC_OPS[i.imm]!;
      const w = ldSize(i.opcode) === BPF_DW ? '' : '32';
      return `lock ${name}${w} ${mem(i.dst, i.off)}, %r${i.src}`;
    }
    case 'ja': return `ja ${rel(i.off)}`;
    case 'ja32': return `ja32 ${rel(i.imm)}`;
    case 'jcond': return `${mn} %r${i.dst}, ${srcBit(i.opcode) === BPF_X ? `%r${i.src}` : i.imm}, ${rel(i.off)}`;
    case 'call':
      return i.src === BPF_PSEUDO_CALL ? `call local ${rel(i.imm)}`
        : i.src === BPF_PSEUDO_KFUNC_CALL ? `call runtime ${i.imm}` : `call ${i.imm >>> 0}`;
    case 'callx': return `callx %r${i.dst}`;
    case 'exit': return 'exit';
  }
}

/** Decodes without checking (every slot, even malformed ones) for disassembly. */
export function decodeRaw(bytes: Uint8Array): Insn[] {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Insn[] = [];
  for (let b = 0; b + 8 <= bytes.length; b += 8) {
    out.push(insn(bytes[b], bytes[b + 1] & 0xf, bytes[b + 1] >> 4, dv.getInt16(b + 2, true), dv.getInt32(b + 4, true)));
  }
  return out;
}

export interface DisasmOptions {
  /** Name jump and call targets `L<index>:` instead of printing relative offsets. */
  readonly labels?: boolean;
}

/** Disassembles slot-per-entry instructions (as decode/decodeRaw return) to text, one line per instruction. */
export function disassemble(insns: readonly Insn[], opts: DisasmOptions = {}): string {
  const lines: string[] = [];
  const texts: string[] = [];
  const starts: number[] = [];
  const wanted = new Set<number>();
  for (let pc = 0; pc < insns.length; pc++) {
    const i = insns[pc];
    const here = pc;
    const target = opts.labels
      ? (r: number) => {
        const t = here + 1 + r;
        if (t < 0 || t >= insns.length) return relText(r);
        wanted.add(t);
        return `L${t}`;
      }
      : undefined;
    const text = disassembleOne(i, insns[pc + 1], target);
    texts.push(text);
    starts.push(pc);
    if (i.opcode === LDDW && !text.startsWith('.insn')) pc++;
  }
  texts.forEach((text, k) => {
    if (wanted.has(starts[k])) lines.push(`L${starts[k]}:`);
    lines.push(opts.labels ? `    ${text}` : text);
  });
  // a label on a slot that starts no line (inside an lddw) cannot be printed: fall back to offsets
  if (opts.labels && [...wanted].some((w) => !starts.includes(w))) return disassemble(insns);
  return lines.join('\n') + (lines.length > 0 ? '\n' : '');
}

/** Disassembles bytes (malformed slots become `.insn`). */
export const disassembleBytes = (bytes: Uint8Array, opts: DisasmOptions = {}): string => disassemble(decodeRaw(bytes), opts);
