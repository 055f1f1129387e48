// The assembler for the common eBPF text syntax of uBPF and the bpf_conformance
// test files: one instruction per line, `%rN` registers, `[%rN+off]` memory
// operands, decimal or 0x immediates, `label:` lines, `#` (or `//`) comments.
//
//   mov %r0, 1 · add32 %r1, %r2 · sdiv %r1, 3 · movsx816... (movsx864, movsx1632, ...)
//   ldxw %r1, [%r2+4] · ldxsb %r1, [%r2-1] · stw [%r1+0], 7 · stxdw [%r10-8], %r1
//   lddw %r1, 0x1122334455667788 · lddw %r1, map_fd:3 · map_value:3:16 · map_idx:0 ·
//     map_idx_value:0:8 · btf_id:7 · func:label (or func:+N)
//   jeq %r1, 0, label (or +N / -N) · jeq32 ... · ja +3 · ja32 label (gotol)
//   call 1 · call helper 1 · call local label · call label · call runtime 5 · call %r2 / callx %r2
//   exit · le16/be32/swap64 %r1 · neg %r1 · ldabsw 12 · ldindh %r2, 4
//   lock add [%r1+0], %r2 · lock fetch or32 [...] · lock xchg · lock cmpxchg32 · xadd/xaddw
//   .insn OPCODE, DST, SRC, OFF, IMM   (any raw slot, as the disassembler prints unencodable ones)
//
// A label `exit` is predefined at the first `exit` (bpf_conformance's convention) unless defined.

import {
  ATOMIC_OPS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_DW, BPF_END, BPF_EXIT, BPF_JMP, BPF_JMP32, BPF_K,
  BPF_LDX, BPF_MEM, BPF_MEMSX, BPF_NEG, BPF_PSEUDO_BTF_ID, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC,
  BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE,
  BPF_ST, BPF_STX, BPF_TO_BE, BPF_TO_LE, BPF_W, BPF_X, CALLX, JA32, LDDW, encodeSlots, insn, jmpNames, type Insn,
  type Result,
} from './isa.js';

export interface AsmError {
  /** 1-based source line. */
  readonly line: number;
  readonly message: string;
}

const ALU: Record<string, number> = {
  add: 0x00, sub: 0x10, mul: 0x20, div: 0x30, sdiv: 0x30, or: 0x40, and: 0x50, lsh: 0x60, rsh: 0x70, neg: 0x80,
  mod: 0x90, smod: 0x90, xor: 0xa0, mov: 0xb0, arsh: 0xc0,
};
const JMP: Record<string, number> = Object.fromEntries(Object.entries(jmpNames).map(([k, v]) => [v, Number(k)]));
const SIZES: Record<string, number> = { w: 0x00, h: 0x08, b: 0x10, dw: 0x18 };
const ATOMIC_BY_NAME: Record<string, number> = Object.fromEntries(Object.entries(ATOMIC_OPS).map(([k, v]) => [v, Number(k)]));

class AsmFail extends Error {}
const bad = (msg: string): never => { throw new AsmFail(msg); };

function reg(t: string | undefined): number {
  const m = /^%?r(\d+)$/.exec((t ?? '').trim());
  if (m === null) return bad(`expected a register, got '${t ?? ''}'`);
  const n = Number(m[1]);
  if (n > 15) bad(`no register r${n}`);
  return n;
}

/** Parses a decimal or hex integer (optionally negative) as a BigInt. */
function num(t: string | undefined): bigint {
  const s = (t ?? '').trim();
  const m = /^([+-]?)(0x[0-9a-f]+|\d+)$/i.exec(s);
  if (m === null) return bad(`expected a number, got '${s}'`);
  const v = BigInt(m[2]);
  return m[1] === '-' ? -v : v;
}

function imm32(t: string | undefined): number {
  const v = num(t);
  if (v < -(1n << 31n) || v > 0xffffffffn) bad(`immediate ${t} does not fit in 32 bits`);
  return Number(BigInt.asIntN(32, v));
}

function off16(t: string): number {
  const v = num(t);
  if (v < -(1n << 15n) || v > 0xffffn) bad(`offset ${t} does not fit in 16 bits`);
  return Number(BigInt.asIntN(16, v));
}

