// Pass 2: abstract interpretation of every path (Linux do_check, re-derived).
// Walks the program from its entry with a State, forks at undecided branches
// (the other side goes on a pending stack), checkpoints at prune points and
// prunes a path whose state is subsumed by a fully explored checkpoint, flags
// a loop whose state repeats exactly, and counts processed instructions
// against the complexity limit.
import {
  BPF_ADD, BPF_ALU, BPF_AND, BPF_CALL_HELPER, BPF_CMPXCHG, BPF_DIV, BPF_FETCH, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE,
  BPF_JLT, BPF_JMP32, BPF_JNE, BPF_JSET, BPF_MOD, BPF_MOV, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_IMM64,
  BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_SUB, BPF_TO_BE, BPF_X,
  type Insn, OPCODES, aluOp, ldSize, opClass, sizeBytes, srcBit,
} from '../isa.js';
import { disassembleOne } from '../disasm.js';
import { BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_ARRAY } from '../maps/types.js';
import { isBranchTaken, negateCond, refineCond, swapCond } from './branch.js';
import { checkExit, checkHelperCall, checkPseudoCall, forEachReg, pushState, releaseReference } from './calls.js';
import { type Env, MAX_VAR_OFF } from './env.js';
import { checkMemAccess, markLoaded } from './mem.js';
import {
  REG_TYPE_NAMES, Reg, RegType, S64_MIN, boundsEmpty, markConstScalar, markKnown, markNotInit, markPointer, markUnknown,
  regStr, zext32,
} from './reg.js';
import { scalarAlu, scalarEnd, scalarMovsx } from './scalar.js';
import { Frame, SLOT_CHARS, Slot, State, statesSafe } from './state.js';
import { U32, U64, tnumIsConst } from './tnum.js';

/** Checkpoints kept per instruction (Linux bounds them by a miss heuristic instead). */
const MAX_CHECKPOINTS = 64;
const tmpSrc = new Reg();
const loadTmp = new Reg();
const jmpTmp = new Reg();

/** Runs pass 2 over the whole program. Throws VerifyError on the first rejection. */
export function doCheck(env: Env): void {
  const st0 = new State();
  const f0 = Frame.initial(0, 0, -1);
  markPointer(f0.regs[1], RegType.PTR_TO_CTX);
  st0.frames.push(f0);
  let st: State | undefined = st0;
  while (st !== undefined) {
    if (env.logLevel > 0 && st !== st0) env.log(`from ${st.parent?.state.pc ?? '?'} to ${st.pc}: ${stateStr(st)}`);
    runPath(env, st);
    st = env.pending.pop();
  }
}

function pathEnd(st: State): void {
  let cp = st.parent;
  while (cp !== null) {
    cp.branches--;
    if (cp.branches > 0) break;
    cp = cp.parent;
  }
}

function runPath(env: Env, st: State): void {
  for (;;) {
    const pc = st.pc;
    if (++env.processed > env.maxInsns) {
      env.fail('E_TOO_COMPLEX', pc, `BPF program is too large: processed ${env.processed - 1} insns (limit ${env.maxInsns}); ` +
        (env.cfg.hasBackEdge ? 'a loop may not be bounded by a small constant' : 'too many paths'));
    }
    if (env.cfg.prune[pc] === 1 && isStateVisited(env, st)) {
      if (env.logLevel > 0) env.log(`${pc}: safe`);
      pathEnd(st);
      return;
    }
    env.insnsSinceCp++;
    if (env.logLevel > 0) logInsn(env, st, pc);
    const go = step(env, st, pc);
    if (env.logLevel > 1) env.log(`    ; ${stateStr(st)}`);
    if (!go) { pathEnd(st); return; }
  }
}

