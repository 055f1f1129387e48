// Program types with Linux's numbering (enum bpf_prog_type): the layout of the
// context each type receives (which byte ranges may be read or written, and
// which fields yield packet pointers), the helpers it may call, the range its
// return value must lie in, and whether unprivileged users may load it.
// nodix adds one type of its own: a seccomp filter over struct seccomp_data.

export const BPF_PROG_TYPE_SOCKET_FILTER = 1;
export const BPF_PROG_TYPE_KPROBE = 2;
export const BPF_PROG_TYPE_SCHED_CLS = 3;
export const BPF_PROG_TYPE_SCHED_ACT = 4;
export const BPF_PROG_TYPE_TRACEPOINT = 5;
export const BPF_PROG_TYPE_XDP = 6;
export const BPF_PROG_TYPE_PERF_EVENT = 7;
export const BPF_PROG_TYPE_CGROUP_SKB = 8;
export const BPF_PROG_TYPE_RAW_TRACEPOINT = 17;
/** nodix's own: seccomp filters in eBPF (Linux has only classic BPF there). */
export const BPF_PROG_TYPE_NODIX_SECCOMP = 0x10001;

/** A context field that loads as a pointer. */
export enum CtxPtr { PKT = 1, PKT_END, PKT_META }

export interface CtxRange {
  /** [start, end) in bytes. */
  readonly start: number;
  readonly end: number;
  readonly write?: boolean;
  /** Loading exactly this 4-byte field yields a pointer of this kind. */
  readonly ptr?: CtxPtr;
}

export interface ProgType {
  readonly id: number;
  readonly name: string;
  /** ELF section prefixes clang/libbpf use for it (SEC("xdp"), SEC("kprobe/..."), ...). */
  readonly sections: readonly string[];
  readonly ctxSize: number;
  readonly ctx: readonly CtxRange[];
  /** Loads from the context must be naturally aligned and lie within one range. */
  readonly helpers: ReadonlySet<number>;
  /** Inclusive range of r0 at exit, or null when any scalar is fine. */
  readonly ret: readonly [bigint, bigint] | null;
  readonly unprivileged: boolean;
  /** Direct packet access: reads, and writes too when true. */
  readonly pktWrite: boolean;
  /** Legacy ld_abs/ld_ind allowed (programs on sk_buffs). */
  readonly ldAbs: boolean;
}

const BASE = [1, 2, 3, 5, 7, 8, 14, 15, 16, 80, 118, 125, 160, 181, 130, 131, 132, 133, 134, 12];
const TRACING = [...BASE, 4, 6, 25, 27, 35, 36, 45, 67, 109, 112, 113, 114, 115, 117];
const SKB = [...BASE, 9, 10, 11, 13, 17, 18, 19, 23, 24, 25, 26, 28, 31, 32, 34, 38, 39, 41, 42, 43, 46, 47, 48, 50, 68, 6];
const u = (...l: number[]): ReadonlySet<number> => new Set(l);

/** struct __sk_buff, as Linux's uapi lays it out (192 bytes). */
function skbCtx(writable: (o: number) => boolean, pkt: boolean, meta: boolean): CtxRange[] {
  const fields: [number, number][] = [];
  for (let o = 0; o < 144; o += 4) fields.push([o, 4]);
  fields.push([152, 8], [160, 4], [164, 4], [176, 4]);
  const out: CtxRange[] = [];
  for (const [o, n] of fields) {
    if (o === 76 || o === 80 || o === 140) {
      if (!pkt || (o === 140 && !meta)) continue;
      out.push({ start: o, end: o + n, ptr: o === 76 ? CtxPtr.PKT : o === 80 ? CtxPtr.PKT_END : CtxPtr.PKT_META });
      continue;
    }
    out.push({ start: o, end: o + n, write: writable(o) });
  }
  return out;
}
const cb = (o: number): boolean => o >= 48 && o < 68;
const readOnly = (size: number): CtxRange[] => [{ start: 0, end: size }];

