// Calls (Linux check_helper_call, check_func_call, prepare_func_exit,
// re-derived): helper calls checked argument by argument against their
// prototype, with return typing, reference acquire/release (ringbuf records),
// packet-pointer invalidation and the bpf_loop callback; bpf-to-bpf calls
// (a new frame, at most 8) and returns from functions, callbacks and the program.
import { MAX_CALL_FRAMES, STACK_SIZE } from '../isa.js';
import { Arg, BPF_FUNC_loop, BPF_FUNC_tail_call, type HelperProto, Ret, helperById, helperName } from '../helpers.js';
import { BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_PERCPU_HASH, type MapDef } from '../maps/types.js';
import { mapTypeName } from '../maps/index.js';
import { type Env, MAX_VAR_OFF } from './env.js';
import { checkHelperMem } from './mem.js';
import { REG_TYPE_NAMES, type Reg, RegType, markKnown, markNotInit, markPointer, markUnknown, markUnknownZext, regBoundsSync, regStr } from './reg.js';
import { Frame, Slot, type State, regSafe, IdMap } from './state.js';
import { U32, tnumIsConst } from './tnum.js';

const PROGRAM_MAP_TYPES = [BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH];

/** Applies f to every register and spilled register of every frame. */
export function forEachReg(st: State, f: (r: Reg) => void): void {
  for (const fr of st.frames) {
    for (const r of fr.regs) f(r);
    fr.mut();
    for (const s of fr.spilled) if (s !== null) f(s);
  }
}

const isZeroConst = (r: Reg): boolean => r.type === RegType.SCALAR && tnumIsConst(r.var) && r.var.value === 0n;

export function pushState(env: Env, st: State): void {
  if (st.parent !== null) st.parent.branches++;
  env.pending.push(st);
  if (env.pending.length > env.peakStates) env.peakStates = env.pending.length;
  if (env.pending.length > 8192) env.fail('E_TOO_COMPLEX', st.pc, `the sequence of ${env.pending.length} jumps is too complex`);
}

