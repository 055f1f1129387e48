// The eBPF instruction set of RFC 9669 as data: encoding constants, the decoded
// instruction type, decode/encode between bytes and instructions, and one table
// that says, for every legal opcode, its mnemonic, class and which fields it
// uses. The assembler, disassembler, interpreter, JIT and verifier all read the
// ISA from here; nothing else in verifier/ hard-codes an encoding rule.
//
// Layout of one 8-byte slot (little-endian): opcode:8, dst:4 (low nibble),
// src:4 (high nibble), off:16 signed, imm:32 signed. lddw (0x18) takes two
// slots; the second has opcode 0 and carries the upper 32 bits in its imm.

// ---- instruction classes (low 3 bits of the opcode) ----
export const BPF_LD = 0x00;
export const BPF_LDX = 0x01;
export const BPF_ST = 0x02;
export const BPF_STX = 0x03;
export const BPF_ALU = 0x04;
export const BPF_JMP = 0x05;
export const BPF_JMP32 = 0x06;
export const BPF_ALU64 = 0x07;

// ---- source bit for ALU/JMP (bit 3) ----
export const BPF_K = 0x00;
export const BPF_X = 0x08;
/** For BPF_END in class ALU: the source bit selects the byte order. */
export const BPF_TO_LE = 0x00;
export const BPF_TO_BE = 0x08;

// ---- ALU operations (high 4 bits) ----
export const BPF_ADD = 0x00;
export const BPF_SUB = 0x10;
export const BPF_MUL = 0x20;
export const BPF_DIV = 0x30;
export const BPF_OR = 0x40;
export const BPF_AND = 0x50;
export const BPF_LSH = 0x60;
export const BPF_RSH = 0x70;
export const BPF_NEG = 0x80;
export const BPF_MOD = 0x90;
export const BPF_XOR = 0xa0;
export const BPF_MOV = 0xb0;
export const BPF_ARSH = 0xc0;
export const BPF_END = 0xd0;

// ---- JMP operations (high 4 bits) ----
export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGT = 0x20;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;
export const BPF_JNE = 0x50;
export const BPF_JSGT = 0x60;
export const BPF_JSGE = 0x70;
export const BPF_CALL = 0x80;
export const BPF_EXIT = 0x90;
export const BPF_JLT = 0xa0;
export const BPF_JLE = 0xb0;
export const BPF_JSLT = 0xc0;
export const BPF_JSLE = 0xd0;

// ---- load/store size (bits 3-4) and mode (bits 5-7) ----
export const BPF_W = 0x00;
export const BPF_H = 0x08;
export const BPF_B = 0x10;
export const BPF_DW = 0x18;
export const BPF_IMM = 0x00;
export const BPF_ABS = 0x20;
export const BPF_IND = 0x40;
export const BPF_MEM = 0x60;
export const BPF_MEMSX = 0x80;
export const BPF_ATOMIC = 0xc0;

// ---- atomic operations (in imm) ----
export const BPF_FETCH = 0x01;
export const BPF_XCHG = 0xe0 | BPF_FETCH;
export const BPF_CMPXCHG = 0xf0 | BPF_FETCH;

// ---- call source subtypes (src field of BPF_CALL) ----
export const BPF_CALL_HELPER = 0;
export const BPF_PSEUDO_CALL = 1;
export const BPF_PSEUDO_KFUNC_CALL = 2;

// ---- lddw source subtypes (src field of 0x18) ----
export const BPF_PSEUDO_IMM64 = 0;
export const BPF_PSEUDO_MAP_FD = 1;
export const BPF_PSEUDO_MAP_VALUE = 2;
export const BPF_PSEUDO_BTF_ID = 3;
export const BPF_PSEUDO_FUNC = 4;
export const BPF_PSEUDO_MAP_IDX = 5;
export const BPF_PSEUDO_MAP_IDX_VALUE = 6;

