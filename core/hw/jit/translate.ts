// The translator: one 4 KiB physical page of guest code -> one WebAssembly
// function. Blocks are found from the entry offsets the dispatcher asked for
// (following branch and jump targets, fall-throughs and return points inside
// the page, and call targets only while the code found is small: a function
// left out joins the translation when the dispatcher first sees it run). The function is a
// dispatch loop over the blocks (br_table on the block index) in which every
// backward branch between blocks that does not cross another one becomes a
// nested wasm loop (regions.ts): forward branches go straight to the later
// block's label, back edges to their loop's head, so branches and loops
// inside the page never return to JavaScript. Guest registers live in i64
// locals for the whole call (loaded at entry, the written ones stored at
// exit); guest RAM is memory offset 0 (PhysMem's buffer is the
// WebAssembly.Memory); loads and stores look up the hart's software TLB
// inline (jit/layout.ts) and call the slow path on a miss.
//
// Exit protocol (the function returns the number of instructions retired and
// writes STATUS, NEXTOFF/NEXTPC): anything unusual - a TLB miss (so MMIO, page
// faults, misaligned accesses, stores into code pages), CSR/system/AMO/FP
// instructions, an instruction straddling the page end - leaves with ST_INTERP
// at that instruction, counted as not retired, with every earlier instruction's
// effects in the registers: the interpreter then executes it (taking the trap
// precisely if there is one). A block that would run past `budget` leaves
// before it starts, so instret and interrupt latency stay exact and bounded.
// Leaving the page (jumps, fall-through at the end, jalr) exits with ST_CHAIN, and tail-calls
// the target page's function directly when the target is translated and known (emitChain).
import type { Hart } from '../hart.js';
import { decode32, dec, LEN4 } from '../decode.js';
import { expandRvc } from '../rvc.js';
import { Bytes, W, T_I32, T_I64, T_VOID, assemble } from './wasm.js';
import type { FuncDef } from './wasm.js';
import { buildScopes, childStart, children, kidOf } from './regions.js';
import type { Scope } from './regions.js';
import { X_OFF, VBASE_OFF, NEXTOFF_OFF, NEXTPC_OFF, STATUS_OFF, CHAINS_OFF, TLB_OFF, TLB_BYTES, TLB_ENTRIES, CHAIN_OFF, CHAIN_HASH, CHAIN_SHIFT, ST_INTERP, ST_ABS, ST_ECALL, ST_CHAIN } from './layout.js';

/** Longest block (instructions); longer straight runs are split. */
const MAX_BLOCK = 64;

/** Instruction classes. */
const K_ALU = 0, K_BRANCH = 1, K_JAL = 2, K_JALR = 3, K_LOAD = 4, K_STORE = 5, K_EXIT = 6, K_FP = 7;
/** Function indices: the imported FP helpers (jit/index.ts), then mulhu, then the page function. */
const F_FP = 0, F_FPMEM = 1, F_MEM = 2, F_MULHU = 3;

function kindOf(op: number): number {
  if (op === 2 || (op >= 3 && op <= 32) || (op >= 52 && op <= 64) || op === 90 || op === 91 || op === 71) return K_ALU;
  if ((op >= 35 && op <= 40) || op === 93 || op === 94) return K_BRANCH;
  if (op === 33 || op === 92) return K_JAL;
  if (op === 34) return K_JALR;
  if (op >= 41 && op <= 47) return K_LOAD;
  if (op >= 48 && op <= 51) return K_STORE;
  if (op >= 85 && op <= 89) return K_FP;
  return K_EXIT;
}

/** Decoded instruction at a page offset: [packed, imm, raw, 32-bit form] in `d`; returns its length (2/4), or 0 if it straddles the page end. */
function decodeAt(u16: Uint16Array, pageRo: number, off: number, d: Int32Array): number {
  const lo = u16[(pageRo + off) >>> 1];
  if ((lo & 3) !== 3) {
    const e = expandRvc(lo);
    if (e === 0) { d[0] = 1; d[1] = 0; }
    else { decode32(e); d[0] = dec[0] & ~LEN4; d[1] = dec[1]; }
    d[2] = lo; d[3] = e;
    return 2;
  }
  if (off === 4094) return 0;
  const insn = lo | (u16[(pageRo + off + 2) >>> 1] << 16);
  decode32(insn);
  d[0] = dec[0]; d[1] = dec[1]; d[2] = insn; d[3] = insn;
  return 4;
}

