// The kernel's probe registry: one table of named probe points that native
// module probes use today and the eBPF attach uses later. A point is either a
// tracepoint (syscalls:sys_enter, sched:sched_switch, ...) or a kernel function
// from the symbol table (ksyms.ts; a kprobe on __riscv_sys_NAME fires when the
// syscall NAME is dispatched). Firing sites call fireProbe(k, point, t, args)
// only when anyEnabled(k) — a single boolean check on the hot path.
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { kallsyms, lookupKsym } from '../ksyms.js';

/** The tracepoints (Linux names: category:event). */
export const TRACEPOINTS = [
  'raw_syscalls:sys_enter', 'raw_syscalls:sys_exit', 'sched:sched_switch', 'sched:sched_process_fork', 'sched:sched_process_exec',
  'sched:sched_process_exit', 'exceptions:page_fault_user', 'signal:signal_deliver', 'module:module_load', 'module:module_free',
] as const;

export interface ProbeHit { readonly point: string; readonly task: Task | null; readonly args: readonly number[] }
export type ProbeHandler = (hit: ProbeHit) => void;
interface Probe { id: number; point: string; owner: string; fn: ProbeHandler }

interface Registry { byPoint: Map<string, Probe[]>; byId: Map<number, Probe>; nextId: number }
const registries = new WeakMap<Kernel, Registry>();
function reg(k: Kernel): Registry {
  let r = registries.get(k);
  if (r === undefined) { r = { byPoint: new Map(), byId: new Map(), nextId: 1 }; registries.set(k, r); }
  return r;
}

/** True when some probe is attached anywhere (the fast check at firing sites). */
export const probesEnabled = { any: false };

/** Is `point` a known probe point (tracepoint or kernel symbol)? */
export function isProbePoint(k: Kernel, point: string): boolean {
  return (TRACEPOINTS as readonly string[]).includes(point) || lookupKsym(k, point) !== undefined;
}

export function probePointNames(k: Kernel): string[] { return [...TRACEPOINTS, ...kallsyms(k).filter((s) => s.type === 'T').map((s) => s.name)]; }

/** Attaches fn at point for owner (a module name, 'bpf'); returns the probe id, or null for an unknown point. */
export function attachProbe(k: Kernel, point: string, owner: string, fn: ProbeHandler): number | null {
  if (!isProbePoint(k, point)) return null;
  const r = reg(k);
  const p: Probe = { id: r.nextId++, point, owner, fn };
  r.byId.set(p.id, p);
  const list = r.byPoint.get(point) ?? [];
  list.push(p);
  r.byPoint.set(point, list);
  probesEnabled.any = true;
  return p.id;
}

export function detachProbe(k: Kernel, id: number): boolean {
  const r = reg(k);
  const p = r.byId.get(id);
  if (p === undefined) return false;
  r.byId.delete(id);
  const list = r.byPoint.get(p.point)!.filter((x) => x !== p);
  if (list.length === 0) r.byPoint.delete(p.point); else r.byPoint.set(p.point, list);
  if (r.byId.size === 0) probesEnabled.any = false;
  return true;
}

/** Probes attached (for residue checks and /sys/kernel/debug-like listings). */
export function listProbes(k: Kernel): { id: number; point: string; owner: string }[] {
  return [...reg(k).byId.values()].map(({ id, point, owner }) => ({ id, point, owner }));
}

/** Runs the handlers of point. A handler that throws is the owner's problem: `onError` decides (modules oops). */
export function fireProbe(k: Kernel, point: string, task: Task | null, args: readonly number[]): void {
  const list = registries.get(k)?.byPoint.get(point);
  if (list === undefined) return;
  const hit: ProbeHit = { point, task, args };
  for (const p of [...list]) p.fn(hit);
}

/** Syscall dispatch sites (trap.ts): the raw tracepoint and the kprobe on the syscall's entry symbol. */
export function fireSyscallEnter(k: Kernel, t: Task, nr: number, name: string | undefined, a: Float64Array): void {
  const r = registries.get(k);
  if (r === undefined || r.byId.size === 0) return;
  if (r.byPoint.has('raw_syscalls:sys_enter')) fireProbe(k, 'raw_syscalls:sys_enter', t, [nr, a[0], a[1], a[2], a[3], a[4], a[5]]);
  if (name !== undefined && r.byPoint.has(`__riscv_sys_${name}`)) fireProbe(k, `__riscv_sys_${name}`, t, [a[0], a[1], a[2], a[3], a[4], a[5]]);
}
