// Memory access checks (Linux check_mem_access and friends, re-derived): loads
// and stores through each pointer type — stack (per-byte initialisation, spill
// and fill of whole registers), context (the program type's field table),
// map values, packet (the range proved against data_end), ringbuf records —
// and the memory arguments of helpers.
import { STACK_SIZE } from '../isa.js';
import { BPF_F_RDONLY_PROG } from '../maps/types.js';
import { CtxPtr } from '../progtypes.js';
import { type Env, MAX_VAR_OFF } from './env.js';
import { REG_TYPE_NAMES, Reg, RegType, S64_MAX, markConstScalar, markKnown, markPointer, markUnknown, markUnknownZext, regBoundsSync } from './reg.js';
import { Slot, type Frame, type State } from './state.js';
import { tnumIsConst, tnumIsAligned, tnumAdd, tnumConst } from './tnum.js';

const num = (x: bigint): number => Number(x);

/** dst becomes an unknown value loaded with `size` bytes, zero- or sign-extended. */
export function markLoaded(dst: Reg, size: number, signed: boolean): void {
  if (!signed) { markUnknownZext(dst, size); return; }
  markUnknown(dst);
  const bits = BigInt(size * 8);
  dst.smin = -(1n << (bits - 1n)); dst.smax = (1n << (bits - 1n)) - 1n;
  regBoundsSync(dst);
}

function signExtendConst(dst: Reg, v: bigint, size: number, signed: boolean): void {
  const m = size >= 8 ? v : v & ((1n << BigInt(size * 8)) - 1n);
  markConstScalar(dst, signed && size < 8 ? BigInt.asIntN(size * 8, m) : m);
}

/** What a store writes: a register, or an immediate (BPF_ST). */
export interface StoreValue { readonly reg: Reg | null; readonly imm: bigint; readonly regno: number }

export interface Access {
  readonly pc: number;
  readonly regno: number;
  readonly off: number;
  readonly size: number;
  readonly write: boolean;
  readonly value: StoreValue | null;
  /** Destination of a load (null for stores). */
  readonly dst: Reg | null;
  readonly signed: boolean;
}

export function checkMemAccess(env: Env, st: State, ptr: Reg, a: Access): void {
  switch (ptr.type) {
    case RegType.PTR_TO_STACK: return stackAccess(env, st, ptr, a);
    case RegType.PTR_TO_CTX: return ctxAccess(env, ptr, a);
    case RegType.PTR_TO_MAP_VALUE: {
      const m = ptr.map!;
      if (a.write && ((m.flags ?? 0) & BPF_F_RDONLY_PROG) !== 0) env.fail('E_BAD_MEM', a.pc, `write into map forbidden, value_size=${m.valueSize} off=${a.off}`);
      return regionAccess(env, ptr, a, m.valueSize, 'E_OOB_MAP', 'map value');
    }
    case RegType.PTR_TO_MAP_KEY: return regionAccess(env, ptr, a, ptr.map!.keySize, 'E_OOB_MAP', 'map key');
    case RegType.PTR_TO_MEM: return regionAccess(env, ptr, a, ptr.range, 'E_OOB_MEM', 'memory');
    case RegType.PTR_TO_PACKET:
    case RegType.PTR_TO_PACKET_META: return packetAccess(env, ptr, a);
    case RegType.PTR_TO_MAP_VALUE_OR_NULL:
    case RegType.PTR_TO_MEM_OR_NULL:
      return env.fail('E_NULL_DEREF', a.pc, `R${a.regno} invalid mem access '${REG_TYPE_NAMES[ptr.type]}'`);
    case RegType.NOT_INIT:
      return env.fail('E_UNINIT_REG', a.pc, `R${a.regno} !read_ok`);
    default:
      return env.fail('E_BAD_MEM', a.pc, `R${a.regno} invalid mem access '${REG_TYPE_NAMES[ptr.type]}'`);
  }
}

function storedPointerCheck(env: Env, a: Access, into: string): void {
  const v = a.value?.reg;
  if (v !== null && v !== undefined && v.isPointer() && !env.privileged) {
    env.fail('E_PTR_LEAK', a.pc, `R${a.value!.regno} leaks addr into ${into}`);
  }
}

