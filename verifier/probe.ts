// The probe language: a small JavaScript-syntax language (parsed by acorn)
// compiled to eBPF bytecode for raw_tracepoint programs. A script declares
// maps and probes:
//
//   const counts = map('hash', 1024);          // u64 key -> u64 value ('array': u32 index)
//   probe('sys_enter', (ctx) => {              // one program per probe
//     const nr = ctx.args[0];                  // the point's u64 arguments
//     counts[nr] += 1;                         // missing entries start at 0
//     if (nr == 64) printk("write by %d", pid());
//   });
//
// Statements: const/let, assignment (= += -= ...), if/else, blocks, return.
// Expressions: integers, locals, ctx.args[N], map[key] (0 when missing), + - * / %
// & | ^ << >> >>>, comparisons (unsigned), && || !, and the builtins pid() tid()
// uid() gid() ktime() printk(fmt, up to 3 values). All values are u64.
// Code: every value passes through r0; temporaries and locals live in stack
// slots; r6 keeps ctx. An lddw of a map carries src 1 and imm = the map's index
// in `maps` (the loader puts the map fd there, as bpftool's "map idx").
import { parse } from 'acorn';
import type { MapDef } from './maps/types.js';

export interface ProbeMap { readonly name: string; readonly def: MapDef }
export interface ProbeProgram { readonly point: string; readonly bytes: Uint8Array }
export interface ProbeScript { readonly maps: readonly ProbeMap[]; readonly probes: readonly ProbeProgram[] }
export interface ProbeError { readonly line: number; readonly message: string }

/* eslint-disable @typescript-eslint/no-explicit-any */
type Node = any;

class CompileError extends Error { constructor(readonly node: Node, message: string) { super(message); } }

const ALU: Record<string, number> = { '+': 0x00, '-': 0x10, '*': 0x20, '/': 0x30, '|': 0x40, '&': 0x50, '<<': 0x60, '>>': 0x70, '>>>': 0x70, '%': 0x90, '^': 0xa0 };
const CMP: Record<string, number> = { '==': 0x10, '===': 0x10, '>': 0x20, '>=': 0x30, '!=': 0x50, '!==': 0x50, '<': 0xa0, '<=': 0xb0 };
const R0 = 0, R1 = 1, R2 = 2, R3 = 3, R6 = 6, R10 = 10;

class Emitter {
  readonly code: number[][] = []; // [opcode, dst, src, off, imm]
  private slotTop = 0;
  readonly locals = new Map<string, number>();
  constructor(readonly maps: readonly ProbeMap[], readonly ctxName: string) {}

  ins(op: number, dst: number, src: number, off: number, imm: number): number { this.code.push([op, dst, src, off, imm]); return this.code.length - 1; }
  slot(n = 8): number {
    this.slotTop += (n + 7) & ~7;
    if (this.slotTop > 512) throw new CompileError(null, 'out of stack: too many locals or temporaries');
    return -this.slotTop;
  }
  free(n = 8): void { this.slotTop -= (n + 7) & ~7; }
  st(off: number, reg = R0): void { this.ins(0x7b, R10, reg, off, 0); }
  ld(reg: number, off: number): void { this.ins(0x79, reg, R10, off, 0); }
  movImm(reg: number, v: number): void { this.ins(0xb7, reg, 0, 0, v | 0); }
  /** A jump whose offset is patched to the current end by `land`. */
  jump(op: number, dst: number, src: number, imm = 0): number { return this.ins(op, dst, src, 0, imm); }
  /** Positions some jump lands on. */
  readonly targets = new Set<number>();
  land(at: number): void { this.code[at][3] = this.code.length - at - 1; this.targets.add(this.code.length); }
  ldMap(reg: number, idx: number): void { this.ins(0x18, reg, 1, 0, idx); this.ins(0, 0, 0, 0, 0); }
  call(id: number): void { this.ins(0x85, 0, 0, 0, id); }

  bytes(): Uint8Array {
    const b = new Uint8Array(this.code.length * 8), v = new DataView(b.buffer);
    this.code.forEach(([op, dst, src, off, imm], k) => {
      b[k * 8] = op; b[k * 8 + 1] = (src << 4) | dst; v.setInt16(k * 8 + 2, off, true); v.setInt32(k * 8 + 4, imm, true);
    });
    return b;
  }
}

