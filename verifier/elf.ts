// Reader of ELF relocatable objects from `clang -target bpf -O2 -c`: the
// program sections (every executable section, one program each, with the
// function symbols inside), maps (legacy `maps` sections of struct
// bpf_map_def, BTF-defined `.maps`, and .data/.rodata/.bss as one-entry array
// maps as libbpf makes them), the license, and the relocations:
//   R_BPF_64_64 on an lddw naming a map      -> src = BPF_PSEUDO_MAP_IDX, imm = map index
//   R_BPF_64_64 on an lddw naming global data -> src = BPF_PSEUDO_MAP_IDX_VALUE, imm = map, imm2 = offset
//   R_BPF_64_64 on an lddw naming a function  -> src = BPF_PSEUDO_FUNC, imm = relative target (callbacks)
//   R_BPF_64_32 on a call to a function       -> src = BPF_PSEUDO_CALL, imm = relative target
// Subprograms in .text that a program calls are appended to it (as libbpf does). BTF is
// read only as far as `.maps` needs it. Self-contained: no Node imports.

import {
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, LDDW, type Result,
} from './isa.js';
import { readBtfMaps } from './btf.js';

export interface ElfMap {
  readonly name: string;
  /** Linux map type id (BPF_MAP_TYPE_*); internal data maps are arrays (2). */
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  /** For .data/.rodata/.bss maps: the initial value (zeroes for .bss). */
  readonly initial?: Uint8Array;
  readonly readonly?: boolean;
}

export interface ElfProgram {
  /** Section name, e.g. "kprobe/sys_open" or "xdp". */
  readonly section: string;
  /** Name of the function at offset 0 of the section (or the section name). */
  readonly name: string;
  /** Instructions with relocations applied. */
  readonly bytes: Uint8Array;
  /** Function symbols in the section: name and instruction index. */
  readonly functions: readonly { name: string; index: number }[];
}

export interface ElfObject {
  readonly programs: readonly ElfProgram[];
  readonly maps: readonly ElfMap[];
  readonly license: string | null;
  readonly hasBtf: boolean;
}

const SHT_SYMTAB = 2, SHT_REL = 9, SHT_NOBITS = 8;
const SHF_EXECINSTR = 4;
const R_BPF_64_64 = 1, R_BPF_64_32 = 10;
const STT_FUNC = 2, STT_SECTION = 3;
const EM_BPF = 247;

interface Shdr { name: string; type: number; flags: number; offset: number; size: number; link: number; info: number; entsize: number }
interface Sym { name: string; info: number; shndx: number; value: number; size: number }

export function readElf(bytes: Uint8Array): Result<ElfObject, string> {
  try {
    return { ok: true, value: parse(bytes) };
  } catch (e) {
    if (e instanceof ElfError) return { ok: false, error: `ELF: ${e.message}` };
    if (e instanceof RangeError) return { ok: false, error: 'ELF: truncated or malformed object' };
    throw e;
  }
}

class ElfError extends Error {}