function isStateVisited(env: Env, st: State): boolean {
  const pc = st.pc;
  let list = env.visited[pc];
  if (list === undefined) list = env.visited[pc] = [];
  const live = env.cfg.live[pc];
  const liveAt = env.liveAt;
  // Equal states (the common case in loops) are found by fingerprint among every checkpoint ever made here.
  const key = fingerprint(st, live, env);
  const twins = env.fpIndex.get(key);
  if (twins !== undefined) {
    for (const cp of twins) {
      if (cp.branches === 0) {
        if (statesSafe(cp.state, st, live, liveAt, false)) { cp.hits++; return true; }
      } else if (env.cfg.hasBackEdge && statesSafe(cp.state, st, live, liveAt, true) && isAncestor(cp, st)) {
        env.fail('E_UNBOUNDED_LOOP', pc, `infinite loop detected at insn ${pc}: the state repeats without progress`);
      }
    }
  }
  // Subsumption by a more general explored state, among a bounded list.
  for (let k = 0; k < list.length; k++) {
    const cp = list[k];
    if (cp.branches === 0 && statesSafe(cp.state, st, live, liveAt, false)) { cp.hits++; return true; }
    // Linux's heuristic: a checkpoint that keeps missing leaves the list (it stays a parent and a twin).
    if (++cp.misses > cp.hits * 3 + 3) { list.splice(k, 1); k--; }
  }
  // Checkpoint after a little progress; inside a loop (an unfinished checkpoint here) less often, as Linux does.
  let looping = false;
  for (let k = 0; k < list.length && !looping; k++) looping = list[k].branches !== 0;
  if (list.length > 0 && (env.jmpsSinceCp < 2 || env.insnsSinceCp < 8)) return false;
  if (looping && env.jmpsSinceCp < 20 && env.insnsSinceCp < 100) return false;
  if (list.length >= MAX_CHECKPOINTS) {
    // Drop the least useful: a checkpoint still being explored first (it stays a parent and a twin), else the fewest hits.
    let worst = 0;
    for (let k = 0; k < list.length; k++) {
      const a = list[k]; const b = list[worst];
      if ((a.branches !== 0 ? -1 : a.hits) < (b.branches !== 0 ? -1 : b.hits)) worst = k;
    }
    list.splice(worst, 1);
  }
  clearSingularIds(st);
  const cp = { state: st.clone(), branches: 1, parent: st.parent, hits: 0, misses: 0 };
  st.parent = cp;
  list.push(cp);
  if (twins !== undefined) twins.push(cp); else env.fpIndex.set(key, [cp]);
  env.states++;
  env.jmpsSinceCp = 0;
  env.insnsSinceCp = 0;
  return false;
}

/** A scalar id held by one register links nothing: drop it so that pruning does not demand it. */
function clearSingularIds(st: State): void {
  const count = new Map<number, number>();
  let any = false;
  for (const f of st.frames) {
    for (const r of f.regs) if (r.type === RegType.SCALAR && r.id !== 0) { count.set(r.id, (count.get(r.id) ?? 0) + 1); any = true; }
    for (const r of f.spilled) if (r !== null && r.type === RegType.SCALAR && r.id !== 0) { count.set(r.id, (count.get(r.id) ?? 0) + 1); any = true; }
  }
  if (!any) return;
  forEachReg(st, (r) => { if (r.type === RegType.SCALAR && r.id !== 0 && count.get(r.id) === 1) r.id = 0; });
}

/** A cheap 32-bit summary of what pruning compares; equal states have equal fingerprints (collisions only cost a comparison). */
function fingerprint(st: State, live: number, env: Env): number {
  let h = Math.imul(st.pc, 0x9e3779b1) ^ (st.frames.length << 8) ^ st.refs.length;
  for (let k = 0; k < st.frames.length; k++) {
    const f = st.frames[k];
    const mask = k === st.frames.length - 1 ? live : env.liveAt(st.frames[k + 1].callsite + 1) & 0x7c0;
    h = Math.imul(h ^ f.callsite, 0x85ebca6b);
    for (let r = 0; r <= 10; r++) {
      if ((mask & (1 << r)) === 0) continue;
      const g = f.regs[r];
      h = Math.imul(h ^ (g.type * 977 + g.off * 31 + g.range), 0xcc9e2d51);
      if (g.type !== RegType.NOT_INIT) {
        h = Math.imul(h ^ (Number(g.var.value) | 0), 0x1b873593);
        h = Math.imul(h ^ (Number(g.umax) | 0), 0xe6546b64);
      }
    }
    h ^= f.depth;
    const stk = f.stack;
    for (let b = 512 - ((f.depth + 7) & ~7); b < 512; b++) h = (Math.imul(h, 31) + stk[b]) | 0;
  }
  return h | 0;
}

