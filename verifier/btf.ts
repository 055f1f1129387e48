// Just enough of BTF (the BPF Type Format in an object's .BTF section) to read
// BTF-defined maps: the DATASEC ".maps" lists variables whose types are structs
// with members `type`, `max_entries`, `map_flags` (pointers to arrays whose
// length is the value, libbpf's __uint convention) and `key`/`value` (pointers
// to the key and value types) or `key_size`/`value_size`.

const KIND_INT = 1, KIND_PTR = 2, KIND_ARRAY = 3, KIND_STRUCT = 4, KIND_UNION = 5, KIND_ENUM = 6, KIND_FWD = 7;
const KIND_TYPEDEF = 8, KIND_VOLATILE = 9, KIND_CONST = 10, KIND_RESTRICT = 11, KIND_FUNC = 12;
const KIND_FUNC_PROTO = 13, KIND_VAR = 14, KIND_DATASEC = 15, KIND_FLOAT = 16, KIND_DECL_TAG = 17;
const KIND_TYPE_TAG = 18, KIND_ENUM64 = 19;

interface BtfType {
  name: string;
  kind: number;
  vlen: number;
  /** size (INT, STRUCT, UNION, ENUM, DATASEC, FLOAT) or referenced type id (PTR, TYPEDEF, VAR, ...). */
  sizeOrType: number;
  members: { name: string; type: number; offset: number }[];
  arrayType?: number;
  nelems?: number;
}

export interface BtfMapDef {
  type: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
}

/** Parses the .BTF section; returns map definitions by variable name, or an error message. */
export function readBtfMaps(btf: Uint8Array): Map<string, BtfMapDef> | string {
  const dv = new DataView(btf.buffer, btf.byteOffset, btf.byteLength);
  if (btf.length < 24 || dv.getUint16(0, true) !== 0xeb9f) return 'BTF: bad magic';
  const hdrLen = dv.getUint32(4, true);
  const typeOff = hdrLen + dv.getUint32(8, true), typeLen = dv.getUint32(12, true);
  const strOff = hdrLen + dv.getUint32(16, true);
  const str = (off: number): string => {
    let s = '';
    for (let k = strOff + off; k < btf.length && btf[k] !== 0; k++) s += String.fromCharCode(btf[k]);
    return s;
  };
  const types: BtfType[] = [{ name: '', kind: 0, vlen: 0, sizeOrType: 0, members: [] }]; // id 0 = void
  let o = typeOff;
  while (o < typeOff + typeLen) {
    const info = dv.getUint32(o + 4, true);
    const t: BtfType = {
      name: str(dv.getUint32(o, true)), kind: (info >>> 24) & 0x1f, vlen: info & 0xffff,
      sizeOrType: dv.getUint32(o + 8, true), members: [],
    };
    o += 12;
    switch (t.kind) {
      case KIND_INT: case KIND_VAR: case KIND_DECL_TAG: o += 4; break;
      case KIND_ARRAY: t.arrayType = dv.getUint32(o, true); t.nelems = dv.getUint32(o + 8, true); o += 12; break;
      case KIND_STRUCT: case KIND_UNION:
        for (let k = 0; k < t.vlen; k++, o += 12) {
          t.members.push({ name: str(dv.getUint32(o, true)), type: dv.getUint32(o + 4, true), offset: dv.getUint32(o + 8, true) });
        }
        break;
      case KIND_ENUM: o += 8 * t.vlen; break;
      case KIND_ENUM64: o += 12 * t.vlen; break;
      case KIND_FUNC_PROTO: o += 8 * t.vlen; break;
      case KIND_DATASEC:
        for (let k = 0; k < t.vlen; k++, o += 12) t.members.push({ name: '', type: dv.getUint32(o, true), offset: dv.getUint32(o + 4, true) });
        break;
      case KIND_PTR: case KIND_FWD: case KIND_TYPEDEF: case KIND_VOLATILE: case KIND_CONST: case KIND_RESTRICT:
      case KIND_FUNC: case KIND_FLOAT: case KIND_TYPE_TAG: break;
      default: return `BTF: unknown type kind ${t.kind}`;
    }
    types.push(t);
  }
  const strip = (id: number): BtfType => {
    let t = types[id];
    for (let n = 0; n < 32 && t !== undefined && [KIND_TYPEDEF, KIND_VOLATILE, KIND_CONST, KIND_RESTRICT, KIND_TYPE_TAG].includes(t.kind); n++) {
      t = types[t.sizeOrType];
    }
    return t;
  };
  const sizeOf = (id: number): number => {
    const t = strip(id);
    if (t === undefined) return 0;
    if (t.kind === KIND_ARRAY) return (t.nelems ?? 0) * sizeOf(t.arrayType ?? 0);
    if (t.kind === KIND_PTR) return 8;
    return t.sizeOrType;
  };
  /** libbpf's __uint(name, N): a pointer to an array of N ints. */
  const uintOf = (id: number): number => {
    const p = strip(id);
    const a = p?.kind === KIND_PTR ? strip(p.sizeOrType) : undefined;
    return a?.kind === KIND_ARRAY ? a.nelems ?? 0 : 0;
  };
  const out = new Map<string, BtfMapDef>();
  const sec = types.find((t) => t.kind === KIND_DATASEC && t.name === '.maps');
  if (sec === undefined) return out;
  for (const v of sec.members) {
    const vt = types[v.type];
    if (vt?.kind !== KIND_VAR) continue;
    const st = strip(vt.sizeOrType);
    if (st?.kind !== KIND_STRUCT) return `BTF: map '${vt.name}' is not a struct`;
    const def: BtfMapDef = { type: 0, keySize: 0, valueSize: 0, maxEntries: 0, flags: 0 };
    for (const m of st.members) {
      const pointee = (): number => { const p = strip(m.type); return p?.kind === KIND_PTR ? sizeOf(p.sizeOrType) : 0; };
      switch (m.name) {
        case 'type': def.type = uintOf(m.type); break;
        case 'max_entries': def.maxEntries = uintOf(m.type); break;
        case 'map_flags': def.flags = uintOf(m.type); break;
        case 'key_size': def.keySize = uintOf(m.type); break;
        case 'value_size': def.valueSize = uintOf(m.type); break;
        case 'key': def.keySize = pointee(); break;
        case 'value': def.valueSize = pointee(); break;
        default: break;
      }
    }
    out.set(vt.name, def);
  }
  return out;
}
