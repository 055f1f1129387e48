// A minimal WebAssembly binary writer for the JIT: LEB128, a byte buffer, the
// opcodes the JIT emits, and a module assembler (types, imports, functions,
// globals, exports, code). Only what jit.ts needs; no validation beyond what
// the engine does when it compiles the module.

export const I32 = 0x7f;
export const I64 = 0x7e;
export const VOID = 0x40;

export const Op = {
  unreachable: 0x00, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d,
  br_table: 0x0e, return: 0x0f, call: 0x10, drop: 0x1a, select: 0x1b,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22, global_get: 0x23, global_set: 0x24,
  i32_load: 0x28, i64_load: 0x29, i32_load8_u: 0x2d, i32_load16_u: 0x2f, i64_load8_s: 0x30, i64_load8_u: 0x31,
  i64_load16_s: 0x32, i64_load16_u: 0x33, i64_load32_s: 0x34, i64_load32_u: 0x35, i32_store: 0x36,
  i64_store: 0x37, i64_store8: 0x3c, i64_store16: 0x3d, i64_store32: 0x3e,
  i32_const: 0x41, i64_const: 0x42,
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_lt_s: 0x48, i32_lt_u: 0x49, i32_gt_s: 0x4a, i32_gt_u: 0x4b,
  i32_le_s: 0x4c, i32_le_u: 0x4d, i32_ge_s: 0x4e, i32_ge_u: 0x4f,
  i64_eqz: 0x50, i64_eq: 0x51, i64_ne: 0x52, i64_lt_s: 0x53, i64_lt_u: 0x54, i64_gt_s: 0x55, i64_gt_u: 0x56,
  i64_le_s: 0x57, i64_le_u: 0x58, i64_ge_s: 0x59, i64_ge_u: 0x5a,
  i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_div_s: 0x6d, i32_div_u: 0x6e, i32_rem_s: 0x6f, i32_rem_u: 0x70,
  i32_and: 0x71, i32_or: 0x72, i32_xor: 0x73, i32_shl: 0x74, i32_shr_s: 0x75, i32_shr_u: 0x76, i32_rotl: 0x77,
  i32_rotr: 0x78,
  i64_add: 0x7c, i64_sub: 0x7d, i64_mul: 0x7e, i64_div_s: 0x7f, i64_div_u: 0x80, i64_rem_s: 0x81, i64_rem_u: 0x82,
  i64_and: 0x83, i64_or: 0x84, i64_xor: 0x85, i64_shl: 0x86, i64_shr_s: 0x87, i64_shr_u: 0x88, i64_rotl: 0x89,
  i64_rotr: 0x8a,
  i32_wrap_i64: 0xa7, i64_extend_i32_s: 0xac, i64_extend_i32_u: 0xad,
  i32_extend8_s: 0xc0, i32_extend16_s: 0xc1, i64_extend8_s: 0xc2, i64_extend16_s: 0xc3, i64_extend32_s: 0xc4,
} as const;

/** A growable byte buffer with the encodings WebAssembly uses. */
export class Bytes {
  private buf = new Uint8Array(256);
  length = 0;

  byte(b: number): this {
    if (this.length === this.buf.length) {
      const n = new Uint8Array(this.buf.length * 2);
      n.set(this.buf);
      this.buf = n;
    }
    this.buf[this.length++] = b;
    return this;
  }

  bytes(bs: ArrayLike<number>): this {
    for (let k = 0; k < bs.length; k++) this.byte(bs[k]);
    return this;
  }

  u32(v: number): this {
    let x = v >>> 0;
    do {
      let b = x & 0x7f;
      x >>>= 7;
      if (x !== 0) b |= 0x80;
      this.byte(b);
    } while (x !== 0);
    return this;
  }