function isAncestor(cp: object, st: State): boolean {
  for (let p = st.parent; p !== null; p = p.parent) if (p === cp) return true;
  return false;
}

function logInsn(env: Env, st: State, pc: number): void {
  const i = env.insns[pc];
  env.log(`${pc}: (${i.opcode.toString(16).padStart(2, '0')}) ${disassembleOne(i, env.insns[pc + 1])}`);
  void st;
}

/** Linux-style register and stack summary: R1=ctx() R10=fp0 fp-8=mmmmmmmm. */
export function stateStr(st: State): string {
  const parts: string[] = [];
  for (let k = 0; k < st.frames.length; k++) {
    const f = st.frames[k];
    if (st.frames.length > 1) parts.push(`frame${k}:`);
    f.regs.forEach((r, i) => { if (r.type !== RegType.NOT_INIT) parts.push(`R${i}=${regStr(r)}`); });
    for (let s = 0; s < f.spilled.length; s++) {
      const b = f.stack.subarray(s * 8, s * 8 + 8);
      if (b.every((x) => x === Slot.INVALID)) continue;
      const sp = f.spilled[s];
      parts.push(`fp${s * 8 - 512}=${sp !== null && b[0] === Slot.SPILL ? regStr(sp) : [...b].map((x) => SLOT_CHARS[x]).join('')}`);
    }
  }
  if (st.refs.length > 0) parts.push(`refs=${st.refs.map((r) => r.id).join(',')}`);
  return parts.join(' ');
}

function readReg(env: Env, st: State, regno: number, pc: number): Reg {
  const r = st.cur.regs[regno];
  if (r.type === RegType.NOT_INIT) env.fail('E_UNINIT_REG', pc, `R${regno} !read_ok`);
  return r;
}

