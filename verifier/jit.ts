// The JIT: compiles a prepared program to a WebAssembly module whose memory is
// the address space's memory, so that a BPF pointer is a wasm address. Each
// BPF function (pc 0, every local-call target, every lddw src=4 target) becomes
// one wasm function with r0..r10 as i64 locals (params r0..r10, results
// r0..r5 — the interpreter leaves a callee's r1..r5 to its caller, and so do
// we). Control flow inside a function is a loop around nested blocks, one per
// basic block: forward jumps are plain `br`s, backward jumps set the next block
// and branch to a `br_table` at the loop head (which lists only loop heads, so
// branchy programs stay under the engines' br_table limit).
//
// Why WebAssembly and not JavaScript: on the ALU loop of bench/bpf.bench.ts,
// the JS a JIT would emit (int32 register pairs, as in the interpreter) ran
// about 2.4 G insn/s, this wasm about 9 G (CPU time; native i64 locals).
// Semantics are the interpreter's, bit for bit (checked by
// test/verifier/jit-fuzz.test.ts); the one difference is the budget, which
// counts backward jumps and calls here and instructions there. A function
// body is limited to 7.6 MB by V8 (about 700k instructions): beyond that
// compile() returns an error and the embedder interprets.
//
// Faults (out of bounds, bad helper, call depth...) call the imported `fault`
// (which records what happened) and trap; run() turns the trap into an
// ExecResult. Helpers are JS functions called through imports.

import {
  BPF_ALU64, BPF_CMPXCHG, BPF_FETCH, BPF_JMP, BPF_PSEUDO_CALL, BPF_XCHG, LDDW, MAX_CALL_FRAMES, OPCODES, STACK_SIZE,
  type Result,
} from './isa.js';
import { PROT_READ, PROT_WRITE, REGS_OFF, STACK_TOP, TABLE_OFF, type AddressSpace } from './memory.js';
import {
  CODE_ADDR_HI, HELPER_OK, HELPER_STOP, packetBounds, type ExecErrorKind, type ExecOptions, type ExecResult,
  type Helper, type Program,
} from './program.js';
import { WA, type WasmInstance, type WasmModule } from './wasm-api.js';
import { Bytes, I32, I64, ModuleBuilder, Op, VOID } from './wasm.js';

// fault codes passed to the imported fault(code, pc, a, b)
const F_STOP = 0, F_OOB = 1, F_HELPER = 2, F_DEPTH = 3, F_CALLX = 4, F_BUDGET = 5, F_END = 6;
const UNKNOWN_HELPER = -0x7fff0001;

// locals of a BPF function: params r0..r10, then these
const L_NEXT = 11, L_A = 12, L_T = 13, L_RC = 14, L_BUDGET = 15;
// globals
const G_DEPTH = 0, G_BUDGET = 1, G_PKT_START = 2, G_PKT_END = 3;
// imported functions
const FN_FAULT = 0, FN_HX = 1;

export interface JitProgram {
  readonly wasm: Uint8Array;
  run(as: AddressSpace, opts?: ExecOptions): ExecResult;
}

interface RunState {
  as: AddressSpace;
  helpers: ReadonlyArray<Helper | undefined>;
  fault: { kind: ExecErrorKind | 'stop'; pc: number; message: string } | null;
}

export interface JitOptions {
  /**
   * Count backward jumps and calls against ExecOptions.maxSteps (default true).
   * A verified program terminates, so its embedder can turn this off: about 20%
   * faster on tight loops.
   */
  readonly budget?: boolean;
}