// Local indices: params entry (0), budget (1), instructions retired before the call (2, chained calls);
// r1..r31 at 2+r; then scratch.
const L_ENTRY = 0, L_BUDGET = 1, L_N0 = 2, L_N = 34, L_B = 35, L_XO = 36, L_ST = 37, L_LO = 38, L_TI = 39, L_VA = 40, L_T = 41;
const R = (r: number) => 2 + r;

export interface Translation {
  bytes: Uint8Array;
  /** Block start offsets, in block-index order. */
  leaders: number[];
  /** Guest instructions translated. */
  insns: number;
}

/**
 * Instructions found beyond which a page's translation stops following
 * call targets: a page that also holds big library functions would otherwise translate all of
 * them (main's page of the mix: 903 instructions where 143 run, and a TurboFan compile longer
 * than the run). Callees left out join the translation when they first run (the dispatcher
 * retranslates with them as entries).
 */
const CALL_FOLLOW_LIMIT = 256;

/** Finds the block leaders reachable from `entries` within the page. */
function discover(u16: Uint16Array, pageRo: number, entries: number[]): number[] {
  const d = new Int32Array(4);
  const seen = new Set<number>();
  // Branch and jump targets, fall-throughs and return points first; call targets while the code
  // found so far is under CALL_FOLLOW_LIMIT instructions.
  const work = entries.slice(), calls: number[] = [];
  const ok = (o: number) => o >= 0 && o < 4096 && (o & 1) === 0 && !seen.has(o);
  const push = (o: number) => { if (ok(o)) work.push(o); };
  let insns = 0;
  for (;;) {
    let o: number;
    if (work.length > 0) o = work.pop()!;
    else if (calls.length > 0 && insns < CALL_FOLLOW_LIMIT) o = calls.shift()!;
    else break;
    if (seen.has(o)) continue;
    seen.add(o);
    let cur = o;
    for (let k = 0; ; k++) {
      if (cur >= 4096) break;
      if (k === MAX_BLOCK) { push(cur); break; }
      const len = decodeAt(u16, pageRo, cur, d);
      if (len === 0) break;
      insns++;
      const kind = kindOf(d[0] & 255);
      if (kind === K_EXIT || kind === K_JALR) { push(cur + len); break; }
      if (kind === K_BRANCH) { push(cur + d[1]); push(cur + len); break; }
      if (kind === K_JAL) {
        // A call (a link register written): its return point is code of this function.
        const call = (d[0] & 255) === 33 && ((d[0] >>> 8) & 31) !== 0;
        if (!call) push(cur + d[1]);
        else if (ok(cur + d[1])) calls.push(cur + d[1]);
        if ((d[0] & 255) === 33) push(cur + len);
        break;
      }
      cur += len;
    }
  }
  return [...seen].sort((a, b) => a - b);
}

/** One block's instructions (parallel arrays) and where straight-line code goes after it. */
interface BlockInsns {
  off: number[]; len: number[]; w: number[]; imm: number[]; raw: number[]; i32: number[];
  /** The last instruction transfers control (or must be interpreted): nothing falls through. */
  ends: boolean;
  /** The page offset after the last instruction. */
  next: number;
}

/** The instructions of the block at page offset `start`, up to the next leader, a control transfer or MAX_BLOCK. */
function collect(u16: Uint16Array, pageRo: number, start: number, index: Map<number, number>, d: Int32Array): BlockInsns {
  const b: BlockInsns = { off: [], len: [], w: [], imm: [], raw: [], i32: [], ends: false, next: start };
  let cur = start;
  for (;;) {
    if (cur >= 4096 || (cur !== start && index.has(cur))) break;
    const len = decodeAt(u16, pageRo, cur, d);
    b.off.push(cur); b.len.push(len); b.w.push(len === 0 ? 1 : d[0]); b.imm.push(d[1]); b.raw.push(d[2]); b.i32.push(d[3]);
    if (len === 0) { b.ends = true; break; }
    const kind = kindOf(d[0] & 255);
    cur += len;
    if (kind !== K_ALU && kind !== K_LOAD && kind !== K_STORE && kind !== K_FP) { b.ends = true; break; }
    if (b.off.length === MAX_BLOCK) break;
  }
  b.next = cur;
  return b;
}