/** Executes one instruction abstractly; false when the path ends. */
function step(env: Env, st: State, pc: number): boolean {
  const i = env.insns[pc];
  const kind = OPCODES[i.opcode]!.kind;
  const regs = st.cur.regs;
  switch (kind) {
    case 'alu': checkAlu(env, st, i, pc); st.pc = pc + 1; return true;
    case 'neg': {
      const d = readReg(env, st, i.dst, pc);
      if (d.isPointer()) env.fail('E_PTR_ARITH', pc, `R${i.dst} pointer arithmetic with neg prohibited`);
      const is32 = opClass(i.opcode) === BPF_ALU;
      d.id = 0;
      scalarAlu(d, d, 0x80, is32, false);
      if (is32 && !tnumIsConst(d.var)) zext32(d);
      st.pc = pc + 1;
      return true;
    }
    case 'end': {
      const d = readReg(env, st, i.dst, pc);
      if (d.isPointer()) {
        if (!env.privileged) env.fail('E_PTR_ARITH', pc, `R${i.dst} byte swap of a pointer prohibited`);
        markUnknown(d);
      }
      const swap = opClass(i.opcode) !== BPF_ALU || srcBit(i.opcode) === BPF_TO_BE;
      d.id = 0;
      scalarEnd(d, swap, i.imm);
      st.pc = pc + 1;
      return true;
    }
    case 'lddw': checkLddw(env, st, i, pc); st.pc = pc + 2; return true;
    case 'ldx':
    case 'ldxs': {
      const p = readReg(env, st, i.src, pc);
      checkMemAccess(env, st, p, { pc, regno: i.src, off: i.off, size: sizeBytes(ldSize(i.opcode)), write: false, value: null, dst: loadTmp, signed: kind === 'ldxs' });
      regs[i.dst].copyFrom(loadTmp);
      st.pc = pc + 1;
      return true;
    }
    case 'st':
    case 'stx': {
      const p = readReg(env, st, i.dst, pc);
      const v = kind === 'stx' ? readReg(env, st, i.src, pc) : null;
      checkMemAccess(env, st, p, {
        pc, regno: i.dst, off: i.off, size: sizeBytes(ldSize(i.opcode)), write: true,
        value: { reg: v, imm: BigInt(i.imm), regno: i.src }, dst: null, signed: false,
      });
      st.pc = pc + 1;
      return true;
    }
    case 'atomic': checkAtomic(env, st, i, pc); st.pc = pc + 1; return true;
    case 'ldabs':
    case 'ldind': {
      if (!env.prog.ldAbs) env.fail('E_BAD_INSN', pc, `BPF_LD_[ABS|IND] instructions not allowed for ${env.prog.name} programs`);
      if (st.frames.length > 1) env.fail('E_BAD_INSN', pc, 'BPF_LD_[ABS|IND] cannot be used inside bpf-to-bpf calls');
      if (readReg(env, st, 6, pc).type !== RegType.PTR_TO_CTX) env.fail('E_BAD_INSN', pc, 'at the time of BPF_LD_ABS|IND R6 != pointer to skb');
      if (st.refs.length > 0) env.fail('E_LEAKED_REF', pc, 'BPF_LD_[ABS|IND] would lead to reference leak');
      if (kind === 'ldind') {
        const s = readReg(env, st, i.src, pc);
        if (s.isPointer() && !env.privileged) env.fail('E_PTR_LEAK', pc, `R${i.src} leaks addr`);
      }
      for (let r = 1; r <= 5; r++) markNotInit(regs[r]);
      markLoaded(regs[0], sizeBytes(ldSize(i.opcode)), false);
      st.pc = pc + 1;
      return true;
    }
    case 'ja': st.pc = pc + 1 + i.off; env.jmpsSinceCp++; return true;
    case 'ja32': st.pc = pc + 1 + i.imm; env.jmpsSinceCp++; return true;
    case 'jcond': env.jmpsSinceCp++; return checkCondJmp(env, st, i, pc);
    case 'call':
      env.jmpsSinceCp++;
      if (i.src === BPF_PSEUDO_CALL) { checkPseudoCall(env, st, pc, pc + 1 + i.imm); return true; }
      if (i.src !== BPF_CALL_HELPER) env.fail('E_BAD_INSN', pc, 'kernel function calls (kfuncs) are not supported');
      checkHelperCall(env, st, pc, i.imm);
      st.pc = pc + 1;
      return true;
    case 'callx': return env.fail('E_BAD_INSN', pc, 'callx is not supported by the verifier');
    case 'exit': env.jmpsSinceCp++; return checkExit(env, st, pc);
    default: return env.fail('E_MALFORMED', pc, `unknown opcode 0x${i.opcode.toString(16)}`);
  }
}

function checkLddw(env: Env, st: State, i: Insn, pc: number): void {
  const d = st.cur.regs[i.dst];
  switch (i.src) {
    case BPF_PSEUDO_IMM64:
      markConstScalar(d, (BigInt(i.imm >>> 0) | (BigInt(i.imm2 >>> 0) << 32n)) & U64);
      return;
    case BPF_PSEUDO_MAP_FD:
    case BPF_PSEUDO_MAP_IDX:
    case BPF_PSEUDO_MAP_VALUE:
    case BPF_PSEUDO_MAP_IDX_VALUE: {
      const map = env.maps[i.imm];
      if (map === undefined) env.fail('E_BAD_MAP_REF', pc, `fd ${i.imm} is not pointing to valid bpf_map`);
      if (i.src === BPF_PSEUDO_MAP_FD || i.src === BPF_PSEUDO_MAP_IDX) {
        markPointer(d, RegType.CONST_PTR_TO_MAP);
        d.map = map;
        return;
      }
      if (map.type !== BPF_MAP_TYPE_ARRAY && map.type !== BPF_MAP_TYPE_PERCPU_ARRAY) env.fail('E_BAD_MAP_REF', pc, 'direct value access is only allowed on array maps');
      if (i.imm2 < 0 || i.imm2 >= map.valueSize) env.fail('E_OOB_MAP', pc, `invalid access to map value pointer, value_size=${map.valueSize} off=${i.imm2}`);
      markPointer(d, RegType.PTR_TO_MAP_VALUE, i.imm2);
      d.map = map;
      return;
    }
    case BPF_PSEUDO_FUNC:
      markPointer(d, RegType.PTR_TO_FUNC);
      d.frameno = env.cfg.subprogOf[pc + 1 + i.imm];
      return;
    default:
      env.fail('E_BAD_INSN', pc, `lddw with source type ${i.src} is not supported`);
  }
}

