// The abstract value of one register (Linux's struct bpf_reg_state): a type,
// and for scalars and for the variable part of pointers a tristate number plus
// signed/unsigned 64- and 32-bit bounds kept consistent by regBoundsSync (Linux
// reg_bounds_sync). Pointers also carry a fixed offset, an id (copies of one
// pointer share it, so a null check or a packet range proof refines them all)
// and, for acquired objects, the id of the reference that owns them.
import {
  TNUM_UNKNOWN, U32, U64, type Tnum, tnumCast, tnumClearSubreg, tnumConst, tnumEquals, tnumIn, tnumIntersect, tnumIsConst,
  tnumOr, tnumRange, tnumStr, tnumSubreg,
} from './tnum.js';
import type { MapDef } from '../maps/types.js';

export enum RegType {
  NOT_INIT = 0, SCALAR, PTR_TO_CTX, PTR_TO_STACK, PTR_TO_MAP_VALUE, PTR_TO_MAP_VALUE_OR_NULL, CONST_PTR_TO_MAP,
  PTR_TO_MAP_KEY, PTR_TO_PACKET, PTR_TO_PACKET_END, PTR_TO_PACKET_META, PTR_TO_MEM, PTR_TO_MEM_OR_NULL, PTR_TO_FUNC,
}

/** Linux's short names, used in the log (R1=ctx() R2=map_value_or_null(...)). */
export const REG_TYPE_NAMES = [
  'not_init', 'scalar', 'ctx', 'fp', 'map_value', 'map_value_or_null', 'map_ptr', 'map_key', 'pkt', 'pkt_end', 'pkt_meta',
  'mem', 'mem_or_null', 'func',
];

export const S64_MIN = -(1n << 63n);
export const S64_MAX = (1n << 63n) - 1n;
export const S32_MIN = -(1n << 31n);
export const S32_MAX = (1n << 31n) - 1n;

const s64 = (x: bigint): bigint => BigInt.asIntN(64, x);
const s32 = (x: bigint): bigint => BigInt.asIntN(32, x);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);

export class Reg {
  type: RegType;
  /** Fixed offset of a pointer. */
  off: number;
  var: Tnum;
  smin: bigint; smax: bigint; umin: bigint; umax: bigint;
  s32min: bigint; s32max: bigint; u32min: bigint; u32max: bigint;
  /** Shared by copies: null checks and packet ranges apply to every register with the same id. */
  id: number;
  /** Id of the acquired reference this pointer belongs to (ringbuf records), 0 if none. */
  refId: number;
  /** Packet: bytes proven readable from the pointer's base; mem: size of the region. */
  range: number;
  map: MapDef | null;
  /** Stack pointers: the frame they point into. Function pointers: the subprogram index. */
  frameno: number;

  /** A NOT_INIT register, or a copy of `o`. */
  constructor(o?: Reg) {
    if (o === undefined) {
      this.type = RegType.NOT_INIT; this.off = 0; this.var = TNUM_UNKNOWN;
      this.smin = S64_MIN; this.smax = S64_MAX; this.umin = 0n; this.umax = U64;
      this.s32min = S32_MIN; this.s32max = S32_MAX; this.u32min = 0n; this.u32max = U32;
      this.id = 0; this.refId = 0; this.range = 0; this.map = null; this.frameno = 0;
    } else {
      this.type = o.type; this.off = o.off; this.var = o.var;
      this.smin = o.smin; this.smax = o.smax; this.umin = o.umin; this.umax = o.umax;
      this.s32min = o.s32min; this.s32max = o.s32max; this.u32min = o.u32min; this.u32max = o.u32max;
      this.id = o.id; this.refId = o.refId; this.range = o.range; this.map = o.map; this.frameno = o.frameno;
    }
  }

  clone(): Reg {
    return new Reg(this);
  }

  copyFrom(o: Reg): void {
    this.type = o.type; this.off = o.off; this.var = o.var;
    this.smin = o.smin; this.smax = o.smax; this.umin = o.umin; this.umax = o.umax;
    this.s32min = o.s32min; this.s32max = o.s32max; this.u32min = o.u32min; this.u32max = o.u32max;
    this.id = o.id; this.refId = o.refId; this.range = o.range; this.map = o.map; this.frameno = o.frameno;
  }