/** `[%rN]`, `[%rN+off]`, `[%rN-off]`. */
function memOperand(t: string | undefined): [number, number] {
  const m = /^\[\s*(%?r\d+)\s*(?:([+-])\s*(0x[0-9a-f]+|\d+))?\s*\]$/i.exec((t ?? '').trim());
  if (m === null) return bad(`expected a memory operand [%rN+off], got '${t ?? ''}'`);
  return [reg(m[1]), m[2] === undefined ? 0 : off16(m[2] + m[3])];
}

/** Splits operands on commas outside brackets. */
function splitOperands(s: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const c of s) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === ',' && depth === 0) { out.push(cur.trim()); cur = ''; } else cur += c;
  }
  if (cur.trim() !== '') out.push(cur.trim());
  return out;
}

const isReg = (t: string | undefined): boolean => t !== undefined && /^%?r\d+$/.test(t.trim());

interface Fixup { slot: number; label: string; line: number; field: 'off' | 'imm' }

/** Assembles text to instructions (one entry per slot; lddw followed by its filler slot). */
export function assemble(text: string): Result<Insn[], AsmError> {
  const out: Insn[] = [];
  const labels = new Map<string, number>();
  const fixups: Fixup[] = [];
  const lines = text.split(/\r?\n/);
  let firstExit = -1;
  for (let ln = 0; ln < lines.length; ln++) {
    let line = lines[ln];
    const hash = line.search(/#|\/\//);
    if (hash >= 0) line = line.slice(0, hash);
    line = line.trim();
    try {
      const lm = /^([A-Za-z_.$][\w.$]*):\s*(.*)$/.exec(line);
      if (lm !== null) {
        if (labels.has(lm[1])) bad(`duplicate label '${lm[1]}'`);
        labels.set(lm[1], out.length);
        line = lm[2].trim();
      }
      if (line === '') continue;
      const target = (t: string | undefined, field: 'off' | 'imm'): number => {
        const s = (t ?? '').trim();
        if (/^[+-](0x[0-9a-f]+|\d+)$/i.test(s)) return field === 'off' ? off16(s) : imm32(s);
        if (!/^[A-Za-z_.$][\w.$]*$/.test(s)) bad(`expected a label or +N/-N, got '${s}'`);
        fixups.push({ slot: out.length, label: s, line: ln + 1, field });
        return 0;
      };
      const ins = parseLine(line, target);
      if (ins.opcode === (BPF_JMP | BPF_EXIT) && firstExit < 0) firstExit = out.length;
      out.push(ins);
      if (ins.opcode === LDDW && !line.startsWith('.insn')) out.push(insn(0, 0, 0, 0, ins.imm2));
    } catch (e) {
      if (e instanceof AsmFail) return { ok: false, error: { line: ln + 1, message: e.message } };
      throw e;
    }
  }
  if (!labels.has('exit') && firstExit >= 0) labels.set('exit', firstExit);
  for (const f of fixups) {
    const at = labels.get(f.label);
    if (at === undefined) return { ok: false, error: { line: f.line, message: `undefined label '${f.label}'` } };
    const rel = at - f.slot - 1;
    if (f.field === 'off') {
      if (rel < -32768 || rel > 32767) return { ok: false, error: { line: f.line, message: `jump to '${f.label}' is too far for a 16-bit offset` } };
      out[f.slot].off = rel;
    } else out[f.slot].imm = rel;
  }
  return { ok: true, value: out };
}

/** Assembles text straight to bytes. */
export function assembleBytes(text: string): Result<Uint8Array, AsmError> {
  const r = assemble(text);
  return r.ok ? { ok: true, value: encodeSlots(r.value) } : r;
}

function parseLine(line: string, target: (t: string | undefined, field: 'off' | 'imm') => number): Insn {
  const sp = line.search(/\s/);
  const mn = (sp < 0 ? line : line.slice(0, sp)).toLowerCase();
  const rest = sp < 0 ? '' : line.slice(sp + 1).trim();
  const ops = splitOperands(rest);
  const want = (n: number) => { if (ops.length !== n) bad(`${mn} takes ${n} operand${n === 1 ? '' : 's'}, got ${ops.length}`); };

  if (mn === '.insn') {
    want(5);
    return insn(Number(num(ops[0])) & 0xff, Number(num(ops[1])) & 0xf, Number(num(ops[2])) & 0xf, off16(ops[3]), imm32(ops[4]));
  }
  if (mn === 'exit') { want(0); return insn(BPF_JMP | BPF_EXIT); }
  if (mn === 'ja' || mn === 'ja32' || mn === 'gotol') {
    want(1);
    return mn === 'ja' ? insn(BPF_JMP, 0, 0, target(ops[0], 'off')) : insn(JA32, 0, 0, 0, target(ops[0], 'imm'));
  }
  if (mn === 'callx') { want(1); return insn(CALLX, reg(ops[0])); }
  if (mn === 'call') {
    const words = rest.split(/\s+/).filter((w) => w !== '');
    if (words.length === 2) {
      const [mode, t] = words;
      if (mode === 'helper') return isReg(t) ? insn(CALLX, reg(t)) : insn(BPF_JMP | BPF_CALL, 0, 0, 0, imm32(t));
      if (mode === 'local') return insn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, target(t, 'imm'));
      if (mode === 'runtime' || mode === 'kfunc') return insn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, 0, imm32(t));
      bad(`unknown call mode '${mode}'`);
    }
    if (words.length !== 1) bad('call takes one target');
    const t = words[0];
    if (isReg(t)) return insn(CALLX, reg(t));
    if (/^[+-]?(0x[0-9a-f]+|\d+)$/i.test(t) && !/^[+-]/.test(t)) return insn(BPF_JMP | BPF_CALL, 0, 0, 0, imm32(t));
    return insn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, target(t, 'imm'));
  }
  if (mn === 'lddw') {
    want(2);
    return lddw(reg(ops[0]), ops[1], target);
  }
  if (mn === 'lock' || mn.startsWith('xadd')) return atomicInsn(mn, rest);

  let m = /^(le|be|swap)(16|32|64)$/.exec(mn);
  if (m !== null) {
    want(1);
    const opc = m[1] === 'swap' ? BPF_ALU64 | BPF_END | BPF_TO_LE : BPF_ALU | BPF_END | (m[1] === 'be' ? BPF_TO_BE : BPF_TO_LE);
    return insn(opc, reg(ops[0]), 0, 0, Number(m[2]));
  }
  m = /^ldx(s?)(b|h|w|dw)$/.exec(mn);
  if (m !== null) {
    want(2);
    if (m[1] === 's' && m[2] === 'dw') bad('there is no sign-extending 64-bit load');
    const [src, off] = memOperand(ops[1]);
    return insn(BPF_LDX | (m[1] === 's' ? BPF_MEMSX : BPF_MEM) | SIZES[m[2]], reg(ops[0]), src, off);
  }
  m = /^st(x?)(b|h|w|dw)$/.exec(mn);
  if (m !== null) {
    want(2);
    const [dst, off] = memOperand(ops[0]);
    return m[1] === 'x'
      ? insn(BPF_STX | BPF_MEM | SIZES[m[2]], dst, reg(ops[1]), off)
      : insn(BPF_ST | BPF_MEM | SIZES[m[2]], dst, 0, off, imm32(ops[1]));
  }
  m = /^ld(abs|ind)(b|h|w)$/.exec(mn);
  if (m !== null) {
    if (m[1] === 'abs') { want(1); return insn(0x20 | SIZES[m[2]], 0, 0, 0, imm32(ops[0])); }
    want(2);
    return insn(0x40 | SIZES[m[2]], 0, reg(ops[0]), 0, imm32(ops[1]));
  }
  m = /^movsx(8|16|32)(32|64)$/.exec(mn);
  if (m !== null) {
    want(2);
    return insn((m[2] === '32' ? BPF_ALU : BPF_ALU64) | 0xb0 | BPF_X, reg(ops[0]), reg(ops[1]), Number(m[1]));
  }
  m = /^([a-z]+?)(32|64)?$/.exec(mn);
  if (m !== null && ALU[m[1]] !== undefined) {
    const cls = m[2] === '32' ? BPF_ALU : BPF_ALU64;
    const signed = m[1] === 'sdiv' || m[1] === 'smod' ? 1 : 0;
    if (ALU[m[1]] === BPF_NEG) { want(1); return insn(cls | BPF_NEG, reg(ops[0])); }
    want(2);
    return isReg(ops[1])
      ? insn(cls | ALU[m[1]] | BPF_X, reg(ops[0]), reg(ops[1]), signed)
      : insn(cls | ALU[m[1]] | BPF_K, reg(ops[0]), 0, signed, imm32(ops[1]));
  }
  if (m !== null && JMP[m[1]] !== undefined && m[2] !== '64') {
    want(3);
    const cls = m[2] === '32' ? BPF_JMP32 : BPF_JMP;
    return isReg(ops[1])
      ? insn(cls | JMP[m[1]] | BPF_X, reg(ops[0]), reg(ops[1]), target(ops[2], 'off'))
      : insn(cls | JMP[m[1]] | BPF_K, reg(ops[0]), 0, target(ops[2], 'off'), imm32(ops[1]));
  }
  return bad(`unknown mnemonic '${mn}'`);
}

