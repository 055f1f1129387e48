// The ELF reader on objects built here by `clang -target bpf -O2 -g -c` from
// test/verifier/data/elf/*.c: program sections, BTF-defined and legacy maps,
// global data maps, relocations of map references and of calls into .text,
// the license; and malformed input refused with a message.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readElf, type ElfObject } from '../../verifier/elf.js';
import { decodeProgram, BPF_PSEUDO_CALL, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE } from '../../verifier/isa.js';
import { prepare, HELPER_OK } from '../../verifier/program.js';
import { interpret } from '../../verifier/interp.js';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../verifier/memory.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const src = join(root, 'test', 'verifier', 'data', 'elf');
const out = join(root, '.cache', 'verifier-elf');

function haveClang(): boolean {
  try { execFileSync('clang', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}
const clang = haveClang();
const need = (t: { log: (s: string) => void; fail: (s: string) => void; pass: () => void }): boolean => {
  if (clang) return true;
  if (process.env.NODIX_REQUIRE_TOOLS === '1') t.fail('clang is required (NODIX_REQUIRE_TOOLS=1)');
  else { t.log('skipped: clang not found'); t.pass(); }
  return false;
};

function build(name: string): ElfObject {
  mkdirSync(out, { recursive: true });
  const obj = join(out, `${name}.o`);
  execFileSync('clang', ['-target', 'bpf', '-O2', '-g', '-c', join(src, `${name}.c`), '-o', obj]);
  const r = readElf(new Uint8Array(readFileSync(obj)));
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

test('BTF maps, global data, license and program sections', (t) => {
  if (!need(t)) return;
  const o = build('maps');
  t.is(o.license, 'GPL');
  t.true(o.hasBtf);
  t.deepEqual(o.programs.map((p) => p.section).sort(), ['kprobe/sys_open', 'xdp']);
  const counts = o.maps.find((m) => m.name === 'counts');
  t.like(counts, { type: 1, keySize: 4, valueSize: 8, maxEntries: 64 });
  const bss = o.maps.find((m) => m.name === '.bss');
  t.like(bss, { type: 2, maxEntries: 1, valueSize: 4 });
  t.true(o.maps.some((m) => m.name.startsWith('.rodata') && m.readonly === true));
});

test('relocations: map references, global data and calls into .text', (t) => {
  if (!need(t)) return;
  const o = build('maps');
  const p = o.programs.find((x) => x.section === 'kprobe/sys_open')!;
  t.is(p.name, 'count_open');
  const d = decodeProgram(p.bytes);
  if (!d.ok) { t.fail(d.error.message); return; }
  const insns = d.value;
  const mapRef = insns.find((i) => i.opcode === 0x18 && i.src === BPF_PSEUDO_MAP_IDX)!;
  t.is(o.maps[mapRef.imm].name, 'counts');
  const dataRefs = insns.filter((i) => i.opcode === 0x18 && i.src === BPF_PSEUDO_MAP_IDX_VALUE);
  t.true(dataRefs.some((i) => o.maps[i.imm].name === '.bss'));
  t.true(dataRefs.some((i) => o.maps[i.imm].name.startsWith('.rodata')), 'the appended subprogram reads .rodata');
  const callAt = insns.findIndex((i) => i.opcode === 0x85 && i.src === BPF_PSEUDO_CALL);
  t.true(callAt >= 0);
  const target = callAt + 1 + insns[callAt].imm;
  t.deepEqual(p.functions.find((f) => f.index === target)?.name, 'triple');
});

test('the relocated xdp program runs: triple(2) - 4 with scale = 3', (t) => {
  if (!need(t)) return;
  const o = build('maps');
  const p = o.programs.find((x) => x.section === 'xdp')!;
  const as = new AddressSpace();
  const regions = o.maps.map((m) => (m.initial ? as.map(m.initial, PROT_READ | PROT_WRITE, m.name) : null));
  const d = decodeProgram(p.bytes);
  if (!d.ok) { t.fail(d.error.message); return; }
  const prog = prepare(d.value, (_pc, src, imm, imm2) =>
    src === BPF_PSEUDO_MAP_IDX_VALUE && regions[imm] ? BigInt(regions[imm]!.start + imm2) : null);
  if (!prog.ok) { t.fail(prog.error.message); return; }
  const r = interpret(prog.value, as, { helpers: [undefined, () => HELPER_OK] });
  t.true(r.ok);
  if (r.ok) t.is(r.r0, 2n);
});

test('legacy maps section', (t) => {
  if (!need(t)) return;
  const o = build('legacy');
  t.is(o.license, 'Dual BSD/GPL');
  t.deepEqual(o.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries, m.flags]), [
    ['events', 2, 4, 16, 8, 0], ['table', 1, 8, 8, 1024, 1],
  ]);
  const d = decodeProgram(o.programs[0].bytes);
  if (!d.ok) { t.fail(d.error.message); return; }
  const refs = d.value.filter((i) => i.opcode === 0x18).map((i) => [i.src, o.maps[i.imm]?.name]);
  t.deepEqual(refs, [[BPF_PSEUDO_MAP_IDX, 'events'], [BPF_PSEUDO_MAP_IDX, 'table']]);
});

test('malformed input is refused with a message', (t) => {
  t.false(readElf(new Uint8Array(10)).ok);
  const notElf = readElf(new TextEncoder().encode('x'.repeat(100)));
  t.false(notElf.ok);
  if (!notElf.ok) t.regex(notElf.error, /not an ELF/);
  const hdr = new Uint8Array(64);
  hdr.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]);
  hdr[18] = 62; // x86-64
  const wrong = readElf(hdr);
  t.false(wrong.ok);
  if (!wrong.ok) t.regex(wrong.error, /not BPF/);
  hdr[18] = 247;
  hdr[0x28] = 0xf0; hdr[0x3c] = 4; hdr[0x3a] = 64; // section headers past the end
  t.false(readElf(hdr).ok);
});
