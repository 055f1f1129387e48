// The assembler and disassembler: the syntax of uBPF / bpf_conformance, exact
// round trips (disassemble then assemble gives the same bytes) for every data
// file, every legal opcode and random bytes, and errors with line numbers.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble, assembleBytes } from '../../verifier/asm.js';
import { decodeRaw, disassemble, disassembleBytes } from '../../verifier/disasm.js';
import { OPCODES, encode, insn, toHex } from '../../verifier/isa.js';
import { parseDataFile } from '../../verifier/conformance.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'data');

const hex = (text: string): string => {
  const r = assembleBytes(text);
  if (!r.ok) throw new Error(`line ${r.error.line}: ${r.error.message}`);
  return toHex(r.value);
};

test('encodings of the common syntax', (t) => {
  t.is(hex('mov %r0, 1'), 'b7 00 00 00 01 00 00 00');
  t.is(hex('add32 %r1, %r2'), '0c 21 00 00 00 00 00 00');
  t.is(hex('ldxw %r1, [%r2+4]'), '61 21 04 00 00 00 00 00');
  t.is(hex('stxdw [%r10-8], %r1'), '7b 1a f8 ff 00 00 00 00');
  t.is(hex('lddw %r1, 0x1122334455667788'), '18 01 00 00 88 77 66 55 00 00 00 00 44 33 22 11');
  t.is(hex('jeq %r1, 0, +3'), '15 01 03 00 00 00 00 00');
  t.is(hex('ja -1'), '05 00 ff ff 00 00 00 00');
  t.is(hex('call 1'), '85 00 00 00 01 00 00 00');
  t.is(hex('exit'), '95 00 00 00 00 00 00 00');
  t.is(hex('be32 %r3'), 'dc 03 00 00 20 00 00 00');
  t.is(hex('le16 %r3'), 'd4 03 00 00 10 00 00 00');
  t.is(hex('swap64 %r3'), 'd7 03 00 00 40 00 00 00');
  t.is(hex('neg %r2'), '87 02 00 00 00 00 00 00');
  t.is(hex('sdiv %r1, %r2'), '3f 21 01 00 00 00 00 00');
  t.is(hex('smod32 %r1, 3'), '94 01 01 00 03 00 00 00');
  t.is(hex('movsx1664 %r1, %r2'), 'bf 21 10 00 00 00 00 00');
  t.is(hex('ldxsb %r1, [%r2-1]'), '91 21 ff ff 00 00 00 00');
  t.is(hex('lock add [%r1+8], %r2'), 'db 21 08 00 00 00 00 00');
  t.is(hex('xaddw [%r1+8], %r2'), 'c3 21 08 00 00 00 00 00');
  t.is(hex('lock fetch xor32 [%r1+0], %r2'), 'c3 21 00 00 a1 00 00 00');
  t.is(hex('lock cmpxchg [%r1+0], %r2'), 'db 21 00 00 f1 00 00 00');
  t.is(hex('lock xchg32 [%r1+0], %r2'), 'c3 21 00 00 e1 00 00 00');
  t.is(hex('callx %r5'), '8d 05 00 00 00 00 00 00');
  t.is(hex('call %r5'), '8d 05 00 00 00 00 00 00');
  t.is(hex('ja32 +2'), '06 00 00 00 02 00 00 00');
  t.is(hex('ldabsh 12'), '28 00 00 00 0c 00 00 00');
  t.is(hex('ldindb %r3, 4'), '50 30 00 00 04 00 00 00');
  t.is(hex('stw [%r1+2], -1'), '62 01 02 00 ff ff ff ff');
  t.is(hex('lddw %r1, map_fd:5'), '18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00');
  t.is(hex('mov r0, r1'), 'bf 10 00 00 00 00 00 00', 'registers without %');
  t.is(hex('ldxb r9, [r0+1]'), '71 09 01 00 00 00 00 00');
  t.is(hex('jeq %r1, 0x80000000, +1'), '15 01 01 00 00 00 00 80', 'imm 0x80000000 wraps to INT32_MIN');
  t.is(hex('lddw %r1, map_value:5:16'), '18 21 00 00 05 00 00 00 00 00 00 00 10 00 00 00');
});