export function checkHelperCall(env: Env, st: State, pc: number, id: number): void {
  const proto = helperById(id);
  if (proto === undefined) env.fail('E_BAD_HELPER', pc, `invalid func unknown#${id}`);
  if (!env.prog.helpers.has(id)) env.fail('E_BAD_HELPER', pc, `program of type ${env.prog.name} cannot call helper ${helperName(id)}`);
  if (proto.priv === true && !env.privileged) env.fail('E_BAD_HELPER', pc, `helper ${helperName(id)} requires privileges`);
  const regs = st.cur.regs;
  let map: MapDef | null = null;
  let release = 0;
  let allocSize = 0;
  let func = -1;
  for (let i = 0; i < proto.args.length; i++) {
    const regno = i + 1;
    const r = regs[regno];
    const t = proto.args[i];
    if (t === Arg.DONTCARE) continue;
    if (r.type === RegType.NOT_INIT) env.fail('E_UNINIT_REG', pc, `R${regno} !read_ok`);
    const bad = (want: string): never => env.fail('E_BAD_HELPER_ARG', pc, `R${regno} type=${REG_TYPE_NAMES[r.type]} expected=${want} (arg${regno} of ${helperName(id)})`);
    switch (t) {
      case Arg.ANYTHING:
      case Arg.CONST_ZERO:
        if (r.isPointer() && !env.privileged) env.fail('E_PTR_LEAK', pc, `R${regno} leaks addr into helper function`);
        if (t === Arg.CONST_ZERO && !isZeroConst(r)) bad('0');
        break;
      case Arg.CONST_MAP_PTR: {
        if (r.type !== RegType.CONST_PTR_TO_MAP) bad('map_ptr');
        map = r.map!;
        const ok = proto.mapTypes ?? PROGRAM_MAP_TYPES;
        if (!ok.includes(map.type)) env.fail('E_BAD_MAP', pc, `cannot pass map_type ${map.type} (${mapTypeName(map.type)}) into func ${helperName(id)}`);
        break;
      }
      case Arg.PTR_TO_MAP_KEY:
      case Arg.PTR_TO_MAP_VALUE: {
        if (map === null) env.fail('E_BAD_HELPER_ARG', pc, `R${regno} map key/value argument without a map`);
        if (r.type === RegType.SCALAR || r.type === RegType.PTR_TO_CTX) bad('fp, pkt, map_value');
        const n = t === Arg.PTR_TO_MAP_KEY ? map.keySize : map.valueSize;
        checkHelperMem(env, st, r, regno, n, n, false, pc);
        break;
      }
      case Arg.PTR_TO_MEM:
      case Arg.PTR_TO_MEM_OR_NULL:
      case Arg.PTR_TO_UNINIT_MEM:
        if (t === Arg.PTR_TO_MEM_OR_NULL && isZeroConst(r)) break;
        if (r.type === RegType.SCALAR || r.type === RegType.PTR_TO_CTX || r.type === RegType.CONST_PTR_TO_MAP ||
          r.type === RegType.PTR_TO_PACKET_END || r.type === RegType.PTR_TO_FUNC) bad('fp, pkt, map_value, mem');
        if (r.type === RegType.PTR_TO_MAP_VALUE_OR_NULL || r.type === RegType.PTR_TO_MEM_OR_NULL) {
          env.fail('E_NULL_DEREF', pc, `R${regno} type=${REG_TYPE_NAMES[r.type]} expected=fp, pkt, map_value, mem (null-check it first)`);
        }
        break; // the size argument that follows does the access check
      case Arg.CONST_SIZE:
      case Arg.CONST_SIZE_OR_ZERO: {
        if (r.type !== RegType.SCALAR) bad('scalar');
        if (r.smin < 0n) env.fail('E_BAD_SIZE', pc, `R${regno} min value is negative, either use unsigned or 'var &= const'`);
        if (r.umax >= BigInt(MAX_VAR_OFF)) env.fail('E_BAD_SIZE', pc, `R${regno} unbounded memory access, use 'var &= const' or 'if (var < const)'`);
        if (t === Arg.CONST_SIZE && r.umin === 0n) env.fail('E_BAD_SIZE', pc, `R${regno} invalid zero-sized read: u64=[${r.umin},${r.umax}]`);
        const memArg = proto.args[i - 1];
        const pr = regs[regno - 1];
        if (memArg === Arg.PTR_TO_MEM_OR_NULL && isZeroConst(pr)) {
          if (r.umax !== 0n) env.fail('E_BAD_SIZE', pc, `R${regno} must be 0 when R${regno - 1} is NULL`);
          break;
        }
        checkHelperMem(env, st, pr, regno - 1, Number(r.umin), Number(r.umax), memArg === Arg.PTR_TO_UNINIT_MEM, pc);
        break;
      }
      case Arg.PTR_TO_CTX:
        if (r.type !== RegType.PTR_TO_CTX) bad('ctx');
        if (r.off !== 0 || !tnumIsConst(r.var) || r.var.value !== 0n) env.fail('E_CTX_MODIFIED', pc, `dereference of modified ctx ptr R${regno} off=${r.off} disallowed`);
        break;
      case Arg.PTR_TO_ALLOC_MEM:
        if (r.type !== RegType.PTR_TO_MEM || r.refId === 0) {
          if (r.type === RegType.PTR_TO_MEM_OR_NULL) env.fail('E_NULL_DEREF', pc, `R${regno} type=mem_or_null expected=ringbuf_mem (null-check it first)`);
          env.fail('E_BAD_REF', pc, `R${regno} type=${REG_TYPE_NAMES[r.type]} expected=ringbuf_mem (a record from bpf_ringbuf_reserve)`);
        }
        if (r.off !== 0 || !tnumIsConst(r.var) || r.var.value !== 0n) env.fail('E_BAD_REF', pc, `R${regno} must have zero offset when passed to release func`);
        release = r.refId;
        break;
      case Arg.CONST_ALLOC_SIZE_OR_ZERO:
        if (!r.isConst()) env.fail('E_BAD_SIZE', pc, `R${regno} is not a known constant (the record size must be a constant)`);
        if (r.var.value >= BigInt(MAX_VAR_OFF)) env.fail('E_BAD_SIZE', pc, `R${regno} size ${r.var.value} is too large`);
        allocSize = Number(r.var.value);
        break;
      case Arg.PTR_TO_FUNC:
        if (r.type !== RegType.PTR_TO_FUNC) bad('func');
        func = r.frameno;
        break;
      case Arg.PTR_TO_STACK_OR_NULL:
        if (r.type !== RegType.PTR_TO_STACK && !isZeroConst(r)) bad('fp or NULL');
        break;
      default:
        break;
    }
  }
  if (id === BPF_FUNC_tail_call && st.refs.length > 0) env.fail('E_LEAKED_REF', pc, 'tail_call would lead to reference leak');
  if (release !== 0) releaseReference(env, st, release, pc);
  if (proto.changesPkt === true) {
    forEachReg(st, (r) => {
      if (r.type === RegType.PTR_TO_PACKET || r.type === RegType.PTR_TO_PACKET_END || r.type === RegType.PTR_TO_PACKET_META) markUnknown(r);
    });
  }
  if (id === BPF_FUNC_loop) setupLoopCallback(env, st, pc, func);
  for (let r = 1; r <= 5; r++) markNotInit(regs[r]);
  setReturn(env, st, proto, map, allocSize, pc);
}