function checkAlu(env: Env, st: State, i: Insn, pc: number): void {
  const regs = st.cur.regs;
  const op = aluOp(i.opcode);
  const is32 = opClass(i.opcode) === BPF_ALU;
  const x = srcBit(i.opcode) === BPF_X;
  const dst = regs[i.dst];
  if (op === BPF_MOV) {
    if (!x) { markConstScalar(dst, is32 ? BigInt(i.imm >>> 0) : BigInt(i.imm) & U64); return; }
    const src = readReg(env, st, i.src, pc);
    if (src.isPointer() && (is32 || i.off !== 0)) {
      if (!env.privileged) env.fail('E_PTR_LEAK', pc, `R${i.src} partial copy of pointer`);
      markUnknown(dst);
      if (is32) zext32(dst);
      return;
    }
    if (i.off !== 0) {
      tmpSrc.copyFrom(src);
      markUnknown(dst);
      scalarMovsx(dst, tmpSrc, i.off, is32);
      return;
    }
    // Copies of an unknown scalar share an id, so that a bound learnt on one applies to all (Linux find_equal_scalars).
    if (!is32 && src.type === RegType.SCALAR && !tnumIsConst(src.var) && src.id === 0) src.id = env.newId();
    dst.copyFrom(src);
    if (is32) { dst.id = 0; zext32(dst); }
    return;
  }
  if (dst.type === RegType.NOT_INIT) env.fail('E_UNINIT_REG', pc, `R${i.dst} !read_ok`);
  let src: Reg;
  if (x) src = readReg(env, st, i.src, pc);
  else {
    if ((op === BPF_DIV || op === BPF_MOD) && i.imm === 0) env.fail('E_DIV_BY_ZERO', pc, 'div by zero');
    src = tmpSrc;
    markConstScalar(src, is32 ? BigInt(i.imm >>> 0) : BigInt(i.imm) & U64);
  }
  if (dst.isPointer() || src.isPointer()) { pointerAlu(env, st, i, pc, dst, src, op, is32); return; }
  if (src === dst) { tmpSrc.copyFrom(src); src = tmpSrc; }
  dst.id = 0;
  scalarAlu(dst, src, op, is32, i.off === 1);
}

const NO_ARITH = new Set([RegType.PTR_TO_PACKET_END, RegType.CONST_PTR_TO_MAP, RegType.PTR_TO_FUNC, RegType.PTR_TO_MAP_VALUE_OR_NULL, RegType.PTR_TO_MEM_OR_NULL]);

