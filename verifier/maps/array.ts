// Array maps: BPF_MAP_TYPE_ARRAY, PERCPU_ARRAY, PROG_ARRAY and PERF_EVENT_ARRAY.
// Keys are u32 indices; all elements exist from creation, zero-filled; delete is
// refused (EINVAL) for plain arrays, as in Linux. Values are 8-byte aligned.
import {
  type BpfMap, type MapDef, type MapTypeInfo, BPF_EXIST, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_ARRAY,
  BPF_MAP_TYPE_PERF_EVENT_ARRAY, BPF_MAP_TYPE_PROG_ARRAY, BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT,
} from './types.js';

const round8 = (n: number): number => (n + 7) & ~7;
const index = (key: Uint8Array): number => (key[0] | (key[1] << 8) | (key[2] << 16) | (key[3] << 24)) >>> 0;
const u32Key = (i: number): Uint8Array => new Uint8Array([i & 0xff, (i >>> 8) & 0xff, (i >>> 16) & 0xff, i >>> 24]);

export function checkArrayDef(def: MapDef): string | null {
  if (def.keySize !== 4) return 'array maps need key_size 4';
  if (def.valueSize <= 0 || def.valueSize > (1 << 20)) return 'value_size must be in [1, 1 MiB]';
  if (def.maxEntries <= 0) return 'max_entries must be positive';
  return null;
}

/** Plain and per-CPU arrays: one slab of round8(value_size) * max_entries bytes per CPU. */
export class ArrayMap implements BpfMap {
  readonly slabs: Uint8Array[];
  readonly stride: number;
  cpu = 0;
  constructor(readonly def: MapDef, nrCpus = 1) {
    this.stride = round8(def.valueSize);
    this.slabs = Array.from({ length: Math.max(1, nrCpus) }, () => new Uint8Array(this.stride * def.maxEntries));
  }
  lookup(key: Uint8Array): Uint8Array | null {
    const i = index(key);
    if (i >= this.def.maxEntries) return null;
    return this.slabs[this.cpu].subarray(i * this.stride, i * this.stride + this.def.valueSize);
  }
  update(key: Uint8Array, value: Uint8Array, flags: number): number {
    if (flags > BPF_EXIST) return -EINVAL;
    const i = index(key);
    if (i >= this.def.maxEntries) return -E2BIG;
    if (flags === BPF_NOEXIST) return -EEXIST;
    this.slabs[this.cpu].set(value.subarray(0, this.def.valueSize), i * this.stride);
    return 0;
  }
  delete(): number { return -EINVAL; }
  getNextKey(key: Uint8Array | null): Uint8Array | null {
    const i = key === null ? 0 : index(key) + 1;
    return i < this.def.maxEntries ? u32Key(i) : null;
  }
}

/** Prog and perf-event arrays hold references (program or event ids) set from user space; programs only use them through helpers. */
export class RefArrayMap implements BpfMap {
  readonly slots: (number | null)[];
  constructor(readonly def: MapDef) { this.slots = new Array(def.maxEntries).fill(null); }
  lookup(): Uint8Array | null { return null; }
  /** value: a u32 id (program fd or event fd). */
  update(key: Uint8Array, value: Uint8Array): number {
    const i = index(key);
    if (i >= this.def.maxEntries) return -E2BIG;
    this.slots[i] = index(value);
    return 0;
  }
  delete(key: Uint8Array): number {
    const i = index(key);
    if (i >= this.def.maxEntries || this.slots[i] === null) return -ENOENT;
    this.slots[i] = null;
    return 0;
  }
  getNextKey(key: Uint8Array | null): Uint8Array | null {
    const i = key === null ? 0 : index(key) + 1;
    return i < this.def.maxEntries ? u32Key(i) : null;
  }
  /** The id stored at index i, or null (tail_call falls through when null). */
  get(i: number): number | null { return i < this.slots.length ? this.slots[i] : null; }
}

const checkRefArray = (def: MapDef): string | null =>
  def.keySize !== 4 || def.valueSize !== 4 ? 'prog/perf event arrays need key_size 4 and value_size 4'
    : def.maxEntries <= 0 ? 'max_entries must be positive' : null;

export const arrayTypes: MapTypeInfo[] = [
  { id: BPF_MAP_TYPE_ARRAY, name: 'array', check: checkArrayDef, create: (d) => new ArrayMap(d), programAccess: true },
  { id: BPF_MAP_TYPE_PERCPU_ARRAY, name: 'percpu_array', check: checkArrayDef, create: (d, n) => new ArrayMap(d, n), programAccess: true },
  { id: BPF_MAP_TYPE_PROG_ARRAY, name: 'prog_array', check: checkRefArray, create: (d) => new RefArrayMap(d), programAccess: false },
  { id: BPF_MAP_TYPE_PERF_EVENT_ARRAY, name: 'perf_event_array', check: checkRefArray, create: (d) => new RefArrayMap(d), programAccess: false },
];
