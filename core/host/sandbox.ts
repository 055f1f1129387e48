// The module sandbox (host side): compiles a module's TypeScript to
// JavaScript with the `typescript` package's transpileModule (syntax only, no
// type check) and evaluates it in its own node:vm context — a fresh realm
// with no require, process, Buffer or host globals, and string code
// generation (eval, new Function) switched off. Everything handed to the
// module crosses a membrane: host functions become realm functions that
// convert results and rethrow host errors as realm errors, byte arrays and
// plain objects are copied into the realm, so no host object (whose
// constructor.constructor would be the host's Function) ever reaches module
// code. The kernel sees this only through core/kernel/module/sandbox.ts.
import vm from 'node:vm';
import { createRequire } from 'node:module';
import type { ModuleRealm, ModuleSandbox } from '../kernel/module/sandbox.js';

const req = createRequire(import.meta.url);
type Ts = typeof import('typescript');
let ts: Ts | null = null;
const compiled = new Map<string, { js: string } | { error: string }>();

function compile(source: string, filename: string): { js: string } | { error: string } {
  const hit = compiled.get(source);
  if (hit !== undefined) return hit;
  ts ??= req('typescript') as Ts;
  const out = ts.transpileModule(source, {
    fileName: filename.replace(/\.ko\.(ts|js)$/, '.$1'),
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, alwaysStrict: true, sourceMap: false },
  });
  const errs = (out.diagnostics ?? []).filter((d) => d.category === ts!.DiagnosticCategory.Error);
  let r: { js: string } | { error: string };
  if (errs.length > 0) {
    const d = errs[0];
    const pos = d.file !== undefined && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : null;
    r = { error: `${pos ? `line ${pos.line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}` };
  } else r = { js: out.outputText };
  if (compiled.size > 64) compiled.clear();
  compiled.set(source, r);
  return r;
}

// Realm-local TextEncoder/TextDecoder (UTF-8 only), written with language built-ins so that
// no host class enters the realm.
const BOOT = `'use strict';
globalThis.TextEncoder = class TextEncoder {
  get encoding() { return 'utf-8'; }
  encode(s = '') { const b = unescape(encodeURIComponent(String(s))); const o = new Uint8Array(b.length); for (let i = 0; i < b.length; i++) o[i] = b.charCodeAt(i); return o; }
};
globalThis.TextDecoder = class TextDecoder {
  get encoding() { return 'utf-8'; }
  decode(v) {
    if (v === undefined) return '';
    const b = v instanceof Uint8Array ? v : new Uint8Array(v.buffer ?? v, v.byteOffset ?? 0, v.byteLength ?? v.length);
    let s = '';
    for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
    try { return decodeURIComponent(escape(s)); } catch { return s.replace(/[\\x80-\\xff]/g, '\\ufffd'); }
  }
};
({
  Object, Array, Uint8Array, Error, Function,
  wrap: (call) => function (...a) { return call(a); },
})`;

interface Intrinsics {
  Object: ObjectConstructor; Array: ArrayConstructor; Uint8Array: Uint8ArrayConstructor; Error: ErrorConstructor; Function: FunctionConstructor;
  wrap(call: (a: unknown[]) => unknown): (...a: unknown[]) => unknown;
}

const message = (e: unknown): string =>
  (typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string') ? (e as { message: string }).message : String(e);

function load(js: string, filename: string): { realm: ModuleRealm } | { error: string } {
  const global: Record<string, unknown> = {};
  const ctx = vm.createContext(global, { name: filename, codeGeneration: { strings: false, wasm: false } });
  const R = vm.runInContext(BOOT, ctx) as Intrinsics;
  const wrapped = new WeakMap<object, unknown>();
  const RObject: unknown = R.Object;
  const own = (x: object): boolean => x instanceof (RObject as new () => object);
  const inject = (val: unknown): unknown => {
    if (val === null || (typeof val !== 'object' && typeof val !== 'function')) return val;
    const v = val as object;
    if (own(v)) return v; // already the module's own
    const seen = wrapped.get(v);
    if (seen !== undefined) return seen;
    let out: unknown;
    if (typeof v === 'function') {
      const f = v as (...a: unknown[]) => unknown;
      out = R.wrap((a) => {
        let r: unknown;
        try { r = f(...a); } catch (e) { throw new R.Error(message(e)); }
        return inject(r);
      });
    } else if (v instanceof Uint8Array) {
      return new R.Uint8Array(v);
    } else if (Array.isArray(v)) {
      const a = new R.Array();
      for (const x of v as unknown[]) a.push(inject(x));
      return a;
    } else {
      const o = new R.Object() as Record<string, unknown>;
      for (const [key, x] of Object.entries(v as object)) o[key] = inject(x);
      out = o;
    }
    wrapped.set(v as object, out);
    return out;
  };
  const mod = new R.Object() as { exports: Record<string, unknown> };
  mod.exports = new R.Object() as Record<string, unknown>;
  const refuse = inject((spec: unknown) => { throw new Error(`import of '${String(spec)}' is not allowed: a module reaches the kernel only through the API object passed to init`); });
  try {
    const fn = vm.runInContext(`(function (exports, module, require) {${js}\n})`, ctx, { filename, timeout: 1000 }) as (...a: unknown[]) => unknown;
    fn(mod.exports, mod, refuse);
  } catch (e) {
    return { error: message(e) };
  }
  const exp = mod.exports;
  const def = exp.default ?? (exp.name !== undefined ? exp : undefined);
  const realm: ModuleRealm = {
    exports: def,
    inject,
    freeze(v) {
      const deep = (x: unknown): void => {
        if (x === null || (typeof x !== 'object' && typeof x !== 'function') || Object.isFrozen(x)) return;
        Object.freeze(x);
        for (const k of Object.getOwnPropertyNames(x)) deep((x as Record<string, unknown>)[k]);
      };
      deep(v);
      return v;
    },
    call(fn, self, args) {
      // Through a script with a time limit: a callback that loops forever throws
      // "Script execution timed out" (an oops for its caller) instead of hanging the kernel.
      const slot = new R.Array();
      slot.push(fn, self, ...args.map(inject));
      global.__nodix_call = slot;
      try { return invoke.runInContext(ctx, { timeout: CALLBACK_TIMEOUT_MS }); } finally { global.__nodix_call = undefined; }
    },
  };
  return { realm };
}

/** The longest a module's callback may run before it is stopped (an oops). */
export const CALLBACK_TIMEOUT_MS = 500;
const invoke = new vm.Script("'use strict'; { const c = __nodix_call; Reflect.apply(c[0], c[1], c.slice(2)); }");

/** The sandbox boot hands to the module loader. */
export const nodeModuleSandbox: ModuleSandbox = { compile, load };