function setReturn(env: Env, st: State, proto: HelperProto, map: MapDef | null, allocSize: number, pc: number): void {
  const r0 = st.cur.regs[0];
  switch (proto.ret) {
    case Ret.VOID: markNotInit(r0); return;
    case Ret.PTR_TO_MAP_VALUE_OR_NULL:
      markPointer(r0, RegType.PTR_TO_MAP_VALUE_OR_NULL);
      r0.map = map; r0.id = env.newId();
      return;
    case Ret.PTR_TO_ALLOC_MEM_OR_NULL: {
      markPointer(r0, RegType.PTR_TO_MEM_OR_NULL);
      r0.range = allocSize;
      r0.id = env.newId();
      r0.refId = r0.id;
      st.refs.push({ id: r0.id, insn: pc });
      return;
    }
    default:
      if (proto.ret32 === true) markUnknownZext(r0, 4); else markUnknown(r0);
  }
}

export function releaseReference(env: Env, st: State, id: number, pc: number): void {
  const i = st.refs.findIndex((r) => r.id === id);
  if (i < 0) env.fail('E_BAD_REF', pc, `reference id=${id} has not been acquired before (released twice?)`);
  st.refs.splice(i, 1);
  forEachReg(st, (r) => { if (r.refId === id) markUnknown(r); });
}

/** bpf_loop: the caller's stack is widened, the callback is explored from it in a new frame, and the caller continues. */
function setupLoopCallback(env: Env, st: State, pc: number, subprog: number): void {
  if (st.frames.length >= MAX_CALL_FRAMES) env.fail('E_CALL_DEPTH', pc, `the call stack of ${st.frames.length + 1} frames is too deep`);
  for (const fr of st.frames) widenFrame(fr);
  const cb = st.clone();
  const caller = cb.cur;
  const f = Frame.initial(cb.frames.length, subprog, pc);
  f.callback = true;
  f.cbSnapshot = caller.clone();
  f.cbRefs = cb.refs.length;
  // long callback(u64 index, void *ctx): index < nr_loops <= 1 << 23.
  markUnknown(f.regs[1]);
  f.regs[1].umax = (1n << 23n) - 1n;
  regBoundsSync(f.regs[1]);
  f.regs[2].copyFrom(caller.regs[3]);
  cb.frames.push(f);
  cb.pc = env.cfg.subprogs[subprog];
  pushState(env, cb);
}

