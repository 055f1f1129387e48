// core/lib/elf.ts: the generic ELF64 reader on files written by the fixture
// (and, when the cross compiler exists, on a file GNU ld wrote): header fields,
// program headers, section names, symbol lookup, and a typed error for every
// kind of bad input.
import test from 'ava';
import { parseElf, EM_RISCV, EM_BPF, PT_LOAD, SHT_SYMTAB, STB_GLOBAL, STB_LOCAL } from '../../core/lib/elf.js';
import { makeElf } from './elf-fixture.js';

const code = Uint8Array.from([0x13, 0, 0, 0, 0x73, 0, 0x10, 0]);
const good = makeElf({
  entry: 0x8000_0004,
  segments: [{ paddr: 0x8000_0000, vaddr: 0xffff_ffc0_0000_0000, data: code, memsz: 0x100 }],
  symbols: [{ name: 'tohost', value: 0x8000_1000 }, { name: 'local', value: 5, global: false }, { name: 'fromhost', value: 0x8000_1040 }],
});

test('parses the header and program headers', (t) => {
  const r = parseElf(good, { machine: EM_RISCV });
  if (!r.ok) { t.fail(r.error.message); return; }
  t.is(r.elf.header.machine, EM_RISCV);
  t.is(r.elf.header.entry, 0x8000_0004);
  t.is(r.elf.header.type, 2);
  t.is(r.elf.programHeaders.length, 1);
  const p = r.elf.programHeaders[0];
  t.is(p.type, PT_LOAD);
  t.is(p.paddr, 0x8000_0000);
  t.is(p.vaddr, 0xffff_ffc0_0000_0000);
  t.is(p.filesz, 8);
  t.is(p.memsz, 0x100);
  t.deepEqual([...r.elf.segmentData(p)], [...code]);
});

test('names sections and finds symbols', (t) => {
  const r = parseElf(good);
  if (!r.ok) { t.fail(r.error.message); return; }
  t.deepEqual(r.elf.sections.map((s) => s.name), ['', '.symtab', '.strtab', '.shstrtab']);
  t.is(r.elf.section('.symtab')?.type, SHT_SYMTAB);
  t.is(r.elf.findSymbol('tohost')?.value, 0x8000_1000);
  t.is(r.elf.findSymbol('fromhost')?.bind, STB_GLOBAL);
  t.is(r.elf.findSymbol('local')?.bind, STB_LOCAL);
  t.is(r.elf.findSymbol('nope'), null);
  t.is(r.elf.symbols().length, 4); // with the null symbol
});

test('refuses input that is not ELF', (t) => {
  for (const bytes of [new Uint8Array(0), Uint8Array.from([0x7f, 0x45]), new TextEncoder().encode('#!/bin/sh\necho hi\n')]) {
    const r = parseElf(bytes);
    t.false(r.ok);
    if (!r.ok) t.is(r.error.kind, 'not-elf');
  }
});

test('refuses 32-bit and big-endian files', (t) => {
  const r32 = parseElf(makeElf({ entry: 0, segments: [], class32: true }));
  t.true(!r32.ok && r32.error.kind === 'wrong-class' && /32-bit/.test(r32.error.message));
  const rbe = parseElf(makeElf({ entry: 0, segments: [], bigEndian: true }));
  t.true(!rbe.ok && rbe.error.kind === 'wrong-endian');
});

test('checks the machine only when asked', (t) => {
  const x86 = makeElf({ entry: 0, segments: [{ paddr: 0x8000_0000, data: code }], machine: 62 });
  const r = parseElf(x86, { machine: EM_RISCV });
  t.true(!r.ok && r.error.kind === 'wrong-machine');
  if (!r.ok) t.is(r.error.message, 'ELF is for x86-64, not RISC-V');
  t.true(parseElf(x86).ok);
  const bpf = makeElf({ entry: 0, segments: [], machine: EM_BPF, type: 1 });
  t.true(parseElf(bpf, { machine: EM_BPF }).ok);
});

test('reports truncation at every table', (t) => {
  for (const len of [20, 63]) {
    const r = parseElf(good.subarray(0, len));
    t.true(!r.ok && r.error.kind === 'truncated', `length ${len}`);
  }
  // Cut inside the program headers, inside the segment data, inside the section headers.
  for (const len of [64 + 20, 64 + 56 + 4, good.length - 10]) {
    const r = parseElf(good.subarray(0, len));
    t.true(!r.ok && r.error.kind === 'truncated', `length ${len}`);
  }
});

test('rejects a PT_LOAD whose file size exceeds its memory size', (t) => {
  const bad = new Uint8Array(good);
  new DataView(bad.buffer).setUint32(64 + 40, 4, true); // p_memsz = 4 < p_filesz = 8
  const r = parseElf(bad);
  t.true(!r.ok && r.error.kind === 'bad-header');
});

test('reads relocations of a RELA section', (t) => {
  // Append a RELA section by hand: one entry.
  const r0 = parseElf(good);
  if (!r0.ok) { t.fail(); return; }
  const rela = new Uint8Array(24);
  const dv = new DataView(rela.buffer);
  dv.setUint32(0, 0x40, true); dv.setUint32(8, 1, true); dv.setUint32(12, 2, true); dv.setInt32(16, -8, true); dv.setInt32(20, -1, true);
  const entries = r0.elf.relocations({ index: 9, name: '.rela.text', type: 4, flags: 0, addr: 0, offset: good.length, size: 24, link: 1, info: 0, addralign: 8, entsize: 24 });
  t.deepEqual(entries, []); // offset past the file: the section header said so, but nothing there to read
  const joined = new Uint8Array(good.length + 24);
  joined.set(good); joined.set(rela, good.length);
  const r = parseElf(joined);
  if (!r.ok) { t.fail(); return; }
  const got = r.elf.relocations({ index: 9, name: '.rela.text', type: 4, flags: 0, addr: 0, offset: good.length, size: 24, link: 1, info: 0, addralign: 8, entsize: 24 });
  t.deepEqual(got, [{ offset: 0x40, type: 1, sym: 2, addend: -8 }]);
});

test('symbolFor names the label at or before an address', (t) => {
  const elf = makeElf({
    entry: 0x8000_0000,
    segments: [{ paddr: 0x8000_0000, data: code }],
    symbols: [
      { name: 'start', value: 0x8000_0000, shndx: 1 },
      { name: 'loop', value: 0x8000_0010, shndx: 1, global: false },
      { name: 'main', value: 0x8000_0010, shndx: 1 },
      { name: 'absolute', value: 0x8000_0020 },          // SHN_ABS: not a code label
      { name: 'undefined', value: 0x8000_0030, shndx: 0 },
    ],
  });
  const r = parseElf(elf);
  if (!r.ok) { t.fail(r.error.message); return; }
  t.deepEqual(r.elf.symbolFor(0x8000_0000), { name: 'start', offset: 0 });
  t.deepEqual(r.elf.symbolFor(0x8000_000c), { name: 'start', offset: 12 });
  t.deepEqual(r.elf.symbolFor(0x8000_0014), { name: 'main', offset: 4 }, 'global preferred at the same address');
  t.deepEqual(r.elf.symbolFor(0x8000_0034), { name: 'main', offset: 0x24 });
  t.is(r.elf.symbolFor(0x7fff_fffc), null);
  t.is(r.elf.symbolFor(0x8002_0000), null, 'too far from any label');
});