export const LDDW = BPF_LD | BPF_IMM | BPF_DW; // 0x18
export const CALLX = BPF_JMP | BPF_CALL | BPF_X; // 0x8d, target address in dst
export const JA32 = BPF_JMP32 | BPF_JA; // 0x06, "gotol": 32-bit offset in imm

export const MAX_REG = 10;
export const R10 = 10;
export const STACK_SIZE = 512;
export const MAX_CALL_FRAMES = 8;
export const INSN_SIZE = 8;

export const opClass = (op: number): number => op & 0x07;
export const aluOp = (op: number): number => op & 0xf0;
export const srcBit = (op: number): number => op & 0x08;
export const ldSize = (op: number): number => op & 0x18;
export const ldMode = (op: number): number => op & 0xe0;
/** Bytes moved by a load/store of the given size field. */
export const sizeBytes = (size: number): number => (size === BPF_W ? 4 : size === BPF_H ? 2 : size === BPF_B ? 1 : 8);

/** One decoded slot. For lddw, `imm2` holds the second slot's imm (upper half). */
export interface Insn {
  opcode: number;
  dst: number;
  src: number;
  off: number;
  imm: number;
  /** Only meaningful for lddw (opcode 0x18); 0 otherwise. */
  imm2: number;
}

export const insn = (opcode: number, dst = 0, src = 0, off = 0, imm = 0, imm2 = 0): Insn =>
  ({ opcode, dst, src, off, imm, imm2 });

// ---- the opcode table ----

/** What kind of operation an opcode is; the engines switch on this. */
export type OpKind =
  | 'alu' | 'neg' | 'end' | 'lddw' | 'ldabs' | 'ldind' | 'ldx' | 'ldxs' | 'st' | 'stx' | 'atomic'
  | 'ja' | 'ja32' | 'jcond' | 'call' | 'callx' | 'exit';

/** Which fields an opcode reads; a field that is not used must be zero. */
export interface OpInfo {
  readonly opcode: number;
  /** Base mnemonic in the uBPF/bpf_conformance syntax (variants by off/imm are in `mnemonicOf`). */
  readonly mnemonic: string;
  readonly kind: OpKind;
  readonly cls: number;
  readonly usesDst: boolean;
  readonly usesSrc: boolean;
  readonly usesOff: boolean;
  readonly usesImm: boolean;
  /** True when the instruction writes its dst register (so dst must not be r10). */
  readonly writesDst: boolean;
  /** Conformance group of RFC 9669 (plus 'callx'). */
  readonly group: 'base32' | 'base64' | 'atomic32' | 'atomic64' | 'divmul32' | 'divmul64' | 'packet' | 'callx';
}

const aluNames: Record<number, string> = {
  [BPF_ADD]: 'add', [BPF_SUB]: 'sub', [BPF_MUL]: 'mul', [BPF_DIV]: 'div', [BPF_OR]: 'or', [BPF_AND]: 'and',
  [BPF_LSH]: 'lsh', [BPF_RSH]: 'rsh', [BPF_NEG]: 'neg', [BPF_MOD]: 'mod', [BPF_XOR]: 'xor', [BPF_MOV]: 'mov',
  [BPF_ARSH]: 'arsh',
};
export const jmpNames: Record<number, string> = {
  [BPF_JEQ]: 'jeq', [BPF_JGT]: 'jgt', [BPF_JGE]: 'jge', [BPF_JSET]: 'jset', [BPF_JNE]: 'jne', [BPF_JSGT]: 'jsgt',
  [BPF_JSGE]: 'jsge', [BPF_JLT]: 'jlt', [BPF_JLE]: 'jle', [BPF_JSLT]: 'jslt', [BPF_JSLE]: 'jsle',
};
const sizeNames: Record<number, string> = { [BPF_W]: 'w', [BPF_H]: 'h', [BPF_B]: 'b', [BPF_DW]: 'dw' };

/** OPCODES[op] describes a legal opcode, or is undefined. */
export const OPCODES: readonly (OpInfo | undefined)[] = buildTable();