function regionAccess(env: Env, ptr: Reg, a: Access, size: number, code: 'E_OOB_MAP' | 'E_OOB_MEM', what: string): void {
  if (ptr.smin < 0n) env.fail('E_NEG_OFFSET', a.pc, `R${a.regno} min value is negative, either use unsigned index or do a if (index >=0) check`);
  if (ptr.umax >= BigInt(MAX_VAR_OFF)) env.fail('E_UNBOUNDED_OFFSET', a.pc, `R${a.regno} unbounded memory access, make sure to bounds check any such access`);
  const lo = ptr.off + a.off + num(ptr.smin);
  const hi = ptr.off + a.off + num(ptr.umax) + a.size;
  if (lo < 0 || hi > size) {
    env.fail(code, a.pc, `invalid access to ${what}, size=${size} off=${ptr.off + a.off}${tnumIsConst(ptr.var) ? '' : `+[${ptr.umin},${ptr.umax}]`} access_size=${a.size}`);
  }
  if (env.strict && !tnumIsAligned(tnumAdd(ptr.var, tnumConst(BigInt(ptr.off + a.off))), a.size)) {
    env.fail('E_MISALIGNED', a.pc, `misaligned ${what} access off ${ptr.off + a.off} size ${a.size}`);
  }
  if (a.write) { storedPointerCheck(env, a, what === 'map value' ? 'map' : what); return; }
  const m = ptr.map;
  if (ptr.type === RegType.PTR_TO_MAP_VALUE && m !== null && m.frozen !== undefined && ((m.flags ?? 0) & BPF_F_RDONLY_PROG) !== 0 &&
    tnumIsConst(ptr.var) && hi <= m.frozen.length) {
    // A read-only, frozen map (e.g. .rodata): the loaded bytes are known.
    let v = 0n;
    for (let i = hi - 1; i >= lo; i--) v = (v << 8n) | BigInt(m.frozen[i]);
    signExtendConst(a.dst!, v, a.size, a.signed);
    return;
  }
  markLoaded(a.dst!, a.size, a.signed);
}

function packetAccess(env: Env, ptr: Reg, a: Access): void {
  if (a.write && !env.prog.pktWrite) env.fail('E_BAD_MEM', a.pc, 'cannot write into packet');
  if (ptr.smin < 0n) env.fail('E_NEG_OFFSET', a.pc, `R${a.regno} min value is negative, either use unsigned index or do a if (index >=0) check`);
  if (ptr.umax >= 0xffffn) env.fail('E_UNBOUNDED_OFFSET', a.pc, `R${a.regno} offset is outside of the packet`);
  const o = ptr.off + a.off;
  if (o < 0 || o + a.size > ptr.range) {
    env.fail('E_OOB_PACKET', a.pc, `invalid access to packet, off=${o} size=${a.size}, R${a.regno}(id=${ptr.id},off=${ptr.off},r=${ptr.range})`);
  }
  if (a.write) storedPointerCheck(env, a, 'packet');
  else markLoaded(a.dst!, a.size, a.signed);
}

function ctxAccess(env: Env, ptr: Reg, a: Access): void {
  if (!tnumIsConst(ptr.var) || ptr.var.value !== 0n || ptr.off !== 0) {
    env.fail('E_CTX_MODIFIED', a.pc, `dereference of modified ctx ptr R${a.regno} off=${ptr.off} disallowed`);
  }
  const o = ptr.off + a.off;
  const f = env.prog.ctx.find((r) => o >= r.start && o + a.size <= r.end);
  if (f === undefined || o % a.size !== 0) env.fail('E_BAD_CTX', a.pc, `invalid bpf_context access off=${o} size=${a.size}`);
  if (a.write) {
    if (f.write !== true) env.fail('E_CTX_WRITE', a.pc, `invalid bpf_context access off=${o} size=${a.size}: field is read-only`);
    const v = a.value?.reg;
    if (v !== null && v !== undefined && v.isPointer()) env.fail('E_BAD_CTX', a.pc, `R${a.value!.regno} cannot store a pointer into the context`);
    return;
  }
  const dst = a.dst!;
  if (f.ptr !== undefined) {
    if (a.size !== 4 || o !== f.start || a.signed) env.fail('E_BAD_CTX', a.pc, `invalid bpf_context access off=${o} size=${a.size}: pointer fields load as 4-byte words`);
    markPointer(dst, f.ptr === CtxPtr.PKT ? RegType.PTR_TO_PACKET : f.ptr === CtxPtr.PKT_END ? RegType.PTR_TO_PACKET_END : RegType.PTR_TO_PACKET_META);
    return;
  }
  markLoaded(dst, a.size, a.signed);
}

