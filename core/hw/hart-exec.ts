// The interpreter loop: fetches decoded slots from the per-page decode cache
// (decoding on first use), dispatches on the op number, and keeps the pc as
// (page base lo/hi, offset) so that straight-line code and branches within a
// page never leave int32 arithmetic. Aligned RAM loads/stores that hit the
// software TLB are done inline through ram.i32/u16/u8; the rest goes to
// hart-mem.ts. Rare instructions (system, CSR, FP, AMO) call out to
// hart-system.ts. Interrupts are checked at entry, every CHUNK instructions,
// and after anything that may enable one (CSR writes, mret/sret, wfi).
//
// Shape (measured on Node 20, mix bench, CPU time): the hot loop (`fast`)
// makes no calls at all. Anything that needs one -- a page change, a slot not
// decoded yet, a TLB miss, an out-of-line instruction (M but MUL/MULW, FP
// arithmetic, system), a JALR to another page, the end of a chunk -- leaves it
// with an event code (ev), is handled by the code after it, and re-enters; the
// handler finds the instruction again from (pbase, off). Calls in the loop made
// V8 spill its loop variables around every one of them (~143 -> ~158 MIPS).
// Only `left` and `off` change inside the fast loop; pc page and counts change
// in the handlers. Carries and set-less-than results are `+(a < b)` rather
// than `a < b ? 1 : 0`: V8 emits setcc for the former and a branch for the
// latter, which mispredicts on data such as hashes (~158 -> ~175 MIPS).
// (V8 still re-checks the typed arrays' maps in each iteration: its load
// elimination does not carry them across a loop back-edge.)
//
// For issue 3 (translation): a JIT keys its blocks by (RAM page, offset) as the
// arena does, reads the decoded slots (op, registers, immediate) instead of
// re-decoding, drops blocks in h.onCodeInvalidate, and enters a block from the
// fetch point above (after the page is resolved), returning the number of
// instructions it retired and the next pc so count/instret and CHUNK stay exact.
//
// The TLB tag compare also checks alignment: the low bits of the address are
// kept in the compared value, so a misaligned access misses and goes slow.
//
// The case labels are the numbers of decode.ts's Op table, written literally
// so that V8 compiles the switch to a jump table without loading constants.
import type { Hart } from './hart.js';
import { loadInto, storeSlow, fetchHalf, xlate } from './hart-mem.js';
import { mul64, mulh64, div64, divu64, divw } from './hart-muldiv.js';
import { checkInterrupts, takeException } from './trap.js';
import { Access } from './mmu.js';
import { decode32, dec } from './decode.js';
import { PAGE_WORDS } from './hart.js';
import { expandRvc } from './rvc.js';
import { execFp } from './fpu/index.js';
import { execSystem, execFpMem, SYS_OK, SYS_TRAP, SYS_WFI } from './hart-system.js';

const TWO32 = 4294967296;
/** Added to the page offset to force a fetch-path visit (new page, flushed decode cache). */
const FORCE = 1 << 28, FORCE_LIMIT = 1 << 27;
/** mstatus.FS (Off = 0; Dirty = both bits). */
const FS_MASK = 3 << 13;
/** Instructions between interrupt checks. */
export const CHUNK = 256;

/** Decodes the instruction at RAM byte offset `ro` into arena slot `si`. Returns false for a page-crossing 32-bit instruction. */
function fillSlot(h: Hart, dc: Int32Array, si: number, ro: number): boolean {
  const u16 = h.ram.u16;
  h.slotsDecoded++;
  const lo = u16[ro >>> 1];
  if ((lo & 3) !== 3) {
    const e = expandRvc(lo);
    if (e === 0) { dc[si] = 1; dc[si + 1] = 0; }
    else { decode32(e); dc[si] = dec[0] & ~(1 << 23); dc[si + 1] = dec[1]; }
    dc[si + 2] = lo; dc[si + 3] = e;
    return true;
  }
  if ((ro & 4095) === 4094) return false;
  const insn = lo | (u16[(ro >>> 1) + 1] << 16);
  decode32(insn);
  dc[si] = dec[0]; dc[si + 1] = dec[1]; dc[si + 2] = insn; dc[si + 3] = insn;
  return true;
}

/**
 * The arena base (word index) of the decoded page for RAM page `page`, assigning an
 * arena page (round-robin eviction) and dropping store-TLB entries that point at it.
 */