/** Compiles a prepared program to WebAssembly. */
export function compile(prog: Program, jopts: JitOptions = {}): Result<JitProgram, string> {
  let bytes: Uint8Array;
  let helperIds: number[];
  try {
    [bytes, helperIds] = generate(prog, jopts.budget ?? true);
  } catch (e) {
    return { ok: false, error: `JIT: ${(e as Error).message}` };
  }
  let mod: WasmModule;
  try {
    mod = new WA.Module(bytes);
  } catch (e) {
    return { ok: false, error: `JIT: wasm rejected the generated module: ${(e as Error).message}` };
  }
  const instances = new WeakMap<AddressSpace, { inst: WasmInstance; state: RunState }>();
  const instantiate = (as: AddressSpace) => {
    let x = instances.get(as);
    if (x !== undefined) return x;
    const state: RunState = { as, helpers: [], fault: null };
    const env: Record<string, unknown> = {
      mem: as.memory,
      fault: (code: number, pc: number, a: number, b: number) => { state.fault = describeFault(code, pc, a, b); },
      hx: (id: number) => callHelper(state, id >>> 0),
    };
    for (const id of helperIds) env[`h${id}`] = () => callHelper(state, id);
    x = { inst: new WA.Instance(mod, { env }), state };
    instances.set(as, x);
    return x;
  };
  return {
    ok: true,
    value: {
      wasm: bytes,
      run(as: AddressSpace, opts: ExecOptions = {}): ExecResult {
        const { inst, state } = instantiate(as);
        state.helpers = opts.helpers ?? [];
        state.fault = null;
        const [ps, pe] = packetBounds(as, opts);
        const budget = opts.maxSteps === undefined || opts.maxSteps > 0x7fffffff ? 0x7fffffff : opts.maxSteps;
        try {
          (inst.exports.run as (b: number, s: number, e: number) => void)(budget, ps, pe);
        } catch (e) {
          const f = state.fault as RunState['fault'];
          if (f === null) {
            if (e instanceof WA.RuntimeError) return { ok: false, error: { kind: 'bad-program', pc: -1, message: `JIT trap: ${e.message}` } };
            throw e;
          }
          if (f.kind !== 'stop') return { ok: false, error: { kind: f.kind, pc: f.pc, message: f.message } };
        }
        const r = as.regs;
        return { ok: true, r0: (BigInt(r[1] >>> 0) << 32n) | BigInt(r[0] >>> 0), steps: -1 };
      },
    },
  };
}

function callHelper(state: RunState, id: number): number {
  const h = state.helpers[id];
  if (h === undefined) return UNKNOWN_HELPER;
  return h(state.as.regs, state.as);
}

function describeFault(code: number, pc: number, a: number, b: number): RunState['fault'] {
  switch (code) {
    case F_STOP: return { kind: 'stop', pc, message: '' };
    case F_OOB: return { kind: 'out-of-bounds', pc, message: `access of ${b} bytes at 0x${(a >>> 0).toString(16)} is outside every mapped region` };
    case F_HELPER:
      if (a === HELPER_STOP) return { kind: 'stop', pc, message: '' };
      if (a === UNKNOWN_HELPER) return { kind: 'unknown-helper', pc, message: `no helper with id ${b >>> 0}` };
      return { kind: 'helper-failed', pc, message: `helper ${b >>> 0} failed (${a})` };
    case F_DEPTH: return { kind: 'call-depth', pc, message: `call depth exceeds ${MAX_CALL_FRAMES} frames` };
    case F_CALLX: return { kind: 'bad-callx', pc, message: 'callx target is neither a helper id nor a function entry' };
    case F_BUDGET: return { kind: 'budget', pc, message: 'execution budget exhausted' };
    default: return { kind: 'bad-program', pc, message: 'execution ran off the end of the program' };
  }
}

// ---------------------------------------------------------------------------

/** Instructions reachable from `entry` inside one function (calls do not leave it); n = the off-the-end marker. */
function bodyOf(prog: Program, entry: number): number[] {
  const n = prog.length;
  const seen = new Uint8Array(n + 1);
  const work = [entry];
  while (work.length > 0) {
    const pc = work.pop()!;
    if (seen[pc]) continue;
    seen[pc] = 1;
    if (pc === n) continue;
    const op = prog.op[pc];
    const kind = OPCODES[op]?.kind;
    if (kind === 'exit') continue;
    if (kind === 'ja') { work.push(pc + 1 + prog.off[pc]); continue; }
    if (kind === 'ja32') { work.push(pc + 1 + prog.imm[pc]); continue; }
    if (kind === 'jcond') work.push(pc + 1 + prog.off[pc]);
    work.push(op === LDDW ? pc + 2 : pc + 1);
  }
  const out: number[] = [];
  for (let pc = 0; pc <= n; pc++) if (seen[pc]) out.push(pc);
  return out;
}

