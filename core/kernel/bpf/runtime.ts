// Running a verified program inside the kernel (Linux's bpf_prog_run and the
// helpers of kernel/trace/bpf_trace.c): the program gets its own BPF address
// space; the context is mapped for the run; a map value returned by
// map_lookup_elem is copied into a region for the run and copied back to the
// map when a helper touches maps and when the run ends (one region per
// element per run, so two lookups of one element alias). Helpers see the task
// that triggered the hook. The JIT runs the program; the interpreter when the
// JIT refused it.
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { copyIn } from '../mm/uaccess.js';
import { sendSignal } from '../proc.js';
import {
  AddressSpace, HELPER_OK, PROT_READ, PROT_WRITE, RingBuf, interpret, regGet, regSet, STACK_TOP,
  type Helper, type BpfMap,
} from '../../../verifier/index.js';
import { bpfState, type BpfMapObj, type BpfProgObj } from './objects.js';
import { tracePrintk } from './trace.js';

const BPF_F_RDONLY_PROG = 1 << 7;
const KEY0 = new Uint8Array(4);
const valueProt = (m: BpfMapObj): number => PROT_READ | (((m.def.flags ?? 0) & BPF_F_RDONLY_PROG) ? 0 : PROT_WRITE);

/**
 * Where the values of global-data maps (lddw src 2) sit in a program's address space: they are mapped
 * first at every run, in this order, so their addresses are fixed and can be resolved at load.
 */
export function valueMapAddresses(maps: readonly BpfMapObj[]): number[] {
  const as = new AddressSpace();
  return maps.map((m) => as.alloc(m.def.valueSize, valueProt(m), 'global data').start);
}

/** Upper half of the value an lddw of a map fd resolves to; the lower half is the map id. */
export const MAP_HANDLE_HI = 0x4d415000;
const EFAULT = 14, EINVAL = 22, E2BIG = 7, ENOENT = 2, EOPNOTSUPP = 95;
const MAX_RUN_REGIONS = 56;

interface Mapped { start: number; view: Uint8Array }
interface RunCtx { k: Kernel; t: Task | null; prog: BpfProgObj; as: AddressSpace; mapped: Mapped[]; byView: Map<ArrayBuffer, Map<number, number>>; ring: Map<number, { rb: RingBuf; off: number; size: number }> }

let cur: RunCtx | null = null;
const spaces = new WeakMap<BpfProgObj, AddressSpace>();

function mapOf(regs: Int32Array, r: number): BpfMap | null {
  if (regs[2 * r + 1] !== MAP_HANDLE_HI || cur === null) return null;
  return bpfState(cur.k).maps.get(regs[2 * r])?.map ?? null;
}

/** Copies every run-mapped value back to its map. */
function syncOut(c: RunCtx): void {
  for (const m of c.mapped) m.view.set(c.as.u8.subarray(m.start, m.start + m.view.length));
}
/** Refreshes run-mapped values from their maps (after a helper changed them). */
function syncIn(c: RunCtx): void {
  for (const m of c.mapped) c.as.u8.set(m.view, m.start);
}

function mapValue(c: RunCtx, view: Uint8Array): number {
  let per = c.byView.get(view.buffer as ArrayBuffer);
  const known = per?.get(view.byteOffset);
  if (known !== undefined) return known;
  if (c.as.count >= MAX_RUN_REGIONS) return 0;
  const r = c.as.map(view, PROT_READ | PROT_WRITE, 'map value');
  c.mapped.push({ start: r.start, view });
  if (per === undefined) { per = new Map(); c.byView.set(view.buffer as ArrayBuffer, per); }
  per.set(view.byteOffset, r.start);
  return r.start;
}

const ret = (regs: Int32Array, v: bigint | number): number => { regSet(regs, 0, BigInt(v)); return HELPER_OK; };
const u8 = (as: AddressSpace, addr: number, n: number): Uint8Array | null => as.read(addr, n);

