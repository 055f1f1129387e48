// Map types by Linux id (enum bpf_map_type) and the shape every map
// implementation shares: a definition the verifier reads (key/value sizes, max
// entries) and an ops table the runtime calls (Linux's struct bpf_map_ops).
// Errors are negative errno values, as the helpers return them to programs.

export const BPF_MAP_TYPE_HASH = 1;
export const BPF_MAP_TYPE_ARRAY = 2;
export const BPF_MAP_TYPE_PROG_ARRAY = 3;
export const BPF_MAP_TYPE_PERF_EVENT_ARRAY = 4;
export const BPF_MAP_TYPE_PERCPU_HASH = 5;
export const BPF_MAP_TYPE_PERCPU_ARRAY = 6;
export const BPF_MAP_TYPE_LRU_HASH = 9;
export const BPF_MAP_TYPE_LRU_PERCPU_HASH = 10;
export const BPF_MAP_TYPE_RINGBUF = 27;

/** Update flags (bpf_map_update_elem). */
export const BPF_ANY = 0;
export const BPF_NOEXIST = 1;
export const BPF_EXIST = 2;

/** Map flags the verifier honours. */
export const BPF_F_RDONLY_PROG = 1 << 7;
export const BPF_F_WRONLY_PROG = 1 << 8;

export const EPERM = 1;
export const ENOENT = 2;
export const E2BIG = 7;
export const ENOMEM = 12;
export const EEXIST = 17;
export const EINVAL = 22;

/** What the verifier knows of a map: Linux's bpf_map_def / bpf_attr map fields. */
export interface MapDef {
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
  readonly name?: string;
  /** Contents of a frozen map (user space can no longer change it, as libbpf does for .rodata). With
   *  BPF_F_RDONLY_PROG, the verifier reads constant-offset loads from it as known values. */
  readonly frozen?: Uint8Array;
}

/** The runtime operations of one map instance. Keys and values are byte arrays of the declared sizes. */
export interface BpfMap {
  readonly def: MapDef;
  /** The value storage (a view the program may read and write in place), or null. For per-CPU maps, the current CPU's copy. */
  lookup(key: Uint8Array): Uint8Array | null;
  /** 0 or a negative errno. */
  update(key: Uint8Array, value: Uint8Array, flags: number): number;
  delete(key: Uint8Array): number;
  /** The key after `key` (or the first key when key is null); null at the end. */
  getNextKey(key: Uint8Array | null): Uint8Array | null;
  /** Per-CPU maps: which CPU's copy lookup() returns. */
  cpu?: number;
}

/** Checks a definition the way Linux's map_alloc_check does; returns an error message or null. */
export type DefCheck = (def: MapDef) => string | null;

export interface MapTypeInfo {
  readonly id: number;
  readonly name: string;
  readonly check: DefCheck;
  readonly create: (def: MapDef, nrCpus: number) => BpfMap;
  /** Whether programs may call map_lookup/update/delete on it (not for prog array, perf array, ringbuf). */
  readonly programAccess: boolean;
}