function buildTable(): (OpInfo | undefined)[] {
  const t: (OpInfo | undefined)[] = new Array(256).fill(undefined);
  const put = (opcode: number, mnemonic: string, kind: OpKind, f: string, writesDst: boolean, group: OpInfo['group']) => {
    t[opcode] = {
      opcode, mnemonic, kind, cls: opClass(opcode), usesDst: f.includes('d'), usesSrc: f.includes('s'),
      usesOff: f.includes('o'), usesImm: f.includes('i'), writesDst, group,
    };
  };
  for (const cls of [BPF_ALU, BPF_ALU64]) {
    const sfx = cls === BPF_ALU ? '32' : '';
    const is32 = cls === BPF_ALU;
    for (const [opS, name] of Object.entries(aluNames)) {
      const op = Number(opS);
      const dm = op === BPF_MUL || op === BPF_DIV || op === BPF_MOD;
      const group = dm ? (is32 ? 'divmul32' : 'divmul64') : is32 ? 'base32' : 'base64';
      // div/mod use off (0 or 1: signed); mov uses off (0, or 8/16/32: movsx).
      const o = op === BPF_DIV || op === BPF_MOD || op === BPF_MOV ? 'o' : '';
      if (op === BPF_NEG) { put(cls | op, name + sfx, 'neg', 'd', true, group); continue; }
      put(cls | op | BPF_K, name + sfx, 'alu', 'di' + o, true, group);
      put(cls | op | BPF_X, name + sfx, 'alu', 'ds' + o, true, group);
    }
  }
  put(BPF_ALU | BPF_END | BPF_TO_LE, 'le', 'end', 'di', true, 'base32');
  put(BPF_ALU | BPF_END | BPF_TO_BE, 'be', 'end', 'di', true, 'base32');
  put(BPF_ALU64 | BPF_END | BPF_TO_LE, 'swap', 'end', 'di', true, 'base64');
  for (const [szS, sn] of Object.entries(sizeNames)) {
    const sz = Number(szS);
    put(BPF_LDX | BPF_MEM | sz, 'ldx' + sn, 'ldx', 'dso', true, sz === BPF_DW ? 'base64' : 'base32');
    put(BPF_ST | BPF_MEM | sz, 'st' + sn, 'st', 'doi', false, sz === BPF_DW ? 'base64' : 'base32');
    put(BPF_STX | BPF_MEM | sz, 'stx' + sn, 'stx', 'dso', false, sz === BPF_DW ? 'base64' : 'base32');
    if (sz !== BPF_DW) {
      put(BPF_LDX | BPF_MEMSX | sz, 'ldxs' + sn, 'ldxs', 'dso', true, 'base64');
      put(BPF_LD | BPF_ABS | sz, 'ldabs' + sn, 'ldabs', 'i', false, 'packet');
      put(BPF_LD | BPF_IND | sz, 'ldind' + sn, 'ldind', 'si', false, 'packet');
    }
  }
  put(BPF_STX | BPF_ATOMIC | BPF_W, 'lock32', 'atomic', 'dsoi', false, 'atomic32');
  put(BPF_STX | BPF_ATOMIC | BPF_DW, 'lock', 'atomic', 'dsoi', false, 'atomic64');
  put(LDDW, 'lddw', 'lddw', 'dsi', true, 'base64');
  put(BPF_JMP | BPF_JA, 'ja', 'ja', 'o', false, 'base32');
  put(JA32, 'ja32', 'ja32', 'i', false, 'base32');
  put(BPF_JMP | BPF_CALL, 'call', 'call', 'si', false, 'base32');
  put(CALLX, 'callx', 'callx', 'd', false, 'callx');
  put(BPF_JMP | BPF_EXIT, 'exit', 'exit', '', false, 'base32');
  for (const cls of [BPF_JMP, BPF_JMP32]) {
    const sfx = cls === BPF_JMP32 ? '32' : '';
    for (const [opS, name] of Object.entries(jmpNames)) {
      const op = Number(opS);
      const group = cls === BPF_JMP32 ? 'base32' : 'base64';
      put(cls | op | BPF_K, name + sfx, 'jcond', 'dio', false, group);
      put(cls | op | BPF_X, name + sfx, 'jcond', 'dso', false, group);
    }
  }
  return t;
}

