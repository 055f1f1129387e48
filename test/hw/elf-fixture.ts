// Test fixture: writes small ELF files byte by byte (ELF64 or ELF32, either
// machine), with PT_LOAD segments, a symbol table and its string tables, so the
// ELF reader, the Machine's loader and `nodix machine` can be tested without a
// toolchain. Offsets are laid out in order: header, program headers, segment
// data, .symtab, .strtab, .shstrtab, section headers.

export interface FixtureSegment {
  paddr: number;
  vaddr?: number;
  data: Uint8Array;
  memsz?: number;
  flags?: number;
}

export interface FixtureSymbol { name: string; value: number; size?: number; global?: boolean; shndx?: number }

export interface FixtureOptions {
  entry: number;
  segments: FixtureSegment[];
  symbols?: FixtureSymbol[];
  machine?: number;  // default 243 (RISC-V)
  type?: number;     // default ET_EXEC
  /** ELFCLASS32 header only (ei_class = 1): for the "wrong class" path. */
  class32?: boolean;
  bigEndian?: boolean;
}

function strtab(names: string[]): { bytes: Uint8Array; offsets: number[] } {
  const offsets: number[] = [];
  const parts: number[] = [0];
  for (const n of names) {
    offsets.push(parts.length);
    for (const ch of n) parts.push(ch.charCodeAt(0));
    parts.push(0);
  }
  return { bytes: Uint8Array.from(parts), offsets };
}

export function makeElf(o: FixtureOptions): Uint8Array {
  const syms = o.symbols ?? [];
  const phoff = 64;
  const phnum = o.segments.length;
  let off = phoff + phnum * 56;
  const segOff: number[] = [];
  for (const s of o.segments) { off = (off + 7) & ~7; segOff.push(off); off += s.data.length; }
  off = (off + 7) & ~7;
  const symtabOff = off;
  const symtabSize = (syms.length + 1) * 24;
  off += symtabSize;
  const str = strtab(syms.map((s) => s.name));
  const strtabOff = off;
  off += str.bytes.length;
  const shnames = strtab(['.symtab', '.strtab', '.shstrtab']);
  const shstrOff = off;
  off += shnames.bytes.length;
  off = (off + 7) & ~7;
  const shoff = off;
  const shnum = 4;
  off += shnum * 64;

  const out = new Uint8Array(off);
  const v = new DataView(out.buffer);
  const put64 = (at: number, x: number) => { v.setUint32(at, x % 0x1_0000_0000, true); v.setUint32(at + 4, Math.floor(x / 0x1_0000_0000), true); };
  out.set([0x7f, 0x45, 0x4c, 0x46, o.class32 ? 1 : 2, o.bigEndian ? 2 : 1, 1, 0]);
  v.setUint16(16, o.type ?? 2, true);
  v.setUint16(18, o.machine ?? 243, true);
  v.setUint32(20, 1, true);
  put64(24, o.entry);
  put64(32, phoff);
  put64(40, shoff);
  v.setUint16(52, 64, true);
  v.setUint16(54, 56, true);
  v.setUint16(56, phnum, true);
  v.setUint16(58, 64, true);
  v.setUint16(60, shnum, true);
  v.setUint16(62, 3, true);
  o.segments.forEach((s, i) => {
    const p = phoff + i * 56;
    v.setUint32(p, 1, true);
    v.setUint32(p + 4, s.flags ?? 7, true);
    put64(p + 8, segOff[i]);
    put64(p + 16, s.vaddr ?? s.paddr);
    put64(p + 24, s.paddr);
    put64(p + 32, s.data.length);
    put64(p + 40, s.memsz ?? s.data.length);
    put64(p + 48, 0x1000);
    out.set(s.data, segOff[i]);
  });
  syms.forEach((s, i) => {
    const p = symtabOff + (i + 1) * 24;
    v.setUint32(p, str.offsets[i], true);
    out[p + 4] = ((s.global ?? true) ? 1 : 0) << 4 | 1;
    v.setUint16(p + 6, s.shndx ?? 0xfff1, true); // SHN_ABS by default
    put64(p + 8, s.value);
    put64(p + 16, s.size ?? 8);
  });
  out.set(str.bytes, strtabOff);
  out.set(shnames.bytes, shstrOff);
  const sh = (i: number, name: number, type: number, offset: number, size: number, link: number, entsize: number) => {
    const p = shoff + i * 64;
    v.setUint32(p, name, true);
    v.setUint32(p + 4, type, true);
    put64(p + 24, offset);
    put64(p + 32, size);
    v.setUint32(p + 40, link, true);
    v.setUint32(p + 44, 1, true);
    put64(p + 48, 8);
    put64(p + 56, entsize);
  };
  sh(1, shnames.offsets[0], 2, symtabOff, symtabSize, 2, 24);
  sh(2, shnames.offsets[1], 3, strtabOff, str.bytes.length, 0, 0);
  sh(3, shnames.offsets[2], 3, shstrOff, shnames.bytes.length, 0, 0);
  return out;
}