/** Forgets what the callback could change through a stack pointer: scalars become unknown, zeroes unknown. */
function widenFrame(f: Frame): void {
  f.mut();
  for (let s = 0; s < f.spilled.length; s++) {
    const sp = f.spilled[s];
    if (sp !== null && sp.type === RegType.SCALAR) {
      f.spilled[s] = null;
      f.stack.fill(Slot.MISC, s * 8, s * 8 + 8);
    }
  }
  for (let i = 0; i < f.stack.length; i++) if (f.stack[i] === Slot.ZERO) f.stack[i] = Slot.MISC;
}

export function checkPseudoCall(env: Env, st: State, pc: number, target: number): void {
  if (st.frames.length >= MAX_CALL_FRAMES) env.fail('E_CALL_DEPTH', pc, `the call stack of ${st.frames.length + 1} frames is too deep`);
  const caller = st.cur;
  const callee = Frame.initial(st.frames.length, env.cfg.subprogOf[target], pc);
  for (let r = 1; r <= 5; r++) callee.regs[r].copyFrom(caller.regs[r]);
  st.frames.push(callee);
  st.pc = target;
}

/** exit: returns false when the path ends (program or callback exit). */
export function checkExit(env: Env, st: State, pc: number): boolean {
  const f = st.cur;
  const r0 = f.regs[0];
  if (r0.type === RegType.NOT_INIT) env.fail('E_UNINIT_REG', pc, 'R0 !read_ok');
  if (f.callback) {
    if (r0.type !== RegType.SCALAR || r0.smin < 0n || r0.umax > 1n) {
      env.fail('E_BAD_CALLBACK', pc, `At callback return the register R0 has value ${regStr(r0)}, should have been in [0, 1]`);
    }
    if (st.refs.length !== f.cbRefs) env.fail('E_LEAKED_REF', pc, `callback acquires a reference it does not release (id=${st.refs[st.refs.length - 1]?.id})`);
    const snap = f.cbSnapshot!;
    const caller = st.frames[st.frames.length - 2];
    for (let s = 0; s < snap.spilled.length; s++) {
      const was = snap.spilled[s]; const now = caller.spilled[s];
      if (was !== null && was.isPointer() && (now === null || !regSafe(was, now, new IdMap(), true))) {
        env.fail('E_BAD_CALLBACK', pc, `callback overwrites the pointer spilled at fp${s * 8 - STACK_SIZE} of the caller`);
      }
      if (!env.privileged && (was === null || !was.isPointer()) && now !== null && now.isPointer()) {
        env.fail('E_PTR_LEAK', pc, `callback stores a pointer into the caller's stack at fp${s * 8 - STACK_SIZE}`);
      }
    }
    return false;
  }
  if (st.frames.length > 1) {
    if (r0.type === RegType.PTR_TO_STACK && r0.frameno === f.frameno) env.fail('E_BAD_RETURN_PTR', pc, 'cannot return stack pointer to the caller');
    st.frames.pop();
    const caller = st.cur;
    caller.regs[0].copyFrom(r0);
    for (let r = 1; r <= 5; r++) markNotInit(caller.regs[r]);
    st.pc = f.callsite + 1;
    return true;
  }
  if (st.refs.length > 0) {
    const ref = st.refs[0];
    env.fail('E_LEAKED_REF', pc, `Unreleased reference id=${ref.id} alloc_insn=${ref.insn}`);
  }
  if (r0.isPointer()) {
    if (!env.privileged) env.fail('E_PTR_LEAK', pc, 'R0 leaks addr as return value');
    if (env.prog.ret !== null) env.fail('E_BAD_RETURN', pc, `At program exit the register R0 is not a known value (${REG_TYPE_NAMES[r0.type]})`);
    return false;
  }
  const ret = env.prog.ret;
  if (ret !== null) {
    const [lo, hi] = ret;
    if (r0.umin < lo || r0.umax > hi) {
      env.fail('E_BAD_RETURN', pc, `At program exit the register R0 has value ${regStr(r0)} should have been in [${lo}, ${hi}]`);
    }
  }
  return false;
}

export { U32, markKnown };
