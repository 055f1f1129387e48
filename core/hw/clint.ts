// The CLINT (core-local interruptor) of one hart, laid out as on SiFive boards
// and QEMU's virt/spike machines: msip at +0, mtimecmp at +0x4000, mtime at
// +0xbff8. mtime itself comes from a clock callback supplied by the machine
// (real time scaled to the timebase, or derived from instret in deterministic
// mode); writing mtime shifts an offset. The device raises MSIP (mip bit 3) and
// MTIP (mip bit 7) through an interrupt callback; it holds no reference to the
// hart. MTIP is a level: mtime >= mtimecmp, re-evaluated by update().

export const CLINT_BASE = 0x0200_0000;
export const CLINT_SIZE = 0x1_0000;
export const CLINT_MSIP = 0x0000;
export const CLINT_MTIMECMP = 0x4000;
export const CLINT_MTIME = 0xbff8;

const MSIP_BIT = 3;
const MTIP_BIT = 7;
const TWO32 = 0x1_0000_0000;

export type IrqLine = (bit: number, on: boolean) => void;

export class Clint {
  readonly name = 'clint';
  readonly size = CLINT_SIZE;
  msip = 0;
  /** mtimecmp as two uint32 halves (the reset value is all ones: no timer interrupt). */
  cmpLo = 0xffff_ffff;
  cmpHi = 0xffff_ffff;
  /** Added to the clock to form mtime (software writes to mtime move it). */
  offset = 0;
  private mtip = false;

  constructor(
    private readonly raise: IrqLine,
    /** The free-running clock in timebase ticks (a non-negative integer-valued double). */
    private readonly clock: () => number,
    readonly base: number = CLINT_BASE,
    /** Called after a write to mtimecmp or mtime (the machine re-plans its time slice). */
    private readonly onChange: () => void = () => {},
  ) {}

  /** Current mtime (ticks). */
  mtime(): number { return this.clock() + this.offset; }

  /** mtimecmp as a double (rounds above 2^53, where it can never be reached anyway). */
  mtimecmp(): number { return this.cmpHi * TWO32 + this.cmpLo; }

  /** Ticks until MTIP rises (0 if it is already up; Infinity if mtimecmp is out of reach). */
  ticksUntilTimer(): number {
    if (this.cmpHi >= 0x20_0000) return Infinity;
    const d = this.mtimecmp() - this.mtime();
    return d > 0 ? d : 0;
  }

  /** Re-evaluates MTIP against the clock; the machine calls this between run slices. */
  update(): void {
    const on = this.cmpHi < 0x20_0000 && this.mtime() >= this.mtimecmp();
    if (on !== this.mtip) {
      this.mtip = on;
      this.raise(MTIP_BIT, on);
    }
  }

  read(offset: number, size: 1 | 2 | 4): number {
    const word = offset & ~3;
    const v = this.readWord(word);
    if (size === 4) return v;
    const shift = (offset & 3) * 8;
    return size === 2 ? (v >>> shift) & 0xffff : (v >>> shift) & 0xff;
  }

  private readWord(word: number): number {
    if (word === CLINT_MSIP) return this.msip;
    if (word === CLINT_MTIMECMP) return this.cmpLo;
    if (word === CLINT_MTIMECMP + 4) return this.cmpHi;
    if (word === CLINT_MTIME || word === CLINT_MTIME + 4) {
      const t = this.mtime();
      return word === CLINT_MTIME ? t % TWO32 >>> 0 : Math.floor(t / TWO32) >>> 0;
    }
    return 0;
  }

  write(offset: number, size: 1 | 2 | 4 | 8, lo: number, hi: number): void {
    if (size === 8) {
      this.writeWord(offset, lo >>> 0);
      this.writeWord(offset + 4, hi >>> 0);
    } else if (size === 4) {
      this.writeWord(offset, lo >>> 0);
    } else {
      // Narrow writes merge into the containing word.
      const word = offset & ~3;
      const shift = (offset & 3) * 8;
      const mask = (size === 2 ? 0xffff : 0xff) << shift;
      const old = this.readWord(word);
      this.writeWord(word, ((old & ~mask) | ((lo << shift) & mask)) >>> 0);
    }
    this.update();
  }

  private writeWord(word: number, v: number): void {
    if (word === CLINT_MSIP) {
      this.msip = v & 1;
      this.raise(MSIP_BIT, this.msip !== 0);
    } else if (word === CLINT_MTIMECMP) {
      this.cmpLo = v;
      this.onChange();
    } else if (word === CLINT_MTIMECMP + 4) {
      this.cmpHi = v;
      this.onChange();
    } else if (word === CLINT_MTIME || word === CLINT_MTIME + 4) {
      const t = this.mtime();
      let lo = t % TWO32, hi = Math.floor(t / TWO32);
      if (word === CLINT_MTIME) lo = v; else hi = v;
      this.offset = hi * TWO32 + lo - this.clock();
      this.onChange();
    }
  }
}
