// Random program generator and mutator for the soundness campaign: programs
// shaped like real ones (context reads, stack spills, map lookups with null
// checks, packet bounds checks, bounded pointer arithmetic, forward branches,
// small counted loops) so that a good share passes the verifier, plus point
// mutations of accepted programs that probe the edges of each rule.
import {
  BPF_ALU, BPF_ALU64, BPF_B, BPF_DW, BPF_H, BPF_JMP, BPF_JMP32, BPF_K, BPF_LDX, BPF_MEM, BPF_PSEUDO_MAP_FD, BPF_ST,
  BPF_STX, BPF_W, BPF_X, type Insn, LDDW, OPCODES, insn,
} from '../../verifier/isa.js';
import type { MapDef } from '../../verifier/maps/types.js';

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

export const FUZZ_MAPS: MapDef[] = [
  { type: 2, keySize: 4, valueSize: 16, maxEntries: 4, name: 'arr' },
  { type: 1, keySize: 4, valueSize: 8, maxEntries: 8, name: 'hash' },
  { type: 27, keySize: 0, valueSize: 0, maxEntries: 4096, name: 'rb' },
];

const SIZES = [BPF_B, BPF_H, BPF_W, BPF_DW];
const ALU_OPS = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0, 0xc0];
const JMP_OPS = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0];

/** A pending forward jump: patched to a label index once the code is laid out. */
interface Item { i: Insn; label?: string; target?: string; call?: string }

