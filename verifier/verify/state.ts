// The verifier state on one path (Linux's bpf_verifier_state / bpf_func_state):
// a stack of call frames, each with r0-r10 and a 512-byte stack described per
// byte (INVALID / MISC / ZERO / SPILL) with the spilled register per 8-byte
// slot, plus the acquired references. Also the comparison used for pruning:
// statesSafe(old, cur) holds when every concrete state described by cur is
// described by old, so a fully explored old makes exploring cur unnecessary.
import { MAX_REG, STACK_SIZE } from '../isa.js';
import { Reg, RegType, markNotInit, markPointer, rangeWithin, sameVar } from './reg.js';

export enum Slot { INVALID = 0, MISC = 1, ZERO = 2, SPILL = 3 }
export const SLOT_CHARS = ['?', 'm', '0', 'r'];

export class Frame {
  readonly regs: Reg[];
  /** Byte i describes the stack byte at fp - 512 + i. Shared with clones until mut(). */
  stack: Uint8Array;
  /** Spilled register per 8-byte slot (slot k covers bytes 8k..8k+7), or null. Shared with clones until mut(). */
  spilled: (Reg | null)[];
  /** False while stack/spilled may be shared with another frame (copy on write). */
  private own = true;
  /** Instruction index of the call that created this frame (-1 for the main program). */
  callsite = -1;
  subprog = 0;
  frameno = 0;
  /** A bpf_loop callback frame: its exit returns into the helper call, not the caller. */
  callback = false;
  /** Deepest stack byte used so far (positive number of bytes below fp). */
  depth = 0;
  /** Callback frames: the caller's frame as widened at entry, and the number of references held then. */
  cbSnapshot: Frame | null = null;
  cbRefs = 0;

  constructor(regs: Reg[] | null = null, stack: Uint8Array | null = null, spilled: (Reg | null)[] | null = null) {
    if (regs === null) {
      regs = new Array<Reg>(MAX_REG + 1);
      for (let i = 0; i <= MAX_REG; i++) regs[i] = new Reg();
    }
    this.regs = regs;
    this.stack = stack ?? new Uint8Array(STACK_SIZE);
    this.spilled = spilled ?? new Array<Reg | null>(STACK_SIZE / 8).fill(null);
  }

  static initial(frameno: number, subprog: number, callsite: number): Frame {
    const f = new Frame();
    for (const r of f.regs) markNotInit(r);
    markPointer(f.regs[10], RegType.PTR_TO_STACK, 0);
    f.regs[10].frameno = frameno;
    f.frameno = frameno; f.subprog = subprog; f.callsite = callsite;
    return f;
  }

  /** Makes stack and spilled registers private to this frame before a change (copy on write). */
  mut(): void {
    if (this.own) return;
    this.stack = this.stack.slice();
    const sp = this.spilled.slice();
    for (let i = 0; i < sp.length; i++) { const r = sp[i]; if (r !== null) sp[i] = r.clone(); }
    this.spilled = sp;
    this.own = true;
  }

  clone(): Frame {
    const regs = new Array<Reg>(MAX_REG + 1);
    for (let i = 0; i <= MAX_REG; i++) regs[i] = this.regs[i].clone();
    const f = new Frame(regs, this.stack, this.spilled);
    f.own = false;
    this.own = false;
    f.callsite = this.callsite; f.subprog = this.subprog; f.frameno = this.frameno; f.callback = this.callback;
    f.depth = this.depth; f.cbSnapshot = this.cbSnapshot; f.cbRefs = this.cbRefs;
    return f;
  }
}

export interface Ref { readonly id: number; readonly insn: number }

/** A checkpoint of explored states at an instruction (Linux's bpf_verifier_state_list). */
export interface Checkpoint {
  readonly state: State;
  /** Paths below this checkpoint still being explored; 0 = fully explored (safe to prune against). */
  branches: number;
  readonly parent: Checkpoint | null;
  hits: number;
  misses: number;
}

export class State {
  frames: Frame[] = [];
  refs: Ref[] = [];
  parent: Checkpoint | null = null;
  /** Index of the instruction this state is at. */
  pc = 0;

  get cur(): Frame { return this.frames[this.frames.length - 1]; }

  clone(): State {
    const s = new State();
    s.frames = this.frames.map((f) => f.clone());
    s.refs = this.refs.slice();
    s.parent = this.parent;
    s.pc = this.pc;
    return s;
  }
}