function parse(bytes: Uint8Array): ElfObject {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 64 || dv.getUint32(0, false) !== 0x7f454c46) throw new ElfError('not an ELF file');
  if (bytes[4] !== 2 || bytes[5] !== 1) throw new ElfError('only 64-bit little-endian objects are supported');
  if (dv.getUint16(18, true) !== EM_BPF) throw new ElfError(`machine ${dv.getUint16(18, true)} is not BPF (247)`);
  const u64 = (o: number) => Number(dv.getBigUint64(o, true));
  const shoff = u64(0x28), shentsize = dv.getUint16(0x3a, true), shnum = dv.getUint16(0x3c, true);
  const shstrndx = dv.getUint16(0x3e, true);
  const raw = Array.from({ length: shnum }, (_, k) => {
    const o = shoff + k * shentsize;
    return {
      nameOff: dv.getUint32(o, true), type: dv.getUint32(o + 4, true), flags: u64(o + 8), offset: u64(o + 24),
      size: u64(o + 32), link: dv.getUint32(o + 40, true), info: dv.getUint32(o + 44, true), entsize: u64(o + 56),
    };
  });
  const cstr = (off: number): string => {
    let s = '';
    for (let k = off; k < bytes.length && bytes[k] !== 0; k++) s += String.fromCharCode(bytes[k]);
    return s;
  };
  const shstr = raw[shstrndx];
  const sh: Shdr[] = raw.map((r) => ({ ...r, name: shstr ? cstr(shstr.offset + r.nameOff) : '' }));
  const data = (s: Shdr) => (s.type === SHT_NOBITS ? new Uint8Array(s.size) : bytes.slice(s.offset, s.offset + s.size));
  if (sh.some((s) => s.type !== SHT_NOBITS && s.offset + s.size > bytes.length)) throw new ElfError('section extends past the end of the file');

  const symtab = sh.find((s) => s.type === SHT_SYMTAB);
  const syms: Sym[] = [];
  if (symtab) {
    const strtab = sh[symtab.link];
    for (let o = symtab.offset; o + 24 <= symtab.offset + symtab.size; o += 24) {
      syms.push({
        name: cstr(strtab.offset + dv.getUint32(o, true)), info: bytes[o + 4], shndx: dv.getUint16(o + 6, true),
        value: u64(o + 8), size: u64(o + 16),
      });
    }
  }

  const licenseSec = sh.find((s) => s.name === 'license');
  const license = licenseSec ? cstr(licenseSec.offset) : null;
  const btfSec = sh.find((s) => s.name === '.BTF');

  // ---- maps ----
  const maps: ElfMap[] = [];
  const mapBySym = new Map<string, number>(); // "shndx:offset" -> map index
  sh.forEach((s, idx) => {
    if (s.name === 'maps' || s.name.startsWith('maps/')) {
      // legacy struct bpf_map_def { type, key_size, value_size, max_entries, map_flags, ... } per symbol
      const inSec = syms.filter((y) => y.shndx === idx && (y.info & 0xf) !== STT_SECTION).sort((a, b) => a.value - b.value);
      for (const y of inSec) {
        const o = s.offset + y.value;
        maps.push({
          name: y.name, type: dv.getUint32(o, true), keySize: dv.getUint32(o + 4, true),
          valueSize: dv.getUint32(o + 8, true), maxEntries: dv.getUint32(o + 12, true),
          flags: y.size >= 20 ? dv.getUint32(o + 16, true) : 0,
        });
        mapBySym.set(`${idx}:${y.value}`, maps.length - 1);
      }
    } else if (s.name === '.maps') {
      if (!btfSec) throw new ElfError('.maps section needs BTF to describe its maps');
      const defs = readBtfMaps(data(btfSec));
      if (typeof defs === 'string') throw new ElfError(defs);
      const inSec = syms.filter((y) => y.shndx === idx && (y.info & 0xf) !== STT_SECTION);
      for (const y of inSec) {
        const d = defs.get(y.name);
        if (d === undefined) throw new ElfError(`map '${y.name}' has no BTF definition`);
        maps.push({ name: y.name, ...d });
        mapBySym.set(`${idx}:${y.value}`, maps.length - 1);
      }
    } else if (s.name === '.data' || s.name === '.bss' || s.name.startsWith('.rodata')) {
      if (s.size === 0) return;
      maps.push({
        name: s.name, type: 2, keySize: 4, valueSize: s.size, maxEntries: 1, flags: 0, initial: data(s),
        readonly: s.name.startsWith('.rodata'),
      });
      mapBySym.set(`${idx}:data`, maps.length - 1);
    }
  });

  // ---- programs: relocate every executable section, then append the callees other sections need ----
  interface Code { s: Shdr; idx: number; code: Uint8Array; functions: { name: string; index: number }[]; calls: { pc: number; sec: number; index: number }[] }
  const codes = new Map<number, Code>();
  sh.forEach((s, idx) => {
    if ((s.flags & SHF_EXECINSTR) === 0 || s.size === 0) return;
    const code = data(s);
    const cdv = new DataView(code.buffer, code.byteOffset, code.byteLength);
    const functions = syms.filter((y) => y.shndx === idx && (y.info & 0xf) === STT_FUNC)
      .map((y) => ({ name: y.name, index: y.value / 8 })).sort((a, b) => a.index - b.index);
    const calls: Code['calls'] = [];
    for (const rel of sh.filter((r) => r.type === SHT_REL && r.info === idx)) {
      for (let o = rel.offset; o + 16 <= rel.offset + rel.size; o += 16) {
        const at = u64(o), info = dv.getBigUint64(o + 8, true);
        const type = Number(info & 0xffffffffn), y = syms[Number(info >> 32n)];
        if (y === undefined || at % 8 !== 0 || at + 8 > code.length) throw new ElfError(`bad relocation in ${s.name}`);
        const pc = at / 8;
        if (type === R_BPF_64_64) {
          if (code[at] !== LDDW) throw new ElfError(`${s.name}: relocation at insn ${pc} is not on an lddw`);
          let m = mapBySym.get(`${y.shndx}:${y.value}`);
          const ysec = sh[y.shndx];
          if (ysec !== undefined && (ysec.flags & SHF_EXECINSTR) !== 0 && ((y.info & 0xf) === STT_FUNC || (y.info & 0xf) === STT_SECTION)) {
            // The address of a function (a bpf_loop callback): BPF_PSEUDO_FUNC with a relative target, as libbpf
            // does; the target is the symbol plus the lddw's imm, a byte offset.
            const target = y.value / 8 + Math.trunc(cdv.getInt32(at + 4, true) / 8);
            code[at + 1] = (code[at + 1] & 0x0f) | (BPF_PSEUDO_FUNC << 4);
            cdv.setInt32(at + 12, 0, true);
            if (y.shndx === idx) cdv.setInt32(at + 4, target - pc - 1, true);
            else calls.push({ pc, sec: y.shndx, index: target });
          } else if (m !== undefined) {
            code[at + 1] = (code[at + 1] & 0x0f) | (BPF_PSEUDO_MAP_IDX << 4);
            cdv.setInt32(at + 4, m, true);
          } else if ((m = mapBySym.get(`${y.shndx}:data`)) !== undefined) {
            const off = cdv.getInt32(at + 4, true) + ((y.info & 0xf) === STT_SECTION ? 0 : y.value);
            code[at + 1] = (code[at + 1] & 0x0f) | (BPF_PSEUDO_MAP_IDX_VALUE << 4);
            cdv.setInt32(at + 4, m, true);
            cdv.setInt32(at + 12, off, true);
          } else throw new ElfError(`${s.name}: insn ${pc} refers to '${y.name || sh[y.shndx]?.name}', which is not a map`);
        } else if (type === R_BPF_64_32) {
          if (code[at] !== 0x85) throw new ElfError(`${s.name}: call relocation at insn ${pc} is not on a call`);
          // target = symbol + (imm + 1) slots, as libbpf computes it (imm is -1 for a FUNC symbol)
          const target = y.value / 8 + cdv.getInt32(at + 4, true) + 1;
          code[at + 1] = (code[at + 1] & 0x0f) | (BPF_PSEUDO_CALL << 4);
          if (y.shndx === idx) cdv.setInt32(at + 4, target - pc - 1, true);
          else calls.push({ pc, sec: y.shndx, index: target });
        }
        // other relocation types (BTF, DWARF) do not touch instructions
      }
    }
    codes.set(idx, { s, idx, code, functions, calls });
  });
  const programs: ElfProgram[] = [];
  const onlyText = [...codes.values()].every((c) => c.s.name === '.text');
  for (const c of codes.values()) {
    if (c.s.name === '.text' && !onlyText) continue; // subprograms, appended to the programs that call them
    const parts: Uint8Array[] = [c.code];
    const functions = [...c.functions];
    const base = new Map<number, number>([[c.idx, 0]]);
    let len = c.code.length / 8;
    const pending = [...c.calls.map((k) => ({ ...k, from: 0 }))];
    const fixups: { at: number; target: number }[] = [];
    while (pending.length > 0) {
      const k = pending.shift()!;
      let b = base.get(k.sec);
      if (b === undefined) {
        const callee = codes.get(k.sec);
        if (callee === undefined) throw new ElfError(`${c.s.name}: call into section ${sh[k.sec]?.name ?? k.sec}, which has no code`);
        b = len;
        base.set(k.sec, b);
        parts.push(callee.code);
        len += callee.code.length / 8;
        functions.push(...callee.functions.map((f) => ({ name: f.name, index: f.index + b! })));
        pending.push(...callee.calls.map((x) => ({ ...x, from: b! })));
      }
      fixups.push({ at: k.from + k.pc, target: b + k.index });
    }
    const bytes = new Uint8Array(len * 8);
    let off = 0;
    for (const p of parts) { bytes.set(p, off); off += p.length; }
    const bdv = new DataView(bytes.buffer);
    for (const f of fixups) bdv.setInt32(f.at * 8 + 4, f.target - f.at - 1, true);
    const name = c.functions.find((f) => f.index === 0)?.name ?? c.s.name;
    programs.push({ section: c.s.name, name, bytes, functions });
  }
  return { programs, maps, license, hasBtf: btfSec !== undefined };
}