function generate(prog: Program, budget: boolean): [Uint8Array, number[]] {
  const n = prog.length;
  const m = new ModuleBuilder();
  const tFault = m.type([I32, I32, I32, I32], []);
  const tHx = m.type([I32], [I32]);
  const tH = m.type([], [I32]);
  const regs11 = new Array(11).fill(I64);
  const res6 = new Array(6).fill(I64);
  const tFn = m.type(regs11, res6);
  m.imports.push({ module: 'env', name: 'fault', kind: 'func', type: tFault });
  m.imports.push({ module: 'env', name: 'hx', kind: 'func', type: tHx });
  const helperIds: number[] = [];
  const helperFn = new Map<number, number>();
  for (let pc = 0; pc < n; pc++) {
    if (prog.op[pc] === 0x85 && prog.src2[pc] !== 2 * BPF_PSEUDO_CALL && !helperFn.has(prog.imm[pc] >>> 0)) {
      const id = prog.imm[pc] >>> 0;
      helperFn.set(id, m.importedFuncs);
      helperIds.push(id);
      m.imports.push({ module: 'env', name: `h${id}`, kind: 'func', type: tH });
    }
  }
  m.imports.push({ module: 'env', name: 'mem', kind: 'memory', minPages: 1 });
  for (let g = 0; g < 4; g++) m.globals.push({ type: I32, mutable: true, init: 0 });
  const base = m.importedFuncs;
  const FN_CHK = base, FN_BSWAP64 = base + 1, FN_RUN = base + 2;
  const entries: number[] = [];
  for (let pc = 0; pc < n; pc++) if (prog.entries[pc]) entries.push(pc);
  const fnIndex = new Map<number, number>(entries.map((e, k) => [e, base + 3 + k]));

  m.funcs.push({ type: m.type([I64, I32, I32, I32], [I32]), locals: [[3, I32]], body: genChk() });
  m.funcs.push({ type: m.type([I64], [I64]), locals: [], body: genBswap64() });
  const run = new Bytes();
  run.get(0).gset(G_BUDGET).get(1).gset(G_PKT_START).get(2).gset(G_PKT_END).i32c(0).gset(G_DEPTH);
  run.i32c(REGS_OFF);
  for (let k = 0; k < 10; k++) run.i32c(REGS_OFF + 8 * k).mem(Op.i64_load);
  run.i64c(BigInt(STACK_TOP)).call(fnIndex.get(0)!);
  for (let k = 0; k < 5; k++) run.op(Op.drop);
  run.mem(Op.i64_store);
  m.funcs.push({ type: m.type([I32, I32, I32], []), locals: [], body: run });
  m.exports.push({ name: 'run', func: FN_RUN });
  const ctx: Ctx = { prog, helperFn, fnIndex, entries, FN_CHK, FN_BSWAP64, tFn, budget };
  for (const e of entries) m.funcs.push({ type: tFn, locals: [[2, I32], [1, I64], [2, I32]], body: genFunction(ctx, e, n) });
  return [m.build(), helperIds];
}

interface Ctx {
  prog: Program;
  helperFn: Map<number, number>;
  fnIndex: Map<number, number>;
  entries: number[];
  FN_CHK: number;
  FN_BSWAP64: number;
  tFn: number;
  budget: boolean;
}

/** chk(addr i64, len, prot, pc) -> i32 address, or fault + trap. Mirrors AddressSpace.find. */
function genChk(): Bytes {
  // params: 0 addr, 1 len, 2 prot, 3 pc; locals: 4 k, 5 a, 6 t
  const b = new Bytes();
  b.op(Op.block).byte(VOID);
  b.get(0).i64c(32n).op(Op.i64_shr_u).op(Op.i64_eqz).op(Op.i32_eqz).brIf(0);
  b.get(0).op(Op.i32_wrap_i64).set(5);
  b.i32c(0).set(4);
  b.op(Op.loop).byte(VOID);
  b.get(4).i32c(0).mem(Op.i32_load, TABLE_OFF).op(Op.i32_ge_u).brIf(1);
  b.get(4).i32c(12).op(Op.i32_mul).set(6);
  b.get(5).get(6).mem(Op.i32_load, TABLE_OFF + 4).op(Op.i32_ge_u);
  b.get(5).op(Op.i64_extend_i32_u).get(1).op(Op.i64_extend_i32_u).op(Op.i64_add);
  b.get(6).mem(Op.i32_load, TABLE_OFF + 8).op(Op.i64_extend_i32_u).op(Op.i64_le_u).op(Op.i32_and);
  b.op(Op.if).byte(VOID);
  b.get(6).mem(Op.i32_load, TABLE_OFF + 12).get(2).op(Op.i32_and).get(2).op(Op.i32_ne).brIf(2);
  b.get(5).op(Op.return);
  b.op(Op.end);
  b.get(4).i32c(1).op(Op.i32_add).set(4).br(0);
  b.op(Op.end); // loop
  b.op(Op.end); // block
  b.i32c(F_OOB).get(3).get(0).op(Op.i32_wrap_i64).get(1).call(FN_FAULT).op(Op.unreachable);
  return b;
}