test('labels, local calls by name and comments', (t) => {
  const r = assemble('# a comment\nmov %r0, 0 // another\ncall local f\ncall f\nja end\nf: mov %r0, 1\nexit\nend:\nexit');
  if (!r.ok) { t.fail(r.error.message); return; }
  t.is(r.value[1].src, 1);
  t.is(r.value[1].imm, 2);
  t.is(r.value[2].imm, 1);
  t.is(r.value[3].off, 2);
});

test('assembler errors carry the line number', (t) => {
  const cases: [string, number, RegExp][] = [
    ['mov %r0, 1\nfrob %r1', 2, /unknown mnemonic/],
    ['mov %r16, 1', 1, /register/],
    ['exit\njeq %r1, 0, nowhere', 2, /undefined label/],
    ['a:\na:\nexit', 2, /duplicate label/],
    ['mov %r0, 0x1ffffffff', 1, /32 bits/],
    ['ldxw %r1, %r2', 1, /memory operand/],
    ['add %r1', 1, /operand/],
  ];
  for (const [text, line, re] of cases) {
    const r = assemble(text);
    t.false(r.ok, text);
    if (!r.ok) { t.is(r.error.line, line, text); t.regex(r.error.message, re); }
  }
});

test('every data file round-trips through the disassembler', (t) => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.data'))) {
    const c = parseDataFile(readFileSync(join(dir, f), 'utf8'));
    const a = assembleBytes(c.asm);
    if (!a.ok) { t.fail(`${f}: ${a.error.message}`); continue; }
    for (const labels of [false, true]) {
      const text = disassembleBytes(a.value, { labels });
      const b = assembleBytes(text);
      t.true(b.ok && toHex(b.value) === toHex(a.value), `${f}\n${text}`);
    }
  }
});

test('labels name jump and call targets', (t) => {
  const a = assembleBytes('mov %r0, 0\nloop:\nadd %r0, 1\njne %r0, 3, loop\ncall local f\nexit\nf:\nexit');
  if (!a.ok) { t.fail(a.error.message); return; }
  t.is(disassembleBytes(a.value, { labels: true }),
    '    mov %r0, 0\nL1:\n    add %r0, 1\n    jne %r0, 3, L1\n    call local L5\n    exit\nL5:\n    exit\n');
});

test('every legal opcode round-trips', (t) => {
  for (const info of OPCODES) {
    if (info === undefined) continue;
    for (const imm of [0, 1, -1, 16, 0x7fffffff]) {
      const i = insn(info.opcode, info.usesDst ? 3 : 0, info.usesSrc ? 4 : 0, info.usesOff ? -5 : 0, info.usesImm ? imm : 0);
      if (info.kind === 'end') i.imm = 32;
      if (info.kind === 'atomic') i.imm = 0xa1;
      if (info.kind === 'alu' && (i.opcode & 0xf0) === 0xb0) i.off = 0;
      if (info.kind === 'alu' && ((i.opcode & 0xf0) === 0x30 || (i.opcode & 0xf0) === 0x90)) i.off = 1;
      if (info.kind === 'lddw') { i.src = 0; i.imm2 = -7; }
      if (info.kind === 'call') i.src = 0;
      const bytes = encode([i, insn(0x95)]);
      const text = disassemble(decodeRaw(bytes));
      const back = assembleBytes(text);
      t.true(back.ok && toHex(back.value) === toHex(bytes), `${info.mnemonic}: ${text}`);
      t.false(text.startsWith('.insn'), `${info.mnemonic} should have a mnemonic: ${text}`);
    }
  }
});

test('random bytes round-trip, malformed slots as .insn', (t) => {
  let seed = 12345;
  const rnd = () => { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; };
  const legal = OPCODES.filter((o) => o !== undefined).map((o) => o!.opcode);
  for (let k = 0; k < 300; k++) {
    const bytes = new Uint8Array(8 * 6);
    for (let j = 0; j < bytes.length; j++) bytes[j] = rnd() & 0xff;
    for (let j = 0; j < 6; j++) if (rnd() % 2 === 0) bytes[j * 8] = legal[rnd() % legal.length];
    const text = disassembleBytes(bytes);
    const back = assembleBytes(text);
    t.true(back.ok && toHex(back.value) === toHex(bytes), text);
  }
});
