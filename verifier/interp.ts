// The interpreter: the reference semantics of RFC 9669 for every opcode in
// isa.ts. Registers are (lo, hi) int32 pairs in the address space's register
// area (see alu64.ts for why); memory accesses go through the address space's
// region table; faults, bad helpers and exhausted budgets are typed results.
//
// Semantics worth stating (RFC 9669 unless noted):
// - 32-bit ALU results are zero-extended; shift amounts are masked (31 / 63).
// - div by zero gives 0, mod by zero leaves the dividend; sdiv INT_MIN/-1 = INT_MIN, smod gives 0.
// - ALU64 immediates are sign-extended; JMP (64-bit) compares with the sign-extended imm.
// - bpf-to-bpf calls: up to MAX_CALL_FRAMES frames of STACK_SIZE bytes; r6-r9 and r10 are
//   restored on return. Helpers may write only r0.
// - Legacy ABS/IND loads read big-endian from the packet region; when out of range the program
//   ends with r0 = 0, as Linux does.
// - Registers: (lo, hi) int32 pairs. Measured on Node 20 here, an add/xor/sub/jne interpreter loop
//   ran 191 M insn/s with int32 pairs, 212 M with a BigInt64Array and 80 M with BigInts; a loop with
//   mul, shifts and 32-bit ops ran 163 M with pairs and 96 M with a BigInt64Array (BigInt.asUintN,
//   shifts and multiplies are not lowered to machine ints). Pairs win overall.
// - callx: a target with upper half CODE_ADDR_HI is a local function (its index in the lower
//   half, as lddw src=4 produces); otherwise the value is a helper id.

import { divs64, divu64, endian, mods64, modu64 } from './alu64.js';
import { BPF_CMPXCHG, BPF_XCHG, MAX_CALL_FRAMES, STACK_SIZE } from './isa.js';
import { PROT_READ, PROT_WRITE, STACK_TOP, type AddressSpace } from './memory.js';
import {
  CODE_ADDR_HI, HELPER_OK, packetBounds, HELPER_STOP, type ExecError, type ExecErrorKind, type ExecOptions, type ExecResult,
  type Program,
} from './program.js';

const TWO32 = 4294967296;

/** Effective address reg + off as a 32-bit space address, or -1 when the 64-bit sum leaves it. */
function ea(lo: number, hi: number, off: number): number {
  const s = (lo >>> 0) + off;
  if (s < 0) return hi === 1 ? s + TWO32 : -1;
  if (s >= TWO32) return hi === -1 ? s - TWO32 : -1;
  return hi === 0 ? s : -1;
}

const fault = (kind: ExecErrorKind, pc: number, message: string): ExecResult => ({ ok: false, error: { kind, pc, message } });

const oob = (pc: number, what: string, addr: number, lo: number, hi: number, off: number, len: number): ExecResult =>
  fault('out-of-bounds', pc, `${what} of ${len} bytes at ${addr < 0
    ? `0x${((BigInt(hi) << 32n) | BigInt(lo >>> 0)).toString(16)}${off < 0 ? '-' : '+'}${Math.abs(off)}`
    : `0x${addr.toString(16)}`} is outside every mapped region`);

/**
 * Runs `prog` on `as`. The caller sets r1..r5 in `as.regs` (r1 = context, r2 =
 * its length for the conformance protocol); r0 and r6..r9 start as the caller
 * left them, r10 is set here.
 */
