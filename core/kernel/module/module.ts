// The module registry (Linux kernel/module/main.c): load a module from its
// source text, parse its parameters, run init with a per-module API object,
// keep refcounts (open files of its devices, dependent modules), unload with
// Linux's delete_module flags, and contain failures: every registration is
// recorded as an undo step and rolled back when init fails or at unload, even
// if exit() throws. A module callback that throws during a syscall is an oops
// (moduleOops): logged with module, function, stack and task, the task gets
// SIGKILL, the kernel is tainted (D) and goes on.
import { EBUSY, EEXIST, EINVAL, ENOENT, ENOEXEC, EWOULDBLOCK_, type Errno } from './errnos.js';
import { O_NONBLOCK, O_TRUNC } from '../../abi/linux.js';
import { errnoByCode } from '../../abi/errno.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import type { ModuleRealm, ModuleSandbox } from './sandbox.js';
import { parseParams, type ParamValue, type ParamSpecs } from './params.js';
import { buildApi } from './kapi.js';
import { fireProbe } from './hooks.js';
import { unregisterModuleKsyms } from '../ksyms.js';
import { synthInvalidate } from './synthfs.js';

/** Linux taint bits (include/linux/panic.h). */
export const TAINT_PROPRIETARY_MODULE = 0, TAINT_FORCED_RMMOD = 3, TAINT_DIE = 7, TAINT_OOT_MODULE = 12, TAINT_UNSIGNED_MODULE = 13;

export type ModuleState = 'Loading' | 'Live' | 'Unloading';

export interface LoadedModule {
  readonly name: string;
  readonly realm: ModuleRealm;
  /** The definition as the module's realm holds it. */
  readonly def: Record<string, unknown>;
  readonly params: Record<string, ParamValue>;
  readonly specs: ParamSpecs;
  readonly size: number;
  readonly address: number;
  readonly meta: { description: string; author: string; license: string; version: string; depends: string[] };
  state: ModuleState;
  /** Open files of its devices and other in-flight users. */
  refs: number;
  /** Modules using this one's symbols (they hold a reference each). */
  readonly holders: Set<string>;
  /** Modules this one uses. */
  readonly uses: Set<string>;
  /** Registrations to undo, in order of creation (undone last first). */
  readonly undo: { what: string; fn: () => void }[];
  readonly symbols: Map<string, unknown>;
  /** Checks that make unload fail with EBUSY (a mounted filesystem of the module). */
  readonly busy: (() => boolean)[];
  /** The API object handed to init/exit. */
  api: unknown;
  /** Taint letters shown in /proc/modules ("OE"). */
  readonly taints: string;
}

interface ModuleTable { mods: Map<string, LoadedModule>; sandbox: ModuleSandbox | null; nextAddr: number; order: string[] }
const tables = new WeakMap<Kernel, ModuleTable>();
export function moduleTable(k: Kernel): ModuleTable {
  let tb = tables.get(k);
  if (tb === undefined) { tb = { mods: new Map(), sandbox: null, nextAddr: 0xffffffff01000000, order: [] }; tables.set(k, tb); }
  return tb;
}

/** Boot: the sandbox modules are compiled and run in (core/host/sandbox.ts). */
export function installModuleSandbox(k: Kernel, s: ModuleSandbox): void { moduleTable(k).sandbox = s; }

export function taint(k: Kernel, bit: number): void { k.tainted |= 2 ** bit; }

export function findModule(k: Kernel, name: string): LoadedModule | undefined { return moduleTable(k).mods.get(name); }

const str = (v: unknown, d = ''): string => (typeof v === 'string' ? v : d);

/** Linux's module name rule: [A-Za-z0-9_-], '-' read as '_'. */
const validName = (n: string): boolean => /^[A-Za-z0-9_-]{1,55}$/.test(n);