export const PROG_TYPES: readonly ProgType[] = [
  {
    id: BPF_PROG_TYPE_SOCKET_FILTER, name: 'socket_filter', sections: ['socket'], ctxSize: 192,
    ctx: skbCtx(cb, false, false), helpers: u(...BASE.filter((h) => h !== 181), 26, 46, 47, 68, 34),
    ret: null, unprivileged: true, pktWrite: false, ldAbs: true,
  },
  {
    // struct pt_regs of riscv64 (user_regs_struct: pc, ra, sp, ... t6): 32 u64.
    id: BPF_PROG_TYPE_KPROBE, name: 'kprobe', sections: ['kprobe/', 'kretprobe/', 'uprobe/', 'uretprobe/', 'ksyscall/'],
    ctxSize: 256, ctx: readOnly(256), helpers: u(...TRACING, 58), ret: null, unprivileged: false, pktWrite: false, ldAbs: false,
  },
  {
    id: BPF_PROG_TYPE_SCHED_CLS, name: 'sched_cls', sections: ['tc', 'classifier', 'tcx/'], ctxSize: 192,
    ctx: skbCtx((o) => o === 8 || o === 12 || o === 32 || o === 44 || cb(o) || o === 72 || o === 152, true, true),
    helpers: u(...SKB), ret: null, unprivileged: false, pktWrite: true, ldAbs: true,
  },
  {
    id: BPF_PROG_TYPE_SCHED_ACT, name: 'sched_act', sections: ['action'], ctxSize: 192,
    ctx: skbCtx((o) => o === 8 || o === 12 || o === 32 || o === 44 || cb(o) || o === 72 || o === 152, true, true),
    helpers: u(...SKB), ret: null, unprivileged: false, pktWrite: true, ldAbs: true,
  },
  {
    // The raw record of the tracepoint (common header + fields); Linux bounds it by the event's size.
    id: BPF_PROG_TYPE_TRACEPOINT, name: 'tracepoint', sections: ['tracepoint/', 'tp/'], ctxSize: 512,
    ctx: readOnly(512), helpers: u(...TRACING), ret: null, unprivileged: false, pktWrite: false, ldAbs: false,
  },
  {
    // struct xdp_md: data, data_end, data_meta, ingress_ifindex, rx_queue_index, egress_ifindex.
    id: BPF_PROG_TYPE_XDP, name: 'xdp', sections: ['xdp'], ctxSize: 24,
    ctx: [
      { start: 0, end: 4, ptr: CtxPtr.PKT }, { start: 4, end: 8, ptr: CtxPtr.PKT_END },
      { start: 8, end: 12, ptr: CtxPtr.PKT_META }, { start: 12, end: 24 },
    ],
    helpers: u(...BASE, 23, 28, 44, 51, 54, 65, 25), ret: null, unprivileged: false, pktWrite: true, ldAbs: false,
  },
  {
    // struct bpf_perf_event_data: pt_regs (256), sample_period, addr.
    id: BPF_PROG_TYPE_PERF_EVENT, name: 'perf_event', sections: ['perf_event'], ctxSize: 272,
    ctx: readOnly(272), helpers: u(...TRACING), ret: null, unprivileged: false, pktWrite: false, ldAbs: false,
  },
  {
    id: BPF_PROG_TYPE_CGROUP_SKB, name: 'cgroup_skb', sections: ['cgroup_skb/', 'cgroup/skb'], ctxSize: 192,
    ctx: skbCtx((o) => o === 8 || o === 32 || cb(o) || o === 152, true, false),
    helpers: u(...BASE.filter((h) => h !== 181), 26, 46, 47, 68), ret: [0n, 1n], unprivileged: true, pktWrite: false, ldAbs: false,
  },
  {
    // struct bpf_raw_tracepoint_args: u64 args[] (up to 12).
    id: BPF_PROG_TYPE_RAW_TRACEPOINT, name: 'raw_tracepoint', sections: ['raw_tracepoint/', 'raw_tp/'], ctxSize: 96,
    ctx: readOnly(96), helpers: u(...TRACING), ret: null, unprivileged: false, pktWrite: false, ldAbs: false,
  },
  {
    // struct seccomp_data: int nr; u32 arch; u64 instruction_pointer; u64 args[6]. Returns SECCOMP_RET_* (u32).
    id: BPF_PROG_TYPE_NODIX_SECCOMP, name: 'seccomp', sections: ['seccomp'], ctxSize: 64,
    ctx: readOnly(64), helpers: u(1, 2, 3, 5, 7, 8, 14, 15), ret: [0n, 0xffffffffn], unprivileged: true, pktWrite: false, ldAbs: false,
  },
];

const byId = new Map(PROG_TYPES.map((p) => [p.id, p]));
const byName = new Map(PROG_TYPES.map((p) => [p.name, p]));

export const progTypeById = (id: number): ProgType | undefined => byId.get(id);
export const progTypeByName = (name: string): ProgType | undefined => byName.get(name) ?? byName.get(name.replace(/-/g, '_'));

/** The program type for an ELF section name, by libbpf's conventions; undefined when unknown. */
export function progTypeForSection(sec: string): ProgType | undefined {
  for (const p of PROG_TYPES) {
    for (const s of p.sections) if (sec === s || sec === s.replace(/\/$/, '') || (s.endsWith('/') && sec.startsWith(s))) return p;
  }
  for (const p of PROG_TYPES) for (const s of p.sections) if (sec.startsWith(s)) return p;
  return undefined;
}