function touch(env: Env, f: Frame, n: number): void {
  if (n > f.depth) f.depth = n;
  if (n > env.depth[f.subprog]) env.depth[f.subprog] = n;
}

/** Index of the stack byte at offset `off` below fp (off in [-512, 0)). */
const byteIdx = (off: number): number => STACK_SIZE + off;

function destroySpill(env: Env, f: Frame, slot: number, pc: number): void {
  const sp = f.spilled[slot];
  if (sp === null) return;
  if (sp.isPointer() && !env.privileged) env.fail('E_PTR_LEAK', pc, 'attempt to corrupt spilled pointer on stack');
  f.spilled[slot] = null;
  for (let i = slot * 8; i < slot * 8 + 8; i++) if (f.stack[i] === Slot.SPILL) f.stack[i] = Slot.MISC;
}

function stackAccess(env: Env, st: State, ptr: Reg, a: Access): void {
  const f = st.frames[ptr.frameno];
  if (!tnumIsConst(ptr.var)) return varStackAccess(env, st, f, ptr, a);
  const o = ptr.off + a.off + num(BigInt.asIntN(64, ptr.var.value));
  if (o < -STACK_SIZE || o + a.size > 0) env.fail('E_OOB_STACK', a.pc, `invalid stack access off=${o} size=${a.size}`);
  if (o % a.size !== 0) env.fail('E_MISALIGNED', a.pc, `misaligned stack access off ${o} size ${a.size}`);
  touch(env, f, -o);
  const idx = byteIdx(o);
  const slot = idx >> 3;
  if (a.write) {
    f.mut();
    const v = a.value!;
    if (v.reg !== null && v.reg.type === RegType.PTR_TO_STACK && v.reg.frameno > f.frameno) {
      env.fail('E_BAD_MEM', a.pc, `cannot spill pointers to stack into stack frame of the caller`);
    }
    if (a.size === 8) {
      // Spill: keep the full register state (scalars keep their bounds, pointers stay pointers).
      destroySpillSilently(f, slot);
      let saved: Reg;
      // The register and its spilled copy are linked like a register copy.
      if (v.reg !== null && v.reg.type === RegType.SCALAR && v.reg.id === 0 && !v.reg.isConst()) v.reg.id = env.newId();
      if (v.reg !== null) saved = v.reg.clone();
      else { saved = new Reg(); markConstScalar(saved, v.imm); }
      f.spilled[slot] = saved;
      f.stack.fill(Slot.SPILL, idx, idx + 8);
      return;
    }
    destroySpill(env, f, slot, a.pc);
    if (v.reg !== null && v.reg.isPointer()) {
      if (!env.privileged) env.fail('E_PTR_LEAK', a.pc, `R${v.regno} partial copy of pointer`);
    }
    const zero = v.reg === null ? v.imm === 0n : v.reg.isConst() && (v.reg.var.value & ((1n << BigInt(a.size * 8)) - 1n)) === 0n;
    // A narrow spill of a scalar that fits, at the start of a slot, keeps its bounds (Linux: bounded narrow spills).
    if (!zero && env.privileged && (idx & 7) === 0 && v.reg !== null && v.reg.type === RegType.SCALAR &&
      v.reg.umax < (1n << BigInt(a.size * 8))) {
      f.spilled[slot] = v.reg.clone();
      f.stack.fill(Slot.SPILL, idx, idx + a.size);
      return;
    }
    f.stack.fill(zero ? Slot.ZERO : Slot.MISC, idx, idx + a.size);
    return;
  }
  const dst = a.dst!;
  const sp = f.spilled[slot];
  let nSpill = 0;
  if (sp !== null) for (let i = slot * 8; i < slot * 8 + 8; i++) if (f.stack[i] === Slot.SPILL) nSpill++;
  if (a.size === 8 && nSpill === 8) {
    dst.copyFrom(sp!);
    return;
  }
  if (nSpill > 0 && nSpill < 8 && (idx & 7) === 0 && nSpill === a.size && sp!.type === RegType.SCALAR) {
    // Fill of a narrow spill of the same size: the value fits, so its bounds carry over.
    if (a.signed) { if (sp!.isConst()) signExtendConst(dst, sp!.var.value, a.size, true); else markLoaded(dst, a.size, true); } else dst.copyFrom(sp!);
    return;
  }
  if (sp !== null && nSpill === 8 && f.stack[idx] === Slot.SPILL) {
    if (sp.type === RegType.SCALAR) {
      if (sp.isConst()) signExtendConst(dst, sp.var.value >> BigInt(8 * (idx & 7)), a.size, a.signed);
      else markLoaded(dst, a.size, a.signed);
      return;
    }
    if (!env.privileged) env.fail('E_PTR_LEAK', a.pc, `corrupted spill memory: partial read of a spilled pointer`);
    markLoaded(dst, a.size, a.signed);
    return;
  }
  let allZero = true;
  for (let i = idx; i < idx + a.size; i++) {
    const t = f.stack[i];
    if (t === Slot.INVALID) env.fail('E_UNINIT_STACK', a.pc, `invalid read from stack off ${o}+${i - idx} size ${a.size}`);
    if (t !== Slot.ZERO) allZero = false;
  }
  if (allZero) markConstScalar(dst, 0n);
  else markLoaded(dst, a.size, a.signed);
}