export function interpret(prog: Program, as: AddressSpace, opts: ExecOptions = {}): ExecResult {
  // Views are re-read after helper calls: a helper may grow the memory (which detaches old views).
  let r = as.regs;
  let view = as.view;
  const op = prog.op, dst2 = prog.dst2, src2 = prog.src2, offs = prog.off, imms = prog.imm;
  const kLo = prog.kLo, kHi = prog.kHi;
  const helpers = opts.helpers ?? [];
  const max = opts.maxSteps ?? Infinity;
  const sStart = as.starts[0], sEnd = as.ends[0];
  const [pktStart, pktEnd] = packetBounds(as, opts);
  const entries = prog.entries;
  // Saved state per frame: return pc, r6..r9 (8 ints), r10 lo.
  const saved = new Int32Array(MAX_CALL_FRAMES * 10);
  let depth = 0;
  r[20] = STACK_TOP; r[21] = 0;
  let pc = 0, steps = 0;
  const n = prog.length;


  for (;;) {
    const i = pc++;
    steps++;
    const d = dst2[i], s = src2[i], k = imms[i];
    switch (op[i]) {
      // ---- ALU64 ----
      case 0x07: add64(r, d, k, k >> 31); break;
      case 0x0f: add64(r, d, r[s], r[s + 1]); break;
      case 0x17: sub64(r, d, k, k >> 31); break;
      case 0x1f: sub64(r, d, r[s], r[s + 1]); break;
      case 0x27: mul64(r, d, k, k >> 31); break;
      case 0x2f: mul64(r, d, r[s], r[s + 1]); break;
      case 0x37: if (offs[i] === 1) divs64(r, d, k, k >> 31); else divu64(r, d, k, k >> 31); break;
      case 0x3f: if (offs[i] === 1) divs64(r, d, r[s], r[s + 1]); else divu64(r, d, r[s], r[s + 1]); break;
      case 0x47: r[d] |= k; r[d + 1] |= k >> 31; break;
      case 0x4f: r[d] |= r[s]; r[d + 1] |= r[s + 1]; break;
      case 0x57: r[d] &= k; r[d + 1] &= k >> 31; break;
      case 0x5f: r[d] &= r[s]; r[d + 1] &= r[s + 1]; break;
      case 0x67: lsh64(r, d, k); break;
      case 0x6f: lsh64(r, d, r[s]); break;
      case 0x77: rsh64(r, d, k); break;
      case 0x7f: rsh64(r, d, r[s]); break;
      case 0x87: neg64(r, d); break;
      case 0x97: if (offs[i] === 1) mods64(r, d, k, k >> 31); else modu64(r, d, k, k >> 31); break;
      case 0x9f: if (offs[i] === 1) mods64(r, d, r[s], r[s + 1]); else modu64(r, d, r[s], r[s + 1]); break;
      case 0xa7: r[d] ^= k; r[d + 1] ^= k >> 31; break;
      case 0xaf: r[d] ^= r[s]; r[d + 1] ^= r[s + 1]; break;
      case 0xb7: r[d] = k; r[d + 1] = k >> 31; break;
      case 0xbf: {
        const o = offs[i];
        if (o === 0) { r[d] = r[s]; r[d + 1] = r[s + 1]; } else {
          const v = o === 8 ? (r[s] << 24) >> 24 : o === 16 ? (r[s] << 16) >> 16 : r[s];
          r[d] = v; r[d + 1] = v >> 31;
        }
        break;
      }
      case 0xc7: arsh64(r, d, k); break;
      case 0xcf: arsh64(r, d, r[s]); break;
      case 0xd7: endian(r, d, k, true); break;
      // ---- ALU (32-bit, zero-extended) ----
      case 0x04: r[d] = (r[d] + k) | 0; r[d + 1] = 0; break;
      case 0x0c: r[d] = (r[d] + r[s]) | 0; r[d + 1] = 0; break;
      case 0x14: r[d] = (r[d] - k) | 0; r[d + 1] = 0; break;
      case 0x1c: r[d] = (r[d] - r[s]) | 0; r[d + 1] = 0; break;
      case 0x24: r[d] = Math.imul(r[d], k); r[d + 1] = 0; break;
      case 0x2c: r[d] = Math.imul(r[d], r[s]); r[d + 1] = 0; break;
      case 0x34: r[d] = div32(r[d], k, offs[i]); r[d + 1] = 0; break;
      case 0x3c: r[d] = div32(r[d], r[s], offs[i]); r[d + 1] = 0; break;
      case 0x44: r[d] |= k; r[d + 1] = 0; break;
      case 0x4c: r[d] |= r[s]; r[d + 1] = 0; break;
      case 0x54: r[d] &= k; r[d + 1] = 0; break;
      case 0x5c: r[d] &= r[s]; r[d + 1] = 0; break;
      case 0x64: r[d] <<= k & 31; r[d + 1] = 0; break;
      case 0x6c: r[d] <<= r[s] & 31; r[d + 1] = 0; break;
      case 0x74: r[d] = r[d] >>> (k & 31); r[d + 1] = 0; break;
      case 0x7c: r[d] = r[d] >>> (r[s] & 31); r[d + 1] = 0; break;
      case 0x84: r[d] = -r[d] | 0; r[d + 1] = 0; break;
      case 0x94: r[d] = mod32(r[d], k, offs[i]); r[d + 1] = 0; break;
      case 0x9c: r[d] = mod32(r[d], r[s], offs[i]); r[d + 1] = 0; break;
      case 0xa4: r[d] ^= k; r[d + 1] = 0; break;
      case 0xac: r[d] ^= r[s]; r[d + 1] = 0; break;
      case 0xb4: r[d] = k; r[d + 1] = 0; break;
      case 0xbc: {
        const o = offs[i];
        r[d] = o === 8 ? (r[s] << 24) >> 24 : o === 16 ? (r[s] << 16) >> 16 : r[s];
        r[d + 1] = 0;
        break;
      }
      case 0xc4: r[d] >>= k & 31; r[d + 1] = 0; break;
      case 0xcc: r[d] >>= r[s] & 31; r[d + 1] = 0; break;
      case 0xd4: endian(r, d, k, false); break;
      case 0xdc: endian(r, d, k, true); break;
      // ---- 64-bit immediate ----
      case 0x18: r[d] = kLo[i]; r[d + 1] = kHi[i]; pc++; break;
      // ---- loads (one case per opcode: the stack is checked first, then the region table) ----
      case 0x61: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 4 > sEnd) { if (a < 0 || as.find(a, 4, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 4); }
        r[d] = view.getInt32(a, true); r[d + 1] = 0;
        break;
      }
      case 0x69: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 2 > sEnd) { if (a < 0 || as.find(a, 2, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 2); }
        r[d] = view.getUint16(a, true); r[d + 1] = 0;
        break;
      }
      case 0x71: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 1 > sEnd) { if (a < 0 || as.find(a, 1, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 1); }
        r[d] = view.getUint8(a); r[d + 1] = 0;
        break;
      }
      case 0x79: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 8 > sEnd) { if (a < 0 || as.find(a, 8, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 8); }
        r[d] = view.getInt32(a, true); r[d + 1] = view.getInt32(a + 4, true);
        break;
      }
      case 0x81: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 4 > sEnd) { if (a < 0 || as.find(a, 4, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 4); }
        r[d] = view.getInt32(a, true); r[d + 1] = r[d] >> 31;
        break;
      }
      case 0x89: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 2 > sEnd) { if (a < 0 || as.find(a, 2, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 2); }
        r[d] = view.getInt16(a, true); r[d + 1] = r[d] >> 31;
        break;
      }
      case 0x91: {
        const a = ea(r[s], r[s + 1], offs[i]);
        if (a < sStart || a + 1 > sEnd) { if (a < 0 || as.find(a, 1, PROT_READ) < 0) return oob(i, 'load', a, r[s], r[s + 1], offs[i], 1); }
        r[d] = view.getInt8(a); r[d + 1] = r[d] >> 31;
        break;
      }
      // ---- stores ----
      case 0x62: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 4 > sEnd) { if (a < 0 || as.find(a, 4, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 4); }
        view.setInt32(a, k, true);
        break;
      }
      case 0x6a: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 2 > sEnd) { if (a < 0 || as.find(a, 2, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 2); }
        view.setInt16(a, k, true);
        break;
      }
      case 0x72: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 1 > sEnd) { if (a < 0 || as.find(a, 1, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 1); }
        view.setInt8(a, k);
        break;
      }
      case 0x7a: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 8 > sEnd) { if (a < 0 || as.find(a, 8, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 8); }
        view.setInt32(a, k, true); view.setInt32(a + 4, k >> 31, true);
        break;
      }
      case 0x63: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 4 > sEnd) { if (a < 0 || as.find(a, 4, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 4); }
        view.setInt32(a, r[s], true);
        break;
      }
      case 0x6b: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 2 > sEnd) { if (a < 0 || as.find(a, 2, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 2); }
        view.setInt16(a, r[s], true);
        break;
      }
      case 0x73: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 1 > sEnd) { if (a < 0 || as.find(a, 1, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 1); }
        view.setInt8(a, r[s]);
        break;
      }
      case 0x7b: {
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < sStart || a + 8 > sEnd) { if (a < 0 || as.find(a, 8, PROT_WRITE) < 0) return oob(i, 'store', a, r[d], r[d + 1], offs[i], 8); }
        view.setInt32(a, r[s], true); view.setInt32(a + 4, r[s + 1], true);
        break;
      }
      // ---- atomics ----
      case 0xc3: case 0xdb: {
        const wide = op[i] === 0xdb;
        const len = wide ? 8 : 4;
        const a = ea(r[d], r[d + 1], offs[i]);
        if (a < 0 || !((a >= sStart && a + len <= sEnd) || as.find(a, len, PROT_READ | PROT_WRITE) >= 0)) return oob(i, 'atomic', a, r[d], r[d + 1], offs[i], len);
        atomic(view, r, a, wide, s, k);
        break;
      }
      // ---- legacy packet loads (big-endian) ----
      case 0x20: case 0x28: case 0x30: case 0x40: case 0x48: case 0x50: {
        const o = op[i];
        const len = (o & 0x18) === 0 ? 4 : (o & 0x18) === 0x08 ? 2 : 1;
        const rel = (o & 0xe0) === 0x40 ? (r[s] + k) | 0 : k;
        const a = pktStart + rel;
        if (rel < 0 || a + len > pktEnd) { r[0] = 0; r[1] = 0; return { ok: true, r0: 0n, steps }; }
        r[0] = len === 4 ? view.getInt32(a, false) : len === 2 ? view.getUint16(a, false) : view.getUint8(a);
        r[1] = 0;
        break;
      }
      // ---- jumps ----
      case 0x05: pc += offs[i]; if (offs[i] < 0 && steps > max) return budget(i, max); break;
      case 0x06: pc += k; if (k < 0 && steps > max) return budget(i, max); break;
      case 0x15: if (r[d] === k && r[d + 1] === k >> 31) pc += offs[i]; break;
      case 0x1d: if (r[d] === r[s] && r[d + 1] === r[s + 1]) pc += offs[i]; break;
      case 0x55: if (r[d] !== k || r[d + 1] !== k >> 31) pc += offs[i]; break;
      case 0x5d: if (r[d] !== r[s] || r[d + 1] !== r[s + 1]) pc += offs[i]; break;
      case 0x25: if (ltu(k, k >> 31, r[d], r[d + 1])) pc += offs[i]; break;
      case 0x2d: if (ltu(r[s], r[s + 1], r[d], r[d + 1])) pc += offs[i]; break;
      case 0x35: if (!ltu(r[d], r[d + 1], k, k >> 31)) pc += offs[i]; break;
      case 0x3d: if (!ltu(r[d], r[d + 1], r[s], r[s + 1])) pc += offs[i]; break;
      case 0xa5: if (ltu(r[d], r[d + 1], k, k >> 31)) pc += offs[i]; break;
      case 0xad: if (ltu(r[d], r[d + 1], r[s], r[s + 1])) pc += offs[i]; break;
      case 0xb5: if (!ltu(k, k >> 31, r[d], r[d + 1])) pc += offs[i]; break;
      case 0xbd: if (!ltu(r[s], r[s + 1], r[d], r[d + 1])) pc += offs[i]; break;
      case 0x45: if ((r[d] & k) !== 0 || (r[d + 1] & (k >> 31)) !== 0) pc += offs[i]; break;
      case 0x4d: if ((r[d] & r[s]) !== 0 || (r[d + 1] & r[s + 1]) !== 0) pc += offs[i]; break;
      case 0x65: if (lts(k, k >> 31, r[d], r[d + 1])) pc += offs[i]; break;
      case 0x6d: if (lts(r[s], r[s + 1], r[d], r[d + 1])) pc += offs[i]; break;
      case 0x75: if (!lts(r[d], r[d + 1], k, k >> 31)) pc += offs[i]; break;
      case 0x7d: if (!lts(r[d], r[d + 1], r[s], r[s + 1])) pc += offs[i]; break;
      case 0xc5: if (lts(r[d], r[d + 1], k, k >> 31)) pc += offs[i]; break;
      case 0xcd: if (lts(r[d], r[d + 1], r[s], r[s + 1])) pc += offs[i]; break;
      case 0xd5: if (!lts(k, k >> 31, r[d], r[d + 1])) pc += offs[i]; break;
      case 0xdd: if (!lts(r[s], r[s + 1], r[d], r[d + 1])) pc += offs[i]; break;
      // ---- JMP32: low halves only ----
      case 0x16: if (r[d] === k) pc += offs[i]; break;
      case 0x1e: if (r[d] === r[s]) pc += offs[i]; break;
      case 0x56: if (r[d] !== k) pc += offs[i]; break;
      case 0x5e: if (r[d] !== r[s]) pc += offs[i]; break;
      case 0x26: if ((r[d] >>> 0) > (k >>> 0)) pc += offs[i]; break;
      case 0x2e: if ((r[d] >>> 0) > (r[s] >>> 0)) pc += offs[i]; break;
      case 0x36: if ((r[d] >>> 0) >= (k >>> 0)) pc += offs[i]; break;
      case 0x3e: if ((r[d] >>> 0) >= (r[s] >>> 0)) pc += offs[i]; break;
      case 0xa6: if ((r[d] >>> 0) < (k >>> 0)) pc += offs[i]; break;
      case 0xae: if ((r[d] >>> 0) < (r[s] >>> 0)) pc += offs[i]; break;
      case 0xb6: if ((r[d] >>> 0) <= (k >>> 0)) pc += offs[i]; break;
      case 0xbe: if ((r[d] >>> 0) <= (r[s] >>> 0)) pc += offs[i]; break;
      case 0x46: if ((r[d] & k) !== 0) pc += offs[i]; break;
      case 0x4e: if ((r[d] & r[s]) !== 0) pc += offs[i]; break;
      case 0x66: if (r[d] > k) pc += offs[i]; break;
      case 0x6e: if (r[d] > r[s]) pc += offs[i]; break;
      case 0x76: if (r[d] >= k) pc += offs[i]; break;
      case 0x7e: if (r[d] >= r[s]) pc += offs[i]; break;
      case 0xc6: if (r[d] < k) pc += offs[i]; break;
      case 0xce: if (r[d] < r[s]) pc += offs[i]; break;
      case 0xd6: if (r[d] <= k) pc += offs[i]; break;
      case 0xde: if (r[d] <= r[s]) pc += offs[i]; break;
      // ---- calls and exit ----
      case 0x85: case 0x8d: {
        let local = -1, id = k;
        if (op[i] === 0x8d) {
          if (r[d + 1] === CODE_ADDR_HI) local = r[d];
          else if (r[d + 1] === 0) id = r[d];
          else return fault('bad-callx', i, `callx target 0x${((BigInt(r[d + 1]) << 32n) | BigInt(r[d] >>> 0)).toString(16)} is neither a helper id nor a function address`);
          if (r[d + 1] === CODE_ADDR_HI && (local < 0 || local >= n || entries[local] !== 1)) {
            return fault('bad-callx', i, `callx target ${local} is not a function entry`);
          }
        } else if (s === 2) local = pc + k; // src=1 (pseudo call), s is doubled
        if (local >= 0) {
          if (depth + 1 >= MAX_CALL_FRAMES) return fault('call-depth', i, `call depth exceeds ${MAX_CALL_FRAMES} frames`);
          if (steps > max) return budget(i, max);
          const b = depth * 10;
          saved[b] = pc;
          for (let q = 0; q < 8; q++) saved[b + 1 + q] = r[12 + q];
          saved[b + 9] = r[20];
          depth++;
          r[20] = STACK_TOP - depth * STACK_SIZE; r[21] = 0;
          pc = local;
          break;
        }
        const h = helpers[id];
        if (h === undefined) return fault('unknown-helper', i, `no helper with id ${id}`);
        const rc = h(r, as);
        r = as.regs; view = as.view;
        if (rc === HELPER_OK) break;
        if (rc === HELPER_STOP) return { ok: true, r0: r0of(r), steps };
        return fault('helper-failed', i, `helper ${id} failed (${rc})`);
      }
      case 0x95: {
        if (depth === 0) return { ok: true, r0: r0of(r), steps };
        depth--;
        const b = depth * 10;
        pc = saved[b];
        for (let q = 0; q < 8; q++) r[12 + q] = saved[b + 1 + q];
        r[20] = saved[b + 9]; r[21] = 0;
        break;
      }
      default:
        if (i >= n) return fault('bad-program', i, 'execution ran off the end of the program');
        return fault('bad-program', i, `opcode 0x${op[i].toString(16)} cannot be executed`);
    }
  }
}