function lddw(dst: number, t: string, target: (t: string | undefined, field: 'off' | 'imm') => number): Insn {
  const parts = t.split(':').map((p) => p.trim());
  const kinds: Record<string, number> = {
    map_fd: BPF_PSEUDO_MAP_FD, map_value: BPF_PSEUDO_MAP_VALUE, btf_id: BPF_PSEUDO_BTF_ID, func: BPF_PSEUDO_FUNC,
    map_idx: BPF_PSEUDO_MAP_IDX, map_idx_value: BPF_PSEUDO_MAP_IDX_VALUE,
  };
  if (parts.length === 1) {
    const v = num(t);
    if (v < -(1n << 63n) || v > (1n << 64n) - 1n) bad(`immediate ${t} does not fit in 64 bits`);
    const u = BigInt.asUintN(64, v);
    return insn(LDDW, dst, 0, 0, Number(BigInt.asIntN(32, u)), Number(BigInt.asIntN(32, u >> 32n)));
  }
  const src = kinds[parts[0]];
  if (src === undefined) return bad(`unknown lddw kind '${parts[0]}'`);
  const withValue = src === BPF_PSEUDO_MAP_VALUE || src === BPF_PSEUDO_MAP_IDX_VALUE;
  if (parts.length !== (withValue ? 3 : 2)) bad(`lddw ${parts[0]} takes ${withValue ? 'two numbers' : 'one value'}`);
  if (src === BPF_PSEUDO_FUNC) return insn(LDDW, dst, src, 0, target(parts[1], 'imm'), 0);
  return insn(LDDW, dst, src, 0, imm32(parts[1]), withValue ? imm32(parts[2]) : 0);
}