function decodedPage(h: Hart, page: number): number {
  let slot = h.dcSlotOf[page];
  if (slot < 0) {
    const po = h.dcPageOf;
    slot = h.dcNext;
    h.dcNext = slot + 1 === po.length ? 0 : slot + 1;
    const old = po[slot];
    h.pagesDecoded++;
    if (old >= 0) {
      h.pagesEvicted++;
      h.dcSlotOf[old] = -1; h.codePage[old] = 0;
      if (h.onCodeInvalidate !== null) h.onCodeInvalidate(old);
    }
    po[slot] = page;
    h.dcSlotOf[page] = slot;
    h.codePage[page] = 1;
    h.dcache.fill(0, slot * PAGE_WORDS, (slot + 1) * PAGE_WORDS);
    const off = page * 4096;
    for (let i = 0; i < h.tlbSOff.length; i++) if (h.tlbSOff[i] === off) h.tlbSTagHi[i] = 0x7fffffff;
  }
  return slot * PAGE_WORDS;
}

/** Runs up to `budget` instructions. */
export function execute(h: Hart, budget: number): number {
  const x = h.x;
  const ram = h.ram;
  const i32 = ram.i32, u16 = ram.u16, u8 = ram.u8;
  const tLLo = h.tlbLTagLo, tLHi = h.tlbLTagHi, tLOff = h.tlbLOff;
  const tSLo = h.tlbSTagLo, tSHi = h.tlbSTagHi, tSOff = h.tlbSOff;
  const dc = h.dcache;
  const csr = h.csr, fpr = h.fp, fi32 = h.fp.i32;

  let start = h.instret;
  let count = 0;
  let result: number = 0 /* BUDGET */;
  // pc = pcHi * 2^32 + (pcLo >>> 0) + off, pcLo page aligned.
  let pcLo = 0, pcHi = 0, off = 0;
  let pbase = 0; // arena word index of the current page's slots (set at the first fetch: off starts forced)
  let pageRo = 0; // RAM offset of the current physical page
  {
    const v = h.pc;
    const lo = v | 0;
    pcHi = Math.floor(v / TWO32) | 0; pcLo = lo & ~4095; off = (lo & 4095) + FORCE;
  }
  let exc = 0, tval = 0;
  // The packed word of a page-crossing instruction (never cached) for the fast loop to run once.
  let pend = 0;

  // Every exit leaves h.pc and h.instret already written, so the code after the
  // loop does nothing that lacks type feedback (V8 would deoptimize there on every return).
  outer: for (;;) {
    h.pc = pcHi * TWO32 + (pcLo >>> 0) + (off >= FORCE_LIMIT ? off - FORCE : off);
    h.instret = start + count;
    pend = 0;
    if (h.halted) { result = 3 /* HALT */; break; }
    if (count >= budget) break;
    const ir = checkInterrupts(h);
    if (ir !== 0) {
      if (ir === 2) { result = 1 /* TRAP */; break; }
      const v = h.pc, lo = v | 0;
      pcHi = Math.floor(v / TWO32) | 0; pcLo = lo & ~4095; off = (lo & 4095) + FORCE;
    }
    h.irqCheck = false;
    let chunkEnd = count + CHUNK;
    if (chunkEnd > budget) chunkEnd = budget;

    events: for (;;) {
      // Why the fast loop stopped. 0: chunk done; 1: pc left the page (or FORCE);
      // 2: slot not decoded; 3: the instruction at off (already counted) needs the slow path.
      let ev = 0;
      // Instructions left in the chunk (one loop variable instead of count and chunkEnd).
      let left = chunkEnd - count;
      fast: for (;;) {
        if (left <= 0) break;
        if ((off >>> 0) >= 4096) { ev = 1; break; }
        const ci = (pbase + (off << 1)) | 0;
        let w = dc[ci];
        if (w === 0) {
          if (pend === 0) { ev = 2; break; }
          w = pend; pend = 0;
        }
        left = (left - 1) | 0;
        const imm = dc[ci | 1]; // ci is even, so this is ci + 1 without an overflow check
        const rd = (w >>> 7) & 62, r1 = (w >>> 12) & 62, r2 = (w >>> 17) & 62;
        const len = 2 + ((w >>> 22) & 2);
        switch (w & 255) {
          case 2: break; // NOP
          case 3: { // ADD
            const a = x[r1], lo = (a + x[r2]) | 0;
            x[rd + 1] = (x[r1 + 1] + x[r2 + 1] + +((lo >>> 0) < (a >>> 0))) | 0; x[rd] = lo; break;
          }
          case 4: { // SUB
            const a = x[r1], b = x[r2];
            x[rd + 1] = (x[r1 + 1] - x[r2 + 1] - +((a >>> 0) < (b >>> 0))) | 0; x[rd] = (a - b) | 0; break;
          }
          case 5: { // SLL
            const s = x[r2] & 63;
            const lo = x[r1], hi = x[r1 + 1];
            if (s >= 32) { x[rd + 1] = lo << (s - 32); x[rd] = 0; }
            else if (s !== 0) { x[rd + 1] = (hi << s) | (lo >>> (32 - s)); x[rd] = lo << s; }
            else { x[rd] = lo; x[rd + 1] = hi; }
            break;
          }
          case 19: { // SLLI
            const s = imm;
            const lo = x[r1], hi = x[r1 + 1];
            if (s >= 32) { x[rd + 1] = lo << (s - 32); x[rd] = 0; }
            else if (s !== 0) { x[rd + 1] = (hi << s) | (lo >>> (32 - s)); x[rd] = lo << s; }
            else { x[rd] = lo; x[rd + 1] = hi; }
            break;
          }
          case 6: { // SLT
            const ah = x[r1 + 1], bh = x[r2 + 1];
            x[rd] = +(ah < bh) | (+(ah === bh) & +((x[r1] >>> 0) < (x[r2] >>> 0))); x[rd + 1] = 0; break;
          }
          case 7: { // SLTU
            const ah = x[r1 + 1] >>> 0, bh = x[r2 + 1] >>> 0;
            x[rd] = +(ah < bh) | (+(ah === bh) & +((x[r1] >>> 0) < (x[r2] >>> 0))); x[rd + 1] = 0; break;
          }
          case 8: x[rd] = x[r1] ^ x[r2]; x[rd + 1] = x[r1 + 1] ^ x[r2 + 1]; break; // XOR
          case 9: { // SRL
            const s = x[r2] & 63;
            const lo = x[r1], hi = x[r1 + 1];
            if (s >= 32) { x[rd] = hi >>> (s - 32) | 0; x[rd + 1] = 0; }
            else if (s !== 0) { x[rd] = (lo >>> s) | (hi << (32 - s)); x[rd + 1] = (hi >>> s) | 0; }
            else { x[rd] = lo; x[rd + 1] = hi; }
            break;
          }
          case 20: { // SRLI
            const s = imm;
            const lo = x[r1], hi = x[r1 + 1];
            if (s >= 32) { x[rd] = hi >>> (s - 32) | 0; x[rd + 1] = 0; }
            else if (s !== 0) { x[rd] = (lo >>> s) | (hi << (32 - s)); x[rd + 1] = (hi >>> s) | 0; }
            else { x[rd] = lo; x[rd + 1] = hi; }
            break;
          }
          case 10: { // SRA
            const s = x[r2] & 63;
            const lo = x[r1], hi = x[r1 + 1];
            if (s >= 32) { x[rd] = hi >> (s - 32); x[rd + 1] = hi >> 31; }
            else if (s !== 0) { x[rd] = (lo >>> s) | (hi << (32 - s)); x[rd + 1] = hi >> s; }
            else { x[rd] = lo; x[rd + 1] = hi; }
            break;
          }
          case 21: { // SRAI
            const s = imm;
            const lo = x[r1], hi = x[r1 + 1];
            if (s >= 32) { x[rd] = hi >> (s - 32); x[rd + 1] = hi >> 31; }
            else if (s !== 0) { x[rd] = (lo >>> s) | (hi << (32 - s)); x[rd + 1] = hi >> s; }
            else { x[rd] = lo; x[rd + 1] = hi; }
            break;
          }
          case 11: x[rd] = x[r1] | x[r2]; x[rd + 1] = x[r1 + 1] | x[r2 + 1]; break; // OR
          case 12: x[rd] = x[r1] & x[r2]; x[rd + 1] = x[r1 + 1] & x[r2 + 1]; break; // AND
          case 13: { // ADDI
            const a = x[r1], lo = (a + imm) | 0;
            x[rd + 1] = (x[r1 + 1] + (imm >> 31) + +((lo >>> 0) < (a >>> 0))) | 0; x[rd] = lo; break;
          }
          case 14: { // SLTI
            const ah = x[r1 + 1], bh = imm >> 31;
            x[rd] = +(ah < bh) | (+(ah === bh) & +((x[r1] >>> 0) < (imm >>> 0))); x[rd + 1] = 0; break;
          }
          case 15: { // SLTIU
            const ah = x[r1 + 1] >>> 0, bh = (imm >> 31) >>> 0;
            x[rd] = +(ah < bh) | (+(ah === bh) & +((x[r1] >>> 0) < (imm >>> 0))); x[rd + 1] = 0; break;
          }
          case 16: x[rd] = x[r1] ^ imm; x[rd + 1] = x[r1 + 1] ^ (imm >> 31); break; // XORI
          case 17: x[rd] = x[r1] | imm; x[rd + 1] = x[r1 + 1] | (imm >> 31); break; // ORI
          case 18: x[rd] = x[r1] & imm; x[rd + 1] = x[r1 + 1] & (imm >> 31); break; // ANDI
          case 22: { const v = (x[r1] + x[r2]) | 0; x[rd] = v; x[rd + 1] = v >> 31; break; } // ADDW
          case 23: { const v = (x[r1] - x[r2]) | 0; x[rd] = v; x[rd + 1] = v >> 31; break; } // SUBW
          case 24: { const v = x[r1] << (x[r2] & 31); x[rd] = v; x[rd + 1] = v >> 31; break; } // SLLW
          case 25: { const v = (x[r1] >>> (x[r2] & 31)) | 0; x[rd] = v; x[rd + 1] = v >> 31; break; } // SRLW
          case 26: { const v = x[r1] >> (x[r2] & 31); x[rd] = v; x[rd + 1] = v >> 31; break; } // SRAW
          case 27: { const v = (x[r1] + imm) | 0; x[rd] = v; x[rd + 1] = v >> 31; break; } // ADDIW
          case 28: { const v = x[r1] << imm; x[rd] = v; x[rd + 1] = v >> 31; break; } // SLLIW
          case 29: { const v = (x[r1] >>> imm) | 0; x[rd] = v; x[rd + 1] = v >> 31; break; } // SRLIW
          case 30: { const v = x[r1] >> imm; x[rd] = v; x[rd + 1] = v >> 31; break; } // SRAIW
          case 31: x[rd] = imm; x[rd + 1] = imm >> 31; break; // LUI
          case 32: { // AUIPC
            const p = (pcLo + off) | 0;
            const ph = (p >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
            const lo = (p + imm) | 0;
            x[rd + 1] = (ph + (imm >> 31) + +((lo >>> 0) < (p >>> 0))) | 0; x[rd] = lo; break;
          }
          case 33: { // JAL
            const l = (pcLo + off + len) | 0;
            x[rd] = l; x[rd + 1] = (l >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
            off = (off + imm) | 0; continue;
          }
          case 92: off = (off + imm) | 0; continue; // J (jal x0)
          case 34: { // JALR
            const a = x[r1];
            const tlo = ((a + imm) | 0) & ~1;
            const thi = (x[r1 + 1] + (imm >> 31) + +((((a + imm) | 0) >>> 0) < (a >>> 0))) | 0;
            if (thi !== pcHi || (tlo & ~4095) !== pcLo) { ev = 3; break fast; } // to another page: slow
            if (rd !== 0) {
              const l = (pcLo + off + len) | 0;
              x[rd] = l; x[rd + 1] = (l >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
            }
            off = tlo & 4095;
            continue;
          }
          case 35: if (x[r1] === x[r2] && x[r1 + 1] === x[r2 + 1]) { off = (off + imm) | 0; continue; } break; // BEQ
          case 93: if (x[r1] === 0 && x[r1 + 1] === 0) { off = (off + imm) | 0; continue; } break; // BEQZ (beq rs1, x0)
          case 94: if (x[r1] !== 0 || x[r1 + 1] !== 0) { off = (off + imm) | 0; continue; } break; // BNEZ (bne rs1, x0)
          case 36: if (x[r1] !== x[r2] || x[r1 + 1] !== x[r2 + 1]) { off = (off + imm) | 0; continue; } break; // BNE
          case 37: { // BLT
            const ah = x[r1 + 1], bh = x[r2 + 1];
            if (ah < bh || (ah === bh && (x[r1] >>> 0) < (x[r2] >>> 0))) { off = (off + imm) | 0; continue; } break;
          }
          case 38: { // BGE
            const ah = x[r1 + 1], bh = x[r2 + 1];
            if (!(ah < bh || (ah === bh && (x[r1] >>> 0) < (x[r2] >>> 0)))) { off = (off + imm) | 0; continue; } break;
          }
          case 39: { // BLTU
            const ah = x[r1 + 1] >>> 0, bh = x[r2 + 1] >>> 0;
            if (ah < bh || (ah === bh && (x[r1] >>> 0) < (x[r2] >>> 0))) { off = (off + imm) | 0; continue; } break;
          }
          case 40: { // BGEU
            const ah = x[r1 + 1] >>> 0, bh = x[r2 + 1] >>> 0;
            if (!(ah < bh || (ah === bh && (x[r1] >>> 0) < (x[r2] >>> 0)))) { off = (off + imm) | 0; continue; } break;
          }
          case 44: { // LD
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & (~4095 | 7)) && tLHi[ti] === vhi) { const o = (tLOff[ti] + (vlo & 4095)) >> 2; if (rd !== 0) { x[rd] = i32[o]; x[rd + 1] = i32[o + 1]; } }
            else { ev = 3; break fast; }
            break;
          }
          case 43: { // LW
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & (~4095 | 3)) && tLHi[ti] === vhi) { const v = i32[(tLOff[ti] + (vlo & 4095)) >> 2]; if (rd !== 0) { x[rd] = v; x[rd + 1] = v >> 31; } }
            else { ev = 3; break fast; }
            break;
          }
          case 47: { // LWU
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & (~4095 | 3)) && tLHi[ti] === vhi) { const v = i32[(tLOff[ti] + (vlo & 4095)) >> 2]; if (rd !== 0) { x[rd] = v; x[rd + 1] = 0; } }
            else { ev = 3; break fast; }
            break;
          }
          case 42: { // LH
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & (~4095 | 1)) && tLHi[ti] === vhi) { const v = (u16[(tLOff[ti] + (vlo & 4095)) >> 1] << 16) >> 16; if (rd !== 0) { x[rd] = v; x[rd + 1] = v >> 31; } }
            else { ev = 3; break fast; }
            break;
          }
          case 46: { // LHU
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & (~4095 | 1)) && tLHi[ti] === vhi) { const v = u16[(tLOff[ti] + (vlo & 4095)) >> 1]; if (rd !== 0) { x[rd] = v; x[rd + 1] = 0; } }
            else { ev = 3; break fast; }
            break;
          }
          case 41: { // LB
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & ~4095) && tLHi[ti] === vhi) { const v = (u8[tLOff[ti] + (vlo & 4095)] << 24) >> 24; if (rd !== 0) { x[rd] = v; x[rd + 1] = v >> 31; } }
            else { ev = 3; break fast; }
            break;
          }
          case 45: { // LBU
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tLLo[ti] === (vlo & ~4095) && tLHi[ti] === vhi) { const v = u8[tLOff[ti] + (vlo & 4095)]; if (rd !== 0) { x[rd] = v; x[rd + 1] = 0; } }
            else { ev = 3; break fast; }
            break;
          }
          case 51: { // SD
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tSLo[ti] === (vlo & (~4095 | 7)) && tSHi[ti] === vhi) { const o = (tSOff[ti] + (vlo & 4095)) >> 2; i32[o] = x[r2]; i32[o + 1] = x[r2 + 1]; }
            else { ev = 3; break fast; }
            break;
          }
          case 50: { // SW
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tSLo[ti] === (vlo & (~4095 | 3)) && tSHi[ti] === vhi) { i32[(tSOff[ti] + (vlo & 4095)) >> 2] = x[r2]; }
            else { ev = 3; break fast; }
            break;
          }
          case 49: { // SH
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tSLo[ti] === (vlo & (~4095 | 1)) && tSHi[ti] === vhi) { u16[(tSOff[ti] + (vlo & 4095)) >> 1] = x[r2]; }
            else { ev = 3; break fast; }
            break;
          }
          case 48: { // SB
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if (tSLo[ti] === (vlo & ~4095) && tSHi[ti] === vhi) { u8[tSOff[ti] + (vlo & 4095)] = x[r2]; }
            else { ev = 3; break fast; }
            break;
          }
          case 52: mul64(x, rd, r1, r2); break; // MUL (inlined by V8: no call)
          case 60: { const v = Math.imul(x[r1], x[r2]); x[rd] = v; x[rd + 1] = v >> 31; break; } // MULW
          case 90: x[rd] = imm; x[rd + 1] = imm >> 31; break; // LI
          case 91: x[rd] = x[r1]; x[rd + 1] = x[r1 + 1]; break; // MV
          case 71: break; // FENCE
          case 86: { // FLD (fast path; FS off, misses and faults go slow)
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if ((csr.mstatus & FS_MASK) !== 0 && tLLo[ti] === (vlo & (~4095 | 7)) && tLHi[ti] === vhi) {
              const o = (tLOff[ti] + (vlo & 4095)) >> 2;
              fi32[rd] = i32[o]; fi32[rd + 1] = i32[o + 1];
              csr.mstatus |= FS_MASK;
            } else { ev = 3; break fast; }
            break;
          }
          case 88: { // FSD
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            const ti = (vlo >>> 12) & 1023;
            if ((csr.mstatus & FS_MASK) !== 0 && tSLo[ti] === (vlo & (~4095 | 7)) && tSHi[ti] === vhi) {
              const o = (tSOff[ti] + (vlo & 4095)) >> 2;
              i32[o] = fi32[r2]; i32[o + 1] = fi32[r2 + 1];
            } else { ev = 3; break fast; }
            break;
          }
          default: ev = 3; break fast; // loads/stores that missed, M ops, FP, system, CSR, AMO, illegal
        }
        off = (off + len) | 0;
      }
      count = chunkEnd - left;
      if (ev === 0) continue outer;

      trap: {
        if (ev === 1) { // resolve the page of pc
          if (off >= FORCE_LIMIT) off -= FORCE;
          if ((off >>> 0) >= 4096) {
            const lo = (pcLo + off) | 0;
            if (off >= 0) { if ((lo >>> 0) < (pcLo >>> 0)) pcHi = (pcHi + 1) | 0; }
            else if ((lo >>> 0) > (pcLo >>> 0)) pcHi = (pcHi - 1) | 0;
            pcLo = lo & ~4095; off = lo & 4095;
          }
          // Only an embedder (or a CSR bug) can hand us an odd pc: jumps clear bit 0.
          if ((off & 1) !== 0) { exc = 0; tval = pcHi * TWO32 + (pcLo >>> 0) + off; break trap; }
          const ti = (pcLo >>> 12) & 1023; // TLB_SIZE - 1
          if (h.tlbXTagLo[ti] === pcLo && h.tlbXTagHi[ti] === pcHi) pageRo = h.tlbXOff[ti];
          else {
            const pa = xlate(h, pcLo, pcHi, Access.FETCH);
            if (pa < 0) { exc = h.memFault; tval = pcHi * TWO32 + (pcLo >>> 0) + off; break trap; }
            if (!ram.contains(pa, 4096)) { exc = 1; tval = pcHi * TWO32 + (pcLo >>> 0) + off; break trap; }
            pageRo = (pa - ram.base) | 0;
          }
          pbase = decodedPage(h, pageRo >>> 12) | 0;
          continue;
        }
        const ci = (pbase + (off << 1)) | 0;
        if (ev === 2) { // decode the slot at ci
          if (!fillSlot(h, dc, ci, pageRo + off)) {
            // A 32-bit instruction across a page boundary is never cached (its packed word
            // stays 0): each execution re-reads both halves through the current translation.
            const nlo = (pcLo + 4096) | 0, nhi = (nlo >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
            const upper = fetchHalf(h, nlo, nhi);
            if (upper < 0) { exc = h.memFault; tval = h.memTval; break trap; }
            const insn = u16[(pageRo + off) >>> 1] | (upper << 16);
            decode32(insn);
            dc[ci + 1] = dec[1]; dc[ci + 2] = insn; dc[ci + 3] = insn;
            pend = dec[0];
          }
          continue;
        }
        // ev 3: the instruction at ci (already counted) runs out of line.
        let w = dc[ci];
        if (w === 0) { decode32(dc[ci + 2]); w = dec[0]; } // a page-crossing one (see ev 2)
        const imm = dc[ci + 1];
        const rd = (w >>> 7) & 62, r1 = (w >>> 12) & 62, r2 = (w >>> 17) & 62;
        const len = 2 + ((w >>> 22) & 2);
        const op = w & 255;
        switch (op) {
          case 41: case 42: case 43: case 44: case 45: case 46: case 47: { // loads the TLB did not serve
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            if (!loadInto(h, vlo, vhi, op, rd)) { exc = h.memFault; tval = h.memTval; break trap; }
            break;
          }
          case 48: case 49: case 50: case 51: { // stores (SB SH SW SD)
            const a = x[r1], vlo = (a + imm) | 0;
            const vhi = (x[r1 + 1] + (imm >> 31) + +((vlo >>> 0) < (a >>> 0))) | 0;
            if (!storeSlow(h, vlo, vhi, 1 << (op - 48), x[r2], x[r2 + 1])) { exc = h.memFault; tval = h.memTval; break trap; }
            if (h.irqCheck) chunkEnd = count;
            break;
          }
          case 34: { // JALR to another page
            const a = x[r1];
            const tlo = ((a + imm) | 0) & ~1;
            const thi = (x[r1 + 1] + (imm >> 31) + +((((a + imm) | 0) >>> 0) < (a >>> 0))) | 0;
            if (rd !== 0) {
              const l = (pcLo + off + len) | 0;
              x[rd] = l; x[rd + 1] = (l >>> 0) < (pcLo >>> 0) ? (pcHi + 1) | 0 : pcHi;
            }
            pcHi = thi; pcLo = tlo & ~4095; off = (tlo & 4095) + FORCE;
            continue;
          }
          case 52: mul64(x, rd, r1, r2); break; // MUL
          case 53: mulh64(x, rd, r1, r2, 1); break; // MULH
          case 54: mulh64(x, rd, r1, r2, 2); break; // MULHSU
          case 55: mulh64(x, rd, r1, r2, 0); break; // MULHU
          case 56: div64(x, rd, r1, r2, false); break; // DIV
          case 57: divu64(x, rd, r1, r2, false); break; // DIVU
          case 58: div64(x, rd, r1, r2, true); break; // REM
          case 59: divu64(x, rd, r1, r2, true); break; // REMU
          case 61: divw(x, rd, r1, r2, 0); break; // DIVW
          case 62: divw(x, rd, r1, r2, 1); break; // DIVUW
          case 63: divw(x, rd, r1, r2, 2); break; // REMW
          case 64: divw(x, rd, r1, r2, 3); break; // REMUW
          case 89: // OP-FP / FMA
            if ((csr.mstatus & FS_MASK) === 0 || execFp(fpr, dc[ci + 3], x) !== 0 /* FP_OK */) { exc = 2; tval = dc[ci + 2] >>> 0; break trap; }
            csr.mstatus |= FS_MASK;
            break;
          case 85: case 86: case 87: case 88: // FLW FLD FSW FSD
            if (execFpMem(h, w, imm, dc[ci + 3], dc[ci + 2]) !== SYS_OK) { exc = h.memFault; tval = h.memTval; break trap; }
            break;
          default: { // ILLEGAL, system, CSR, AMO
            h.pc = pcHi * TWO32 + (pcLo >>> 0) + off;
            h.instret = start + count - 1;
            const r = execSystem(h, w, imm, dc[ci + 2], len);
            start = h.instret - (count - 1);
            if (r === SYS_OK) break;
            if (r === SYS_TRAP) { exc = h.memFault; tval = h.memTval; break trap; }
            if (r === SYS_WFI) result = 2 /* WFI */;
            // SYS_REFETCH / SYS_WFI: h.pc holds the next pc; end the chunk so interrupts are checked.
            const v = h.pc, lo = v | 0;
            pcHi = Math.floor(v / TWO32) | 0; pcLo = lo & ~4095; off = (lo & 4095) + FORCE;
            if (r === SYS_WFI) { h.instret = start + count; break outer; }
            continue outer;
          }
        }
        off = (off + len) | 0;
        continue;
      }
      // An exception at pc: the instruction does not retire (ev 3 had counted it).
      if (ev === 3) count--;
      h.pc = pcHi * TWO32 + (pcLo >>> 0) + off;
      h.instret = start + count;
      if (takeException(h, exc, tval)) { result = 1 /* TRAP */; break outer; }
      const v = h.pc, lo = v | 0;
      pcHi = Math.floor(v / TWO32) | 0; pcLo = lo & ~4095; off = (lo & 4095) + FORCE;
      continue outer; // a trap may have enabled an interrupt path: re-check
    }
  }
  return result;
}