function genBswap64(): Bytes {
  const b = new Bytes();
  b.get(0).i64c(0x00ff00ff00ff00ffn).op(Op.i64_and).i64c(8n).op(Op.i64_shl);
  b.get(0).i64c(8n).op(Op.i64_shr_u).i64c(0x00ff00ff00ff00ffn).op(Op.i64_and).op(Op.i64_or).set(0);
  b.get(0).i64c(0x0000ffff0000ffffn).op(Op.i64_and).i64c(16n).op(Op.i64_shl);
  b.get(0).i64c(16n).op(Op.i64_shr_u).i64c(0x0000ffff0000ffffn).op(Op.i64_and).op(Op.i64_or);
  b.i64c(32n).op(Op.i64_rotl);
  return b;
}

const bswap32 = (b: Bytes): void => {
  // x on the stack (i32): rotl(rotr(x & 0xff00ff00, 8) | rotl(x & 0x00ff00ff, 8), 16), L_A as scratch
  b.tee(L_A).i32c(0xff00ff00 | 0).op(Op.i32_and).i32c(8).op(Op.i32_rotr);
  b.get(L_A).i32c(0x00ff00ff).op(Op.i32_and).i32c(8).op(Op.i32_rotl).op(Op.i32_or).i32c(16).op(Op.i32_rotl);
};
const bswap16 = (b: Bytes): void => {
  b.tee(L_A).i32c(0xff).op(Op.i32_and).i32c(8).op(Op.i32_shl);
  b.get(L_A).i32c(8).op(Op.i32_shr_u).i32c(0xff).op(Op.i32_and).op(Op.i32_or);
};

const faultTrap = (b: Bytes, code: number, pc: number, a = 0, c = 0): void => {
  b.i32c(code).i32c(pc).i32c(a).i32c(c).call(FN_FAULT).op(Op.unreachable);
};

function genFunction(ctx: Ctx, entry: number, n: number): Bytes {
  const { prog } = ctx;
  const body = bodyOf(prog, entry);
  const inBody = new Set(body);
  // leaders: entry, jump targets, instructions after jumps
  const leader = new Set<number>([entry]);
  for (const pc of body) {
    if (pc === n) { leader.add(pc); continue; }
    const kind = OPCODES[prog.op[pc]]?.kind;
    if (kind === 'ja' || kind === 'jcond') { leader.add(pc + 1 + prog.off[pc]); leader.add(pc + 1); }
    if (kind === 'ja32') { leader.add(pc + 1 + prog.imm[pc]); leader.add(pc + 1); }
    if (kind === 'exit') leader.add(pc + 1);
  }
  const starts = body.filter((pc) => leader.has(pc) || !inBody.has(pc - 1));
  const blockOf = new Map<number, number>(starts.map((pc, k) => [pc, k]));
  const nb = starts.length;
  // The br_table at the loop head needs only the blocks that backward jumps (and the entry) reach.
  const dispatch = new Map<number, number>(); // block -> index in the br_table
  const addDispatch = (k: number) => { if (!dispatch.has(k)) dispatch.set(k, dispatch.size); };
  addDispatch(blockOf.get(entry)!);
  for (const pc of body) {
    if (pc === n) continue;
    const kind = OPCODES[prog.op[pc]]?.kind;
    const t = kind === 'ja' || kind === 'jcond' ? pc + 1 + prog.off[pc] : kind === 'ja32' ? pc + 1 + prog.imm[pc] : -1;
    if (t >= 0 && t <= pc) addDispatch(blockOf.get(t)!);
  }
  if (dispatch.size > 65000) throw new Error(`too many loop heads (${dispatch.size}) for one WebAssembly function`);
  const b = new Bytes();
  b.i32c(0).set(L_NEXT); // dispatch index 0 is the entry block
  // the budget lives in a local while this function runs; calls and exits hand it back to the global
  if (ctx.budget) b.gget(G_BUDGET).set(L_BUDGET);
  b.op(Op.loop).byte(VOID);
  for (let k = 0; k < nb; k++) b.op(Op.block).byte(VOID);
  b.get(L_NEXT).op(Op.br_table).u32(dispatch.size);
  for (const k of dispatch.keys()) b.u32(k);
  b.u32(blockOf.get(entry)!);
  let cur = -1;
  const jump = (target: number, extra: number, pc: number) => {
    const k = blockOf.get(target)!;
    if (k > cur) { b.br(k - cur - 1 + extra); return; }
    if (ctx.budget) budgetTick(b, pc);
    b.i32c(dispatch.get(k)!).set(L_NEXT).br(nb - 1 - cur + extra);
  };
  for (let k = 0; k < nb; k++) {
    b.op(Op.end); // closes block k: its code follows
    cur = k;
    const end = k + 1 < nb ? starts[k + 1] : Infinity;
    for (let pc = starts[k]; pc < end && inBody.has(pc); pc++) {
      if (pc === n) { faultTrap(b, F_END, n); break; }
      emitInsn(ctx, b, pc, jump);
      if (prog.op[pc] === LDDW) pc++;
    }
  }
  b.op(Op.end); // loop
  b.op(Op.unreachable);
  return b;
}

