// The checked interpreter: a slow reference executor that traps on everything
// the verifier promises cannot happen — reading an uninitialised register or
// stack byte, any access outside the exact bounds of its region (each stack
// frame, the context fields of the program type, the packet, each map value,
// each ringbuf record), writes to read-only memory, use of a dead frame or a
// released record, and exit with a record still held. A program the verifier
// accepts and this interpreter traps on is a verifier bug (see the soundness
// campaign in test/verifier/verify-soundness.test.ts).
//
// Registers are BigInt (this is a test oracle, not an engine). Pointers are
// addresses (region+1) << 40 | offset, so no arithmetic the verifier admits
// can move a pointer from one region into another.
import {
  BPF_ALU, BPF_CMPXCHG, BPF_FETCH, BPF_JMP32, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_IMM64, BPF_PSEUDO_MAP_FD,
  BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_VALUE, BPF_PSEUDO_MAP_IDX_VALUE, BPF_TO_BE, BPF_X, BPF_XCHG, type Insn, MAX_CALL_FRAMES,
  OPCODES, STACK_SIZE, aluOp, ldSize, opClass, sizeBytes, srcBit, BPF_ADD, BPF_AND, BPF_OR, BPF_XOR,
} from '../isa.js';
import { Arg, helperById } from '../helpers.js';
import { CtxPtr, type ProgType } from '../progtypes.js';
import type { MapDef } from '../maps/types.js';
import { aluEval } from './scalar.js';

const U64 = (1n << 64n) - 1n;
const SHIFT = 40n;

interface Region { bytes: Uint8Array; init: Uint8Array | null; writable: boolean; dead: boolean; name: string; ctx?: boolean }

export interface CheckedInput {
  readonly prog: ProgType;
  readonly maps: readonly MapDef[];
  /** Context bytes (ctxSize long). */
  readonly ctx: Uint8Array;
  /** Packet bytes for packet program types. */
  readonly packet: Uint8Array;
  /** Source of helper results and map contents. */
  readonly rand: () => number;
  readonly maxSteps?: number;
}

export type CheckedResult =
  | { ok: true; r0: bigint; steps: number }
  | { ok: false; pc: number; kind: 'trap' | 'budget' | 'unsupported'; message: string };

class Trap { constructor(readonly pc: number, readonly kind: 'trap' | 'budget' | 'unsupported', readonly message: string) {} }

export function runChecked(insns: readonly Insn[], input: CheckedInput): CheckedResult {
  try { return new Machine(insns, input).run(); } catch (e) {
    if (e instanceof Trap) return { ok: false, pc: e.pc, kind: e.kind, message: e.message };
    throw e;
  }
}

class Machine {
  readonly regions: Region[] = [];
  readonly regs: bigint[] = new Array(11).fill(0n);
  readonly init: boolean[] = new Array(11).fill(false);
  pc = 0;
  /** Per map: array elements (region ids) or hash key -> region id. */
  readonly mapElems: Map<string, number>[] = [];
  readonly mapHandles: bigint[] = [];
  readonly held = new Set<number>();
  pktStart = 0n; pktEnd = 0n; ctxRegion = 0;

  constructor(readonly insns: readonly Insn[], readonly inp: CheckedInput) {
    this.ctxRegion = this.add({ bytes: inp.ctx.slice(), init: null, writable: true, dead: false, name: 'ctx', ctx: true });
    const pk = this.add({ bytes: inp.packet.slice(), init: null, writable: inp.prog.pktWrite, dead: false, name: 'packet' });
    this.pktStart = this.addr(pk, 0); this.pktEnd = this.addr(pk, inp.packet.length);
    inp.maps.forEach((m, i) => {
      this.mapHandles.push(this.addr(this.add({ bytes: new Uint8Array(0), init: null, writable: false, dead: false, name: `map${i}` }), 0));
      const elems = new Map<string, number>();
      const isArray = m.type === 2 || m.type === 6;
      const isHash = m.type === 1 || m.type === 5 || m.type === 9 || m.type === 10;
      const n = isArray ? Math.min(m.maxEntries, 16) : isHash ? 1 + (inp.rand() % 4) : 0;
      for (let k = 0; k < n; k++) {
        const key = isArray ? k : inp.rand() % 8;
        const v = new Uint8Array(m.valueSize).map(() => inp.rand() & 0xff);
        elems.set(String(key), this.add({ bytes: v, init: null, writable: true, dead: false, name: `map${i}[${key}]` }));
      }
      this.mapElems.push(elems);
    });
  }

  add(r: Region): number { this.regions.push(r); return this.regions.length - 1; }
  addr(region: number, off: number): bigint { return (BigInt(region + 1) << SHIFT) + BigInt(off); }
  trap(msg: string): never { throw new Trap(this.pc, 'trap', msg); }