function atomicInsn(mn: string, rest: string): Insn {
  let words: string[];
  let operands: string;
  if (mn === 'lock') {
    const m = /^((?:fetch\s+)?[a-z]+\d*)\s+(.*)$/.exec(rest);
    if (m === null) return bad('lock takes [fetch] OP [%rN+off], %rM');
    words = m[1].split(/\s+/);
    operands = m[2];
  } else {
    words = [mn === 'xaddw' || mn === 'xadd32' ? 'add32' : mn === 'xadd' || mn === 'xadddw' ? 'add' : bad(`unknown mnemonic '${mn}'`)];
    operands = rest;
  }
  const fetch = words.length === 2 && words[0] === 'fetch';
  if (words.length === 2 && !fetch) bad(`unexpected '${words[0]}' in atomic instruction`);
  const opw = words[words.length - 1];
  const is32 = opw.endsWith('32');
  const base = is32 ? opw.slice(0, -2) : opw;
  const name = base === 'xchg' || base === 'cmpxchg' ? base : (fetch ? 'fetch ' : '') + base;
  const code = ATOMIC_BY_NAME[name];
  if (code === undefined) return bad(`unknown atomic operation '${name}'`);
  const ops = splitOperands(operands);
  if (ops.length !== 2) bad('atomic instructions take [%rN+off], %rM');
  const [dst, off] = memOperand(ops[0]);
  return insn(BPF_STX | BPF_ATOMIC | (is32 ? BPF_W : BPF_DW), dst, reg(ops[1]), off, code);
}

