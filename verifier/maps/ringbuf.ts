// BPF_MAP_TYPE_RINGBUF: a power-of-two byte ring (max_entries bytes, a multiple
// of the page size in Linux; here any power of two >= 64) of records with an
// 8-byte header (length, busy/discard bits), reserved by programs, committed or
// discarded, then consumed in order by user space. The verifier only needs its
// definition; the runtime implements reserve/submit/discard/output/consume.
import { type BpfMap, type MapDef, type MapTypeInfo, BPF_MAP_TYPE_RINGBUF, E2BIG, EINVAL, ENOMEM } from './types.js';

const HDR = 8;
const BUSY = 0x80000000;
const DISCARD = 0x40000000;

export function checkRingbufDef(def: MapDef): string | null {
  if (def.keySize !== 0 || def.valueSize !== 0) return 'ringbuf needs key_size 0 and value_size 0';
  const n = def.maxEntries;
  if (n < 64 || (n & (n - 1)) !== 0) return 'ringbuf max_entries must be a power of two >= 64';
  return null;
}

export class RingBuf implements BpfMap {
  readonly data: Uint8Array;
  private readonly dv: DataView;
  /** Producer and consumer positions (monotonic byte counts). */
  prod = 0;
  cons = 0;
  constructor(readonly def: MapDef) {
    this.data = new Uint8Array(def.maxEntries);
    this.dv = new DataView(this.data.buffer);
  }
  lookup(): Uint8Array | null { return null; }
  update(): number { return -EINVAL; }
  delete(): number { return -EINVAL; }
  getNextKey(): Uint8Array | null { return null; }

  private get mask(): number { return this.def.maxEntries - 1; }

  /** Reserves `size` bytes; returns the record's data offset in `data`, or -errno. Records never wrap: padding is inserted. */
  reserve(size: number): number {
    if (size <= 0 || size > this.def.maxEntries / 2) return -E2BIG;
    const total = (HDR + size + 7) & ~7;
    let pos = this.prod;
    const off = pos & this.mask;
    // Pad to the start of the ring if the record would straddle the end.
    if (off + total > this.def.maxEntries) {
      const pad = this.def.maxEntries - off;
      if (pos + pad + total - this.cons > this.def.maxEntries) return -ENOMEM;
      this.dv.setUint32(off, (pad - HDR) | DISCARD, true);
      pos += pad;
    }
    if (pos + total - this.cons > this.def.maxEntries) return -ENOMEM;
    const at = pos & this.mask;
    this.dv.setUint32(at, size | BUSY, true);
    this.dv.setUint32(at + 4, 0, true);
    this.prod = pos + total;
    return at + HDR;
  }

  /** Commits (discard=false) or discards the record whose data starts at `dataOff`. */
  commit(dataOff: number, discard: boolean): void {
    const at = dataOff - HDR;
    const len = this.dv.getUint32(at, true) & ~(BUSY | DISCARD);
    this.dv.setUint32(at, len | (discard ? DISCARD : 0), true);
  }

  /** bpf_ringbuf_output: reserve + copy + commit. */
  output(bytes: Uint8Array): number {
    const off = this.reserve(bytes.length);
    if (off < 0) return off;
    this.data.set(bytes, off);
    this.commit(off, false);
    return 0;
  }

  /** Consumes committed records in order (stops at a busy one); discarded ones are skipped. */
  consume(): Uint8Array[] {
    const out: Uint8Array[] = [];
    while (this.cons < this.prod) {
      const at = this.cons & this.mask;
      const hdr = this.dv.getUint32(at, true);
      if ((hdr & BUSY) !== 0) break;
      const len = hdr & ~(BUSY | DISCARD);
      if ((hdr & DISCARD) === 0) out.push(this.data.slice(at + HDR, at + HDR + len));
      this.cons += (HDR + len + 7) & ~7;
    }
    return out;
  }
}

export const ringbufTypes: MapTypeInfo[] = [
  { id: BPF_MAP_TYPE_RINGBUF, name: 'ringbuf', check: checkRingbufDef, create: (d) => new RingBuf(d), programAccess: false },
];