const budget = (pc: number, max: number): ExecResult => fault('budget', pc, `execution budget of ${max} steps exhausted`);

const r0of = (r: Int32Array): bigint => (BigInt(r[1] >>> 0) << 32n) | BigInt(r[0] >>> 0);

function div32(a: number, b: number, signed: number): number {
  if (b === 0) return 0;
  if (signed === 1) return Math.trunc(a / b) | 0;
  return Math.floor((a >>> 0) / (b >>> 0)) | 0;
}

function mod32(a: number, b: number, signed: number): number {
  if (b === 0) return a;
  if (signed === 1) return (a % b) | 0;
  return ((a >>> 0) % (b >>> 0)) | 0;
}

function atomic(view: DataView, r: Int32Array, a: number, wide: boolean, s: number, k: number): void {
  const oldLo = view.getInt32(a, true), oldHi = wide ? view.getInt32(a + 4, true) : 0;
  let lo = oldLo, hi = oldHi;
  const slo = r[s], shi = wide ? r[s + 1] : 0;
  const base = k & ~1;
  if (k === BPF_CMPXCHG) {
    if (r[0] === oldLo && (!wide || r[1] === oldHi)) { lo = slo; hi = shi; }
    r[0] = oldLo; r[1] = oldHi;
  } else if (k === BPF_XCHG) {
    lo = slo; hi = shi;
  } else if (base === 0x00) {
    const sum = (oldLo >>> 0) + (slo >>> 0);
    lo = sum | 0; hi = (oldHi + shi + (sum >= TWO32 ? 1 : 0)) | 0;
  } else if (base === 0x40) { lo = oldLo | slo; hi = oldHi | shi; }
  else if (base === 0x50) { lo = oldLo & slo; hi = oldHi & shi; }
  else { lo = oldLo ^ slo; hi = oldHi ^ shi; }
  view.setInt32(a, lo, true);
  if (wide) view.setInt32(a + 4, hi, true);
  if ((k & 1) !== 0 && k !== BPF_CMPXCHG) { r[s] = oldLo; r[s + 1] = oldHi; }
}