/** Loads a module from its source; `filename` names it in messages. */
export function loadModule(k: Kernel, source: string, paramText: string, filename: string): LoadedModule | Errno {
  const tb = moduleTable(k);
  const fail = (e: Errno, why: string): Errno => { k.printk(`<3>${filename}: ${why}`); return e; };
  if (tb.sandbox === null) return fail(ENOEXEC, 'module support is not configured (no sandbox)');
  const c = tb.sandbox.compile(source, filename);
  if ('error' in c) return fail(ENOEXEC, `invalid module format: ${c.error}`);
  const l = tb.sandbox.load(c.js, filename);
  if ('error' in l) return fail(ENOEXEC, `invalid module format: ${l.error}`);
  const realm = l.realm;
  const def = realm.exports as Record<string, unknown> | undefined;
  if (def === null || typeof def !== 'object' || typeof def.name !== 'string' || typeof def.init !== 'function')
    return fail(ENOEXEC, 'invalid module format: the default export must be { name, init(k), ... }');
  const name = (def.name as string).replace(/-/g, '_');
  if (!validName(name)) return fail(ENOEXEC, `invalid module name '${def.name as string}'`);
  if (def.exit !== undefined && typeof def.exit !== 'function') return fail(ENOEXEC, `${name}: exit is not a function`);
  if (tb.mods.has(name)) return fail(EEXIST, `${name}: module is already loaded`);
  const depends = Array.isArray(def.depends) ? (def.depends as unknown[]).map(String) : [];
  for (const d of depends) if (!tb.mods.has(d.replace(/-/g, '_'))) return fail(ENOENT, `${name}: Unknown symbol (needs module ${d}, not loaded)`);
  const specs = (def.params ?? {}) as ParamSpecs;
  const params = parseParams(specs, paramText);
  if (typeof params === 'string') return fail(EINVAL, `${name}: ${params}`);
  const license = str(def.license, '');
  const m: LoadedModule = {
    name, realm, def, params, specs, size: source.length, address: tb.nextAddr,
    meta: { description: str(def.description), author: str(def.author), license, version: str(def.version), depends },
    state: 'Loading', refs: 0, holders: new Set(), uses: new Set(), undo: [], symbols: new Map(), busy: [], api: null,
    taints: /^(GPL|GPL v2|GPL and additional rights|Dual BSD\/GPL|Dual MIT\/GPL|Dual MPL\/GPL|MIT)$/.test(license) ? 'OE' : 'POE',
  };
  tb.nextAddr += Math.ceil((source.length + 4096) / 4096) * 4096;
  if (m.taints.includes('P')) { taint(k, TAINT_PROPRIETARY_MODULE); k.printk(`<4>${name}: module license '${license || 'unspecified'}' taints kernel.`); }
  if (!(k.tainted & 2 ** TAINT_OOT_MODULE)) k.printk(`<4>${name}: loading out-of-tree module taints kernel.`);
  if (!(k.tainted & 2 ** TAINT_UNSIGNED_MODULE)) k.printk(`<4>${name}: module verification failed: signature and/or required key missing - tainting kernel`);
  taint(k, TAINT_OOT_MODULE); taint(k, TAINT_UNSIGNED_MODULE);
  tb.mods.set(name, m);
  for (const d of depends) use(k, m, d.replace(/-/g, '_'));
  m.api = realm.freeze(realm.inject(buildApi(k, m)));
  let r: unknown;
  try {
    r = realm.call(def.init, def, [m.api]);
  } catch (e) {
    rollback(k, m);
    return fail(ENOEXEC, `${name}: init failed: ${errText(e)} (every registration undone)`);
  }
  if (typeof r === 'number' && r < 0) {
    rollback(k, m);
    return fail(errnoByCode(-r) ?? EINVAL, `${name}: init returned ${r} (every registration undone)`);
  }
  m.state = 'Live';
  tb.order.push(name);
  synthInvalidate();
  fireProbe(k, 'module:module_load', null, [m.address]);
  return m;
}

/** m starts using dep's symbols: dep is held until m goes. */
export function use(k: Kernel, m: LoadedModule, dep: string): void {
  const d = findModule(k, dep);
  if (d === undefined || m.uses.has(dep) || dep === m.name) return;
  m.uses.add(dep); d.holders.add(m.name);
}