/** Translates the code of RAM page `pageRo` (byte offset) reachable from `entries` (page offsets). */
export function translatePage(h: Hart, pageRo: number, entries: number[]): Translation {
  const u16 = h.ram.u16;
  const S = h.ram.scratchOff;
  const xAt = S + X_OFF;
  const leaders = discover(u16, pageRo, entries);
  const index = new Map<number, number>();
  leaders.forEach((o, i) => index.set(o, i));
  const K = leaders.length;
  const body = new Bytes();
  const used = new Uint8Array(32), written = new Uint8Array(32);
  const d = new Int32Array(4);
  let insns = 0;

  const op = (b: number) => body.byte(b);
  const get = (r: number) => { if (r === 0) { op(W.i64_const); op(0); } else { op(W.local_get); body.u32(R(r)); used[r] = 1; } };
  const set = (r: number) => { if (r === 0) op(W.drop); else { op(W.local_set); body.u32(R(r)); written[r] = 1; } };
  const lget = (l: number) => { op(W.local_get); body.u32(l); };
  const lset = (l: number) => { op(W.local_set); body.u32(l); };
  const ltee = (l: number) => { op(W.local_tee); body.u32(l); };
  const i32c = (v: number) => { op(W.i32_const); body.sleb(v); };
  const i64c = (v: number) => { op(W.i64_const); body.sleb(v); };
  const mem = (o: number, align: number, offset: number) => { op(o); body.u32(align); body.u32(offset); };
  /** Pushes the i64 virtual address of page offset `o`. */
  const pcOf = (o: number) => { i32c(0); mem(W.i64_load, 3, S + VBASE_OFF); i64c(o); op(W.i64_add); };

  // Labels open around the code being emitted, innermost last: a child of the scope being
  // emitted (by its first block), a region's loop, an if, a self loop, $exit, $disp.
  const LB_CHILD = 0, LB_LOOP = 1, LB_IF = 2, LB_SELF = 3, LB_EXIT = 4, LB_DISP = 5;
  const labK: number[] = [], labC: number[] = [], labS: (Scope | null)[] = [];
  const push = (k: number, c = -1, sc: Scope | null = null) => { labK.push(k); labC.push(c); labS.push(sc); };
  const pop = () => { labK.pop(); labC.pop(); labS.pop(); };
  const depth = (k: number, c = -1, sc: Scope | null = null): number => {
    for (let p = labK.length - 1; p >= 0; p--) if (labK[p] === k && (c < 0 || labC[p] === c) && (sc === null || labS[p] === sc)) return labK.length - 1 - p;
    throw new Error(`jit: label ${k}/${c} is not open`);
  };
  const br = (dep: number) => { op(W.br); body.u32(dep); };
  let blockI = 0;
  const leave = (xo: number, st: number) => { i32c(xo); lset(L_XO); i32c(st); lset(L_ST); br(depth(LB_EXIT)); };
  /** Control goes to page offset `t` (a leader, or out of the page). */
  let selfLoop = false; // block i's code is wrapped in a wasm loop (its last instruction may branch back to its start)
  const goTo = (t: number) => {
    const j = index.get(t);
    if (j === undefined) { leave(t, ST_CHAIN); return; }
    if (j === blockI && selfLoop) { br(depth(LB_SELF)); return; }
    // The innermost scope around this block that contains the target, and the child of it holding each.
    let sc = scopes.scopeOf[blockI];
    while (j < sc.lo || j > sc.hi) sc = sc.parent!;
    const c = childStart(sc, j), cur = childStart(sc, blockI);
    if (c > cur) {
      // A later child: its label is still open around this code, so branch to it directly
      // (or fall into it); a region's loop head dispatches on L_B.
      if (kidOf(sc, j) !== null) { i32c(j); lset(L_B); }
      if (labK[labK.length - 1] === LB_CHILD && labC[labC.length - 1] === c) return;
      br(depth(LB_CHILD, c));
      return;
    }
    // Backwards: through the scope's loop head (a region) or the top-level dispatch.
    i32c(j); lset(L_B);
    br(sc === scopes.top ? depth(LB_DISP) : depth(LB_LOOP, -1, sc));
  };
  const beginIf = (t = T_VOID) => { op(W.if); op(t); push(LB_IF); };
  const endIf = () => { op(W.end); pop(); };

  // Back edges between blocks become nested loop regions (regions.ts).
  const blocks: BlockInsns[] = [];
  const backEdges: [number, number][] = [];
  for (let i = 0; i < K; i++) {
    const b = collect(u16, pageRo, leaders[i], index, d);
    blocks.push(b);
    const L = b.off.length;
    const lk = L > 0 && b.len[L - 1] !== 0 ? kindOf(b.w[L - 1] & 255) : -1;
    if (lk === K_BRANCH || lk === K_JAL) {
      const j = index.get(b.off[L - 1] + b.imm[L - 1]);
      if (j !== undefined && j < i) backEdges.push([i, j]);
    }
  }
  const scopes = buildScopes(K, backEdges);

  lget(L_N0); lset(L_N);
  lget(L_ENTRY); lset(L_B);
  const prologueAt = body.length; // register loads are inserted here at the end
  op(W.loop); op(T_VOID); push(LB_DISP);
  op(W.block); op(T_VOID); push(LB_EXIT);
  emitScope(scopes.top);
  // $exit: store the written registers, the status and the next offset.
  op(W.end); pop();
  for (let r = 1; r < 32; r++) if (written[r] !== 0) { i32c(0); op(W.local_get); body.u32(R(r)); mem(W.i64_store, 3, xAt + 8 * r); }
  i32c(0); lget(L_ST); mem(W.i32_store, 2, S + STATUS_OFF);
  i32c(0); lget(L_XO); mem(W.i32_store, 2, S + NEXTOFF_OFF);
  emitChain();
  lget(L_N); op(W.return);
  op(W.end); pop(); // loop
  op(W.unreachable);

  // Prologue: load every register the function reads or writes (a written one is stored back on every exit).
  const pro = new Bytes();
  for (let r = 1; r < 32; r++) if (used[r] !== 0 || written[r] !== 0) {
    pro.byte(W.i32_const); pro.byte(0); pro.byte(W.i64_load); pro.u32(3); pro.u32(xAt + 8 * r); pro.byte(W.local_set); pro.u32(R(r));
  }
  const full = new Bytes();
  const tail = new Bytes();
  tail.buf = body.buf.subarray(prologueAt); tail.length = body.length - prologueAt;
  const head = new Bytes();
  head.buf = body.buf.subarray(0, prologueAt); head.length = prologueAt;
  full.append(head); full.append(pro); full.append(tail);

  const page: FuncDef = { type: 0, locals: [[31, T_I64], [6, T_I32], [2, T_I64]], body: full };
  const bytes = assemble([[[T_I32, T_I32, T_I32], [T_I32]], [[T_I64, T_I64], [T_I64]], [[T_I32], [T_I32]], [[T_I32, T_I32, T_I32, T_I32], [T_I32]],
    [[T_I32, T_I32, T_I32, T_I32, T_I32, T_I32], [T_I32]]],
    [['fp', 2], ['fpm', 3], ['ls', 4]], [mulhuFunc(), page], 4);
  return { bytes, leaders, insns };

  /**
   * Chaining, at the exit after the registers are stored: a jump out of the page (ST_CHAIN) whose
   * target's virtual page is in the fetch TLB and whose RAM offset is in the chain cache (so its
   * page is translated with a block there) tail-calls that page's function (table index = RAM page)
   * with the budget and the instructions retired so far, instead of returning to the dispatcher.
   * The fetch TLB is flushed by every mapping change, the chain cache cleared for every dropped or
   * replaced translation, so a remapped page never reaches the old code. Each chained call retires
   * at least one instruction before it can chain again (ST_CHAIN exits follow a jump), and all of
   * them share the one budget, so the call still ends within it.
   */
  function emitChain(): void {
    const tlbX = S + TLB_OFF + 6 * TLB_BYTES;
    lget(L_ST); i32c(ST_CHAIN); op(W.i32_and); op(W.if); op(T_VOID);
    // The target: NEXTPC (jalr) or the page base plus the offset.
    lget(L_ST); i32c(ST_ABS); op(W.i32_and); op(W.if); op(T_I64); lget(L_T);
    op(W.else); i32c(0); mem(W.i64_load, 3, S + VBASE_OFF); lget(L_XO); op(W.i64_extend_i32_s); op(W.i64_add); op(W.end);
    lset(L_VA);
    lget(L_VA); op(W.i32_wrap_i64); ltee(L_LO); i32c(10); op(W.i32_shr_u); i32c((TLB_ENTRIES - 1) << 2); op(W.i32_and); ltee(L_TI);
    mem(W.i32_load, 2, tlbX); lget(L_LO); i32c(~4095); op(W.i32_and); op(W.i32_xor);
    lget(L_TI); mem(W.i32_load, 2, tlbX + TLB_BYTES); lget(L_VA); i64c(32); op(W.i64_shr_u); op(W.i32_wrap_i64); op(W.i32_xor);
    op(W.i32_or); op(W.i32_eqz); op(W.if); op(T_VOID);
    // ro = the target's RAM byte offset; its chain cache slot (layout.ts chainSlot) * 8.
    lget(L_TI); mem(W.i32_load, 2, tlbX + 2 * TLB_BYTES); lget(L_LO); i32c(4095); op(W.i32_and); op(W.i32_add); lset(L_LO);
    lget(L_LO); i32c(1); op(W.i32_shr_u); i32c(CHAIN_HASH); op(W.i32_mul); i32c(CHAIN_SHIFT); op(W.i32_shr_u);
    i32c(3); op(W.i32_shl); ltee(L_TI);
    mem(W.i32_load, 2, S + CHAIN_OFF); lget(L_LO); op(W.i32_eq); op(W.if); op(T_VOID);
    i32c(0); lget(L_VA); i64c(-4096); op(W.i64_and); mem(W.i64_store, 3, S + VBASE_OFF);
    i32c(0); i32c(0); mem(W.i32_load, 2, S + CHAINS_OFF); i32c(1); op(W.i32_add); mem(W.i32_store, 2, S + CHAINS_OFF);
    lget(L_TI); mem(W.i32_load, 2, S + CHAIN_OFF + 4); lget(L_BUDGET); lget(L_N); lget(L_LO); i32c(12); op(W.i32_shr_u);
    op(W.return_call_indirect); body.u32(0); body.u32(0);
    op(W.end); op(W.end); op(W.end);
  }

  /**
   * Emits scope `sc`: a label per child (innermost first), a dispatch on L_B, then each child's
   * code after its label's end. A region is a wasm loop around all of that (its head is child 0).
   */
  function emitScope(sc: Scope): void {
    const ch = children(sc);
    const isTop = sc === scopes.top;
    if (!isTop) { op(W.loop); op(T_VOID); push(LB_LOOP, -1, sc); }
    for (let i = ch.length - 1; i >= 0; i--) { op(W.block); op(T_VOID); push(LB_CHILD, ch[i]); }
    if (!isTop) { lget(L_B); i32c(sc.lo); op(W.i32_eq); op(W.br_if); body.u32(0); }
    lget(L_B);
    if (!isTop && sc.lo !== 0) { i32c(sc.lo); op(W.i32_sub); }
    op(W.br_table); body.u32(sc.hi - sc.lo + 1);
    for (let j = sc.lo; j <= sc.hi; j++) body.u32(depth(LB_CHILD, childStart(sc, j)));
    body.u32(isTop ? depth(LB_EXIT) : 0);
    for (const c of ch) {
      op(W.end); pop(); // closes child c's label: its code follows
      const kid = kidOf(sc, c);
      if (kid !== null) emitScope(kid);
      else emitBlock(c);
    }
    if (!isTop) { op(W.end); pop(); op(W.unreachable); }
  }

  function emitBlock(bi: number): void {
    blockI = bi;
    const start = leaders[blockI];
    const { off: insnOff, len: insnLen, w: insnW, imm: insnImm, raw: insnRaw, i32: insn32, ends, next: cur } = blocks[bi];
    const L = insnOff.length;
    insns += L;
    // A loop of one block (its terminator branches back to its start) loops inside wasm directly.
    const lk = L > 0 && insnLen[L - 1] !== 0 ? kindOf(insnW[L - 1] & 255) : -1;
    selfLoop = (lk === K_BRANCH || lk === K_JAL) && insnOff[L - 1] + insnImm[L - 1] === start;
    if (selfLoop) { op(W.loop); op(T_VOID); push(LB_SELF); }
    // Budget: leave before the block if it would run past it.
    lget(L_N); i32c(L); op(W.i32_add); ltee(L_N); lget(L_BUDGET); op(W.i32_gt_s);
    beginIf(); lget(L_N); i32c(L); op(W.i32_sub); lset(L_N); leave(start, 0); endIf();
    const interpAt = (k: number) => {
      lget(L_N); i32c(L - k); op(W.i32_sub); lset(L_N); leave(insnOff[k], ST_INTERP);
    };
    for (let k = 0; k < L; k++) {
      const o = insnOff[k], len = insnLen[k], w = insnW[k], imm = insnImm[k];
      const code = w & 255, rd = (w >>> 8) & 31, r1 = (w >>> 13) & 31, r2 = (w >>> 18) & 31;
      if (len === 0) { interpAt(k); break; }
      const kind = kindOf(code);
      if (kind === K_EXIT) {
        if (code === 73) { lget(L_N); i32c(L - k); op(W.i32_sub); lset(L_N); leave(o, ST_INTERP | ST_ECALL); } // ECALL
        else interpAt(k);
        break;
      }
      if (kind === K_ALU) { emitAlu(code, rd, r1, r2, imm, o); continue; }
      if (kind === K_FP) {
        // Through the imported helpers; integer registers they read are stored first, written ones reloaded.
        const i = insn32[k], f5 = i >>> 27, opf = (i & 0x7f) === 0x53;
        const xr = (i >>> 15) & 31, xd = (i >>> 7) & 31;
        const readsX = code !== 89 || (opf && (f5 === 0x1a || f5 === 0x1e));
        const writesX = code === 89 && opf && (f5 === 0x18 || f5 === 0x1c || f5 === 0x14);
        if (readsX && xr !== 0) { i32c(0); get(xr); mem(W.i64_store, 3, xAt + 8 * xr); }
        if (code === 89) { i32c(i); op(W.call); body.u32(F_FP); }
        else { i32c(w); i32c(imm); i32c(i); i32c(insnRaw[k]); op(W.call); body.u32(F_FPMEM); }
        lset(L_TI);
        lget(L_TI); i32c(1); op(W.i32_eq); beginIf(); interpAt(k); endIf();
        if (writesX && xd !== 0) { i32c(0); mem(W.i64_load, 3, xAt + 8 * xd); set(xd); }
        if (code === 87 || code === 88) { // a store into code: leave after it (this page may be stale now)
          lget(L_TI); i32c(2); op(W.i32_eq); beginIf();
          lget(L_N); i32c(L - k - 1); op(W.i32_sub); lset(L_N); leave(o + len, 0); endIf();
        }
        continue;
      }
      if (kind === K_LOAD || kind === K_STORE) {
        const size = kind === K_LOAD ? LOAD_SIZE[code - 41] : 1 << (code - 48);
        const tbl = S + TLB_OFF + (kind === K_LOAD ? 0 : 3 * TLB_BYTES);
        get(r1); i64c(imm); op(W.i64_add); ltee(L_VA); op(W.i32_wrap_i64); ltee(L_LO);
        // Slot byte offset ((va >> 12) & 1023) * 4; hit iff both tags match (xor, or: no flag materialization).
        i32c(10); op(W.i32_shr_u); i32c((TLB_ENTRIES - 1) << 2); op(W.i32_and); ltee(L_TI);
        mem(W.i32_load, 2, tbl); lget(L_LO); i32c(~4095 | (size - 1)); op(W.i32_and); op(W.i32_xor);
        lget(L_TI); mem(W.i32_load, 2, tbl + TLB_BYTES); lget(L_VA); i64c(32); op(W.i64_shr_u); op(W.i32_wrap_i64); op(W.i32_xor);
        op(W.i32_or);
        // Miss: the slow path (hart-mem.ts) through an import; a fault leaves for the interpreter, which
        // re-executes the access and traps; a store that dropped translations or touched a device ends the call.
        beginIf();
        i32c(code); i32c(2 * rd); lget(L_LO); lget(L_VA); i64c(32); op(W.i64_shr_u); op(W.i32_wrap_i64);
        if (kind === K_STORE) { get(r2); op(W.i32_wrap_i64); get(r2); i64c(32); op(W.i64_shr_u); op(W.i32_wrap_i64); }
        else { i32c(0); i32c(0); }
        op(W.call); body.u32(F_MEM); lset(L_TI);
        lget(L_TI); i32c(1); op(W.i32_eq); beginIf(); interpAt(k); endIf();
        if (kind === K_STORE) {
          lget(L_TI); i32c(2); op(W.i32_eq); beginIf();
          lget(L_N); i32c(L - k - 1); op(W.i32_sub); lset(L_N); leave(o + len, 0); endIf();
        } else if (rd !== 0) { i32c(0); mem(W.i64_load, 3, xAt + 8 * rd); set(rd); }
        op(W.else);
        lget(L_TI); mem(W.i32_load, 2, tbl + 2 * TLB_BYTES); lget(L_LO); i32c(4095); op(W.i32_and); op(W.i32_add);
        const al = size === 8 ? 3 : size === 4 ? 2 : size === 2 ? 1 : 0;
        if (kind === K_LOAD) { mem(LOAD_OP[code - 41], al, 0); set(rd); }
        else { get(r2); mem(STORE_OP[code - 48], al, 0); }
        endIf();
        continue;
      }
      if (kind === K_BRANCH) {
        get(r1);
        if (code === 93 || code === 94) op(W.i64_eqz);
        else { get(r2); op(BRANCH_OP[code - 35]); }
        if (code === 94) op(W.i32_eqz); // bnez = !(x == 0)
        beginIf(); goTo(o + imm); endIf();
        goTo(o + len);
        continue;
      }
      if (kind === K_JAL) {
        if (code === 33) { pcOf(o + len); set(rd); }
        goTo(o + imm);
        continue;
      }
      // JALR: target first (rd may be rs1), then the link.
      get(r1); i64c(imm); op(W.i64_add); i64c(-2); op(W.i64_and); lset(L_T);
      if (rd !== 0) { pcOf(o + len); set(rd); }
      i32c(0); lget(L_T); mem(W.i64_store, 3, S + NEXTPC_OFF);
      i32c(0); lset(L_XO); i32c(ST_ABS | ST_CHAIN); lset(L_ST); br(depth(LB_EXIT));
    }
    if (!ends) goTo(cur);
    if (selfLoop) { op(W.end); pop(); op(W.unreachable); }
  }

  function emitAlu(code: number, rd: number, r1: number, r2: number, imm: number, o: number): void {
    switch (code) {
      case 2: case 71: return; // NOP FENCE
      case 3: get(r1); get(r2); op(W.i64_add); break;
      case 4: get(r1); get(r2); op(W.i64_sub); break;
      case 5: get(r1); get(r2); op(W.i64_shl); break;
      case 6: get(r1); get(r2); op(W.i64_lt_s); op(W.i64_extend_i32_u); break;
      case 7: get(r1); get(r2); op(W.i64_lt_u); op(W.i64_extend_i32_u); break;
      case 8: get(r1); get(r2); op(W.i64_xor); break;
      case 9: get(r1); get(r2); op(W.i64_shr_u); break;
      case 10: get(r1); get(r2); op(W.i64_shr_s); break;
      case 11: get(r1); get(r2); op(W.i64_or); break;
      case 12: get(r1); get(r2); op(W.i64_and); break;
      case 13: get(r1); i64c(imm); op(W.i64_add); break;
      case 14: get(r1); i64c(imm); op(W.i64_lt_s); op(W.i64_extend_i32_u); break;
      case 15: get(r1); i64c(imm); op(W.i64_lt_u); op(W.i64_extend_i32_u); break;
      case 16: get(r1); i64c(imm); op(W.i64_xor); break;
      case 17: get(r1); i64c(imm); op(W.i64_or); break;
      case 18: get(r1); i64c(imm); op(W.i64_and); break;
      case 19: get(r1); i64c(imm); op(W.i64_shl); break;
      case 20: get(r1); i64c(imm); op(W.i64_shr_u); break;
      case 21: get(r1); i64c(imm); op(W.i64_shr_s); break;
      case 22: get(r1); get(r2); op(W.i64_add); op(W.i32_wrap_i64); op(W.i64_extend_i32_s); break;
      case 23: get(r1); get(r2); op(W.i64_sub); op(W.i32_wrap_i64); op(W.i64_extend_i32_s); break;
      case 24: case 25: case 26: // SLLW SRLW SRAW
        get(r1); op(W.i32_wrap_i64); get(r2); op(W.i32_wrap_i64);
        op(code === 24 ? W.i32_shl : code === 25 ? W.i32_shr_u : W.i32_shr_s); op(W.i64_extend_i32_s); break;
      case 27: get(r1); i64c(imm); op(W.i64_add); op(W.i32_wrap_i64); op(W.i64_extend_i32_s); break;
      case 28: case 29: case 30: // SLLIW SRLIW SRAIW
        get(r1); op(W.i32_wrap_i64); i32c(imm);
        op(code === 28 ? W.i32_shl : code === 29 ? W.i32_shr_u : W.i32_shr_s); op(W.i64_extend_i32_s); break;
      case 31: case 90: i64c(imm); break; // LUI LI
      case 32: pcOf(o + imm); break; // AUIPC
      case 91: get(r1); break; // MV
      case 52: get(r1); get(r2); op(W.i64_mul); break;
      case 53: case 54: case 55: { // MULH MULHSU MULHU via the unsigned high product
        get(r1); get(r2); op(W.call); body.u32(F_MULHU);
        if (code !== 55) { get(r1); i64c(63); op(W.i64_shr_s); get(r2); op(W.i64_and); op(W.i64_sub); }
        if (code === 53) { get(r2); i64c(63); op(W.i64_shr_s); get(r1); op(W.i64_and); op(W.i64_sub); }
        break;
      }
      case 56: // DIV: /0 -> -1; /-1 -> negate (MIN / -1 = MIN)
        get(r2); op(W.i64_eqz); beginIf(T_I64); i64c(-1); op(W.else);
        get(r2); i64c(-1); op(W.i64_eq); beginIf(T_I64); i64c(0); get(r1); op(W.i64_sub); op(W.else);
        get(r1); get(r2); op(W.i64_div_s); endIf(); endIf(); break;
      case 57: get(r2); op(W.i64_eqz); beginIf(T_I64); i64c(-1); op(W.else); get(r1); get(r2); op(W.i64_div_u); endIf(); break;
      case 58: case 59: // REM REMU: %0 -> dividend (MIN % -1 is 0 in wasm, as in RISC-V)
        get(r2); op(W.i64_eqz); beginIf(T_I64); get(r1); op(W.else); get(r1); get(r2); op(code === 58 ? W.i64_rem_s : W.i64_rem_u); endIf(); break;
      case 60: get(r1); op(W.i32_wrap_i64); get(r2); op(W.i32_wrap_i64); op(W.i32_mul); op(W.i64_extend_i32_s); break;
      case 61: // DIVW
        get(r2); op(W.i32_wrap_i64); op(W.i32_eqz); beginIf(T_I32); i32c(-1); op(W.else);
        get(r2); op(W.i32_wrap_i64); i32c(-1); op(W.i32_eq); beginIf(T_I32); i32c(0); get(r1); op(W.i32_wrap_i64); op(W.i32_sub); op(W.else);
        get(r1); op(W.i32_wrap_i64); get(r2); op(W.i32_wrap_i64); op(W.i32_div_s); endIf(); endIf(); op(W.i64_extend_i32_s); break;
      case 62: // DIVUW
        get(r2); op(W.i32_wrap_i64); op(W.i32_eqz); beginIf(T_I32); i32c(-1); op(W.else);
        get(r1); op(W.i32_wrap_i64); get(r2); op(W.i32_wrap_i64); op(W.i32_div_u); endIf(); op(W.i64_extend_i32_s); break;
      case 63: case 64: // REMW REMUW
        get(r2); op(W.i32_wrap_i64); op(W.i32_eqz); beginIf(T_I32); get(r1); op(W.i32_wrap_i64); op(W.else);
        get(r1); op(W.i32_wrap_i64); get(r2); op(W.i32_wrap_i64); op(code === 63 ? W.i32_rem_s : W.i32_rem_u); endIf(); op(W.i64_extend_i32_s); break;
      default: throw new Error(`jit: op ${code} is not an ALU op`);
    }
    set(rd);
  }
}