  isPointer(): boolean { return this.type > RegType.SCALAR; }
  isConst(): boolean { return this.type === RegType.SCALAR && tnumIsConst(this.var); }
  /** The constant value as unsigned 64. */
  get constValue(): bigint { return this.var.value; }
}

/** Everything unknown; keeps nothing of the previous value. */
export function markUnknown(r: Reg): void {
  r.type = RegType.SCALAR;
  r.off = 0; r.id = 0; r.refId = 0; r.range = 0; r.map = null; r.frameno = 0;
  markVarUnbounded(r);
}

export function markVarUnbounded(r: Reg): void {
  r.var = TNUM_UNKNOWN;
  r.smin = S64_MIN; r.smax = S64_MAX; r.umin = 0n; r.umax = U64;
  r.s32min = S32_MIN; r.s32max = S32_MAX; r.u32min = 0n; r.u32max = U32;
}

export function markNotInit(r: Reg): void {
  markUnknown(r);
  r.type = RegType.NOT_INIT;
}

/** Makes the variable part the constant v (unsigned 64 or any bigint, taken mod 2^64). */
export function markKnown(r: Reg, v: bigint): void {
  const u = v >= 0n && v <= U64 ? v : v & U64;
  r.var = tnumConst(u);
  r.umin = r.umax = u;
  r.smin = r.smax = u <= S64_MAX ? u : u - (1n << 64n);
  const l = u <= U32 ? u : u & U32;
  r.u32min = r.u32max = l;
  r.s32min = r.s32max = l <= S32_MAX ? l : l - (1n << 32n);
}

export function markConstScalar(r: Reg, v: bigint): void {
  markUnknown(r);
  markKnown(r, v);
}

/** A scalar in [0, 2^bits - 1] (a zero-extended narrow load). */
export function markUnknownZext(r: Reg, bytes: number): void {
  markUnknown(r);
  if (bytes >= 8) return;
  r.var = tnumCast(TNUM_UNKNOWN, bytes);
  regBoundsSync(r);
}

export function markPointer(r: Reg, t: RegType, off = 0): void {
  markUnknown(r);
  r.type = t;
  r.off = off;
  markKnown(r, 0n);
}

// ---- bounds synchronisation (Linux __update_reg_bounds, __reg_deduce_bounds, __reg_bound_offset) ----

function updateReg32Bounds(r: Reg): void {
  const v = tnumSubreg(r.var);
  r.s32min = max(r.s32min, s32(v.value | (v.mask & 0x80000000n)));
  r.s32max = min(r.s32max, s32(v.value | (v.mask & 0x7fffffffn)));
  r.u32min = max(r.u32min, v.value);
  r.u32max = min(r.u32max, v.value | v.mask);
}

function updateReg64Bounds(r: Reg): void {
  const v = r.var;
  r.smin = max(r.smin, s64(v.value | (v.mask & (1n << 63n))));
  r.smax = min(r.smax, s64(v.value | (v.mask & S64_MAX)));
  r.umin = max(r.umin, v.value);
  r.umax = min(r.umax, v.value | v.mask);
}

function deduce32(r: Reg): void {
  // Signed bounds that do not cross the sign boundary equal the unsigned ones.
  if (r.s32min >= 0n || r.s32max < 0n) {
    const lo = max(r.s32min & U32, r.u32min);
    const hi = min(r.s32max & U32, r.u32max);
    r.u32min = lo; r.u32max = hi; r.s32min = s32(lo); r.s32max = s32(hi);
    return;
  }
  if (s32(r.u32max) >= 0n) {
    r.s32min = r.u32min;
    const hi = min(r.s32max & U32, r.u32max);
    r.s32max = hi; r.u32max = hi;
  } else if (s32(r.u32min) < 0n) {
    const lo = max(r.s32min & U32, r.u32min);
    r.u32min = lo; r.s32min = s32(lo);
    r.s32max = s32(r.u32max);
  }
}

