// Test fixture: bare-metal programs assembled with rvasm and wrapped into an ELF
// (with tohost/fromhost symbols) by the ELF fixture, so Machine and CLI tests
// need no toolchain. `exitWith` stores (code << 1) | 1 to tohost and spins.
import { Asm, T0, T1, T2, sd, jal } from './rvasm.js';
import { makeElf } from './elf-fixture.js';
import type { FixtureSymbol } from './elf-fixture.js';

export const BASE = 0x8000_0000;

/** t1 = (code << 1) | 1 ... stored to tohost, then `j .` */
export function exitWith(a: Asm, code: number): Asm {
  a.li(T1, code * 2 + 1);
  a.la(T2, 'tohost');
  a.emit(sd(T1, T2, 0));
  a.emit(jal(0, 0));
  return a;
}

/** Exit with the code held in register `reg` (its value << 1 | 1). */
export function exitWithReg(a: Asm, reg: number, slli: (rd: number, rs: number, sh: number) => number, ori: (rd: number, rs: number, imm: number) => number): Asm {
  a.emit(slli(T1, reg, 1), ori(T1, T1, 1));
  a.la(T2, 'tohost');
  a.emit(sd(T1, T2, 0));
  a.emit(jal(0, 0));
  return a;
}

/** Appends the 8-byte-aligned tohost/fromhost words and builds the ELF. */
export function finish(a: Asm, extraSymbols: FixtureSymbol[] = []): Uint8Array {
  a.align(64);
  a.label('tohost'); a.dword(0n);
  a.align(64);
  a.label('fromhost'); a.dword(0n);
  const data = a.bytes();
  return makeElf({
    entry: a.base,
    segments: [{ paddr: a.base, data, memsz: data.length + 4096 }],
    symbols: [{ name: 'tohost', value: a.addr('tohost') }, { name: 'fromhost', value: a.addr('fromhost') }, ...extraSymbols],
  });
}

export { T0 };