/** The atomic operations legal in the imm field of an atomic instruction. */
export const ATOMIC_OPS: Readonly<Record<number, string>> = {
  [BPF_ADD]: 'add', [BPF_OR]: 'or', [BPF_AND]: 'and', [BPF_XOR]: 'xor',
  [BPF_ADD | BPF_FETCH]: 'fetch add', [BPF_OR | BPF_FETCH]: 'fetch or', [BPF_AND | BPF_FETCH]: 'fetch and',
  [BPF_XOR | BPF_FETCH]: 'fetch xor', [BPF_XCHG]: 'xchg', [BPF_CMPXCHG]: 'cmpxchg',
};

/** Full mnemonic of a decoded instruction, including variants chosen by off or imm. */
export function mnemonicOf(i: Insn): string {
  const info = OPCODES[i.opcode];
  if (info === undefined) return `.op${i.opcode.toString(16)}`;
  const op = aluOp(i.opcode);
  if (info.kind === 'alu') {
    const sfx = info.cls === BPF_ALU ? '32' : '';
    if ((op === BPF_DIV || op === BPF_MOD) && i.off === 1) return 's' + info.mnemonic;
    if (op === BPF_MOV && i.off !== 0) return `movsx${i.off}${info.cls === BPF_ALU ? '32' : '64'}`;
    return info.mnemonic.replace(/32$/, '') + sfx;
  }
  if (info.kind === 'end') return info.mnemonic + i.imm;
  return info.mnemonic;
}

// ---- errors ----

export type IsaErrorKind =
  | 'bad-length' | 'bad-opcode' | 'bad-register' | 'truncated-lddw' | 'reserved-field' | 'bad-imm' | 'bad-offset'
  | 'jump-out-of-range' | 'jump-into-lddw' | 'empty-program';

/** A malformed program: the slot index and why. */
export interface IsaError {
  readonly kind: IsaErrorKind;
  readonly index: number;
  readonly message: string;
}

export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

const fail = (kind: IsaErrorKind, index: number, message: string): { ok: false; error: IsaError } =>
  ({ ok: false, error: { kind, index, message } });

/** Formats an IsaError as "insn N: message". */
export const formatIsaError = (e: IsaError): string => `insn ${e.index}: ${e.message}`;

// ---- decode / encode ----

/**
 * Decodes bytes into one Insn per 8-byte slot. The second slot of an lddw is
 * kept (as opcode 0 carrying the upper imm) so that indices equal slot numbers,
 * which is what jump offsets count; the lddw's own Insn also carries `imm2`.
 * Checks opcodes, registers, reserved fields and lddw pairing; jump targets are
 * checked by `checkJumps` (decodeProgram does both).
 */
export function decode(bytes: Uint8Array): Result<Insn[], IsaError> {
  if (bytes.length % INSN_SIZE !== 0) {
    return fail('bad-length', Math.floor(bytes.length / INSN_SIZE), `program length ${bytes.length} is not a multiple of 8`);
  }
  const n = bytes.length / INSN_SIZE;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Insn[] = [];
  for (let pc = 0; pc < n; pc++) {
    const b = pc * 8;
    const i = insn(bytes[b], bytes[b + 1] & 0xf, bytes[b + 1] >> 4, dv.getInt16(b + 2, true), dv.getInt32(b + 4, true));
    if (i.opcode === LDDW) {
      if (pc + 1 >= n) return fail('truncated-lddw', pc, 'lddw is missing its second slot');
      const b2 = b + 8;
      if (bytes[b2] !== 0 || bytes[b2 + 1] !== 0 || dv.getInt16(b2 + 2, true) !== 0) {
        return fail('reserved-field', pc + 1, 'second slot of lddw must have opcode, registers and offset zero');
      }
      i.imm2 = dv.getInt32(b2 + 4, true);
      const err = checkInsn(i, pc);
      if (err !== null) return { ok: false, error: err };
      out.push(i, insn(0, 0, 0, 0, i.imm2));
      pc++;
      continue;
    }
    const err = checkInsn(i, pc);
    if (err !== null) return { ok: false, error: err };
    out.push(i);
  }
  return { ok: true, value: out };
}

