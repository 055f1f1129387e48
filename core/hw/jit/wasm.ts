// A minimal WebAssembly binary writer for the hart's translator: a growable
// byte buffer with LEB128 encodings, the opcodes translate.ts emits, and the
// module assembly (types, the imported RAM memory, functions, one export).
// Written for core/hw (which may not import verifier/); no validation beyond
// what the engine does when it compiles the module.

// The few WebAssembly JS-API types used here, declared locally (the tsconfig has no DOM lib).
export interface WasmMemory { readonly buffer: ArrayBuffer }
export interface WasmModule { readonly __brand?: 'WasmModule' }
export interface WasmInstance { readonly exports: Record<string, unknown> }
export interface WasmTable { set(i: number, f: unknown): void; readonly length: number }
interface WasmApi {
  Table: new (d: { element: 'anyfunc'; initial: number }) => WasmTable;
  Memory: new (d: { initial: number; maximum?: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (m: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
}
/** The engine's WebAssembly object (undefined without one). */
export const WA = (globalThis as unknown as { WebAssembly?: WasmApi }).WebAssembly;

export const T_I32 = 0x7f, T_I64 = 0x7e, T_VOID = 0x40;

export const W = {
  unreachable: 0x00, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d,
  br_table: 0x0e, return: 0x0f, call: 0x10, return_call_indirect: 0x13, drop: 0x1a, select: 0x1b,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22,
  i32_load: 0x28, i64_load: 0x29,
  i64_load8_s: 0x30, i64_load8_u: 0x31, i64_load16_s: 0x32, i64_load16_u: 0x33, i64_load32_s: 0x34, i64_load32_u: 0x35,
  i32_store: 0x36, i64_store: 0x37, i64_store8: 0x3c, i64_store16: 0x3d, i64_store32: 0x3e,
  i32_const: 0x41, i64_const: 0x42,
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_gt_s: 0x4a,
  i64_eqz: 0x50, i64_eq: 0x51, i64_ne: 0x52, i64_lt_s: 0x53, i64_lt_u: 0x54, i64_ge_s: 0x59, i64_ge_u: 0x5a,
  i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_div_s: 0x6d, i32_div_u: 0x6e, i32_rem_s: 0x6f, i32_rem_u: 0x70,
  i32_and: 0x71, i32_or: 0x72, i32_xor: 0x73, i32_shl: 0x74, i32_shr_s: 0x75, i32_shr_u: 0x76,
  i64_add: 0x7c, i64_sub: 0x7d, i64_mul: 0x7e, i64_div_s: 0x7f, i64_div_u: 0x80, i64_rem_s: 0x81, i64_rem_u: 0x82,
  i64_and: 0x83, i64_or: 0x84, i64_xor: 0x85, i64_shl: 0x86, i64_shr_s: 0x87, i64_shr_u: 0x88,
  i32_wrap_i64: 0xa7, i64_extend_i32_s: 0xac, i64_extend_i32_u: 0xad,
} as const;

/** A growable byte buffer with the encodings WebAssembly uses. */
export class Bytes {
  buf = new Uint8Array(1024);
  length = 0;

  byte(b: number): void {
    if (this.length === this.buf.length) {
      const n = new Uint8Array(this.buf.length * 2);
      n.set(this.buf);
      this.buf = n;
    }
    this.buf[this.length++] = b;
  }

  bytes(bs: ArrayLike<number>): void { for (let k = 0; k < bs.length; k++) this.byte(bs[k]); }

  u32(v: number): void {
    let x = v >>> 0;
    do {
      let b = x & 0x7f;
      x >>>= 7;
      if (x !== 0) b |= 0x80;
      this.byte(b);
    } while (x !== 0);
  }

  /** Signed LEB128 of any integer |v| < 2^53 (the same bytes for an i32 or i64 immediate). */
  sleb(v: number): void {
    let x = v;
    for (;;) {
      const b = ((x % 128) + 128) % 128;
      x = Math.floor(x / 128);
      if ((x === 0 && (b & 0x40) === 0) || (x === -1 && (b & 0x40) !== 0)) { this.byte(b); return; }
      this.byte(b | 0x80);
    }
  }

  append(o: Bytes): void {
    let cap = this.buf.length;
    while (cap < this.length + o.length) cap *= 2;
    if (cap !== this.buf.length) { const n = new Uint8Array(cap); n.set(this.buf.subarray(0, this.length)); this.buf = n; }
    this.buf.set(o.buf.subarray(0, o.length), this.length);
    this.length += o.length;
  }

  result(): Uint8Array { return this.buf.slice(0, this.length); }
}

export interface FuncDef {
  type: number;
  /** Local declarations after the parameters: [count, type] groups. */
  locals: [number, number][];
  body: Bytes; // without the final `end`
}

/**
 * Assembles a module that imports memory "m"."mem", the function table "m"."t" (funcref, table 0)
 * and the functions `imports` ([name, type index], function indices 0..) from "m", and exports
 * function `exportIdx` as "f". `types` are [params, results] pairs.
 */
export function assemble(types: [number[], number[]][], imports: [string, number][], funcs: FuncDef[], exportIdx: number): Uint8Array {
  const out = new Bytes();
  out.bytes([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  const section = (id: number, body: Bytes) => { out.byte(id); out.u32(body.length); out.append(body); };
  const ty = new Bytes();
  ty.u32(types.length);
  for (const [p, r] of types) { ty.byte(0x60); ty.u32(p.length); ty.bytes(p); ty.u32(r.length); ty.bytes(r); }
  section(1, ty);
  const im = new Bytes();
  im.u32(2 + imports.length);
  im.u32(1); im.byte(0x6d); im.u32(3); im.bytes([0x6d, 0x65, 0x6d]); im.byte(0x02); im.byte(0x00); im.u32(0);
  im.u32(1); im.byte(0x6d); im.u32(1); im.byte(0x74); im.byte(0x01); im.byte(0x70); im.byte(0x00); im.u32(0);
  for (const [name, t] of imports) {
    im.u32(1); im.byte(0x6d); im.u32(name.length);
    for (let k = 0; k < name.length; k++) im.byte(name.charCodeAt(k));
    im.byte(0x00); im.u32(t);
  }
  section(2, im);
  const fs = new Bytes();
  fs.u32(funcs.length);
  for (const f of funcs) fs.u32(f.type);
  section(3, fs);
  const ex = new Bytes();
  ex.u32(1); ex.u32(1); ex.byte(0x66); ex.byte(0x00); ex.u32(exportIdx);
  section(7, ex);
  const code = new Bytes();
  code.u32(funcs.length);
  for (const f of funcs) {
    const b = new Bytes();
    b.u32(f.locals.length);
    for (const [n, t] of f.locals) { b.u32(n); b.byte(t); }
    b.append(f.body);
    b.byte(W.end);
    code.u32(b.length);
    code.append(b);
  }
  section(10, code);
  return out.result();
}

/** Most compiled modules kept by compileModule (their machine code is a few hundred KiB each at most). */
const MODULE_CACHE_MAX = 128;
/** Compiled modules by the hash of their bytes (a bucket holds the bytes to compare on a hit). */
const moduleCache = new Map<number, { bytes: Uint8Array; module: WasmModule }[]>();
let cachedModules = 0;

function hashBytes(b: Uint8Array): number {
  let h = 0x811c9dc5 ^ b.length;
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b[i], 0x01000193);
  return h >>> 0;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Compiles `bytes`, or returns the module compiled earlier in this process from the same bytes:
 * a page translated again (another boot running the same program, a process re-executed) reuses
 * the engine's optimized code instead of starting over in the baseline tier. The engine tiers up
 * a module's functions in place, so the cached module carries its optimized code along.
 */
export function compileModule(bytes: Uint8Array): WasmModule {
  const h = hashBytes(bytes);
  let bucket = moduleCache.get(h);
  if (bucket !== undefined) for (const e of bucket) if (sameBytes(e.bytes, bytes)) return e.module;
  const module = new WA!.Module(bytes);
  if (cachedModules >= MODULE_CACHE_MAX) {
    // Drop the oldest bucket (Map iteration is insertion order).
    const [k, v] = moduleCache.entries().next().value as [number, { bytes: Uint8Array; module: WasmModule }[]];
    moduleCache.delete(k);
    cachedModules -= v.length;
    if (k === h) bucket = undefined;
  }
  if (bucket === undefined) moduleCache.set(h, bucket = []);
  bucket.push({ bytes, module });
  cachedModules++;
  return module;
}
