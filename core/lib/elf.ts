// A generic, read-only ELF64 little-endian reader: the file header, program
// headers, section headers, the symbol table and RELA relocations. It knows no
// operating system: the bare-metal loader (core/hw/machine.ts), the kernel's
// exec loader and the eBPF object reader all build on it. Malformed input is an
// expected failure and comes back as a typed ElfError, never as an exception.
// 64-bit fields are returned as JS numbers (exact below 2^53, which covers every
// address these users meet; larger values round).

export const EM_RISCV = 243;
export const EM_BPF = 247;
export const ET_REL = 1, ET_EXEC = 2, ET_DYN = 3;
export const PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6, PT_TLS = 7;
export const PT_GNU_STACK = 0x6474e551;
export const PF_X = 1, PF_W = 2, PF_R = 4;
export const SHT_NULL = 0, SHT_PROGBITS = 1, SHT_SYMTAB = 2, SHT_STRTAB = 3, SHT_RELA = 4, SHT_NOBITS = 8, SHT_REL = 9, SHT_DYNSYM = 11;
export const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2, STT_SECTION = 3, STT_FILE = 4;
export const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;

export type ElfErrorKind = 'truncated' | 'not-elf' | 'wrong-class' | 'wrong-endian' | 'wrong-machine' | 'bad-header';

export interface ElfError {
  readonly kind: ElfErrorKind;
  /** One line, lower case, suitable after "prog: ". */
  readonly message: string;
}

export interface ElfHeader {
  readonly type: number;
  readonly machine: number;
  readonly version: number;
  readonly entry: number;
  readonly phoff: number;
  readonly shoff: number;
  readonly flags: number;
  readonly ehsize: number;
  readonly phentsize: number;
  readonly phnum: number;
  readonly shentsize: number;
  readonly shnum: number;
  readonly shstrndx: number;
  /** EI_OSABI byte. */
  readonly osabi: number;
}

export interface ProgramHeader {
  readonly type: number;
  readonly flags: number;
  readonly offset: number;
  readonly vaddr: number;
  readonly paddr: number;
  readonly filesz: number;
  readonly memsz: number;
  readonly align: number;
}

export interface SectionHeader {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly flags: number;
  readonly addr: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly addralign: number;
  readonly entsize: number;
}

export interface ElfSymbol {
  readonly name: string;
  readonly value: number;
  readonly size: number;
  readonly bind: number;
  readonly type: number;
  readonly other: number;
  readonly shndx: number;
}

export interface ElfRela {
  readonly offset: number;
  readonly type: number;
  /** Index into the symbol table named by the relocation section's sh_link. */
  readonly sym: number;
  readonly addend: number;
}

export type ElfResult = { readonly ok: true; readonly elf: ElfFile } | { readonly ok: false; readonly error: ElfError };

const err = (kind: ElfErrorKind, message: string): ElfResult => ({ ok: false, error: { kind, message } });

function u64(v: DataView, off: number): number {
  return v.getUint32(off + 4, true) * 0x1_0000_0000 + v.getUint32(off, true);
}

function i64(v: DataView, off: number): number {
  return v.getInt32(off + 4, true) * 0x1_0000_0000 + v.getUint32(off, true);
}

