// Pass 1: control flow (Linux check_subprogs + check_cfg, re-derived). Finds
// the functions (entry + targets of bpf-to-bpf calls and of function-pointer
// loads), checks that jumps stay inside their function and that no function
// falls through its end, finds unreachable instructions and back-edges, marks
// the prune points pass 2 checkpoints at, and computes register liveness (a
// backward dataflow per function) so pruning ignores dead registers.
import {
  BPF_CALL_HELPER, BPF_JA, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_X, type Insn, LDDW, OPCODES, jumpTarget, srcBit,
  BPF_CMPXCHG, BPF_FETCH,
} from '../isa.js';
import { VerifyError } from './errors.js';

export interface Cfg {
  /** Sorted start instruction of each function; subprogs[0] = 0. */
  readonly subprogs: number[];
  /** Function index of every instruction. */
  readonly subprogOf: Int32Array;
  /** 1 where pass 2 may checkpoint (jump targets, fall-throughs of branches, after calls). */
  readonly prune: Uint8Array;
  /** Bit mask of registers live on entry to each instruction. */
  readonly live: Int32Array;
  /** Static callees of each function (for the combined stack depth check). */
  readonly callees: Set<number>[];
  readonly hasBackEdge: boolean;
}

const isSecond = (insns: readonly Insn[], pc: number): boolean => pc > 0 && insns[pc - 1].opcode === LDDW;

/** Control-flow successors inside the function (calls fall through to pc+1). */
export function successors(insns: readonly Insn[], pc: number): number[] {
  const i = insns[pc];
  const k = OPCODES[i.opcode]?.kind;
  switch (k) {
    case 'exit': return [];
    case 'ja': case 'ja32': return [jumpTarget(i, pc)];
    case 'jcond': return [pc + 1, jumpTarget(i, pc)];
    case 'lddw': return [pc + 2];
    default: return [pc + 1];
  }
}

export function buildCfg(insns: readonly Insn[], privileged: boolean): Cfg {
  const n = insns.length;
  const starts = new Set<number>([0]);
  for (let pc = 0; pc < n; pc++) {
    if (isSecond(insns, pc)) continue;
    const i = insns[pc];
    const k = OPCODES[i.opcode]?.kind;
    if ((k === 'call' && i.src === BPF_PSEUDO_CALL) || (k === 'lddw' && i.src === BPF_PSEUDO_FUNC)) starts.add(jumpTarget(i, pc));
    if (k === 'call' && i.src === BPF_PSEUDO_CALL && !privileged) {
      throw new VerifyError('E_BAD_CALL', pc, 'function calls to other bpf functions are allowed for privileged programs only');
    }
    if (k === 'callx') throw new VerifyError('E_BAD_INSN', pc, 'callx (call through a register) is not supported by the verifier');
  }
  const subprogs = [...starts].sort((a, b) => a - b);
  const subprogOf = new Int32Array(n);
  for (let s = 0; s < subprogs.length; s++) subprogOf.fill(s, subprogs[s], s + 1 < subprogs.length ? subprogs[s + 1] : n);

  // Jumps stay in their function; each function ends with exit or ja.
  for (let s = 0; s < subprogs.length; s++) {
    const end = s + 1 < subprogs.length ? subprogs[s + 1] : n;
    const last = insns[end - 1];
    const lk = isSecond(insns, end - 1) ? 'lddw' : OPCODES[last.opcode]?.kind;
    if (lk !== 'exit' && lk !== 'ja' && lk !== 'ja32') {
      throw new VerifyError('E_FALLTHROUGH', end - 1, `last insn of function ${s} is not an exit or jmp`);
    }
  }
  for (let pc = 0; pc < n; pc++) {
    if (isSecond(insns, pc)) continue;
    const k = OPCODES[insns[pc].opcode]?.kind;
    if (k !== 'ja' && k !== 'ja32' && k !== 'jcond') continue;
    const t = jumpTarget(insns[pc], pc);
    if (subprogOf[t] !== subprogOf[pc]) throw new VerifyError('E_JUMP_OUT_OF_RANGE', pc, `jump out of range from insn ${pc} to ${t}`);
  }

  // Depth-first search from every function entry reached from the main program.
  const prune = new Uint8Array(n);
  const color = new Uint8Array(n); // 0 white, 1 on stack, 2 done
  const callees = subprogs.map(() => new Set<number>());
  const reachedFn = new Set<number>([0]);
  const fnQueue = [0];
  let hasBackEdge = false;
  while (fnQueue.length > 0) {
    const s = fnQueue.pop()!;
    const entry = subprogs[s];
    prune[entry] = 1;
    const stack: [number, number][] = [[entry, 0]];
    color[entry] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      const pc = top[0];
      const i = insns[pc];
      const k = OPCODES[i.opcode]?.kind;
      if (top[1] === 0 && ((k === 'call' && i.src === BPF_PSEUDO_CALL) || (k === 'lddw' && i.src === BPF_PSEUDO_FUNC))) {
        const callee = subprogOf[jumpTarget(i, pc)];
        callees[s].add(callee);
        if (!reachedFn.has(callee)) { reachedFn.add(callee); fnQueue.push(callee); }
      }
      if (top[1] === 0 && k === 'call') prune[pc + 1 < n ? pc + 1 : pc] = 1;
      const succ = successors(insns, pc);
      if (top[1] >= succ.length) { color[pc] = 2; stack.pop(); continue; }
      const t = succ[top[1]++];
      if (k === 'jcond' || k === 'ja' || k === 'ja32') { prune[t] = 1; if (k === 'jcond') prune[pc + 1] = 1; }
      if (t >= n) throw new VerifyError('E_JUMP_OUT_OF_RANGE', pc, `insn ${pc} falls off the end of the program`);
      if (color[t] === 1) {
        hasBackEdge = true;
        if (!privileged) throw new VerifyError('E_BACK_EDGE', pc, `back-edge from insn ${pc} to ${t}`);
      } else if (color[t] === 0) {
        color[t] = 1;
        stack.push([t, 0]);
      }
    }
  }
  for (let pc = 0; pc < n; pc++) {
    if (!isSecond(insns, pc) && color[pc] === 0) {
      if (!reachedFn.has(subprogOf[pc]) && subprogs.includes(pc)) throw new VerifyError('E_UNREACHABLE', pc, `function at insn ${pc} is never called`);
      throw new VerifyError('E_UNREACHABLE', pc, `unreachable insn ${pc}`);
    }
  }
  return { subprogs, subprogOf, prune, live: liveness(insns, n), callees, hasBackEdge };
}