/** Checks one instruction's opcode, registers and reserved fields (not jump targets). */
export function checkInsn(i: Insn, index: number): IsaError | null {
  const e = (kind: IsaErrorKind, message: string): IsaError => ({ kind, index, message });
  const info = OPCODES[i.opcode];
  if (info === undefined) return e('bad-opcode', `unknown opcode 0x${i.opcode.toString(16).padStart(2, '0')}`);
  if (i.dst > MAX_REG) return e('bad-register', `invalid dst register r${i.dst}`);
  if (i.src > MAX_REG) return e('bad-register', `invalid src register r${i.src}`);
  if (info.writesDst && i.dst === R10) return e('bad-register', 'frame pointer r10 is read only');
  if (!info.usesDst && i.dst !== 0) return e('reserved-field', `${info.mnemonic}: dst field must be 0`);
  if (!info.usesSrc && i.src !== 0) return e('reserved-field', `${info.mnemonic}: src field must be 0`);
  if (!info.usesOff && i.off !== 0) return e('reserved-field', `${info.mnemonic}: offset field must be 0`);
  if (!info.usesImm && i.imm !== 0) return e('reserved-field', `${info.mnemonic}: imm field must be 0`);
  const op = aluOp(i.opcode);
  switch (info.kind) {
    case 'alu':
      if (op === BPF_DIV || op === BPF_MOD) {
        if (i.off !== 0 && i.off !== 1) return e('bad-offset', `${info.mnemonic}: offset must be 0 or 1 (signed)`);
      } else if (op === BPF_MOV) {
        const ok = i.off === 0 || (srcBit(i.opcode) === BPF_X &&
          (i.off === 8 || i.off === 16 || (i.off === 32 && info.cls === BPF_ALU64)));
        if (!ok) return e('bad-offset', `${info.mnemonic}: offset must be 0 or a movsx width (8, 16${info.cls === BPF_ALU64 ? ', 32' : ''}) with a register source`);
      }
      break;
    case 'end':
      if (i.imm !== 16 && i.imm !== 32 && i.imm !== 64) return e('bad-imm', `${info.mnemonic}: width must be 16, 32 or 64, not ${i.imm}`);
      break;
    case 'lddw':
      if (i.src > BPF_PSEUDO_MAP_IDX_VALUE) return e('bad-imm', `lddw: unknown source subtype ${i.src}`);
      break;
    case 'atomic':
      if (ATOMIC_OPS[i.imm] === undefined) return e('bad-imm', `unknown atomic operation 0x${(i.imm >>> 0).toString(16)}`);
      if ((i.imm & BPF_FETCH) !== 0 && i.imm !== BPF_CMPXCHG && i.src === R10) return e('bad-register', 'frame pointer r10 is read only (atomic fetch writes its source)');
      break;
    case 'call':
      if (i.src > BPF_PSEUDO_KFUNC_CALL) return e('reserved-field', `call: unknown source subtype ${i.src}`);
      break;
    default:
      break;
  }
  return null;
}

/** Target slot of a jump or local call at `pc`, or -1 if the instruction does not transfer control there. */
export function jumpTarget(i: Insn, pc: number): number {
  const info = OPCODES[i.opcode];
  if (info === undefined) return -1;
  switch (info.kind) {
    case 'ja': case 'jcond': return pc + 1 + i.off;
    case 'ja32': return pc + 1 + i.imm;
    case 'call': return i.src === BPF_PSEUDO_CALL ? pc + 1 + i.imm : -1;
    case 'lddw': return i.src === BPF_PSEUDO_FUNC ? pc + 1 + i.imm : -1;
    default: return -1;
  }
}