/** Linux adjust_ptr_min_max_vals: pointer +/- scalar, and pointer - pointer for the privileged. */
function pointerAlu(env: Env, st: State, i: Insn, pc: number, dst: Reg, src: Reg, op: number, is32: boolean): void {
  void st;
  const opName = ['+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', 'neg', '%=', '^=', 'mov', 's>>=', 'end'][op >> 4];
  if (is32) env.fail('E_PTR_ARITH', pc, `R${i.dst} 32-bit pointer arithmetic prohibited`);
  if (dst.isPointer() && src.isPointer()) {
    if (op === BPF_SUB) {
      if (!env.privileged) env.fail('E_PTR_ARITH', pc, `R${i.dst} pointer -= pointer prohibited`);
      markUnknown(dst);
      return;
    }
    env.fail('E_PTR_ARITH', pc, `R${i.dst} pointer ${opName} pointer prohibited`);
  }
  if (op !== BPF_ADD && op !== BPF_SUB) {
    env.fail('E_PTR_ARITH', pc, `R${dst.isPointer() ? i.dst : i.src} pointer arithmetic with ${opName} operator prohibited`);
  }
  let ptr = dst; let scalar = src;
  if (!dst.isPointer()) {
    if (op === BPF_SUB) env.fail('E_PTR_ARITH', pc, `R${i.dst} tried to subtract pointer from scalar`);
    ptr = src; scalar = dst;
  }
  const regno = ptr === dst ? i.dst : i.src;
  if (NO_ARITH.has(ptr.type)) {
    const tail = ptr.type === RegType.PTR_TO_MAP_VALUE_OR_NULL || ptr.type === RegType.PTR_TO_MEM_OR_NULL ? ', null-check it first' : '';
    env.fail(tail === '' ? 'E_PTR_ARITH' : 'E_NULL_DEREF', pc, `R${regno} pointer arithmetic on ${REG_TYPE_NAMES[ptr.type]} prohibited${tail}`);
  }
  const res = ptr.clone();
  const sc = scalar.clone();
  if (tnumIsConst(sc.var)) {
    const k = Number(BigInt.asIntN(64, sc.var.value));
    const off = op === BPF_ADD ? ptr.off + k : ptr.off - k;
    if (!Number.isSafeInteger(off) || Math.abs(off) >= MAX_VAR_OFF || Math.abs(k) >= MAX_VAR_OFF) {
      env.fail('E_PTR_ARITH', pc, `value ${BigInt.asIntN(64, sc.var.value)} makes ${REG_TYPE_NAMES[ptr.type]} pointer be out of bounds`);
    }
    res.off = off;
    dst.copyFrom(res);
    return;
  }
  if (sc.smin === S64_MIN || sc.smin < -BigInt(MAX_VAR_OFF) || sc.smax >= BigInt(MAX_VAR_OFF)) {
    env.fail('E_UNBOUNDED_OFFSET', pc, `math between ${REG_TYPE_NAMES[ptr.type]} pointer and register with unbounded min value is not allowed (R${ptr === dst ? i.src : i.dst} ${regStr(scalar)})`);
  }
  if (!env.privileged && sc.smin < 0n && sc.smax >= 0n) {
    env.fail('E_PTR_ARITH', pc, `R${ptr === dst ? i.src : i.dst} has unknown scalar with mixed signed bounds, pointer arithmetic with it prohibited for !root`);
  }
  if (ptr.type === RegType.PTR_TO_CTX) env.fail('E_CTX_MODIFIED', pc, `R${regno} variable ctx access prohibited`);
  // The variable part is tracked like a scalar.
  const v = ptr.clone();
  v.type = RegType.SCALAR;
  scalarAlu(v, sc, op, false, false);
  res.var = v.var; res.smin = v.smin; res.smax = v.smax; res.umin = v.umin; res.umax = v.umax;
  res.s32min = v.s32min; res.s32max = v.s32max; res.u32min = v.u32min; res.u32max = v.u32max;
  if (res.type === RegType.PTR_TO_PACKET || res.type === RegType.PTR_TO_PACKET_META) { res.id = env.newId(); res.range = 0; }
  dst.copyFrom(res);
}