function budgetTick(b: Bytes, pc: number): void {
  b.get(L_BUDGET).i32c(1).op(Op.i32_sub).tee(L_BUDGET).i32c(0).op(Op.i32_lt_s).op(Op.if).byte(VOID);
  faultTrap(b, F_BUDGET, pc);
  b.op(Op.end);
}

type Jump = (target: number, extra: number, pc: number) => void;

const ALU64_OPS: Record<number, number> = {
  0x00: Op.i64_add, 0x10: Op.i64_sub, 0x20: Op.i64_mul, 0x40: Op.i64_or, 0x50: Op.i64_and, 0x60: Op.i64_shl,
  0x70: Op.i64_shr_u, 0xa0: Op.i64_xor, 0xc0: Op.i64_shr_s,
};
const ALU32_OPS: Record<number, number> = {
  0x00: Op.i32_add, 0x10: Op.i32_sub, 0x20: Op.i32_mul, 0x40: Op.i32_or, 0x50: Op.i32_and, 0x60: Op.i32_shl,
  0x70: Op.i32_shr_u, 0xa0: Op.i32_xor, 0xc0: Op.i32_shr_s,
};
const CMP64: Record<number, number> = {
  0x10: Op.i64_eq, 0x20: Op.i64_gt_u, 0x30: Op.i64_ge_u, 0x50: Op.i64_ne, 0x60: Op.i64_gt_s, 0x70: Op.i64_ge_s,
  0xa0: Op.i64_lt_u, 0xb0: Op.i64_le_u, 0xc0: Op.i64_lt_s, 0xd0: Op.i64_le_s,
};
const CMP32: Record<number, number> = {
  0x10: Op.i32_eq, 0x20: Op.i32_gt_u, 0x30: Op.i32_ge_u, 0x50: Op.i32_ne, 0x60: Op.i32_gt_s, 0x70: Op.i32_ge_s,
  0xa0: Op.i32_lt_u, 0xb0: Op.i32_le_u, 0xc0: Op.i32_lt_s, 0xd0: Op.i32_le_s,
};