function destroySpillSilently(f: Frame, slot: number): void {
  if (f.spilled[slot] === null) return;
  f.spilled[slot] = null;
  for (let i = slot * 8; i < slot * 8 + 8; i++) if (f.stack[i] === Slot.SPILL) f.stack[i] = Slot.MISC;
}

function varStackAccess(env: Env, st: State, f: Frame, ptr: Reg, a: Access): void {
  void st;
  if (!env.privileged) env.fail('E_STACK_OFFSET', a.pc, `R${a.regno} variable stack access prohibited for !root`);
  if (ptr.smin < -BigInt(STACK_SIZE) || ptr.smax > BigInt(STACK_SIZE)) {
    env.fail('E_UNBOUNDED_OFFSET', a.pc, `R${a.regno} unbounded indirect variable offset stack access`);
  }
  const lo = ptr.off + a.off + num(ptr.smin);
  const hi = ptr.off + a.off + num(ptr.smax) + a.size;
  if (lo < -STACK_SIZE || hi > 0) env.fail('E_OOB_STACK', a.pc, `invalid variable-offset stack access off=${ptr.off + a.off}+[${ptr.smin},${ptr.smax}] size=${a.size}`);
  touch(env, f, -lo);
  if (a.write) {
    f.mut();
    for (let i = byteIdx(lo); i < byteIdx(hi); i += 1) {
      const slot = i >> 3;
      if (f.spilled[slot] !== null) destroySpill(env, f, slot, a.pc);
      if (f.stack[i] === Slot.ZERO) f.stack[i] = Slot.MISC;
    }
    // Only bytes certainly written would become initialised; a variable store initialises none for sure.
    return;
  }
  for (let i = byteIdx(lo); i < byteIdx(hi); i++) {
    if (f.stack[i] === Slot.INVALID) env.fail('E_UNINIT_STACK', a.pc, `invalid variable-offset read from stack R${a.regno} off ${i - STACK_SIZE}`);
  }
  markLoaded(a.dst!, a.size, a.signed);
}

/**
 * A helper's memory argument: `size` bytes (up to maxSize, the size register's
 * umax) at ptr, read (must be initialised) or written by the helper (marks the
 * stack bytes initialised).
 */