export type { ExecError };

// ---- hot 64-bit operations on (lo, hi) pairs; r[d], r[d+1] is the destination ----

function add64(r: Int32Array, d: number, lo: number, hi: number): void {
  const s = (r[d] >>> 0) + (lo >>> 0);
  r[d] = s | 0;
  r[d + 1] = (r[d + 1] + hi + (s >= TWO32 ? 1 : 0)) | 0;
}

function sub64(r: Int32Array, d: number, lo: number, hi: number): void {
  const s = (r[d] >>> 0) - (lo >>> 0);
  r[d] = s | 0;
  r[d + 1] = (r[d + 1] - hi - (s < 0 ? 1 : 0)) | 0;
}

/** High 32 bits of the unsigned product of two uint32 values. */
function mulhu32(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const p01 = a0 * b1, p10 = a1 * b0;
  const mid = ((a0 * b0) >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  return (a1 * b1 + Math.floor(p01 / 65536) + Math.floor(p10 / 65536) + Math.floor(mid / 65536)) | 0;
}

function mul64(r: Int32Array, d: number, lo: number, hi: number): void {
  const alo = r[d], ahi = r[d + 1];
  r[d + 1] = (Math.imul(alo, hi) + Math.imul(ahi, lo) + mulhu32(alo >>> 0, lo >>> 0)) | 0;
  r[d] = Math.imul(alo, lo);
}

function neg64(r: Int32Array, d: number): void {
  const lo = r[d], hi = r[d + 1];
  r[d] = -lo | 0;
  r[d + 1] = (~hi + (lo === 0 ? 1 : 0)) | 0;
}

function lsh64(r: Int32Array, d: number, n: number): void {
  n &= 63;
  if (n === 0) return;
  if (n >= 32) { r[d + 1] = r[d] << (n - 32); r[d] = 0; return; }
  r[d + 1] = (r[d + 1] << n) | (r[d] >>> (32 - n));
  r[d] = r[d] << n;
}

function rsh64(r: Int32Array, d: number, n: number): void {
  n &= 63;
  if (n === 0) return;
  if (n >= 32) { r[d] = r[d + 1] >>> (n - 32); r[d + 1] = 0; return; }
  r[d] = (r[d] >>> n) | (r[d + 1] << (32 - n));
  r[d + 1] = r[d + 1] >>> n;
}

function arsh64(r: Int32Array, d: number, n: number): void {
  n &= 63;
  if (n === 0) return;
  if (n >= 32) { r[d] = r[d + 1] >> (n - 32); r[d + 1] = r[d + 1] >> 31; return; }
  r[d] = (r[d] >>> n) | (r[d + 1] << (32 - n));
  r[d + 1] = r[d + 1] >> n;
}

/** Unsigned a < b on pairs. */
const ltu = (alo: number, ahi: number, blo: number, bhi: number): boolean =>
  ahi !== bhi ? (ahi >>> 0) < (bhi >>> 0) : (alo >>> 0) < (blo >>> 0);
/** Signed a < b on pairs. */
const lts = (alo: number, ahi: number, blo: number, bhi: number): boolean =>
  ahi !== bhi ? ahi < bhi : (alo >>> 0) < (blo >>> 0);