  /** Region and offset of [addr, addr+size), trapping when outside or dead. */
  locate(addr: bigint, size: number, write: boolean): [Region, number] {
    const k = Number(addr >> SHIFT) - 1;
    const off = Number(addr & ((1n << SHIFT) - 1n));
    const r = this.regions[k];
    if (r === undefined) this.trap(`access of ${size} bytes at 0x${addr.toString(16)} outside every region`);
    if (r.dead) this.trap(`access to ${r.name}, which is no longer valid`);
    if (off + size > r.bytes.length) this.trap(`access of ${size} bytes at ${r.name}+${off} past its end (${r.bytes.length})`);
    if (write && !r.writable) this.trap(`write to read-only ${r.name}+${off}`);
    return [r, off];
  }

  reg(n: number): bigint {
    if (!this.init[n]) this.trap(`read of uninitialised r${n}`);
    return this.regs[n];
  }
  set(n: number, v: bigint): void { this.regs[n] = v & U64; this.init[n] = true; }

  load(addr: bigint, size: number): bigint {
    const [r, off] = this.locate(addr, size, false);
    if (r.ctx === true) return this.ctxLoad(off, size);
    if (r.init !== null) for (let i = off; i < off + size; i++) if (r.init[i] === 0) this.trap(`read of uninitialised ${r.name}+${i}`);
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(r.bytes[off + i]);
    return v;
  }

  store(addr: bigint, size: number, v: bigint): void {
    const [r, off] = this.locate(addr, size, true);
    if (r.ctx === true) {
      const f = this.inp.prog.ctx.find((c) => off >= c.start && off + size <= c.end);
      if (f === undefined || f.write !== true) this.trap(`write to read-only context field at ${off}`);
    }
    for (let i = 0; i < size; i++) { r.bytes[off + i] = Number((v >> BigInt(8 * i)) & 0xffn); if (r.init !== null) r.init[off + i] = 1; }
  }