function deduce64(r: Reg): void {
  if (r.smin >= 0n || r.smax < 0n) {
    const lo = max(r.smin & U64, r.umin);
    const hi = min(r.smax & U64, r.umax);
    r.umin = lo; r.umax = hi; r.smin = s64(lo); r.smax = s64(hi);
    return;
  }
  if (s64(r.umax) >= 0n) {
    r.smin = r.umin;
    const hi = min(r.smax & U64, r.umax);
    r.smax = hi; r.umax = hi;
  } else if (s64(r.umin) < 0n) {
    const lo = max(r.smin & U64, r.umin);
    r.umin = lo; r.smin = s64(lo);
    r.smax = s64(r.umax);
  }
}

/** Cross-learning between the 64-bit range and the low 32 bits. */
function deduceCross(r: Reg): void {
  // 64 -> 32: when the upper halves of umin and umax agree, the low halves bound the subregister.
  if ((r.umin >> 32n) === (r.umax >> 32n)) {
    r.u32min = max(r.u32min, r.umin & U32);
    r.u32max = min(r.u32max, r.umax & U32);
    if (s32(r.u32min) <= s32(r.u32max)) {
      r.s32min = max(r.s32min, s32(r.u32min));
      r.s32max = min(r.s32max, s32(r.u32max));
    }
  }
  if ((r.smin >> 32n) === (r.smax >> 32n)) {
    const lo = r.smin & U32; const hi = r.smax & U32;
    r.u32min = max(r.u32min, lo);
    r.u32max = min(r.u32max, hi);
    if (s32(lo) <= s32(hi)) {
      r.s32min = max(r.s32min, s32(lo));
      r.s32max = min(r.s32max, s32(hi));
    }
  }
  // 32 -> 64: with a fixed upper half, the subregister bounds bound the whole value.
  if ((r.umin >> 32n) === (r.umax >> 32n)) {
    const hiBits = r.umin & ~U32 & U64;
    r.umin = max(r.umin, hiBits | r.u32min);
    r.umax = min(r.umax, hiBits | r.u32max);
  }
  if ((r.smin >> 32n) === (r.smax >> 32n)) {
    const hiBits = r.smin & ~U32;
    r.smin = max(r.smin, hiBits | r.u32min);
    r.smax = min(r.smax, hiBits | r.u32max);
  }
}

function boundOffset(r: Reg): void {
  const v64 = tnumIntersect(r.var, tnumRange(r.umin, r.umax));
  const v32 = tnumIntersect(tnumSubreg(r.var), tnumRange(r.u32min, r.u32max));
  r.var = tnumOr(tnumClearSubreg(v64), v32);
}

/** Makes tnum and all four ranges agree (Linux reg_bounds_sync). */
export function regBoundsSync(r: Reg): void {
  updateReg32Bounds(r);
  updateReg64Bounds(r);
  deduce32(r);
  deduce64(r);
  deduceCross(r);
  deduce32(r);
  deduce64(r);
  boundOffset(r);
  updateReg32Bounds(r);
  updateReg64Bounds(r);
}

/** True when the ranges are empty: the abstract value describes no concrete value (dead branch). */
export function boundsEmpty(r: Reg): boolean {
  return r.smin > r.smax || r.umin > r.umax || r.s32min > r.s32max || r.u32min > r.u32max ||
    (r.var.value & r.var.mask) !== 0n;
}

/** The 64-bit value becomes its low 32 bits, zero-extended (after an ALU32 op). */
export function zext32(r: Reg): void {
  r.var = tnumSubreg(r.var);
  r.umin = r.u32min; r.umax = r.u32max;
  if (r.s32min >= 0n) { r.smin = r.s32min; r.smax = r.s32max; } else { r.smin = 0n; r.smax = U32; }
  r.s32min = S32_MIN; r.s32max = S32_MAX;
  regBoundsSync(r);
  // The sync above recomputes s32 from u32/tnum.
}