function readUser(as: AddressSpace, regs: Int32Array, str: boolean): number {
  const dst = regs[2], size = regs[4] >>> 0, src = Number(regGet(regs, 3));
  if (cur?.t == null) { as.u8.fill(0, dst, dst + size); return ret(regs, -EFAULT); }
  const b = copyIn(cur.t.proc.mm, src, size);
  if (!(b instanceof Uint8Array)) {
    if (!str) { as.u8.fill(0, dst, dst + size); return ret(regs, -EFAULT); }
    // A string may end before an unreadable byte: read what is there.
    let n = 0;
    for (; n < size; n++) {
      const c = copyIn(cur.t.proc.mm, src + n, 1);
      if (!(c instanceof Uint8Array)) break;
      as.u8[dst + n] = c[0];
      if (c[0] === 0) return ret(regs, n + 1);
    }
    if (n === 0) return ret(regs, -EFAULT);
    as.u8[dst + Math.min(n, size - 1)] = 0;
    return ret(regs, Math.min(n, size - 1) + 1);
  }
  if (!str) { as.u8.set(b, dst); return ret(regs, size); }
  const z = b.indexOf(0);
  const n = z >= 0 ? z : Math.max(0, size - 1);
  as.u8.set(b.subarray(0, n), dst);
  if (size > 0) as.u8[dst + n] = 0;
  return ret(regs, size > 0 ? n + 1 : 0);
}

function mapOp(regs: Int32Array, as: AddressSpace, op: (m: BpfMap, c: RunCtx) => number): number {
  const m = mapOf(regs, 1);
  if (m === null || cur === null) return ret(regs, -EINVAL);
  syncOut(cur);
  const r = op(m, cur);
  syncIn(cur);
  void as;
  return ret(regs, r);
}