function emitInsn(ctx: Ctx, b: Bytes, pc: number, jump: Jump): void {
  const { prog } = ctx;
  const op = prog.op[pc], d = prog.dst2[pc] >> 1, s = prog.src2[pc] >> 1, off = prog.off[pc], imm = prog.imm[pc];
  const cls = op & 7, code = op & 0xf0, isX = (op & 8) !== 0;
  const src64 = () => (isX ? b.get(s) : b.i64c(BigInt(imm)));
  const src32 = () => (isX ? b.get(s).op(Op.i32_wrap_i64) : b.i32c(imm));
  const info = OPCODES[op]!;
  switch (info.kind) {
    case 'alu':
      if (cls === BPF_ALU64) return alu64(b, code, d, off, src64, isX, s);
      return alu32(b, code, d, off, src32, isX, s, imm);
    case 'neg':
      if (cls === BPF_ALU64) b.i64c(0n).get(d).op(Op.i64_sub).set(d);
      else b.i32c(0).get(d).op(Op.i32_wrap_i64).op(Op.i32_sub).op(Op.i64_extend_i32_u).set(d);
      return;
    case 'end': {
      const swap = op === 0xdc || op === 0xd7;
      if (imm === 64) { if (swap) b.get(d).call(ctx.FN_BSWAP64).set(d); return; }
      b.get(d).op(Op.i32_wrap_i64);
      if (imm === 16) { if (swap) bswap16(b); else b.i32c(0xffff).op(Op.i32_and); } else if (swap) bswap32(b);
      b.op(Op.i64_extend_i32_u).set(d);
      return;
    }
    case 'lddw':
      b.i64c((BigInt(prog.kHi[pc]) << 32n) | BigInt(prog.kLo[pc] >>> 0)).set(d);
      return;
    case 'ldx': case 'ldxs': {
      const size = op & 0x18, len = size === 0x18 ? 8 : size === 0 ? 4 : size === 8 ? 2 : 1;
      addr(ctx, b, s, off, len, PROT_READ, pc);
      const signed = info.kind === 'ldxs';
      b.mem(len === 8 ? Op.i64_load : len === 4 ? (signed ? Op.i64_load32_s : Op.i64_load32_u)
        : len === 2 ? (signed ? Op.i64_load16_s : Op.i64_load16_u) : (signed ? Op.i64_load8_s : Op.i64_load8_u)).set(d);
      return;
    }
    case 'st': case 'stx': {
      const size = op & 0x18, len = size === 0x18 ? 8 : size === 0 ? 4 : size === 8 ? 2 : 1;
      addr(ctx, b, d, off, len, PROT_WRITE, pc);
      if (info.kind === 'stx') b.get(s); else b.i64c(BigInt(imm));
      b.mem(len === 8 ? Op.i64_store : len === 4 ? Op.i64_store32 : len === 2 ? Op.i64_store16 : Op.i64_store8);
      return;
    }
    case 'atomic': return atomic(ctx, b, pc, op === 0xdb, d, s, off, imm);
    case 'ldabs': case 'ldind': {
      const size = op & 0x18, len = size === 0 ? 4 : size === 8 ? 2 : 1;
      if (info.kind === 'ldind') b.get(s).op(Op.i32_wrap_i64).i32c(imm).op(Op.i32_add); else b.i32c(imm);
      b.set(L_A);
      b.get(L_A).i32c(0).op(Op.i32_lt_s);
      b.gget(G_PKT_START).op(Op.i64_extend_i32_u).get(L_A).op(Op.i64_extend_i32_u).op(Op.i64_add).i64c(BigInt(len)).op(Op.i64_add);
      b.gget(G_PKT_END).op(Op.i64_extend_i32_u).op(Op.i64_gt_u).op(Op.i32_or);
      b.op(Op.if).byte(VOID);
      b.i32c(REGS_OFF).i64c(0n).mem(Op.i64_store);
      faultTrap(b, F_STOP, pc);
      b.op(Op.end);
      b.gget(G_PKT_START).get(L_A).op(Op.i32_add);
      if (len === 1) b.mem(Op.i64_load8_u);
      else {
        b.mem(len === 4 ? Op.i32_load : Op.i32_load16_u);
        if (len === 4) bswap32(b); else bswap16(b);
        b.op(Op.i64_extend_i32_u);
      }
      b.set(0);
      return;
    }
    case 'ja': return jump(pc + 1 + off, 0, pc);
    case 'ja32': return jump(pc + 1 + imm, 0, pc);
    case 'jcond': {
      if (cls === BPF_JMP) {
        b.get(d); src64();
        if (code === 0x40) b.op(Op.i64_and).i64c(0n).op(Op.i64_ne); else b.op(CMP64[code]);
      } else {
        b.get(d).op(Op.i32_wrap_i64); src32();
        if (code === 0x40) b.op(Op.i32_and).i32c(0).op(Op.i32_ne); else b.op(CMP32[code]);
      }
      b.op(Op.if).byte(VOID);
      jump(pc + 1 + off, 1, pc);
      b.op(Op.end);
      return;
    }
    case 'call':
      if (prog.src2[pc] === 2 * BPF_PSEUDO_CALL) return localCall(ctx, b, pc, ctx.fnIndex.get(pc + 1 + imm)!);
      storeArgs(b);
      b.call(ctx.helperFn.get(imm >>> 0)!);
      helperReturn(b, pc, b2 => b2.i32c(imm));
      return;
    case 'callx': {
      // hi == 0: helper id; hi == CODE_ADDR_HI: a function entry; else a fault
      b.get(d).i64c(32n).op(Op.i64_shr_u).op(Op.i32_wrap_i64).tee(L_A).op(Op.i32_eqz);
      b.op(Op.if).byte(VOID);
      storeArgs(b);
      b.get(d).op(Op.i32_wrap_i64).call(FN_HX);
      helperReturn(b, pc, (b2) => b2.get(d).op(Op.i32_wrap_i64));
      b.op(Op.else);
      b.op(Op.block).byte(VOID);
      b.get(L_A).i32c(CODE_ADDR_HI).op(Op.i32_ne).brIf(0);
      for (const e of ctx.entries) {
        b.get(d).op(Op.i32_wrap_i64).i32c(e).op(Op.i32_eq).op(Op.if).byte(VOID);
        localCall(ctx, b, pc, ctx.fnIndex.get(e)!);
        b.br(2); // out of the if, the block: done
        b.op(Op.end);
      }
      b.op(Op.end);
      faultTrap(b, F_CALLX, pc);
      b.op(Op.end);
      return;
    }
    case 'exit':
      if (ctx.budget) b.get(L_BUDGET).gset(G_BUDGET);
      for (let k = 0; k < 6; k++) b.get(k);
      b.op(Op.return);
      return;
  }
}

