// A minimal platform-level interrupt controller (SiFive layout, as on QEMU's
// virt board) for one hart with two contexts: context 0 = M-mode (drives MEIP,
// mip bit 11) and context 1 = S-mode (drives SEIP, mip bit 9). Sources 1..63
// are level-triggered: a source's pending bit is set while its line is high and
// it is not claimed; claim returns the highest-priority pending source enabled
// for the context above its threshold (lowest id wins ties) and clears its
// pending bit; complete lets the source pend again. It holds no reference to the
// hart: interrupt outputs go through a callback.

export const PLIC_BASE = 0x0c00_0000;
export const PLIC_SIZE = 0x0400_0000;
export const PLIC_NSOURCES = 64;
export const PLIC_PRIORITY = 0x0;
export const PLIC_PENDING = 0x1000;
export const PLIC_ENABLE = 0x2000;
export const PLIC_ENABLE_STRIDE = 0x80;
export const PLIC_CONTEXT = 0x20_0000;
export const PLIC_CONTEXT_STRIDE = 0x1000;
export const PLIC_NCONTEXTS = 2;

const CONTEXT_BIT = [11, 9]; // MEIP, SEIP
const PRIO_MASK = 7;

export class Plic {
  readonly name = 'plic';
  readonly size = PLIC_SIZE;
  readonly priority = new Uint32Array(PLIC_NSOURCES);
  /** Line levels, pending and claimed bits: two 32-bit words each (sources 0..63). */
  readonly level = new Uint32Array(2);
  readonly pending = new Uint32Array(2);
  readonly claimed = new Uint32Array(2);
  readonly enable = new Uint32Array(2 * PLIC_NCONTEXTS);
  readonly threshold = new Uint32Array(PLIC_NCONTEXTS);
  private readonly out = [false, false];

  constructor(
    private readonly raise: (bit: number, on: boolean) => void,
    readonly base: number = PLIC_BASE,
  ) {}

  /** Sets a source's input line (device side). */
  setLevel(src: number, on: boolean): void {
    if (src <= 0 || src >= PLIC_NSOURCES) return;
    const w = src >>> 5, b = 1 << (src & 31);
    if (on) {
      this.level[w] |= b;
      if (!(this.claimed[w] & b)) this.pending[w] |= b;
    } else {
      this.level[w] &= ~b;
      this.pending[w] &= ~b; // level-triggered: a dropped line withdraws its request
    }
    this.update();
  }

  /** The source a claim by `ctx` would return now (0 = none). */
  best(ctx: number): number {
    let best = 0, bestPrio = this.threshold[ctx];
    for (let w = 0; w < 2; w++) {
      let bits = this.pending[w] & this.enable[ctx * 2 + w];
      while (bits !== 0) {
        const i = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const src = w * 32 + i;
        const p = this.priority[src];
        if (p > bestPrio) { best = src; bestPrio = p; }
      }
    }
    return best;
  }

  claim(ctx: number): number {
    const src = this.best(ctx);
    if (src !== 0) {
      const w = src >>> 5, b = 1 << (src & 31);
      this.pending[w] &= ~b;
      this.claimed[w] |= b;
      this.update();
    }
    return src;
  }

  complete(ctx: number, src: number): void {
    void ctx;
    if (src <= 0 || src >= PLIC_NSOURCES) return;
    const w = src >>> 5, b = 1 << (src & 31);
    if (!(this.claimed[w] & b)) return;
    this.claimed[w] &= ~b;
    if (this.level[w] & b) this.pending[w] |= b;
    this.update();
  }

  private update(): void {
    for (let ctx = 0; ctx < PLIC_NCONTEXTS; ctx++) {
      const on = this.best(ctx) !== 0;
      if (on !== this.out[ctx]) {
        this.out[ctx] = on;
        this.raise(CONTEXT_BIT[ctx], on);
      }
    }
  }

  read(offset: number, size: 1 | 2 | 4): number {
    const v = this.readWord(offset & ~3);
    if (size === 4) return v >>> 0;
    const shift = (offset & 3) * 8;
    return (v >>> shift) & (size === 2 ? 0xffff : 0xff);
  }

  private readWord(off: number): number {
    if (off < PLIC_PENDING) {
      const src = off >>> 2;
      return src < PLIC_NSOURCES ? this.priority[src] : 0;
    }
    if (off < PLIC_ENABLE) {
      const w = (off - PLIC_PENDING) >>> 2;
      return w < 2 ? this.pending[w] : 0;
    }
    if (off < PLIC_CONTEXT) {
      const ctx = Math.floor((off - PLIC_ENABLE) / PLIC_ENABLE_STRIDE);
      const w = ((off - PLIC_ENABLE) % PLIC_ENABLE_STRIDE) >>> 2;
      return ctx < PLIC_NCONTEXTS && w < 2 ? this.enable[ctx * 2 + w] : 0;
    }
    const ctx = Math.floor((off - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE);
    const reg = (off - PLIC_CONTEXT) % PLIC_CONTEXT_STRIDE;
    if (ctx >= PLIC_NCONTEXTS) return 0;
    if (reg === 0) return this.threshold[ctx];
    if (reg === 4) return this.claim(ctx);
    return 0;
  }

  write(offset: number, size: 1 | 2 | 4 | 8, lo: number, hi: number): void {
    if (size === 8) {
      this.writeWord(offset, lo >>> 0);
      this.writeWord(offset + 4, hi >>> 0);
    } else {
      this.writeWord(offset & ~3, size === 4 ? lo >>> 0 : (lo & (size === 2 ? 0xffff : 0xff)) << ((offset & 3) * 8));
    }
  }

  private writeWord(off: number, v: number): void {
    if (off < PLIC_PENDING) {
      const src = off >>> 2;
      if (src > 0 && src < PLIC_NSOURCES) this.priority[src] = v & PRIO_MASK;
    } else if (off < PLIC_ENABLE) {
      return; // pending is read-only
    } else if (off < PLIC_CONTEXT) {
      const ctx = Math.floor((off - PLIC_ENABLE) / PLIC_ENABLE_STRIDE);
      const w = ((off - PLIC_ENABLE) % PLIC_ENABLE_STRIDE) >>> 2;
      if (ctx < PLIC_NCONTEXTS && w < 2) this.enable[ctx * 2 + w] = w === 0 ? v & ~1 : v; // source 0 does not exist
    } else {
      const ctx = Math.floor((off - PLIC_CONTEXT) / PLIC_CONTEXT_STRIDE);
      const reg = (off - PLIC_CONTEXT) % PLIC_CONTEXT_STRIDE;
      if (ctx >= PLIC_NCONTEXTS) return;
      if (reg === 0) this.threshold[ctx] = v & PRIO_MASK;
      else if (reg === 4) this.complete(ctx, v);
    }
    this.update();
  }
}
