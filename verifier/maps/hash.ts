// Hash maps: BPF_MAP_TYPE_HASH, PERCPU_HASH, LRU_HASH and LRU_PERCPU_HASH.
// Elements live in a JS Map keyed by the key bytes (insertion order gives
// get_next_key a stable order). A full hash refuses new keys with E2BIG; an LRU
// hash evicts the least recently used element instead (lookup and update
// refresh an element, as Linux's LRU lists approximate).
import {
  type BpfMap, type MapDef, type MapTypeInfo, BPF_EXIST, BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_LRU_HASH,
  BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_HASH, BPF_NOEXIST, E2BIG, EEXIST, EINVAL, ENOENT,
} from './types.js';

const keyString = (k: Uint8Array, n: number): string => String.fromCharCode(...k.subarray(0, n));
const keyBytes = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

export function checkHashDef(def: MapDef): string | null {
  if (def.keySize <= 0 || def.keySize > 512) return 'key_size must be in [1, 512]';
  if (def.valueSize <= 0 || def.valueSize > (1 << 20)) return 'value_size must be in [1, 1 MiB]';
  if (def.maxEntries <= 0) return 'max_entries must be positive';
  return null;
}

export class HashMap implements BpfMap {
  /** key -> one value buffer per CPU. */
  readonly elems = new Map<string, Uint8Array[]>();
  cpu = 0;
  constructor(readonly def: MapDef, readonly nrCpus = 1, readonly lru = false) {}

  lookup(key: Uint8Array): Uint8Array | null {
    const k = keyString(key, this.def.keySize);
    const e = this.elems.get(k);
    if (e === undefined) return null;
    if (this.lru) { this.elems.delete(k); this.elems.set(k, e); }
    return e[Math.min(this.cpu, e.length - 1)];
  }

  update(key: Uint8Array, value: Uint8Array, flags: number): number {
    if (flags > BPF_EXIST) return -EINVAL;
    const k = keyString(key, this.def.keySize);
    const old = this.elems.get(k);
    if (old !== undefined && flags === BPF_NOEXIST) return -EEXIST;
    if (old === undefined && flags === BPF_EXIST) return -ENOENT;
    if (old !== undefined) {
      old[Math.min(this.cpu, old.length - 1)].set(value.subarray(0, this.def.valueSize));
      if (this.lru) { this.elems.delete(k); this.elems.set(k, old); }
      return 0;
    }
    if (this.elems.size >= this.def.maxEntries) {
      if (!this.lru) return -E2BIG;
      const oldest = this.elems.keys().next().value as string;
      this.elems.delete(oldest);
    }
    const vals = Array.from({ length: this.nrCpus }, () => new Uint8Array(this.def.valueSize));
    vals[Math.min(this.cpu, vals.length - 1)].set(value.subarray(0, this.def.valueSize));
    this.elems.set(k, vals);
    return 0;
  }

  delete(key: Uint8Array): number {
    return this.elems.delete(keyString(key, this.def.keySize)) ? 0 : -ENOENT;
  }

  getNextKey(key: Uint8Array | null): Uint8Array | null {
    const keys = [...this.elems.keys()];
    if (key === null) return keys.length > 0 ? keyBytes(keys[0]) : null;
    const i = keys.indexOf(keyString(key, this.def.keySize));
    // Linux restarts from the first key when the given key is absent.
    const next = i < 0 ? 0 : i + 1;
    return next < keys.length ? keyBytes(keys[next]) : null;
  }
}

export const hashTypes: MapTypeInfo[] = [
  { id: BPF_MAP_TYPE_HASH, name: 'hash', check: checkHashDef, create: (d) => new HashMap(d), programAccess: true },
  { id: BPF_MAP_TYPE_PERCPU_HASH, name: 'percpu_hash', check: checkHashDef, create: (d, n) => new HashMap(d, n), programAccess: true },
  { id: BPF_MAP_TYPE_LRU_HASH, name: 'lru_hash', check: checkHashDef, create: (d) => new HashMap(d, 1, true), programAccess: true },
  { id: BPF_MAP_TYPE_LRU_PERCPU_HASH, name: 'lru_percpu_hash', check: checkHashDef, create: (d, n) => new HashMap(d, n, true), programAccess: true },
];