const LOAD_SIZE = [1, 2, 4, 8, 1, 2, 4]; // LB LH LW LD LBU LHU LWU
const LOAD_OP = [W.i64_load8_s, W.i64_load16_s, W.i64_load32_s, W.i64_load, W.i64_load8_u, W.i64_load16_u, W.i64_load32_u];
const STORE_OP = [W.i64_store8, W.i64_store16, W.i64_store32, W.i64_store];
// BEQ BNE BLT BGE BLTU BGEU
const BRANCH_OP = [W.i64_eq, W.i64_ne, W.i64_lt_s, W.i64_ge_s, W.i64_lt_u, W.i64_ge_u];

/** (a, b) -> the high 64 bits of the unsigned 128-bit product, from 32-bit halves. */
function mulhuFunc(): FuncDef {
  const b = new Bytes();
  const g = (l: number) => { b.byte(W.local_get); b.u32(l); };
  const s = (l: number) => { b.byte(W.local_set); b.u32(l); };
  const mask = () => { b.byte(W.i64_const); b.sleb(0xffffffff); b.byte(W.i64_and); };
  const hi = () => { b.byte(W.i64_const); b.sleb(32); b.byte(W.i64_shr_u); };
  // locals: 2 al, 3 ah, 4 bl, 5 bh, 6 lh, 7 hl
  g(0); mask(); s(2); g(0); hi(); s(3); g(1); mask(); s(4); g(1); hi(); s(5);
  g(2); g(5); b.byte(W.i64_mul); s(6);
  g(3); g(4); b.byte(W.i64_mul); s(7);
  g(3); g(5); b.byte(W.i64_mul);
  g(6); hi(); b.byte(W.i64_add);
  g(7); hi(); b.byte(W.i64_add);
  // + ((al*bl >> 32) + (lh & m) + (hl & m)) >> 32
  g(2); g(4); b.byte(W.i64_mul); hi();
  g(6); mask(); b.byte(W.i64_add);
  g(7); mask(); b.byte(W.i64_add);
  hi(); b.byte(W.i64_add);
  return { type: 1, locals: [[6, T_I64]], body: b };
}
