// bpf(2) objects (Linux kernel/bpf/syscall.c): maps and programs live in
// per-kernel id tables (idr), are reached from user space through anonymous
// fds ("anon_inode:bpf-map" / "bpf-prog") and are refcounted: each fd holds a
// reference, a program holds one on every map it uses, an attachment (link)
// holds one on its program. The last reference frees the object and removes
// its id, so closing every fd of an attached program detaches it.
import type { Kernel } from '../kernel.js';
import { File, type FileOps } from '../fs/file.js';
import type { BpfMap, MapDef, Program, JitProgram } from '../../../verifier/index.js';

export class BpfMapObj {
  refs = 1;
  frozen = false;
  constructor(readonly id: number, readonly map: BpfMap, readonly def: MapDef, readonly name: string, readonly uid: number) {}
}

export class BpfProgObj {
  refs = 1;
  /** Detach callbacks of the attachments holding this program (run when it is freed). */
  readonly detach = new Set<() => void>();
  runCount = 0;
  constructor(
    readonly id: number, readonly type: number, readonly name: string, readonly insns: Uint8Array,
    readonly maps: readonly BpfMapObj[], readonly prog: Program, readonly jit: JitProgram | null,
    readonly loadTimeNs: number, readonly uid: number,
    /** Maps whose value (key 0) the program addresses directly (lddw src 2: global data), in layout order. */
    readonly valueMaps: readonly BpfMapObj[] = [],
  ) {}
}

/** The per-kernel tables (kept beside the kernel, not in it). */
export class BpfState {
  readonly maps = new Map<number, BpfMapObj>();
  readonly progs = new Map<number, BpfProgObj>();
  /** BPF_OBJ_PIN: path -> object, each holding one reference (no bpffs: the table is the filesystem). */
  readonly pins = new Map<string, BpfMapObj | BpfProgObj | BpfLink>();
  private nextMapId = 1;
  private nextProgId = 1;
  constructor(readonly k: Kernel) {}

  newMapId(): number { return this.nextMapId++; }
  newProgId(): number { return this.nextProgId++; }

  putMap(m: BpfMapObj): void {
    if (--m.refs === 0) this.maps.delete(m.id);
  }
  putProg(p: BpfProgObj): void {
    if (--p.refs > 0) return;
    this.progs.delete(p.id);
    for (const d of [...p.detach]) d();
    p.detach.clear();
    for (const m of p.maps) this.putMap(m);
  }

  /** The smallest id above `start` (BPF_*_GET_NEXT_ID), or -1. */
  static nextId(ids: Iterable<number>, start: number): number {
    let best = -1;
    for (const id of ids) if (id > start && (best < 0 || id < best)) best = id;
    return best;
  }
}

const states = new WeakMap<Kernel, BpfState>();
export function bpfState(k: Kernel): BpfState {
  let s = states.get(k);
  if (s === undefined) { s = new BpfState(k); states.set(k, s); }
  return s;
}

const mapFops: FileOps = { release(f: File): void { const m = f.priv as BpfMapObj; bpfState(mapOwner.get(m)!).putMap(m); } };
const progFops: FileOps = { release(f: File): void { const p = f.priv as BpfProgObj; bpfState(progOwner.get(p)!).putProg(p); } };
const linkFops: FileOps = { release(f: File): void { (f.priv as BpfLink).release(); } };
const mapOwner = new WeakMap<BpfMapObj, Kernel>();
const progOwner = new WeakMap<BpfProgObj, Kernel>();

export function registerMap(k: Kernel, m: BpfMapObj): void { mapOwner.set(m, k); bpfState(k).maps.set(m.id, m); }
export function registerProg(k: Kernel, p: BpfProgObj): void { progOwner.set(p, k); bpfState(k).progs.set(p.id, p); }

/** A new description holding one reference to the map (the caller's reference moves into it). */
export const mapFile = (m: BpfMapObj): File => new File(mapFops, 2, 'anon_inode:bpf-map', m);
export const progFile = (p: BpfProgObj): File => new File(progFops, 2, 'anon_inode:bpf-prog', p);

export const asMap = (f: File): BpfMapObj | null => (f.ops === mapFops ? f.priv as BpfMapObj : null);
export const asProg = (f: File): BpfProgObj | null => (f.ops === progFops ? f.priv as BpfProgObj : null);
export const asLink = (f: File): BpfLink | null => (f.ops === linkFops ? f.priv as BpfLink : null);

/** An attachment of a program to a hook (BPF_RAW_TRACEPOINT_OPEN): refcounted by its fds and pins; the last put detaches. */
export class BpfLink {
  private refs = 1;
  private done = false;
  constructor(readonly k: Kernel, readonly prog: BpfProgObj, private readonly undo: () => void) {
    prog.refs++;
    prog.detach.add(this.detachNow);
  }
  private readonly detachNow = (): void => { if (!this.done) { this.done = true; this.undo(); } };
  get(): BpfLink { this.refs++; return this; }
  release(): void {
    if (--this.refs > 0) return;
    this.detachNow();
    this.prog.detach.delete(this.detachNow);
    bpfState(this.k).putProg(this.prog);
  }
}
export const linkFile = (l: BpfLink): File => new File(linkFops, 2, 'anon_inode:bpf-link', l);