function checkAtomic(env: Env, st: State, i: Insn, pc: number): void {
  const regs = st.cur.regs;
  const p = readReg(env, st, i.dst, pc);
  const v = readReg(env, st, i.src, pc);
  const size = sizeBytes(ldSize(i.opcode));
  if (p.type !== RegType.PTR_TO_STACK && p.type !== RegType.PTR_TO_MAP_VALUE && p.type !== RegType.PTR_TO_MEM) {
    if (p.type === RegType.PTR_TO_MAP_VALUE_OR_NULL || p.type === RegType.PTR_TO_MEM_OR_NULL) env.fail('E_NULL_DEREF', pc, `R${i.dst} invalid mem access '${REG_TYPE_NAMES[p.type]}'`);
    env.fail('E_BAD_MEM', pc, `BPF_ATOMIC stores into R${i.dst} ${REG_TYPE_NAMES[p.type]} is not allowed`);
  }
  if (v.isPointer() && !env.privileged) env.fail('E_PTR_LEAK', pc, `R${i.src} leaks addr into mem`);
  if (v.isPointer()) env.fail('E_BAD_INSN', pc, `R${i.src} atomic operand must be a scalar`);
  if (i.imm === BPF_CMPXCHG) readReg(env, st, 0, pc);
  const old = new Reg();
  checkMemAccess(env, st, p, { pc, regno: i.dst, off: i.off, size, write: false, value: null, dst: old, signed: false });
  const unknown = new Reg();
  markUnknown(unknown);
  checkMemAccess(env, st, p, { pc, regno: i.dst, off: i.off, size, write: true, value: { reg: unknown, imm: 0n, regno: i.src }, dst: null, signed: false });
  if (i.imm === BPF_CMPXCHG) markLoaded(regs[0], size, false);
  else if ((i.imm & BPF_FETCH) !== 0) markLoaded(regs[i.src], size, false);
}

const isPktType = (t: RegType): boolean => t === RegType.PTR_TO_PACKET || t === RegType.PTR_TO_PACKET_META;

/** Conditional jump: decide it or fork, refining both sides. */
function checkCondJmp(env: Env, st: State, i: Insn, pc: number): boolean {
  const op = aluOp(i.opcode);
  const is32 = opClass(i.opcode) === BPF_JMP32;
  const x = srcBit(i.opcode) === BPF_X;
  const target = pc + 1 + i.off;
  const dst = readReg(env, st, i.dst, pc);
  let src: Reg;
  if (x) src = readReg(env, st, i.src, pc);
  else { src = jmpTmp; markConstScalar(src, is32 ? BigInt(i.imm >>> 0) : BigInt(i.imm) & U64); }
  if (dst.isPointer() || src.isPointer()) return pointerCond(env, st, i, pc, dst, src, op, is32, x);
  const taken = isBranchTaken(dst, src, op, is32);
  if (taken === 1) { st.pc = target; return true; }
  if (taken === 0) { st.pc = pc + 1; return true; }
  const other = st.clone();
  other.pc = target;
  const oDst = other.cur.regs[i.dst];
  const oSrc = x ? other.cur.regs[i.src] : src.clone();
  refineCond(oDst, oSrc, op, is32);
  const fSrc = x ? src : src.clone();
  if (op === BPF_JSET) refineCond(dst, fSrc, op, is32, true);
  else refineCond(dst, fSrc, negateCond(op), is32);
  const otherLive = !boundsEmpty(oDst) && !boundsEmpty(oSrc);
  const selfLive = !boundsEmpty(dst) && !boundsEmpty(fSrc);
  if (otherLive) { syncScalarCopies(other, oDst); if (x) syncScalarCopies(other, oSrc); }
  if (selfLive) { syncScalarCopies(st, dst); if (x) syncScalarCopies(st, fSrc); }
  if (otherLive) pushState(env, other);
  if (!selfLive) return false;
  st.pc = pc + 1;
  return true;
}

/** Gives every scalar sharing r's id the bounds just learnt for r. */
function syncScalarCopies(st: State, r: Reg): void {
  if (r.id === 0 || r.type !== RegType.SCALAR) return;
  const id = r.id;
  const v = new Reg(r);
  forEachReg(st, (o) => { if (o !== r && o.id === id && o.type === RegType.SCALAR) o.copyFrom(v); });
}