/** The helpers by Linux id. */
export const KERNEL_HELPERS: (Helper | undefined)[] = [];
const H = KERNEL_HELPERS;
H[1] = (regs, as) => {
  const m = mapOf(regs, 1);
  if (m === null || cur === null) return ret(regs, 0);
  const key = u8(as, regs[4], m.def.keySize);
  if (key === null) return ret(regs, 0);
  syncOut(cur);
  const v = m.lookup(key);
  return ret(regs, v === null ? 0 : mapValue(cur, v));
};
H[2] = (regs, as) => mapOp(regs, as, (m) => {
  const key = u8(as, regs[4], m.def.keySize), val = u8(as, regs[6], m.def.valueSize);
  return key === null || val === null ? -EFAULT : m.update(key, val, regs[8]);
});
H[3] = (regs, as) => mapOp(regs, as, (m) => { const key = u8(as, regs[4], m.def.keySize); return key === null ? -EFAULT : m.delete(key); });
H[4] = (regs, as) => readUser(as, regs, false);
H[112] = H[4];
H[113] = (regs, as) => { as.u8.fill(0, regs[2], regs[2] + (regs[4] >>> 0)); return ret(regs, -EFAULT); };
H[45] = (regs, as) => readUser(as, regs, true);
H[114] = H[45];
H[115] = H[113];
H[5] = (regs) => ret(regs, BigInt(Math.round(cur!.k.monotonicNs())));
H[125] = H[5];
H[160] = H[5];
H[118] = (regs) => ret(regs, BigInt(Math.floor(cur!.k.monotonicNs() / 4e6)));
H[6] = (regs, as) => {
  const fmt = u8(as, regs[2], regs[4] >>> 0);
  if (fmt === null || cur === null) return ret(regs, -EFAULT);
  return ret(regs, tracePrintk(cur.k, cur.t, fmt, [regGet(regs, 3), regGet(regs, 4), regGet(regs, 5)], (a) => as.readCString(a, 256)));
};
H[7] = (regs) => { const b = new Uint8Array(4); cur!.k.randomBytes(b); return ret(regs, (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0); };
H[8] = (regs) => ret(regs, 0);
H[14] = (regs) => { const t = cur!.t; return ret(regs, t === null ? 0n : (BigInt(t.proc.pid) << 32n) | BigInt(t.tid)); };
H[15] = (regs) => { const t = cur!.t; return ret(regs, t === null ? 0n : (BigInt(t.proc.cred.gid) << 32n) | BigInt(t.proc.cred.uid)); };
H[16] = (regs, as) => {
  const t = cur!.t, n = regs[4] >>> 0, out = new Uint8Array(n);
  if (t === null) return ret(regs, -EINVAL);
  const name = new TextEncoder().encode((t.comm ?? t.proc.comm).slice(0, 15));
  out.set(name.subarray(0, Math.max(0, n - 1)));
  as.u8.set(out, regs[2]);
  return ret(regs, 0);
};
H[109] = (regs) => {
  const t = cur!.t, sig = regs[2];
  if (t === null) return ret(regs, -EOPNOTSUPP);
  if (sig < 1 || sig > 64) return ret(regs, -EINVAL);
  sendSignal(cur!.k, t.proc, null, sig);
  return ret(regs, 0);
};
H[117] = (regs) => {
  const t = cur!.t, sig = regs[2];
  if (t === null) return ret(regs, -EOPNOTSUPP);
  if (sig < 1 || sig > 64) return ret(regs, -EINVAL);
  sendSignal(cur!.k, t.proc, t, sig);
  return ret(regs, 0);
};
H[130] = (regs, as) => {
  const m = mapOf(regs, 1);
  if (!(m instanceof RingBuf)) return ret(regs, -EINVAL);
  const data = u8(as, regs[4], regs[6] >>> 0);
  return ret(regs, data === null ? -EFAULT : m.output(data));
};
H[131] = (regs, as) => {
  const m = mapOf(regs, 1), size = regs[4] >>> 0;
  if (!(m instanceof RingBuf) || cur === null || cur.as.count >= MAX_RUN_REGIONS) return ret(regs, 0);
  const off = m.reserve(size);
  if (off < 0) return ret(regs, 0);
  const r = as.alloc(size, PROT_READ | PROT_WRITE, 'ringbuf record');
  cur.ring.set(r.start, { rb: m, off, size });
  return ret(regs, r.start);
};
const ringDone = (discard: boolean): Helper => (regs, as) => {
  const rec = cur?.ring.get(regs[2]);
  if (rec === undefined) return ret(regs, 0);
  cur!.ring.delete(regs[2]);
  rec.rb.data.set(as.u8.subarray(regs[2], regs[2] + rec.size), rec.off);
  rec.rb.commit(rec.off, discard);
  return ret(regs, 0);
};
H[132] = ringDone(false);
H[133] = ringDone(true);
H[134] = (regs) => {
  const m = mapOf(regs, 1);
  if (!(m instanceof RingBuf)) return ret(regs, 0);
  const q = regs[4];
  return ret(regs, q === 0 ? m.prod - m.cons : q === 1 ? m.def.maxEntries : q === 2 ? m.cons : q === 3 ? m.prod : 0);
};
H[25] = (regs) => ret(regs, -EOPNOTSUPP);
H[181] = (regs) => ret(regs, -EOPNOTSUPP);
void E2BIG; void ENOENT;

export interface RunResult { readonly ok: boolean; readonly r0: bigint; readonly error?: string }

/**
 * Runs `p` on a context (bytes mapped read-only, or writable for test runs) for task `t`
 * (null outside task context). Re-entrant runs (a hook fired from a helper) are refused.
 */
export function runProg(k: Kernel, p: BpfProgObj, t: Task | null, ctx: Uint8Array, writableCtx = false): RunResult {
  if (cur !== null) return { ok: false, r0: 0n, error: 'nested BPF run' };
  let as = spaces.get(p);
  if (as === undefined) { as = new AddressSpace(); spaces.set(p, as); }
  as.reset();
  const c: RunCtx = { k, t, prog: p, as, mapped: [], byView: new Map(), ring: new Map() };
  as.regs.fill(0);
  for (const m of p.valueMaps) {
    const view = m.map.lookup(KEY0);
    if (view === null) return { ok: false, r0: 0n, error: `map ${m.id} has no value to address` };
    c.mapped.push({ start: as.map(view, valueProt(m), 'global data').start, view });
  }
  const r = as.map(ctx, PROT_READ | (writableCtx ? PROT_WRITE : 0), 'ctx');
  regSet(as.regs, 1, BigInt(r.start));
  regSet(as.regs, 10, BigInt(STACK_TOP));
  cur = c;
  p.runCount++;
  try {
    const res = p.jit !== null ? p.jit.run(as, { helpers: KERNEL_HELPERS }) : interpret(p.prog, as, { helpers: KERNEL_HELPERS });
    syncOut(c);
    if (writableCtx) ctx.set(as.u8.subarray(r.start, r.start + ctx.length));
    // Records reserved and never submitted (the verifier forbids it) are discarded.
    for (const rec of c.ring.values()) rec.rb.commit(rec.off, true);
    return res.ok ? { ok: true, r0: res.r0 } : { ok: false, r0: 0n, error: `insn ${res.error.pc}: ${res.error.message}` };
  } finally {
    cur = null;
  }
}