function constInt(n: Node): number | null {
  if (n.type === 'Literal' && typeof n.value === 'number' && Number.isInteger(n.value)) return n.value;
  if (n.type === 'UnaryExpression' && n.operator === '-') { const v = constInt(n.argument); return v === null ? null : -v; }
  return null;
}

function mapIndex(e: Emitter, n: Node): number {
  const i = n.type === 'Identifier' ? e.maps.findIndex((m) => m.name === n.name) : -1;
  if (i < 0) throw new CompileError(n, `'${n.name ?? '?'}' is not a map`);
  return i;
}

/** Puts the key of map[key] in a stack slot (u64, or u32 for arrays); returns its offset. */
function keySlot(e: Emitter, mi: number, key: Node): number {
  expr(e, key);
  const off = e.slot();
  if (e.maps[mi].def.keySize === 4) e.ins(0x63, R10, R0, off, 0); else e.st(off);
  return off;
}

/** r0 = map[key] or 0. */
function mapRead(e: Emitter, n: Node): void {
  const mi = mapIndex(e, n.object), off = keySlot(e, mi, n.property);
  e.ldMap(R1, mi); e.ins(0xbf, R2, R10, 0, 0); e.ins(0x07, R2, 0, 0, off); e.call(1);
  const j = e.jump(0x15, R0, 0, 0); // if r0 == 0 skip the load
  e.ins(0x79, R0, R0, 0, 0);
  e.land(j);
  e.free();
}

function expr(e: Emitter, n: Node): void {
  const k = constInt(n);
  if (k !== null) {
    if (k >= -0x80000000 && k <= 0x7fffffff) e.movImm(R0, k);
    else { e.ins(0x18, R0, 0, 0, Number(BigInt.asUintN(64, BigInt(k)) & 0xffffffffn) | 0); e.ins(0, 0, 0, 0, Number(BigInt.asUintN(64, BigInt(k)) >> 32n) | 0); }
    return;
  }
  switch (n.type) {
    case 'Identifier': {
      const off = e.locals.get(n.name);
      if (off === undefined) throw new CompileError(n, `unknown name '${n.name}'`);
      e.ld(R0, off);
      return;
    }
    case 'Literal': if (typeof n.value === 'boolean') { e.movImm(R0, n.value ? 1 : 0); return; } break;
    case 'MemberExpression': {
      if (n.computed && n.object.type === 'MemberExpression' && n.object.object.type === 'Identifier' && n.object.object.name === e.ctxName && n.object.property.name === 'args') {
        const i = constInt(n.property);
        if (i === null || i < 0 || i > 11) throw new CompileError(n, 'ctx.args takes a constant index 0..11');
        e.ins(0x79, R0, R6, i * 8, 0);
        return;
      }
      if (n.computed) { mapRead(e, n); return; }
      break;
    }
    case 'UnaryExpression':
      expr(e, n.argument);
      if (n.operator === '-') { e.ins(0x87, R0, 0, 0, 0); return; }
      if (n.operator === '~') { e.ins(0xa7, R0, 0, 0, -1); return; }
      if (n.operator === '!') { const j = e.jump(0x15, R0, 0, 0); e.movImm(R0, 0); const j2 = e.jump(0x05, 0, 0); e.land(j); e.movImm(R0, 1); e.land(j2); return; }
      break;
    case 'LogicalExpression': {
      expr(e, n.left);
      const j = e.jump(n.operator === '&&' ? 0x15 : 0x55, R0, 0, 0); // && stops on 0, || on non-zero
      expr(e, n.right);
      e.land(j);
      const j2 = e.jump(0x15, R0, 0, 0); e.movImm(R0, 1); e.land(j2);
      return;
    }
    case 'BinaryExpression': {
      const op = n.operator;
      if (ALU[op] === undefined && CMP[op] === undefined) break;
      expr(e, n.left);
      const off = e.slot(); e.st(off);
      expr(e, n.right);
      e.ins(0xbf, R1, R0, 0, 0); e.ld(R0, off); e.free();
      if (ALU[op] !== undefined) { e.ins(0x0f | ALU[op], R0, R1, 0, 0); return; }
      const j = e.jump(0x0d | CMP[op], R0, R1); e.movImm(R0, 0); const j2 = e.jump(0x05, 0, 0); e.land(j); e.movImm(R0, 1); e.land(j2);
      return;
    }
    case 'CallExpression': builtin(e, n); return;
    case 'AssignmentExpression': assign(e, n); return;
  }
  throw new CompileError(n, `unsupported expression (${n.type})`);
}

