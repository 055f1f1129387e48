// Conditional jumps on scalars (Linux is_branch_taken and reg_set_min_max,
// re-derived): decide a branch when the ranges allow only one outcome, and
// otherwise narrow both operands on each side of the branch, in 64 or 32 bits.
import {
  BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT, BPF_JSLE, BPF_JSLT,
} from '../isa.js';
import { U32, U64, tnumAnd, tnumConst, tnumIntersect, tnumIsConst, tnumOverlap, tnumSubreg, tnumWithSubreg } from './tnum.js';
import { type Reg, regBoundsSync } from './reg.js';

interface V { smin: bigint; smax: bigint; umin: bigint; umax: bigint }
const view = (r: Reg, is32: boolean): V => (is32
  ? { smin: r.s32min, smax: r.s32max, umin: r.u32min, umax: r.u32max }
  : { smin: r.smin, smax: r.smax, umin: r.umin, umax: r.umax });

/** The opposite condition (taken on the fall-through side). */
export function negateCond(op: number): number {
  switch (op) {
    case BPF_JEQ: return BPF_JNE;
    case BPF_JNE: return BPF_JEQ;
    case BPF_JGT: return BPF_JLE;
    case BPF_JLE: return BPF_JGT;
    case BPF_JGE: return BPF_JLT;
    case BPF_JLT: return BPF_JGE;
    case BPF_JSGT: return BPF_JSLE;
    case BPF_JSLE: return BPF_JSGT;
    case BPF_JSGE: return BPF_JSLT;
    case BPF_JSLT: return BPF_JSGE;
    default: return -1; // JSET has no negation as a comparison; callers special-case it.
  }
}

/** The condition with operands swapped (a OP b  ==  b OP' a). */
export function swapCond(op: number): number {
  switch (op) {
    case BPF_JGT: return BPF_JLT;
    case BPF_JLT: return BPF_JGT;
    case BPF_JGE: return BPF_JLE;
    case BPF_JLE: return BPF_JGE;
    case BPF_JSGT: return BPF_JSLT;
    case BPF_JSLT: return BPF_JSGT;
    case BPF_JSGE: return BPF_JSLE;
    case BPF_JSLE: return BPF_JSGE;
    default: return op;
  }
}