/** Old and new ids must correspond one-to-one across the two states. */
class IdMap {
  private fwd: Map<number, number> | null = null;
  private back: Map<number, number> | null = null;
  check(o: number, c: number): boolean {
    if (o === 0 || c === 0) return o === c;
    if (this.fwd === null || this.back === null) { this.fwd = new Map(); this.back = new Map(); }
    const f = this.fwd.get(o);
    if (f !== undefined) return f === c;
    if (this.back.has(c)) return false;
    this.fwd.set(o, c); this.back.set(c, o);
    return true;
  }
  reset(): this { this.fwd = null; this.back = null; return this; }
}
const sharedIds = new IdMap();

const isPkt = (t: RegType): boolean => t === RegType.PTR_TO_PACKET || t === RegType.PTR_TO_PACKET_META;

/** Every value cur may hold, old may hold, with corresponding ids (Linux regsafe). */
export function regSafe(o: Reg, c: Reg, ids: IdMap, exact: boolean): boolean {
  if (o.type === RegType.NOT_INIT) return exact ? c.type === RegType.NOT_INIT : true;
  if (c.type !== o.type) return false;
  if (o.type === RegType.SCALAR) {
    // A link between copies in old (same id) must exist in cur too: old's exploration relied on it.
    if (o.id !== 0 && !ids.check(o.id, c.id)) return false;
    return exact ? sameVar(o, c) : rangeWithin(o, c);
  }
  if (o.off !== c.off || o.map !== c.map || o.frameno !== c.frameno) return false;
  if (!(exact ? sameVar(o, c) : rangeWithin(o, c))) return false;
  if (isPkt(o.type)) {
    if (exact ? o.range !== c.range : o.range > c.range) return false;
  } else if (o.range !== c.range) return false;
  return ids.check(o.id, c.id) && ids.check(o.refId, c.refId);
}

function stackSafe(o: Frame, c: Frame, ids: IdMap, exact: boolean): boolean {
  // Bytes below the deepest use of either frame are INVALID in both.
  const lo = STACK_SIZE - ((Math.max(o.depth, c.depth) + 7) & ~7);
  for (let i = lo; i < STACK_SIZE; i++) {
    const ot = o.stack[i];
    const ct = c.stack[i];
    if (ot === Slot.INVALID && !exact) continue;
    if (ot === ct) {
      if (ot === Slot.SPILL && (i === lo || o.stack[i - 1] !== Slot.SPILL || (i & 7) === 0)) {
        const os = o.spilled[i >> 3]; const cs = c.spilled[i >> 3];
        if (os === null || cs === null || !regSafe(os, cs, ids, exact)) return false;
      }
      continue;
    }
    if (exact) return false;
    if (ot === Slot.MISC && (ct === Slot.ZERO || (ct === Slot.SPILL && c.spilled[i >> 3]?.type === RegType.SCALAR))) continue;
    return false;
  }
  return true;
}

/**
 * statesSafe(old, cur): cur is subsumed by old (exact=false) or equal to it
 * (exact=true, used for loop detection). `liveTop` is a bit mask of registers
 * live at the instruction in the innermost frame; `liveAt(pc)` gives the
 * liveness in callers after their call returns.
 */
export function statesSafe(o: State, c: State, liveTop: number, liveAt: (pc: number) => number, exact: boolean): boolean {
  if (o.frames.length !== c.frames.length || o.refs.length !== c.refs.length) return false;
  const ids = sharedIds.reset();
  for (let k = o.frames.length - 1; k >= 0; k--) {
    const of = o.frames[k]; const cf = c.frames[k];
    if (of.callsite !== cf.callsite || of.callback !== cf.callback) return false;
    const live = k === o.frames.length - 1 ? liveTop : liveAt(o.frames[k + 1].callsite + 1) & 0x7c0;
    for (let r = 0; r <= MAX_REG; r++) {
      if ((live & (1 << r)) === 0) continue;
      if (!regSafe(of.regs[r], cf.regs[r], ids, exact)) return false;
    }
    if (!stackSafe(of, cf, ids, exact)) return false;
  }
  for (let i = 0; i < o.refs.length; i++) if (!ids.check(o.refs[i].id, c.refs[i].id)) return false;
  return true;
}

export { IdMap };