/** Reads a NUL-terminated string at `off` inside [start, end). */
function cstr(bytes: Uint8Array, start: number, end: number, off: number): string {
  let i = start + off;
  if (off < 0 || i >= end) return '';
  let s = '';
  for (; i < end && bytes[i] !== 0; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

export function machineName(m: number): string {
  switch (m) {
    case EM_RISCV: return 'RISC-V';
    case EM_BPF: return 'BPF';
    case 3: return 'i386';
    case 40: return 'ARM';
    case 62: return 'x86-64';
    case 183: return 'AArch64';
    default: return `machine ${m}`;
  }
}

/** A parsed ELF64 file; the bytes stay shared (no copy). */
export class ElfFile {
  private symtabCache: ElfSymbol[] | null = null;
  private sortedCache: ElfSymbol[] | null = null;

  constructor(
    readonly bytes: Uint8Array,
    readonly header: ElfHeader,
    readonly programHeaders: readonly ProgramHeader[],
    readonly sections: readonly SectionHeader[],
  ) {}

  /** The section named `name`, or null. */
  section(name: string): SectionHeader | null {
    return this.sections.find((s) => s.name === name) ?? null;
  }

  /** The bytes of a section (empty for SHT_NOBITS). */
  sectionData(s: SectionHeader): Uint8Array {
    if (s.type === SHT_NOBITS) return new Uint8Array(0);
    return this.bytes.subarray(s.offset, s.offset + s.size);
  }

  /** The file bytes of a segment (p_filesz of them; the rest of p_memsz is zero-fill). */
  segmentData(p: ProgramHeader): Uint8Array {
    return this.bytes.subarray(p.offset, p.offset + p.filesz);
  }

  /** Symbols of SHT_SYMTAB (or SHT_DYNSYM when there is no SYMTAB), in table order; index 0 is the null symbol. */
  symbols(): readonly ElfSymbol[] {
    if (this.symtabCache !== null) return this.symtabCache;
    const tab = this.sections.find((s) => s.type === SHT_SYMTAB) ?? this.sections.find((s) => s.type === SHT_DYNSYM);
    this.symtabCache = tab === undefined ? [] : this.readSymbols(tab);
    return this.symtabCache;
  }

  /** The first defined symbol named `name` (global before local), or null. */
  findSymbol(name: string): ElfSymbol | null {
    let local: ElfSymbol | null = null;
    for (const s of this.symbols()) {
      if (s.name !== name || s.shndx === 0) continue;
      if (s.bind !== STB_LOCAL) return s;
      local ??= s;
    }
    return local;
  }

  /**
   * The code or data label at or before `addr` (functions, objects and plain
   * labels defined in a section), with the offset from it: for traces and
   * fault reports. Null when no label lies within 64 KiB below addr.
   */
  symbolFor(addr: number): { name: string; offset: number } | null {
    if (this.sortedCache === null) {
      this.sortedCache = this.symbols().filter((s) => s.name !== '' && s.shndx !== 0 && s.shndx < 0xff00
        && (s.type === STT_FUNC || s.type === STT_NOTYPE || s.type === STT_OBJECT)).slice().sort((a, b) => a.value - b.value);
    }
    const syms = this.sortedCache;
    let lo = 0, hi = syms.length - 1, best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (syms[mid].value <= addr) { best = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (best < 0 || addr - syms[best].value >= 0x1_0000) return null;
    // Among labels at the same address prefer a global one.
    let pick = syms[best];
    for (let i = best; i >= 0 && syms[i].value === pick.value; i--) if (syms[i].bind !== STB_LOCAL) { pick = syms[i]; break; }
    return { name: pick.name, offset: addr - pick.value };
  }

  /** Entries of a SHT_RELA section (only those inside the file). */
  relocations(s: SectionHeader): ElfRela[] {
    const out: ElfRela[] = [];
    if (s.type !== SHT_RELA) return out;
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const n = Math.floor(Math.max(0, Math.min(s.size, this.bytes.length - s.offset)) / 24);
    for (let i = 0; i < n; i++) {
      const o = s.offset + i * 24;
      out.push({ offset: u64(v, o), type: v.getUint32(o + 8, true), sym: v.getUint32(o + 12, true), addend: i64(v, o + 16) });
    }
    return out;
  }

  private readSymbols(tab: SectionHeader): ElfSymbol[] {
    const v = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    const strtab = this.sections[tab.link];
    const sStart = strtab === undefined ? 0 : strtab.offset;
    const sEnd = strtab === undefined ? 0 : strtab.offset + strtab.size;
    const out: ElfSymbol[] = [];
    const n = Math.floor(tab.size / 24);
    for (let i = 0; i < n; i++) {
      const o = tab.offset + i * 24;
      const info = this.bytes[o + 4];
      out.push({
        name: cstr(this.bytes, sStart, sEnd, v.getUint32(o, true)),
        bind: info >> 4, type: info & 15, other: this.bytes[o + 5], shndx: v.getUint16(o + 6, true),
        value: u64(v, o + 8), size: u64(v, o + 16),
      });
    }
    return out;
  }
}

/**
 * Parses an ELF64 little-endian file. With `machine`, a file for another machine
 * is refused with kind 'wrong-machine'. Every table is bounds-checked against
 * the file size ('truncated').
 */
export function parseElf(bytes: Uint8Array, opts: { machine?: number } = {}): ElfResult {
  if (bytes.length < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    return err('not-elf', 'not an ELF file');
  }
  if (bytes.length < 16) return err('truncated', 'truncated ELF header');
  if (bytes[4] === 1) return err('wrong-class', '32-bit ELF (ELFCLASS32); only ELF64 is supported');
  if (bytes[4] !== 2) return err('wrong-class', `unknown ELF class ${bytes[4]}`);
  if (bytes[5] !== 1) return err('wrong-endian', 'big-endian ELF; only little-endian is supported');
  if (bytes.length < 64) return err('truncated', 'truncated ELF header');
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header: ElfHeader = {
    type: v.getUint16(16, true), machine: v.getUint16(18, true), version: v.getUint32(20, true),
    entry: u64(v, 24), phoff: u64(v, 32), shoff: u64(v, 40), flags: v.getUint32(48, true),
    ehsize: v.getUint16(52, true), phentsize: v.getUint16(54, true), phnum: v.getUint16(56, true),
    shentsize: v.getUint16(58, true), shnum: v.getUint16(60, true), shstrndx: v.getUint16(62, true),
    osabi: bytes[7],
  };
  if (opts.machine !== undefined && header.machine !== opts.machine) {
    return err('wrong-machine', `ELF is for ${machineName(header.machine)}, not ${machineName(opts.machine)}`);
  }
  if (header.phnum > 0 && header.phentsize < 56) return err('bad-header', `bad program header size ${header.phentsize}`);
  if (header.shnum > 0 && header.shentsize < 64) return err('bad-header', `bad section header size ${header.shentsize}`);
  if (header.phnum > 0 && header.phoff + header.phnum * header.phentsize > bytes.length) {
    return err('truncated', 'truncated ELF: program headers lie past the end of the file');
  }
  const phs: ProgramHeader[] = [];
  for (let i = 0; i < header.phnum; i++) {
    const o = header.phoff + i * header.phentsize;
    const ph: ProgramHeader = {
      type: v.getUint32(o, true), flags: v.getUint32(o + 4, true), offset: u64(v, o + 8), vaddr: u64(v, o + 16),
      paddr: u64(v, o + 24), filesz: u64(v, o + 32), memsz: u64(v, o + 40), align: u64(v, o + 48),
    };
    if (ph.type !== PT_NULL && ph.offset + ph.filesz > bytes.length) {
      return err('truncated', `truncated ELF: segment ${i} lies past the end of the file`);
    }
    if (ph.type === PT_LOAD && ph.filesz > ph.memsz) return err('bad-header', `segment ${i} has p_filesz > p_memsz`);
    phs.push(ph);
  }
  const shs: SectionHeader[] = [];
  if (header.shnum > 0) {
    if (header.shoff + header.shnum * header.shentsize > bytes.length) {
      return err('truncated', 'truncated ELF: section headers lie past the end of the file');
    }
    const raw: Omit<SectionHeader, 'name'>[] = [];
    const nameOff: number[] = [];
    for (let i = 0; i < header.shnum; i++) {
      const o = header.shoff + i * header.shentsize;
      nameOff.push(v.getUint32(o, true));
      const s = {
        index: i, type: v.getUint32(o + 4, true), flags: u64(v, o + 8), addr: u64(v, o + 16), offset: u64(v, o + 24),
        size: u64(v, o + 32), link: v.getUint32(o + 40, true), info: v.getUint32(o + 44, true),
        addralign: u64(v, o + 48), entsize: u64(v, o + 56),
      };
      if (s.type !== SHT_NOBITS && s.type !== SHT_NULL && s.offset + s.size > bytes.length) {
        return err('truncated', `truncated ELF: section ${i} lies past the end of the file`);
      }
      raw.push(s);
    }
    const strs = header.shstrndx < raw.length ? raw[header.shstrndx] : undefined;
    for (let i = 0; i < raw.length; i++) {
      const name = strs === undefined ? '' : cstr(bytes, strs.offset, strs.offset + strs.size, nameOff[i]);
      shs.push({ ...raw[i], name });
    }
  }
  return { ok: true, elf: new ElfFile(bytes, header, phs, shs) };
}