/** 1 if the condition always holds, 0 if never, -1 if unknown (both scalars). */
export function isBranchTaken(a: Reg, b: Reg, op: number, is32: boolean): number {
  const x = view(a, is32); const y = view(b, is32);
  const ta = is32 ? tnumSubreg(a.var) : a.var;
  const tb = is32 ? tnumSubreg(b.var) : b.var;
  switch (op) {
    case BPF_JEQ:
    case BPF_JNE: {
      let r = -1;
      if (tnumIsConst(ta) && tnumIsConst(tb)) r = ta.value === tb.value ? 1 : 0;
      else if (x.umin > y.umax || x.umax < y.umin || x.smin > y.smax || x.smax < y.smin || !tnumOverlap(ta, tb)) r = 0;
      return r === -1 || op === BPF_JEQ ? r : 1 - r;
    }
    case BPF_JSET:
      if (tnumIsConst(tb)) {
        if ((ta.value & tb.value) !== 0n) return 1;
        if (((ta.value | ta.mask) & tb.value) === 0n) return 0;
      }
      return -1;
    case BPF_JGT: return x.umin > y.umax ? 1 : x.umax <= y.umin ? 0 : -1;
    case BPF_JGE: return x.umin >= y.umax ? 1 : x.umax < y.umin ? 0 : -1;
    case BPF_JLT: return x.umax < y.umin ? 1 : x.umin >= y.umax ? 0 : -1;
    case BPF_JLE: return x.umax <= y.umin ? 1 : x.umin > y.umax ? 0 : -1;
    case BPF_JSGT: return x.smin > y.smax ? 1 : x.smax <= y.smin ? 0 : -1;
    case BPF_JSGE: return x.smin >= y.smax ? 1 : x.smax < y.smin ? 0 : -1;
    case BPF_JSLT: return x.smax < y.smin ? 1 : x.smin >= y.smax ? 0 : -1;
    case BPF_JSLE: return x.smax <= y.smin ? 1 : x.smin > y.smax ? 0 : -1;
    default: return -1;
  }
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

function write(r: Reg, v: V, is32: boolean): void {
  if (is32) { r.s32min = v.smin; r.s32max = v.smax; r.u32min = v.umin; r.u32max = v.umax; } else {
    r.smin = v.smin; r.smax = v.smax; r.umin = v.umin; r.umax = v.umax;
  }
}

/**
 * Narrows a and b (scalars) assuming `a OP b` holds (op may be a negated
 * condition; for JSET pass `jsetFalse` to assume the bits are all clear).
 * Either register may be empty afterwards (boundsEmpty): the branch is dead.
 */
export function refineCond(a: Reg, b: Reg, op: number, is32: boolean, jsetFalse = false): void {
  const x = view(a, is32); const y = view(b, is32);
  if (op === BPF_JSET) {
    const tb = is32 ? tnumSubreg(b.var) : b.var;
    if (jsetFalse && tnumIsConst(tb)) {
      const keep = tnumConst(~tb.value & (is32 ? U32 : U64));
      if (is32) a.var = tnumWithSubreg(a.var, tnumAnd(tnumSubreg(a.var), keep));
      else a.var = tnumAnd(a.var, keep);
      regBoundsSync(a);
    }
    return;
  }
  switch (op) {
    case BPF_JEQ: {
      const lo = max(x.umin, y.umin); const hi = min(x.umax, y.umax);
      const slo = max(x.smin, y.smin); const shi = min(x.smax, y.smax);
      x.umin = y.umin = lo; x.umax = y.umax = hi; x.smin = y.smin = slo; x.smax = y.smax = shi;
      if (is32) {
        const t = tnumIntersect(tnumSubreg(a.var), tnumSubreg(b.var));
        a.var = tnumWithSubreg(a.var, t); b.var = tnumWithSubreg(b.var, t);
      } else {
        const t = tnumIntersect(a.var, b.var);
        a.var = t; b.var = t;
      }
      break;
    }
    case BPF_JNE: {
      // Only a constant at an end of the other range can be cut off.
      const cut = (p: V, c: V): void => {
        if (c.umin !== c.umax) return;
        if (p.umin === c.umin) p.umin += 1n; else if (p.umax === c.umin) p.umax -= 1n;
        if (c.smin === c.smax) { if (p.smin === c.smin) p.smin += 1n; else if (p.smax === c.smin) p.smax -= 1n; }
      };
      cut(x, y); cut(y, x);
      break;
    }
    case BPF_JGT: x.umin = max(x.umin, y.umin + 1n); y.umax = min(y.umax, x.umax - 1n); break;
    case BPF_JGE: x.umin = max(x.umin, y.umin); y.umax = min(y.umax, x.umax); break;
    case BPF_JLT: x.umax = min(x.umax, y.umax - 1n); y.umin = max(y.umin, x.umin + 1n); break;
    case BPF_JLE: x.umax = min(x.umax, y.umax); y.umin = max(y.umin, x.umin); break;
    case BPF_JSGT: x.smin = max(x.smin, y.smin + 1n); y.smax = min(y.smax, x.smax - 1n); break;
    case BPF_JSGE: x.smin = max(x.smin, y.smin); y.smax = min(y.smax, x.smax); break;
    case BPF_JSLT: x.smax = min(x.smax, y.smax - 1n); y.smin = max(y.smin, x.smin + 1n); break;
    case BPF_JSLE: x.smax = min(x.smax, y.smax); y.smin = max(y.smin, x.smin); break;
    default: break;
  }
  write(a, x, is32); write(b, y, is32);
  if (!emptyV(x)) regBoundsSync(a);
  if (!emptyV(y)) regBoundsSync(b);
}

const emptyV = (v: V): boolean => v.smin > v.smax || v.umin > v.umax;