function storeArgs(b: Bytes): void {
  for (let k = 1; k <= 5; k++) b.i32c(REGS_OFF + 8 * k).get(k).mem(Op.i64_store);
}

/** After a helper import returned rc (on the stack): fault unless HELPER_OK, then reload r0. */
function helperReturn(b: Bytes, pc: number, pushId: (b: Bytes) => void): void {
  b.tee(L_RC).i32c(HELPER_OK).op(Op.i32_ne).op(Op.if).byte(VOID);
  b.i32c(F_HELPER).i32c(pc).get(L_RC);
  pushId(b);
  b.call(FN_FAULT).op(Op.unreachable);
  b.op(Op.end);
  b.i32c(REGS_OFF).mem(Op.i64_load).set(0);
}

function localCall(ctx: Ctx, b: Bytes, pc: number, fn: number): void {
  b.gget(G_DEPTH).i32c(1).op(Op.i32_add).tee(L_A).i32c(MAX_CALL_FRAMES).op(Op.i32_ge_s).op(Op.if).byte(VOID);
  faultTrap(b, F_DEPTH, pc);
  b.op(Op.end);
  b.get(L_A).gset(G_DEPTH);
  if (ctx.budget) budgetTick(b, pc);
  if (ctx.budget) b.get(L_BUDGET).gset(G_BUDGET);
  for (let k = 0; k < 10; k++) b.get(k);
  b.get(10).i64c(BigInt(STACK_SIZE)).op(Op.i64_sub);
  b.call(fn);
  if (ctx.budget) b.gget(G_BUDGET).set(L_BUDGET);
  for (let k = 5; k >= 0; k--) b.set(k);
  b.gget(G_DEPTH).i32c(1).op(Op.i32_sub).gset(G_DEPTH);
}

/** Leaves the checked i32 address of reg+off on the stack. r10-relative accesses inside one frame need no check. */
function addr(ctx: Ctx, b: Bytes, reg: number, off: number, len: number, prot: number, pc: number): void {
  if (reg === 10 && off >= -STACK_SIZE && off + len <= 0) {
    b.get(10).op(Op.i32_wrap_i64).i32c(off).op(Op.i32_add);
    return;
  }
  b.get(reg).i64c(BigInt(off)).op(Op.i64_add).i32c(len).i32c(prot).i32c(pc).call(ctx.FN_CHK);
}

