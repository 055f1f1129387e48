// The map-type registry by Linux id: validation of a definition and creation
// of the runtime instance the kernel uses.
import { arrayTypes } from './array.js';
import { hashTypes } from './hash.js';
import { ringbufTypes } from './ringbuf.js';
import type { BpfMap, MapDef, MapTypeInfo } from './types.js';

export * from './types.js';
export { ArrayMap, RefArrayMap } from './array.js';
export { HashMap } from './hash.js';
export { RingBuf } from './ringbuf.js';

export const MAP_TYPES: ReadonlyMap<number, MapTypeInfo> = new Map(
  [...arrayTypes, ...hashTypes, ...ringbufTypes].map((t) => [t.id, t]),
);

export const mapTypeName = (id: number): string => MAP_TYPES.get(id)?.name ?? `map_type_${id}`;

/** Validates a definition; an error message or null. */
export function checkMapDef(def: MapDef): string | null {
  const t = MAP_TYPES.get(def.type);
  if (t === undefined) return `unsupported map type ${def.type}`;
  return t.check(def);
}

/** Creates a map; a typed failure for a bad definition. */
export function createMap(def: MapDef, nrCpus = 1): { ok: true; map: BpfMap } | { ok: false; error: string } {
  const err = checkMapDef(def);
  if (err !== null) return { ok: false, error: err };
  return { ok: true, map: MAP_TYPES.get(def.type)!.create(def, nrCpus) };
}