function rollback(k: Kernel, m: LoadedModule): void {
  for (let i = m.undo.length - 1; i >= 0; i--) {
    try { m.undo[i].fn(); } catch (e) { k.printk(`<3>${m.name}: undoing ${m.undo[i].what} failed: ${errText(e)}`); }
  }
  m.undo.length = 0;
  unregisterModuleKsyms(k, m.name);
  for (const d of m.uses) findModule(k, d)?.holders.delete(m.name);
  const tb = moduleTable(k);
  tb.mods.delete(m.name);
  tb.order = tb.order.filter((n) => n !== m.name);
  m.state = 'Unloading';
  synthInvalidate();
}

/** delete_module: O_NONBLOCK → EWOULDBLOCK while in use; O_TRUNC forces (taints, ignores refs). */
export function unloadModule(k: Kernel, name: string, flags: number): 0 | Errno {
  const m = findModule(k, name);
  if (m === undefined || m.state !== 'Live') return ENOENT;
  if (m.holders.size > 0) return EWOULDBLOCK_;
  if (m.busy.some((b) => b())) return EBUSY;
  if (m.refs > 0 && !(flags & O_TRUNC)) return (flags & O_NONBLOCK) ? EWOULDBLOCK_ : EBUSY;
  if (flags & O_TRUNC && m.refs > 0) { taint(k, TAINT_FORCED_RMMOD); k.printk(`<4>${name}: forced unload while in use (${m.refs} users)`); }
  m.state = 'Unloading';
  if (typeof m.def.exit === 'function') {
    try { m.realm.call(m.def.exit, m.def, [m.api]); } catch (e) { k.printk(`<3>${name}: exit failed: ${errText(e)} (registrations undone anyway)`); }
  }
  rollback(k, m);
  fireProbe(k, 'module:module_free', null, [m.address]);
  return 0;
}

export function errText(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string' ? (e as { message: string }).message : String(e);
}

/**
 * A module's callback threw on behalf of t (null: a timer or deferred work):
 * an oops naming the module and function, the task killed, the kernel tainted D.
 */
export function moduleOops(k: Kernel, m: LoadedModule, fn: string, t: Task | null, e: unknown): void {
  taint(k, TAINT_DIE);
  const stack = typeof e === 'object' && e !== null && typeof (e as { stack?: unknown }).stack === 'string' ? (e as { stack: string }).stack : '';
  if (t !== null) {
    const err = new Error(errText(e));
    err.stack = `Error: ${err.message}\n${stack.split('\n').filter((l) => /^\s+at /.test(l)).join('\n')}`;
    k.oops(t, `module ${m.name}: exception in ${fn}()`, err);
  } else {
    k.printk(`Oops: module ${m.name}: exception in ${fn}() (no task): ${errText(e)}`);
    for (const line of stack.split('\n').slice(1, 8)) k.printk(`  ${line.trim()}`);
  }
  k.printk(`Modules linked in: ${[...moduleTable(k).mods.keys()].join(' ')}  Tainted: ${taintString(k)}`);
}

/** Linux's taint letters for the set bits (print_tainted). */
export function taintString(k: Kernel): string {
  const letters = 'PFSRMBUDAWCIOELKXTN';
  let s = '';
  for (let i = 0; i < letters.length; i++) if (k.tainted & 2 ** i) s += letters[i];
  return s || 'G';
}

/** Loaded modules in /proc/modules order (newest first), as plain data. */
export function listModules(k: Kernel): { name: string; size: number; refcount: number; deps: string[]; state: ModuleState; address: number; taints: string }[] {
  const tb = moduleTable(k);
  return [...tb.order].reverse().map((n) => tb.mods.get(n)!).map((m) => ({
    name: m.name, size: m.size, refcount: m.refs + m.holders.size, deps: [...m.holders], state: m.state, address: m.address, taints: m.taints,
  }));
}