function builtin(e: Emitter, n: Node): void {
  const name = n.callee.type === 'Identifier' ? n.callee.name : '';
  const low32 = (): void => { e.ins(0x67, R0, 0, 0, 32); e.ins(0x77, R0, 0, 0, 32); };
  switch (name) {
    case 'pid': e.call(14); e.ins(0x77, R0, 0, 0, 32); return;
    case 'tid': e.call(14); low32(); return;
    case 'uid': e.call(15); low32(); return;
    case 'gid': e.call(15); e.ins(0x77, R0, 0, 0, 32); return;
    case 'ktime': e.call(5); return;
    case 'printk': {
      const [fmt, ...args] = n.arguments;
      if (fmt?.type !== 'Literal' || typeof fmt.value !== 'string') throw new CompileError(n, 'printk needs a format string first');
      if (args.length > 3) throw new CompileError(n, 'printk takes at most 3 values');
      const vals = args.map((a: Node) => { expr(e, a); const o = e.slot(); e.st(o); return o; });
      const text = new TextEncoder().encode(fmt.value + '\0');
      const size = (text.length + 7) & ~7, base = e.slot(size);
      for (let i = 0; i < size; i += 4) {
        const w = (text[i] ?? 0) | ((text[i + 1] ?? 0) << 8) | ((text[i + 2] ?? 0) << 16) | ((text[i + 3] ?? 0) << 24);
        e.ins(0x62, R10, 0, base + i, w);
      }
      vals.forEach((o: number, i: number) => e.ld(R3 + i, o));
      e.ins(0xbf, R1, R10, 0, 0); e.ins(0x07, R1, 0, 0, base); e.movImm(R2, text.length); e.call(6);
      e.free(size); for (let i = 0; i < vals.length; i++) e.free();
      return;
    }
  }
  throw new CompileError(n, `unknown function '${name}'`);
}

function assign(e: Emitter, n: Node): void {
  const op = n.operator === '=' ? null : n.operator.slice(0, -1);
  if (op !== null && ALU[op] === undefined) throw new CompileError(n, `unsupported operator ${n.operator}`);
  const t = n.left;
  if (t.type === 'Identifier') {
    const off = e.locals.get(t.name);
    if (off === undefined) throw new CompileError(t, `unknown name '${t.name}'`);
    expr(e, n.right);
    if (op !== null) { e.ins(0xbf, R1, R0, 0, 0); e.ld(R0, off); e.ins(0x0f | ALU[op], R0, R1, 0, 0); }
    e.st(off);
    return;
  }
  if (t.type !== 'MemberExpression' || !t.computed) throw new CompileError(t, 'only locals and map[key] can be assigned');
  const mi = mapIndex(e, t.object);
  expr(e, n.right);
  const val = e.slot(); e.st(val);
  const key = keySlot(e, mi, t.property);
  if (op !== null) {
    // existing element: update in place; missing: start from 0
    e.ldMap(R1, mi); e.ins(0xbf, R2, R10, 0, 0); e.ins(0x07, R2, 0, 0, key); e.call(1);
    e.ins(0xbf, R1, R0, 0, 0); e.movImm(R0, 0);
    const j = e.jump(0x15, R1, 0, 0); e.ins(0x79, R0, R1, 0, 0); e.land(j);
    e.ld(R1, val); e.ins(0x0f | ALU[op], R0, R1, 0, 0); e.st(val);
  }
  e.ldMap(R1, mi); e.ins(0xbf, R2, R10, 0, 0); e.ins(0x07, R2, 0, 0, key);
  e.ins(0xbf, R3, R10, 0, 0); e.ins(0x07, R3, 0, 0, val); e.movImm(4, 0); e.call(2);
  e.ld(R0, val);
  e.free(); e.free();
}