  ctxLoad(off: number, size: number): bigint {
    const f = this.inp.prog.ctx.find((c) => off >= c.start && off + size <= c.end);
    if (f === undefined) this.trap(`read of context bytes ${off}..${off + size} outside every field`);
    if (f.ptr !== undefined) {
      if (size !== 4 || off !== f.start) this.trap('partial read of a context pointer field');
      return f.ptr === CtxPtr.PKT_END ? this.pktEnd : this.pktStart;
    }
    const b = this.regions[this.ctxRegion].bytes;
    let v = 0n;
    for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[off + i]);
    return v;
  }

  /** Memory argument of a helper: readable-and-initialised, or writable (then initialised). */
  memArg(addr: bigint, size: number, write: boolean): void {
    if (size === 0) return;
    const [r, off] = this.locate(addr, size, write);
    if (r.ctx === true) this.trap('context passed as a memory argument');
    for (let i = off; i < off + size; i++) {
      if (write) { if (r.init !== null) r.init[i] = 1; r.bytes[i] = this.inp.rand() & 0xff; } else if (r.init !== null && r.init[i] === 0) this.trap(`helper reads uninitialised ${r.name}+${i}`);
    }
  }

  newFrame(): bigint {
    const f = this.add({ bytes: new Uint8Array(STACK_SIZE), init: new Uint8Array(STACK_SIZE), writable: true, dead: false, name: 'stack' });
    return this.addr(f, STACK_SIZE);
  }

  run(): CheckedResult {
    const max = this.inp.maxSteps ?? 200_000;
    const frames: { ret: number; saved: bigint[]; savedInit: boolean[]; fp: bigint }[] = [];
    this.set(1, this.addr(this.ctxRegion, 0));
    this.set(10, this.newFrame());
    let steps = 0;
    for (;;) {
      if (++steps > max) throw new Trap(this.pc, 'budget', `more than ${max} steps`);
      const pc = this.pc;
      const i = this.insns[pc];
      if (i === undefined) this.trap('ran off the end of the program');
      const info = OPCODES[i.opcode];
      if (info === undefined) this.trap(`bad opcode 0x${i.opcode.toString(16)}`);
      const is32 = info.cls === BPF_ALU || info.cls === BPF_JMP32;
      const x = srcBit(i.opcode) === BPF_X;
      const imm64 = BigInt(i.imm) & U64;
      const src = (): bigint => (x ? this.reg(i.src) : is32 ? BigInt(i.imm >>> 0) : imm64);
      this.pc = pc + 1;
      switch (info.kind) {
        case 'alu': {
          const op = aluOp(i.opcode);
          if (op === 0xb0) {
            if (!x) { this.set(i.dst, is32 ? BigInt(i.imm >>> 0) : imm64); break; }
            let v = this.reg(i.src);
            if (i.off !== 0) v = BigInt.asIntN(i.off, v) & U64;
            this.set(i.dst, is32 ? v & 0xffffffffn : v);
            break;
          }
          const a = this.reg(i.dst);
          this.set(i.dst, aluEval(op, a, src(), is32, i.off === 1));
          break;
        }
        case 'neg': this.set(i.dst, aluEval(0x80, this.reg(i.dst), 0n, is32, false)); break;
        case 'end': {
          let v = this.reg(i.dst) & ((1n << BigInt(i.imm)) - 1n);
          if (info.cls !== BPF_ALU || srcBit(i.opcode) === BPF_TO_BE) {
            let r = 0n;
            for (let k = 0; k < i.imm / 8; k++) { r = (r << 8n) | (v & 0xffn); v >>= 8n; }
            v = r;
          }
          this.set(i.dst, v);
          break;
        }
        case 'lddw': {
          this.pc = pc + 2;
          if (i.src === BPF_PSEUDO_IMM64) this.set(i.dst, (BigInt(i.imm >>> 0) | (BigInt(i.imm2 >>> 0) << 32n)));
          else if (i.src === BPF_PSEUDO_MAP_FD || i.src === BPF_PSEUDO_MAP_IDX) this.set(i.dst, this.mapHandles[i.imm]);
          else if (i.src === BPF_PSEUDO_MAP_VALUE || i.src === BPF_PSEUDO_MAP_IDX_VALUE) {
            const e = this.mapElems[i.imm]?.get('0');
            if (e === undefined) throw new Trap(pc, 'unsupported', 'direct value of an empty map');
            this.set(i.dst, this.addr(e, i.imm2));
          } else if (i.src === BPF_PSEUDO_FUNC) this.set(i.dst, BigInt(pc + 1 + i.imm) | (7n << 56n));
          else throw new Trap(pc, 'unsupported', `lddw src ${i.src}`);
          break;
        }
        case 'ldx':
        case 'ldxs': {
          const size = sizeBytes(ldSize(i.opcode));
          let v = this.load((this.reg(i.src) + BigInt(i.off)) & U64, size);
          if (info.kind === 'ldxs') v = BigInt.asIntN(size * 8, v) & U64;
          this.set(i.dst, v);
          break;
        }
        case 'st': this.store((this.reg(i.dst) + BigInt(i.off)) & U64, sizeBytes(ldSize(i.opcode)), imm64); break;
        case 'stx': this.store((this.reg(i.dst) + BigInt(i.off)) & U64, sizeBytes(ldSize(i.opcode)), this.reg(i.src)); break;
        case 'atomic': {
          const size = sizeBytes(ldSize(i.opcode));
          const a = (this.reg(i.dst) + BigInt(i.off)) & U64;
          const m = size === 8 ? U64 : 0xffffffffn;
          const old = this.load(a, size);
          const v = this.reg(i.src) & m;
          let nv: bigint;
          if (i.imm === BPF_XCHG) nv = v;
          else if (i.imm === BPF_CMPXCHG) nv = (this.reg(0) & m) === old ? v : old;
          else nv = aluEval(i.imm & ~BPF_FETCH & 0xf0, old, v, size === 4, false);
          this.store(a, size, nv);
          if (i.imm === BPF_CMPXCHG) this.set(0, old);
          else if ((i.imm & BPF_FETCH) !== 0) this.set(i.src, old);
          void BPF_ADD; void BPF_AND; void BPF_OR; void BPF_XOR;
          break;
        }
        case 'ldabs':
        case 'ldind': {
          const size = sizeBytes(ldSize(i.opcode));
          const off = BigInt(i.imm) + (info.kind === 'ldind' ? this.reg(i.src) : 0n);
          const pk = this.inp.packet;
          for (let r = 1; r <= 5; r++) this.init[r] = false;
          const o = Number(BigInt.asIntN(64, off & U64));
          if (o < 0 || o + size > pk.length) { this.set(0, 0n); return this.exitAll(steps); }
          let v = 0n;
          for (let k = 0; k < size; k++) v = (v << 8n) | BigInt(pk[o + k]);
          this.set(0, v);
          break;
        }
        case 'ja': this.pc = pc + 1 + i.off; break;
        case 'ja32': this.pc = pc + 1 + i.imm; break;
        case 'jcond': {
          const m = is32 ? 0xffffffffn : U64;
          const a = this.reg(i.dst) & m; const b = src() & m;
          const bits = is32 ? 32 : 64;
          const sa = BigInt.asIntN(bits, a); const sb = BigInt.asIntN(bits, b);
          let t: boolean;
          switch (aluOp(i.opcode)) {
            case 0x10: t = a === b; break; case 0x50: t = a !== b; break;
            case 0x20: t = a > b; break; case 0x30: t = a >= b; break; case 0xa0: t = a < b; break; case 0xb0: t = a <= b; break;
            case 0x60: t = sa > sb; break; case 0x70: t = sa >= sb; break; case 0xc0: t = sa < sb; break; case 0xd0: t = sa <= sb; break;
            case 0x40: t = (a & b) !== 0n; break;
            default: t = false;
          }
          if (t) this.pc = pc + 1 + i.off;
          break;
        }
        case 'call': {
          if (i.src === BPF_PSEUDO_CALL) {
            if (frames.length + 1 >= MAX_CALL_FRAMES) this.trap('call stack too deep');
            frames.push({ ret: pc + 1, saved: this.regs.slice(6, 11), savedInit: this.init.slice(6, 11), fp: this.regs[10] });
            for (let r = 6; r <= 9; r++) this.init[r] = false;
            this.set(10, this.newFrame());
            this.pc = pc + 1 + i.imm;
            break;
          }
          this.helper(i.imm);
          break;
        }
        case 'exit': {
          this.reg(0);
          const f = frames.pop();
          if (f === undefined) return this.exitAll(steps);
          this.regions[Number(this.regs[10] >> SHIFT) - 1].dead = true;
          for (let r = 6; r <= 10; r++) { this.regs[r] = f.saved[r - 6]; this.init[r] = f.savedInit[r - 6]; }
          for (let r = 1; r <= 5; r++) this.init[r] = false;
          this.pc = f.ret;
          break;
        }
        default: throw new Trap(pc, 'unsupported', `instruction kind ${info.kind}`);
      }
    }
  }

  exitAll(steps: number): CheckedResult {
    if (this.held.size > 0) this.trap(`exit with ${this.held.size} ringbuf record(s) held`);
    return { ok: true, r0: this.regs[0], steps };
  }

  helper(id: number): void {
    const p = helperById(id);
    if (p === undefined) this.trap(`unknown helper ${id}`);
    const arg = (k: number): bigint => this.reg(k + 1);
    const rnd = (): bigint => (BigInt(this.inp.rand()) << 32n) | BigInt(this.inp.rand());
    let map = -1;
    p.args.forEach((t, k) => {
      if (t === Arg.DONTCARE) return;
      const v = arg(k);
      switch (t) {
        case Arg.CONST_MAP_PTR: map = this.mapHandles.indexOf(v); if (map < 0) this.trap(`arg${k + 1} is not a map`); break;
        case Arg.PTR_TO_MAP_KEY: this.memArg(v, this.inp.maps[map].keySize, false); break;
        case Arg.PTR_TO_MAP_VALUE: this.memArg(v, this.inp.maps[map].valueSize, false); break;
        case Arg.CONST_SIZE: case Arg.CONST_SIZE_OR_ZERO: {
          const mt = p.args[k - 1];
          const ptr = arg(k - 1);
          if (mt === Arg.PTR_TO_MEM_OR_NULL && ptr === 0n) break;
          if (v > 1n << 30n) this.trap(`size ${v} too large`);
          this.memArg(ptr, Number(v), mt === Arg.PTR_TO_UNINIT_MEM);
          break;
        }
        case Arg.PTR_TO_ALLOC_MEM: {
          const r = Number(v >> SHIFT) - 1;
          if (!this.held.has(r) || (v & ((1n << SHIFT) - 1n)) !== 0n) this.trap('release of a record not held');
          this.held.delete(r);
          this.regions[r].dead = true;
          break;
        }
        case Arg.PTR_TO_CTX: if (v !== this.addr(this.ctxRegion, 0)) this.trap('ctx argument is not the context'); break;
        default: break;
      }
    });
    let r0: bigint;
    switch (id) {
      case 1: {
        const key = this.load(arg(1), Math.min(4, this.inp.maps[map].keySize));
        const e = this.mapElems[map].get(String(Number(key)));
        r0 = e === undefined ? 0n : this.addr(e, 0);
        break;
      }
      case 131: {
        if (this.inp.rand() % 4 === 0) { r0 = 0n; break; }
        const n = Number(arg(1));
        const k = this.add({ bytes: new Uint8Array(n), init: null, writable: true, dead: false, name: 'record' });
        this.held.add(k);
        r0 = this.addr(k, 0);
        break;
      }
      case 12: r0 = 0n; break;
      case 181: throw new Trap(this.pc - 1, 'unsupported', 'bpf_loop');
      default: r0 = p.ret32 === true ? BigInt(this.inp.rand()) : rnd();
    }
    for (let r = 1; r <= 5; r++) this.init[r] = false;
    if (p.ret === 1) this.init[0] = false; else this.set(0, r0);
  }
}