  s32(v: number): this {
    let x = v | 0;
    for (;;) {
      const b = x & 0x7f;
      x >>= 7;
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) { this.byte(b); return this; }
      this.byte(b | 0x80);
    }
  }

  s64(v: bigint): this {
    let x = BigInt.asIntN(64, v);
    for (;;) {
      const b = Number(x & 0x7fn);
      x >>= 7n;
      if ((x === 0n && (b & 0x40) === 0) || (x === -1n && (b & 0x40) !== 0)) { this.byte(b); return this; }
      this.byte(b | 0x80);
    }
  }

  str(s: string): this {
    this.u32(s.length);
    for (let k = 0; k < s.length; k++) this.byte(s.charCodeAt(k));
    return this;
  }

  /** Appends another buffer prefixed by its length (sections, function bodies). */
  sized(b: Bytes): this {
    this.u32(b.length);
    return this.bytes(b.view());
  }

  view(): Uint8Array { return this.buf.subarray(0, this.length); }

  // instruction shorthands
  op(o: number): this { return this.byte(o); }
  i32c(v: number): this { return this.byte(Op.i32_const).s32(v); }
  i64c(v: bigint): this { return this.byte(Op.i64_const).s64(v); }
  get(l: number): this { return this.byte(Op.local_get).u32(l); }
  set(l: number): this { return this.byte(Op.local_set).u32(l); }
  tee(l: number): this { return this.byte(Op.local_tee).u32(l); }
  gget(g: number): this { return this.byte(Op.global_get).u32(g); }
  gset(g: number): this { return this.byte(Op.global_set).u32(g); }
  call(f: number): this { return this.byte(Op.call).u32(f); }
  br(depth: number): this { return this.byte(Op.br).u32(depth); }
  brIf(depth: number): this { return this.byte(Op.br_if).u32(depth); }
  /** A load or store with alignment hint 0 and a static offset. */
  mem(o: number, offset = 0): this { return this.byte(o).u32(0).u32(offset); }
}

export interface FuncType { params: number[]; results: number[] }
export interface WasmFunc { type: number; locals: [count: number, type: number][]; body: Bytes }

/** Collects the parts of a module and serialises it. */
export class ModuleBuilder {
  types: FuncType[] = [];
  imports: { module: string; name: string; kind: 'func' | 'memory'; type?: number; minPages?: number }[] = [];
  funcs: WasmFunc[] = [];
  globals: { type: number; mutable: boolean; init: number }[] = [];
  exports: { name: string; func: number }[] = [];

  /** Index of a function type, added if new. */
  type(params: number[], results: number[]): number {
    const k = this.types.findIndex((t) => t.params.join() === params.join() && t.results.join() === results.join());
    if (k >= 0) return k;
    this.types.push({ params, results });
    return this.types.length - 1;
  }

  get importedFuncs(): number { return this.imports.filter((i) => i.kind === 'func').length; }

  build(): Uint8Array {
    const out = new Bytes().bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const section = (id: number, body: Bytes) => { out.byte(id).sized(body); };
    const t = new Bytes().u32(this.types.length);
    for (const ft of this.types) {
      t.byte(0x60).u32(ft.params.length).bytes(ft.params).u32(ft.results.length).bytes(ft.results);
    }
    section(1, t);
    const im = new Bytes().u32(this.imports.length);
    for (const i of this.imports) {
      im.str(i.module).str(i.name);
      if (i.kind === 'func') im.byte(0).u32(i.type!);
      else im.byte(2).byte(0).u32(i.minPages ?? 1);
    }
    section(2, im);
    const fn = new Bytes().u32(this.funcs.length);
    for (const f of this.funcs) fn.u32(f.type);
    section(3, fn);
    if (this.globals.length > 0) {
      const g = new Bytes().u32(this.globals.length);
      for (const gl of this.globals) {
        g.byte(gl.type).byte(gl.mutable ? 1 : 0);
        if (gl.type === I64) g.i64c(BigInt(gl.init)); else g.i32c(gl.init);
        g.op(Op.end);
      }
      section(6, g);
    }
    const ex = new Bytes().u32(this.exports.length);
    for (const e of this.exports) ex.str(e.name).byte(0).u32(e.func);
    section(7, ex);
    const code = new Bytes().u32(this.funcs.length);
    for (const f of this.funcs) {
      const b = new Bytes().u32(f.locals.length);
      for (const [n, ty] of f.locals) b.u32(n).byte(ty);
      b.bytes(f.body.view()).op(Op.end);
      code.sized(b);
    }
    section(10, code);
    return out.view().slice();
  }
}