function pointerCond(env: Env, st: State, i: Insn, pc: number, dst: Reg, src: Reg, op: number, is32: boolean, x: boolean): boolean {
  const target = pc + 1 + i.off;
  const zero = (r: Reg): boolean => r.type === RegType.SCALAR && tnumIsConst(r.var) && r.var.value === 0n;
  // Null check of a maybe-null pointer.
  if (!is32 && (op === BPF_JEQ || op === BPF_JNE) &&
    ((dst.type === RegType.PTR_TO_MAP_VALUE_OR_NULL || dst.type === RegType.PTR_TO_MEM_OR_NULL) && zero(src))) {
    const other = st.clone();
    other.pc = target;
    // On the JEQ-taken side the pointer is NULL; on the other side it is valid.
    const [nullSide, okSide] = op === BPF_JEQ ? [other, st] : [st, other];
    const id = dst.id;
    markPtrOrNull(env, nullSide, id, true, pc);
    markPtrOrNull(env, okSide, id, false, pc);
    pushState(env, other);
    st.pc = pc + 1;
    return true;
  }
  // A pointer that cannot be NULL compared with 0: the branch is decided.
  if (!is32 && (op === BPF_JEQ || op === BPF_JNE) && dst.isPointer() && zero(src) &&
    dst.type !== RegType.PTR_TO_MAP_VALUE_OR_NULL && dst.type !== RegType.PTR_TO_MEM_OR_NULL) {
    st.pc = op === BPF_JNE ? target : pc + 1;
    return true;
  }
  if (!is32 && x && tryPacketRange(env, st, i, pc, dst, src, op)) return true;
  if (!env.privileged) env.fail('E_PTR_CMP', pc, `R${dst.isPointer() ? i.dst : i.src} pointer comparison prohibited`);
  const other = st.clone();
  other.pc = target;
  pushState(env, other);
  st.pc = pc + 1;
  return true;
}

/** After a null check: every copy (same id) becomes NULL (scalar 0) or the non-null pointer type. */
function markPtrOrNull(env: Env, st: State, id: number, isNull: boolean, pc: number): void {
  let refId = 0;
  forEachReg(st, (r) => {
    if (r.id !== id || (r.type !== RegType.PTR_TO_MAP_VALUE_OR_NULL && r.type !== RegType.PTR_TO_MEM_OR_NULL)) return;
    if (isNull) { refId = r.refId || refId; markConstScalar(r, 0n); return; }
    r.type = r.type === RegType.PTR_TO_MAP_VALUE_OR_NULL ? RegType.PTR_TO_MAP_VALUE : RegType.PTR_TO_MEM;
  });
  if (isNull && refId !== 0 && st.refs.some((r) => r.id === refId)) releaseReference(env, st, refId, pc);
}

/**
 * pkt vs pkt_end (or pkt_meta vs pkt) comparisons: on the side where
 * `pkt + off <= end` holds, every packet pointer sharing pkt's id gets range >= off.
 */
function tryPacketRange(env: Env, st: State, i: Insn, pc: number, dst: Reg, src: Reg, op: number): boolean {
  let p: Reg; let cop: number;
  const endOf = (t: RegType): RegType => (t === RegType.PTR_TO_PACKET ? RegType.PTR_TO_PACKET_END : RegType.PTR_TO_PACKET);
  if (isPktType(dst.type) && src.type === endOf(dst.type)) { p = dst; cop = op; } else if (isPktType(src.type) && dst.type === endOf(src.type)) { p = src; cop = swapCond(op); } else return false;
  // cop is now "p cop end". Where is p <= end (or p < end) known?
  let whenTaken: boolean | null;
  switch (cop) {
    case BPF_JLE: case BPF_JLT: whenTaken = true; break;
    case BPF_JGT: case BPF_JGE: whenTaken = false; break;
    default: whenTaken = null;
  }
  const other = st.clone();
  other.pc = pc + 1 + i.off;
  if (whenTaken !== null) {
    const good = whenTaken ? other : st;
    const t = p.type; const id = p.id; const off = p.off;
    if (off > 0) forEachReg(good, (r) => { if (r.type === t && r.id === id && r.range < off) r.range = off; });
  }
  pushState(env, other);
  st.pc = pc + 1;
  void env;
  return true;
}

export { BPF_JGE, BPF_JGT, BPF_JLT, BPF_JNE, markKnown, U32, BPF_AND };