/** Truncation to `size` bytes followed by zero extension (narrow load or 32-bit mov). */
export function coerceToSize(r: Reg, size: number): void {
  if (size >= 8) return;
  const m = (1n << BigInt(size * 8)) - 1n;
  r.var = tnumCast(r.var, size);
  if ((r.umin & ~m) === (r.umax & ~m)) { r.umin &= m; r.umax &= m; } else { r.umin = 0n; r.umax = m; }
  if (r.umin > r.umax) { r.umin = 0n; r.umax = m; }
  r.smin = r.umin; r.smax = r.umax;
  r.s32min = S32_MIN; r.s32max = S32_MAX; r.u32min = 0n; r.u32max = U32;
  regBoundsSync(r);
}

/** Linux's range_within plus tnum_in: every value of cur is a value of old. */
export function rangeWithin(old: Reg, cur: Reg): boolean {
  return old.umin <= cur.umin && old.umax >= cur.umax && old.smin <= cur.smin && old.smax >= cur.smax &&
    old.u32min <= cur.u32min && old.u32max >= cur.u32max && old.s32min <= cur.s32min && old.s32max >= cur.s32max &&
    tnumIn(old.var, cur.var);
}

export function sameVar(a: Reg, b: Reg): boolean {
  return tnumEquals(a.var, b.var) && a.smin === b.smin && a.smax === b.smax && a.umin === b.umin && a.umax === b.umax &&
    a.s32min === b.s32min && a.s32max === b.s32max && a.u32min === b.u32min && a.u32max === b.u32max;
}

/** Linux-style text: scalar(smin=..,umax=..,var_off=..), fp-8, map_value(map=m,ks=4,vs=8,off=0), pkt(r=14). */
export function regStr(r: Reg): string {
  const name = REG_TYPE_NAMES[r.type];
  if (r.type === RegType.NOT_INIT) return name;
  if (r.type === RegType.SCALAR) {
    if (tnumIsConst(r.var)) return String(s64(r.var.value));
    return `scalar(${varStr(r)})`;
  }
  const parts: string[] = [];
  if (r.type === RegType.PTR_TO_STACK) {
    const s = `fp${r.off === 0 ? '0' : r.off}`;
    return r.frameno === 0 && tnumIsConst(r.var) ? s : `${s}(frame=${r.frameno}${tnumIsConst(r.var) ? '' : ',' + varStr(r)})`;
  }
  if (r.id !== 0) parts.push(`id=${r.id}`);
  if (r.refId !== 0) parts.push(`ref_obj_id=${r.refId}`);
  if (r.map !== null) parts.push(`map=${r.map.name ?? '?'},ks=${r.map.keySize},vs=${r.map.valueSize}`);
  if (r.off !== 0) parts.push(`off=${r.off}`);
  if (r.type === RegType.PTR_TO_PACKET || r.type === RegType.PTR_TO_PACKET_META) parts.push(`r=${r.range}`);
  if (r.type === RegType.PTR_TO_MEM || r.type === RegType.PTR_TO_MEM_OR_NULL) parts.push(`size=${r.range}`);
  if (r.type === RegType.PTR_TO_FUNC) parts.push(`subprog=${r.frameno}`);
  if (!tnumIsConst(r.var) || r.var.value !== 0n) parts.push(varStr(r));
  return `${name}(${parts.join(',')})`;
}

function varStr(r: Reg): string {
  const p: string[] = [];
  if (r.smin !== S64_MIN) p.push(`smin=${r.smin}`);
  if (r.smax !== S64_MAX) p.push(`smax=${r.smax}`);
  if (r.umin !== 0n) p.push(`umin=${r.umin}`);
  if (r.umax !== U64) p.push(`umax=${r.umax}`);
  if (r.s32min !== S32_MIN) p.push(`smin32=${r.s32min}`);
  if (r.s32max !== S32_MAX) p.push(`smax32=${r.s32max}`);
  if (r.u32min !== 0n) p.push(`umin32=${r.u32min}`);
  if (r.u32max !== U32) p.push(`umax32=${r.u32max}`);
  if (!tnumEquals(r.var, TNUM_UNKNOWN)) p.push(`var_off=${tnumStr(r.var)}`);
  return p.join(',');
}

export { tnumConst, tnumIsConst };