export function generate(r: () => number, type: 'kprobe' | 'xdp' | 'socket_filter'): Insn[] {
  const pick = <T>(a: readonly T[]): T => a[r() % a.length];
  const small = (): number => [0, 1, 2, 3, 4, 7, 8, 15, 16, 31, 63, 255, -1, -8, 0x7fffffff, -0x80000000][r() % 16];
  const code: Item[] = [];
  const emit = (i: Insn, target?: string): void => { code.push({ i, target }); };
  const label = (l: string): void => { code.push({ i: insn(-1), label: l }); };
  let nl = 0;
  const scal = (): number => r() % 6; // r0..r5
  emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 6, 1));
  emit(insn(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -8, small()));
  emit(insn(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -16, small()));
  for (let k = 0; k <= 5; k++) emit(insn(BPF_ALU64 | 0xb0 | BPF_K, k, 0, 0, small()));
  const hasMap = type !== 'xdp' || r() % 2 === 0;
  if (hasMap) {
    // r7 = lookup(arr or hash, &key at fp-24); if (!r7) goto out
    emit(insn(BPF_ST | BPF_MEM | BPF_W, 10, 0, -24, r() % 5));
    emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 2, 10));
    emit(insn(BPF_ALU64 | 0x00 | BPF_K, 2, 0, 0, -24));
    emit(insn(LDDW, 1, BPF_PSEUDO_MAP_FD, 0, r() % 2)); emit(insn(0));
    emit(insn(BPF_JMP | 0x80, 0, 0, 0, 1));
    emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 7, 0));
    emit(insn(BPF_JMP | 0x10 | BPF_K, 0, 0, 0, 0), 'out');
    for (let k = 0; k <= 5; k++) emit(insn(BPF_ALU64 | 0xb0 | BPF_K, k, 0, 0, small()));
  }
  if (type === 'xdp') {
    emit(insn(BPF_LDX | BPF_MEM | BPF_W, 8, 6, 0));
    emit(insn(BPF_LDX | BPF_MEM | BPF_W, 9, 6, 4));
    emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 2, 8));
    emit(insn(BPF_ALU64 | 0x00 | BPF_K, 2, 0, 0, r() % 24));
    emit(insn(BPF_JMP | 0x20 | BPF_X, 2, 9), 'out');
  }
  const n = 5 + (r() % 25);
  let useFn = false;
  for (let k = 0; k < n; k++) {
    switch (r() % (type === 'kprobe' ? 16 : 14)) {
      case 0: case 1: {
        const cls = r() % 3 === 0 ? BPF_ALU : BPF_ALU64;
        const op = pick(ALU_OPS);
        if (r() % 2 === 0) emit(insn(cls | op | BPF_K, scal(), 0, 0, (op === 0x30 || op === 0x90) ? 1 + (r() % 9) : small()));
        else emit(insn(cls | op | BPF_X, scal(), scal()));
        break;
      }
      case 2: emit(insn(BPF_ALU64 | 0x50 | BPF_K, scal(), 0, 0, pick([1, 3, 7, 15, 31, 0xff]))); break;
      case 3: emit(insn(BPF_LDX | BPF_MEM | pick(SIZES), scal(), 10, -8 * (1 + (r() % 2)) + (r() % 8))); break;
      case 4: emit(insn(BPF_STX | BPF_MEM | pick(SIZES), 10, scal(), -8 * (1 + (r() % 3)) + (r() % 8))); break;
      case 5: {
        const sz = pick(SIZES);
        const w = sz === BPF_DW ? 8 : sz === BPF_W ? 4 : sz === BPF_H ? 2 : 1;
        emit(insn(BPF_LDX | BPF_MEM | sz, scal(), 6, (r() % 8) * w + (type === 'kprobe' ? (r() % 4) * 32 : 0)));
        break;
      }
      case 6: if (hasMap) emit(insn((r() % 2 ? BPF_LDX : BPF_STX) | BPF_MEM | pick(SIZES), r() % 2 ? scal() : 7, r() % 2 ? 7 : scal(), r() % 17)); break;
      case 7: if (type === 'xdp') emit(insn(BPF_LDX | BPF_MEM | pick(SIZES), scal(), 8, r() % 24)); break;
      case 8: {
        if (!hasMap) break;
        // r4 = r7 + (rX & mask); access [r4 + off]
        const x = scal();
        emit(insn(BPF_ALU64 | 0x50 | BPF_K, x, 0, 0, pick([3, 7, 8, 15])));
        emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 4, 7));
        emit(insn(BPF_ALU64 | 0x00 | BPF_X, 4, x === 4 ? 5 : x));
        emit(insn(BPF_LDX | BPF_MEM | pick(SIZES), 5, 4, r() % 9));
        break;
      }
      case 9: case 10: {
        const l = `L${nl++}`;
        const cls = r() % 4 === 0 ? BPF_JMP32 : BPF_JMP;
        if (r() % 2 === 0) emit(insn(cls | pick(JMP_OPS) | BPF_K, scal(), 0, 0, small()), l);
        else emit(insn(cls | pick(JMP_OPS) | BPF_X, scal(), scal()), l);
        const m = 1 + (r() % 4);
        for (let j = 0; j < m; j++) emit(insn(BPF_ALU64 | pick(ALU_OPS) | BPF_K, scal(), 0, 0, 1 + (r() % 7)));
        label(l);
        break;
      }
      case 11: emit(insn(BPF_JMP | 0x80, 0, 0, 0, pick([5, 7, 8]))); for (let j = 1; j <= 5; j++) emit(insn(BPF_ALU64 | 0xb0 | BPF_K, j, 0, 0, small())); break;
      case 12: emit(insn(BPF_ALU64 | 0xb0 | BPF_X, scal(), pick([0, 1, 2, 3, 6, 7, 10]))); break;
      case 14: {
        // A ringbuf record: reserve, null check, write, submit or discard.
        const l = `R${nl++}`;
        emit(insn(LDDW, 1, BPF_PSEUDO_MAP_FD, 0, 2)); emit(insn(0));
        emit(insn(BPF_ALU64 | 0xb0 | BPF_K, 2, 0, 0, pick([8, 16, 24])));
        emit(insn(BPF_ALU64 | 0xb0 | BPF_K, 3, 0, 0, 0));
        emit(insn(BPF_JMP | 0x80, 0, 0, 0, 131));
        emit(insn(BPF_JMP | 0x10 | BPF_K, 0, 0, 0, 0), l);
        emit(insn(BPF_ST | BPF_MEM | pick(SIZES), 0, 0, r() % 2 ? 0 : r() % 9, small()));
        emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 1, 0));
        emit(insn(BPF_ALU64 | 0xb0 | BPF_K, 2, 0, 0, 0));
        emit(insn(BPF_JMP | 0x80, 0, 0, 0, r() % 2 ? 132 : 133));
        label(l);
        for (let j = 0; j <= 5; j++) emit(insn(BPF_ALU64 | 0xb0 | BPF_K, j, 0, 0, small()));
        break;
      }
      case 15: {
        // A call to the local function at the end, with a scalar or a stack pointer argument.
        if (r() % 2) emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 1, scal()));
        else { emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 1, 10)); emit(insn(BPF_ALU64 | 0x00 | BPF_K, 1, 0, 0, -8 * (1 + (r() % 3)))); }
        code.push({ i: insn(BPF_JMP | 0x80, 0, 1, 0, 0), call: 'fn' });
        for (let j = 1; j <= 5; j++) emit(insn(BPF_ALU64 | 0xb0 | BPF_K, j, 0, 0, small()));
        useFn = true;
        break;
      }
      default: {
        // A counted loop: rX = 0; l: rY += 1; rX += 1; if rX < K goto l
        const l = `B${nl++}`;
        emit(insn(BPF_ALU64 | 0xb0 | BPF_K, 5, 0, 0, 0));
        label(l);
        emit(insn(BPF_ALU64 | 0x00 | BPF_K, scal(), 0, 0, 1));
        emit(insn(BPF_ALU64 | 0x00 | BPF_K, 5, 0, 0, 1));
        code.push({ i: insn(BPF_JMP | 0xa0 | BPF_K, 5, 0, 0, 1 + (r() % 6)), target: l });
      }
    }
  }
  label('out');
  emit(insn(BPF_ALU64 | 0xb0 | BPF_K, 0, 0, 0, type === 'xdp' ? 2 : 0));
  emit(insn(BPF_JMP | 0x90));
  if (useFn) {
    // fn(r1): reads through r1 when it is a pointer, else masks it.
    label('fn');
    if (r() % 2) emit(insn(BPF_LDX | BPF_MEM | pick(SIZES), 0, 1, r() % 8));
    else { emit(insn(BPF_ALU64 | 0xb0 | BPF_X, 0, 1)); emit(insn(BPF_ALU64 | 0x50 | BPF_K, 0, 0, 0, 7)); }
    emit(insn(BPF_ST | BPF_MEM | BPF_DW, 10, 0, -8, 1));
    emit(insn(BPF_JMP | 0x90));
  }
  // Lay out: labels take no slot.
  const at = new Map<string, number>();
  let pc = 0;
  for (const c of code) { if (c.label !== undefined) at.set(c.label, pc); else pc++; }
  const out: Insn[] = [];
  for (const c of code) {
    if (c.label !== undefined) continue;
    if (c.target !== undefined) c.i.off = at.get(c.target)! - out.length - 1;
    if (c.call !== undefined) c.i.imm = at.get(c.call)! - out.length - 1;
    out.push(c.i);
  }
  return out;
}

/** A copy with one field of one instruction changed. */
export function mutate(r: () => number, p: readonly Insn[]): Insn[] {
  const q = p.map((i) => ({ ...i }));
  let k = r() % q.length;
  if (k > 0 && q[k - 1].opcode === LDDW) k--;
  const i = q[k];
  switch (r() % 6) {
    case 0: i.off += [-8, -4, -1, 1, 4, 8][r() % 6]; break;
    case 1: i.imm = [0, 1, -1, 7, 8, 16, 255, 4096, -0x80000000, i.imm + 1, i.imm - 1][r() % 11]; break;
    case 2: if (OPCODES[i.opcode]?.usesDst) i.dst = r() % 11; break;
    case 3: if (OPCODES[i.opcode]?.usesSrc && i.opcode !== LDDW) i.src = r() % 11; break;
    case 4: {
      if (i.opcode === LDDW || i.opcode === 0) break;
      const same = OPCODES.filter((o) => o !== undefined && o.cls === OPCODES[i.opcode]?.cls && o.opcode !== LDDW && o.kind !== 'call' && o.kind !== 'exit');
      if (same.length > 0) i.opcode = same[r() % same.length]!.opcode;
      break;
    }
    default: i.off = -i.off; break;
  }
  return q;
}