function stmt(e: Emitter, n: Node): void {
  switch (n.type) {
    case 'BlockStatement': for (const s of n.body) stmt(e, s); return;
    case 'ExpressionStatement': expr(e, n.expression); return;
    case 'EmptyStatement': return;
    case 'VariableDeclaration':
      for (const d of n.declarations) {
        if (d.id.type !== 'Identifier' || e.locals.has(d.id.name)) throw new CompileError(d, 'declare each local once, by name');
        if (d.init) expr(e, d.init); else e.movImm(R0, 0);
        const off = e.slot(); e.st(off); e.locals.set(d.id.name, off);
      }
      return;
    case 'IfStatement': {
      expr(e, n.test);
      const j = e.jump(0x15, R0, 0, 0);
      stmt(e, n.consequent);
      if (n.alternate) { const j2 = e.jump(0x05, 0, 0); e.land(j); stmt(e, n.alternate); e.land(j2); } else e.land(j);
      return;
    }
    case 'ReturnStatement':
      if (n.argument) expr(e, n.argument); else e.movImm(R0, 0);
      e.ins(0x95, 0, 0, 0, 0);
      return;
  }
  throw new CompileError(n, `unsupported statement (${n.type})`);
}

function mapDecl(n: Node): ProbeMap | null {
  if (n.type !== 'VariableDeclaration' || n.declarations.length !== 1) return null;
  const d = n.declarations[0], c = d.init;
  if (c?.type !== 'CallExpression' || c.callee.name !== 'map') return null;
  const kind = c.arguments[0]?.value, entries = c.arguments[1] ? constInt(c.arguments[1]) : 1024;
  if ((kind !== 'hash' && kind !== 'array') || entries === null || entries <= 0) throw new CompileError(c, "map('hash' | 'array', ENTRIES)");
  return { name: d.id.name, def: { type: kind === 'hash' ? 1 : 2, keySize: kind === 'hash' ? 8 : 4, valueSize: 8, maxEntries: entries, name: d.id.name } };
}

/** Compiles a probe script; the first error with its line. */
export function compileProbes(src: string): { ok: true; value: ProbeScript } | { ok: false; error: ProbeError } {
  let ast: Node;
  try {
    ast = parse(src, { ecmaVersion: 2022, sourceType: 'script', locations: true });
  } catch (x) {
    return { ok: false, error: { line: (x as { loc?: { line: number } }).loc?.line ?? 0, message: (x as Error).message } };
  }
  const maps: ProbeMap[] = [], probes: ProbeProgram[] = [];
  try {
    for (const n of ast.body) {
      const m = mapDecl(n);
      if (m !== null) { maps.push(m); continue; }
      const c = n.type === 'ExpressionStatement' ? n.expression : null;
      if (c?.type !== 'CallExpression' || c.callee.name !== 'probe') throw new CompileError(n, "expected const NAME = map(...) or probe('point', (ctx) => { ... })");
      const [point, fn] = c.arguments;
      if (point?.type !== 'Literal' || typeof point.value !== 'string') throw new CompileError(c, 'probe needs a point name first');
      if (fn?.type !== 'ArrowFunctionExpression' && fn?.type !== 'FunctionExpression') throw new CompileError(c, 'probe needs a function');
      const e = new Emitter(maps, fn.params[0]?.name ?? 'ctx');
      e.ins(0xbf, R6, R1, 0, 0);
      if (fn.body.type === 'BlockStatement') stmt(e, fn.body); else expr(e, fn.body);
      // The implicit `return 0`, unless the body already ended with an exit nothing jumps past.
      if (e.code[e.code.length - 1][0] !== 0x95 || e.targets.has(e.code.length)) { e.movImm(R0, 0); e.ins(0x95, 0, 0, 0, 0); }
      probes.push({ point: point.value, bytes: e.bytes() });
    }
  } catch (x) {
    if (!(x instanceof CompileError)) throw x;
    return { ok: false, error: { line: x.node?.loc?.start.line ?? 0, message: x.message } };
  }
  return { ok: true, value: { maps, probes } };
}