export function checkHelperMem(env: Env, st: State, ptr: Reg, regno: number, minSize: number, maxSize: number, write: boolean, pc: number): void {
  if (maxSize === 0) return;
  switch (ptr.type) {
    case RegType.PTR_TO_STACK: {
      const f = st.frames[ptr.frameno];
      if (!tnumIsConst(ptr.var) && !env.privileged) env.fail('E_STACK_OFFSET', pc, `R${regno} variable stack access prohibited for !root`);
      if (ptr.smin < -BigInt(MAX_VAR_OFF) || ptr.smax > BigInt(MAX_VAR_OFF)) env.fail('E_UNBOUNDED_OFFSET', pc, `R${regno} unbounded indirect stack access`);
      const lo = ptr.off + num(ptr.smin);
      const hi = ptr.off + num(ptr.smax) + maxSize;
      if (lo < -STACK_SIZE || hi > 0) env.fail('E_OOB_STACK', pc, `invalid indirect access to stack R${regno} off=${lo} size=${maxSize}`);
      touch(env, f, -lo);
      const constOff = tnumIsConst(ptr.var);
      if (write) f.mut();
      for (let i = byteIdx(lo); i < byteIdx(hi); i++) {
        if (write) {
          const slot = i >> 3;
          if (f.spilled[slot] !== null) destroySpill(env, f, slot, pc);
          // Bytes the helper writes for certain (constant offset, within the minimum size) become initialised.
          if ((constOff && i < byteIdx(lo) + minSize) || f.stack[i] === Slot.ZERO) f.stack[i] = Slot.MISC;
          continue;
        }
        const t = f.stack[i];
        if (t === Slot.INVALID) env.fail('E_UNINIT_STACK', pc, `invalid indirect read from stack R${regno} off ${lo}+${i - byteIdx(lo)} size ${maxSize}`);
        if (t === Slot.SPILL && !env.privileged && f.spilled[i >> 3]!.isPointer()) env.fail('E_PTR_LEAK', pc, `R${regno} leaks spilled pointer to helper`);
      }
      return;
    }
    case RegType.PTR_TO_MAP_VALUE:
    case RegType.PTR_TO_MAP_KEY:
    case RegType.PTR_TO_MEM: {
      const size = ptr.type === RegType.PTR_TO_MEM ? ptr.range : ptr.type === RegType.PTR_TO_MAP_KEY ? ptr.map!.keySize : ptr.map!.valueSize;
      if (ptr.smin < 0n) env.fail('E_NEG_OFFSET', pc, `R${regno} min value is negative, either use unsigned index or do a if (index >=0) check`);
      if (ptr.umax >= BigInt(MAX_VAR_OFF)) env.fail('E_UNBOUNDED_OFFSET', pc, `R${regno} unbounded memory access`);
      const lo = ptr.off + num(ptr.smin); const hi = ptr.off + num(ptr.umax) + maxSize;
      if (lo < 0 || hi > size) env.fail(ptr.type === RegType.PTR_TO_MEM ? 'E_OOB_MEM' : 'E_OOB_MAP', pc, `invalid access to ${REG_TYPE_NAMES[ptr.type]}, size=${size} off=${lo} access_size=${maxSize}`);
      if (write && ptr.type === RegType.PTR_TO_MAP_VALUE && ((ptr.map!.flags ?? 0) & BPF_F_RDONLY_PROG) !== 0) env.fail('E_BAD_MEM', pc, 'write into map forbidden');
      return;
    }
    case RegType.PTR_TO_PACKET:
    case RegType.PTR_TO_PACKET_META: {
      if (write && !env.prog.pktWrite) env.fail('E_BAD_MEM', pc, 'helper access to the packet is not allowed (read-only packet)');
      if (ptr.smin < 0n) env.fail('E_NEG_OFFSET', pc, `R${regno} min value is negative`);
      if (ptr.off < 0 || ptr.off + maxSize > ptr.range) env.fail('E_OOB_PACKET', pc, `invalid access to packet, off=${ptr.off} size=${maxSize}, R${regno}(id=${ptr.id},off=${ptr.off},r=${ptr.range})`);
      return;
    }
    case RegType.NOT_INIT:
      return env.fail('E_UNINIT_REG', pc, `R${regno} !read_ok`);
    case RegType.PTR_TO_MAP_VALUE_OR_NULL:
    case RegType.PTR_TO_MEM_OR_NULL:
      return env.fail('E_NULL_DEREF', pc, `R${regno} type=${REG_TYPE_NAMES[ptr.type]} expected=fp, pkt, map_value, mem (null-check it first)`);
    default:
      return env.fail('E_BAD_HELPER_ARG', pc, `R${regno} type=${REG_TYPE_NAMES[ptr.type]} expected=fp, pkt, map_value, mem`);
  }
}

export { S64_MAX, markKnown };
