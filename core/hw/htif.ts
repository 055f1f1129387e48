// HTIF, the Berkeley host-target interface used by Spike, QEMU's spike machine
// and the riscv-tests: two 64-bit words in guest RAM, `tohost` and `fromhost`,
// located through the ELF's symbols. The guest writes a command to tohost; the
// machine polls it between run slices (as Spike does), clears it, acts, and
// answers through fromhost where the command expects a reply.
//
// A command is dev<<56 | cmd<<48 | payload:
//  - dev 0, cmd 0, odd payload v: exit with code v>>1 (so tohost = 1 means success).
//  - dev 0, cmd 0, even payload p: the syscall proxy; p points at eight 64-bit
//    words {which, a0, a1, ...}. Supported: write (64) to fd 1/2 and exit (93).
//    The result goes to p[0]; fromhost is set to 1.
//  - dev 1, cmd 1: console putchar (payload & 0xff); fromhost = dev<<56|cmd<<48.
//  - dev 1, cmd 0: console getchar request; answered with dev<<56|ch when input exists.
// The device holds only RAM and callbacks, never the hart.

import type { PhysMem } from './memory.js';

export const SYS_write = 64;
export const SYS_exit = 93;

export interface HtifHost {
  /** Guest asked to exit with this code. */
  exit(code: number): void;
  /** One byte of console output. */
  putchar(byte: number): void;
  /** Next console input byte, or -1 when none is waiting. */
  getchar?(): number;
}

const TWO32 = 0x1_0000_0000;

export class Htif {
  /** Set once the guest requested an exit. */
  exitCode: number | null = null;
  /** A console read request waiting for input. */
  private readPending = false;
  /** Commands the device did not understand (for diagnostics). */
  unknownCommands = 0;

  constructor(
    private readonly ram: PhysMem,
    readonly tohost: number,
    readonly fromhost: number,
    private readonly host: HtifHost,
  ) {}

  /** True when tohost/fromhost lie in RAM. */
  valid(): boolean {
    return this.ram.contains(this.tohost, 8) && (this.fromhost < 0 || this.ram.contains(this.fromhost, 8));
  }

  /**
   * Looks at tohost and executes a pending command. Returns true when the guest
   * has requested an exit (exitCode is set).
   */
  poll(): boolean {
    if (this.readPending) this.serviceRead();
    const lo = this.ram.read32(this.tohost) >>> 0;
    const hi = this.ram.read32(this.tohost + 4) >>> 0;
    if ((lo | hi) === 0) return this.exitCode !== null;
    this.ram.write64(this.tohost, 0, 0);
    const dev = hi >>> 24;
    const cmd = (hi >>> 16) & 0xff;
    const payHi = hi & 0xffff;
    if (dev === 0 && cmd === 0) {
      if (lo & 1) {
        const code = (payHi * TWO32 + lo) / 2;
        this.finish(Math.floor(code));
      } else {
        this.syscall(payHi * TWO32 + lo);
      }
    } else if (dev === 1 && cmd === 1) {
      this.host.putchar(lo & 0xff);
      this.respond(dev, cmd, 0);
    } else if (dev === 1 && cmd === 0) {
      this.readPending = true;
      this.serviceRead();
    } else {
      this.unknownCommands++;
    }
    return this.exitCode !== null;
  }

  private finish(code: number): void {
    // Exit codes are reported modulo 2^32 as the low bits a process can carry.
    this.exitCode = code >>> 0 === code ? code : code % TWO32;
    this.host.exit(this.exitCode);
  }

  private respond(dev: number, cmd: number, payload: number): void {
    if (this.fromhost < 0 || !this.ram.contains(this.fromhost, 8)) return;
    this.ram.write64(this.fromhost, payload | 0, ((dev << 24) | (cmd << 16)) | 0);
  }

  private serviceRead(): void {
    const ch = this.host.getchar === undefined ? -1 : this.host.getchar();
    if (ch < 0) return;
    this.readPending = false;
    this.respond(1, 0, ch & 0xff);
  }

  private word(paddr: number): number {
    return (this.ram.read32(paddr + 4) >>> 0) * TWO32 + (this.ram.read32(paddr) >>> 0);
  }

  private syscall(p: number): void {
    if (!this.ram.contains(p, 64)) { this.unknownCommands++; return; }
    const which = this.word(p);
    let ret = -38; // -ENOSYS
    if (which === SYS_write) {
      const fd = this.word(p + 8), buf = this.word(p + 16), len = this.word(p + 24);
      if ((fd === 1 || fd === 2) && this.ram.contains(buf, len)) {
        const bytes = this.ram.slice(buf, len);
        for (const b of bytes) this.host.putchar(b);
        ret = len;
      } else {
        ret = -14; // -EFAULT / bad fd
      }
    } else if (which === SYS_exit) {
      this.finish(this.word(p + 8));
      return;
    } else {
      this.unknownCommands++;
    }
    this.ram.write64(p, ret | 0, ret < 0 ? -1 : Math.floor(ret / TWO32));
    this.respond(0, 0, 1);
  }
}