function alu64(b: Bytes, code: number, d: number, off: number, src: () => unknown, isX: boolean, s: number): void {
  const simple = ALU64_OPS[code];
  if (simple !== undefined) { b.get(d); src(); b.op(simple).set(d); return; }
  if (code === 0xb0) { // mov / movsx
    if (off === 0) src(); else b.get(s).op(off === 8 ? Op.i64_extend8_s : off === 16 ? Op.i64_extend16_s : Op.i64_extend32_s);
    b.set(d);
    return;
  }
  // div / mod (off 1: signed); divisor in L_T
  src(); b.set(L_T);
  b.get(L_T).op(Op.i64_eqz).op(Op.if).byte(I64);
  if (code === 0x30) b.i64c(0n); else b.get(d);
  b.op(Op.else);
  if (off === 1) {
    b.get(L_T).i64c(-1n).op(Op.i64_eq).op(Op.if).byte(I64);
    if (code === 0x30) b.i64c(0n).get(d).op(Op.i64_sub); else b.i64c(0n);
    b.op(Op.else).get(d).get(L_T).op(code === 0x30 ? Op.i64_div_s : Op.i64_rem_s).op(Op.end);
  } else b.get(d).get(L_T).op(code === 0x30 ? Op.i64_div_u : Op.i64_rem_u);
  b.op(Op.end).set(d);
  void isX;
}

function alu32(b: Bytes, code: number, d: number, off: number, src: () => unknown, isX: boolean, s: number, imm: number): void {
  const simple = ALU32_OPS[code];
  if (simple !== undefined) { b.get(d).op(Op.i32_wrap_i64); src(); b.op(simple).op(Op.i64_extend_i32_u).set(d); return; }
  if (code === 0xb0) {
    if (!isX) { b.i64c(BigInt(imm >>> 0)).set(d); return; }
    b.get(s).op(Op.i32_wrap_i64);
    if (off === 8) b.op(Op.i32_extend8_s); else if (off === 16) b.op(Op.i32_extend16_s);
    b.op(Op.i64_extend_i32_u).set(d);
    return;
  }
  src(); b.set(L_A);
  b.get(L_A).op(Op.i32_eqz).op(Op.if).byte(I32);
  if (code === 0x30) b.i32c(0); else b.get(d).op(Op.i32_wrap_i64);
  b.op(Op.else);
  if (off === 1) {
    b.get(L_A).i32c(-1).op(Op.i32_eq).op(Op.if).byte(I32);
    if (code === 0x30) b.i32c(0).get(d).op(Op.i32_wrap_i64).op(Op.i32_sub); else b.i32c(0);
    b.op(Op.else).get(d).op(Op.i32_wrap_i64).get(L_A).op(code === 0x30 ? Op.i32_div_s : Op.i32_rem_s).op(Op.end);
  } else b.get(d).op(Op.i32_wrap_i64).get(L_A).op(code === 0x30 ? Op.i32_div_u : Op.i32_rem_u);
  b.op(Op.end).op(Op.i64_extend_i32_u).set(d);
}

function atomic(ctx: Ctx, b: Bytes, pc: number, wide: boolean, d: number, s: number, off: number, imm: number): void {
  addr(ctx, b, d, off, wide ? 8 : 4, PROT_READ | PROT_WRITE, pc);
  b.tee(L_A).mem(wide ? Op.i64_load : Op.i64_load32_u).set(L_T);
  const store = wide ? Op.i64_store : Op.i64_store32;
  if (imm === BPF_CMPXCHG) {
    b.get(L_T).get(0);
    if (!wide) b.i64c(0xffffffffn).op(Op.i64_and);
    b.op(Op.i64_eq).op(Op.if).byte(VOID).get(L_A).get(s).mem(store).op(Op.end);
    b.get(L_T).set(0);
    return;
  }
  b.get(L_A);
  if (imm === BPF_XCHG) b.get(s);
  else {
    b.get(L_T).get(s);
    const base = imm & ~BPF_FETCH;
    b.op(base === 0x00 ? Op.i64_add : base === 0x40 ? Op.i64_or : base === 0x50 ? Op.i64_and : Op.i64_xor);
  }
  b.mem(store);
  if ((imm & BPF_FETCH) !== 0) b.get(L_T).set(s);
}