/** Registers read and written by one instruction (bit masks). */
function useDef(i: Insn): [number, number] {
  const k = OPCODES[i.opcode]?.kind;
  const d = 1 << i.dst; const s = 1 << i.src;
  const x = srcBit(i.opcode) === BPF_X;
  switch (k) {
    case 'alu': return [((i.opcode & 0xf0) === 0xb0 ? 0 : d) | (x ? s : 0), d];
    case 'neg': case 'end': return [d, d];
    case 'lddw': return [0, d];
    case 'ldx': case 'ldxs': return [s, d];
    case 'st': return [d, 0];
    case 'stx': return [d | s, 0];
    case 'atomic': {
      if (i.imm === BPF_CMPXCHG) return [d | s | 1, 1];
      return [d | s, (i.imm & BPF_FETCH) !== 0 ? s : 0];
    }
    case 'ldabs': return [1 << 6, 0x3f];
    case 'ldind': return [(1 << 6) | s, 0x3f];
    case 'jcond': return [d | (x ? s : 0), 0];
    case 'ja': case 'ja32': return [0, 0];
    case 'call': return [i.src === BPF_CALL_HELPER || i.src === BPF_PSEUDO_CALL ? 0x3e : 0x3e, 0x3f];
    case 'callx': return [0x3e | d, 0x3f];
    case 'exit': return [1, 0];
    default: return [0, 0];
  }
}

function liveness(insns: readonly Insn[], n: number): Int32Array {
  const live = new Int32Array(n);
  const ud = insns.map((i) => useDef(i));
  const succ = insns.map((_, pc) => (isSecond(insns, pc) ? [] : successors(insns, pc)));
  let changed = true;
  while (changed) {
    changed = false;
    for (let pc = n - 1; pc >= 0; pc--) {
      if (isSecond(insns, pc)) continue;
      let out = 0;
      for (const t of succ[pc]) if (t < n) out |= live[t];
      const [use, def] = ud[pc];
      const v = (out & ~def) | use | (1 << 10);
      if (v !== live[pc]) { live[pc] = v; changed = true; }
    }
  }
  return live;
}

export { BPF_JA };