/** True when jumpTarget() names a real destination (so -1 is a bad target, not "no target"). */
function isTransfer(i: Insn): boolean {
  const k = OPCODES[i.opcode]?.kind;
  return k === 'ja' || k === 'ja32' || k === 'jcond' || (k === 'call' && i.src === BPF_PSEUDO_CALL) ||
    (k === 'lddw' && i.src === BPF_PSEUDO_FUNC);
}

/** Checks that every jump and local call lands on an instruction (not past the end, not inside an lddw). */
export function checkJumps(insns: readonly Insn[]): IsaError | null {
  if (insns.length === 0) return { kind: 'empty-program', index: 0, message: 'program is empty' };
  const second = new Uint8Array(insns.length);
  for (let pc = 0; pc < insns.length; pc++) if (insns[pc].opcode === LDDW) second[++pc] = 1;
  for (let pc = 0; pc < insns.length; pc++) {
    if (second[pc]) continue;
    const t = jumpTarget(insns[pc], pc);
    if (t === -1 && !isTransfer(insns[pc])) continue;
    if (t < 0 || t >= insns.length) {
      return { kind: 'jump-out-of-range', index: pc, message: `jump to ${t} is out of range [0, ${insns.length})` };
    }
    if (second[t]) return { kind: 'jump-into-lddw', index: pc, message: `jump to ${t} lands in the middle of an lddw` };
  }
  return null;
}

/** decode + checkJumps: the whole syntactic check of a program. */
export function decodeProgram(bytes: Uint8Array): Result<Insn[], IsaError> {
  const r = decode(bytes);
  if (!r.ok) return r;
  const err = checkJumps(r.value);
  return err === null ? r : { ok: false, error: err };
}

/** True for the filler slot that follows an lddw in a decoded program (fillers have opcode 0, never 0x18). */
export const isLddwSecondSlot = (insns: readonly Insn[], pc: number): boolean =>
  pc > 0 && insns[pc - 1].opcode === LDDW;

/**
 * Encodes instructions to bytes. Accepts either a slot-per-entry array as
 * returned by `decode` (the filler after an lddw is rewritten from the lddw's
 * imm2) or a list where an lddw entry is not followed by its filler (then the
 * second slot is emitted from imm2).
 */
export function encode(insns: readonly Insn[]): Uint8Array {
  const slots: Insn[] = [];
  for (let k = 0; k < insns.length; k++) {
    const i = insns[k];
    slots.push(i);
    if (i.opcode === LDDW) {
      const next = insns[k + 1];
      if (next !== undefined && next.opcode === 0 && next.dst === 0 && next.src === 0 && next.off === 0 && next.imm === i.imm2) k++;
      slots.push(insn(0, 0, 0, 0, i.imm2));
    }
  }
  return encodeSlots(slots);
}

/** Encodes exactly one slot per entry (no lddw expansion): the inverse of decode and decodeRaw. */
export function encodeSlots(slots: readonly Insn[]): Uint8Array {
  const out = new Uint8Array(slots.length * 8);
  const dv = new DataView(out.buffer);
  slots.forEach((i, n) => {
    const b = n * 8;
    out[b] = i.opcode & 0xff;
    out[b + 1] = (i.dst & 0xf) | ((i.src & 0xf) << 4);
    dv.setInt16(b + 2, i.off, true);
    dv.setInt32(b + 4, i.imm | 0, true);
  });
  return out;
}

/** Parses "b7 00 00 00 01 00 00 00 ..." (any whitespace, optional 0x) into bytes; null if malformed. */
export function parseHex(text: string): Uint8Array | null {
  const clean = text.replace(/0x/gi, '').replace(/[\s,]+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-f]/i.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let k = 0; k < out.length; k++) out[k] = parseInt(clean.substr(k * 2, 2), 16);
  return out;
}

/** Formats bytes as space-separated lowercase hex pairs. */
export const toHex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
