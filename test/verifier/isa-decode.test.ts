// The ISA tables and decode/encode: every legal opcode decodes and re-encodes,
// and each kind of malformed program is refused with its instruction index.
import test from 'ava';
import {
  OPCODES, checkJumps, decode, decodeProgram, encode, insn, mnemonicOf, parseHex, type Insn,
} from '../../verifier/isa.js';

const bytesOf = (...insns: Insn[]) => encode(insns);
const refuse = (b: Uint8Array) => {
  const r = decodeProgram(b);
  return r.ok ? null : r.error;
};

test('the table has every RFC 9669 opcode (plus callx) and nothing else', (t) => {
  const legal = OPCODES.filter((o) => o !== undefined);
  // 2 x 13 ALU ops x 2 sources (neg has one) + 3 end + 4 ldx + 3 ldxs + 4 st + 4 stx + 2 atomic
  // + lddw + 6 ldabs/ldind + ja + ja32 + call + callx + exit + 2 x 11 conditions x 2 sources
  t.is(legal.length, 2 * (12 * 2 + 1) + 3 + 4 + 3 + 4 + 4 + 2 + 1 + 6 + 5 + 44);
  t.is(OPCODES[0x07]?.mnemonic, 'add');
  t.is(OPCODES[0xbc]?.mnemonic, 'mov32');
  t.is(OPCODES[0x18]?.kind, 'lddw');
  t.is(OPCODES[0x00], undefined);
  t.is(OPCODES[0xff], undefined);
  t.is(OPCODES[0x8d]?.kind, 'callx');
});

test('mnemonicOf picks variants chosen by offset and imm', (t) => {
  t.is(mnemonicOf(insn(0x3f, 1, 2, 1)), 'sdiv');
  t.is(mnemonicOf(insn(0x94, 1, 0, 1, 3)), 'smod32');
  t.is(mnemonicOf(insn(0xbf, 1, 2, 16)), 'movsx1664');
  t.is(mnemonicOf(insn(0xbc, 1, 2, 8)), 'movsx832');
  t.is(mnemonicOf(insn(0xdc, 1, 0, 0, 32)), 'be32');
  t.is(mnemonicOf(insn(0xd7, 1, 0, 0, 64)), 'swap64');
});

test('decode then encode gives the same bytes, lddw kept as two slots', (t) => {
  const b = parseHex('b7 01 00 00 2a 00 00 00 18 02 00 00 44 33 22 11 00 00 00 00 88 77 66 55 95 00 00 00 00 00 00 00')!;
  const r = decode(b);
  if (!r.ok) { t.fail(r.error.message); return; }
  t.is(r.value.length, 4);
  t.is(r.value[1].imm2, 0x55667788);
  t.is(r.value[2].opcode, 0);
  t.deepEqual(encode(r.value), b);
  // a list without the filler slot encodes the same
  t.deepEqual(encode([r.value[0], r.value[1], r.value[3]]), b);
});

test('bad opcode is refused with its index', (t) => {
  const e = refuse(bytesOf(insn(0xb7, 0, 0, 0, 1), insn(0x8f), insn(0x95)));
  t.is(e?.kind, 'bad-opcode');
  t.is(e?.index, 1);
});

test('bad registers: above r10, and writes to r10', (t) => {
  t.is(refuse(bytesOf(insn(0xb7, 11, 0, 0, 1), insn(0x95)))?.kind, 'bad-register');
  t.is(refuse(bytesOf(insn(0xbf, 1, 12), insn(0x95)))?.kind, 'bad-register');
  const e = refuse(bytesOf(insn(0xb7, 10, 0, 0, 1), insn(0x95)));
  t.is(e?.kind, 'bad-register');
  t.regex(e?.message ?? '', /read only/);
  t.is(refuse(bytesOf(insn(0x79, 10, 1, 0), insn(0x95)))?.kind, 'bad-register');
  // storing through r10 is fine
  t.is(refuse(bytesOf(insn(0x7b, 10, 1, -8), insn(0x95))), null);
  // an atomic fetch writes its source register
  t.is(refuse(bytesOf(insn(0xdb, 1, 10, 0, 0x01), insn(0x95)))?.kind, 'bad-register');
});

test('truncated lddw and a bad second slot', (t) => {
  const e = refuse(bytesOf(insn(0xb7), insn(0x18, 1, 0, 0, 5, 0)).slice(0, 16));
  t.is(e?.kind, 'truncated-lddw');
  t.is(e?.index, 1);
  const b = bytesOf(insn(0x18, 1, 0, 0, 5, 0), insn(0x95));
  b[8] = 0xb7; // second slot with an opcode
  t.is(refuse(b)?.kind, 'reserved-field');
  t.is(refuse(b)?.index, 1);
});

test('reserved fields must be zero', (t) => {
  t.is(refuse(bytesOf(insn(0x07, 1, 2, 0, 1), insn(0x95)))?.kind, 'reserved-field'); // K with src
  t.is(refuse(bytesOf(insn(0x0f, 1, 2, 0, 1), insn(0x95)))?.kind, 'reserved-field'); // X with imm
  t.is(refuse(bytesOf(insn(0x07, 1, 0, 3, 1), insn(0x95)))?.kind, 'reserved-field'); // add with offset
  t.is(refuse(bytesOf(insn(0x95, 0, 0, 0, 1)))?.kind, 'reserved-field'); // exit with imm
  t.is(refuse(bytesOf(insn(0x61, 1, 2, 0, 7), insn(0x95)))?.kind, 'reserved-field'); // ldx with imm
  t.is(refuse(bytesOf(insn(0x05, 1, 0, 0), insn(0x95)))?.kind, 'reserved-field'); // ja with dst
});

test('offsets and immediates outside their legal sets', (t) => {
  t.is(refuse(bytesOf(insn(0x3f, 1, 2, 2), insn(0x95)))?.kind, 'bad-offset'); // div off 2
  t.is(refuse(bytesOf(insn(0xbf, 1, 2, 5), insn(0x95)))?.kind, 'bad-offset'); // mov off 5
  t.is(refuse(bytesOf(insn(0xbc, 1, 2, 32), insn(0x95)))?.kind, 'bad-offset'); // movsx32 in ALU32
  t.is(refuse(bytesOf(insn(0xb7, 1, 0, 8, 1), insn(0x95)))?.kind, 'bad-offset'); // movsx with K
  t.is(refuse(bytesOf(insn(0xdc, 1, 0, 0, 8), insn(0x95)))?.kind, 'bad-imm'); // be8
  t.is(refuse(bytesOf(insn(0xdb, 1, 2, 0, 0x10), insn(0x95)))?.kind, 'bad-imm'); // atomic sub
  t.is(refuse(bytesOf(insn(0x18, 1, 7, 0, 0, 0), insn(0x95)))?.kind, 'bad-imm'); // lddw src 7
});

test('jumps out of range or into an lddw are refused', (t) => {
  let e = refuse(bytesOf(insn(0x05, 0, 0, 5), insn(0x95)));
  t.is(e?.kind, 'jump-out-of-range');
  t.is(e?.index, 0);
  e = refuse(bytesOf(insn(0xb7), insn(0x15, 1, 0, -3, 0), insn(0x95)));
  t.is(e?.kind, 'jump-out-of-range');
  t.is(e?.index, 1);
  e = refuse(bytesOf(insn(0x05, 0, 0, 1), insn(0x18, 1, 0, 0, 1, 2), insn(0x95)));
  t.is(e?.kind, 'jump-into-lddw');
  e = refuse(bytesOf(insn(0x06, 0, 0, 0, 9), insn(0x95)));
  t.is(e?.kind, 'jump-out-of-range');
  e = refuse(bytesOf(insn(0x85, 0, 1, 0, 10), insn(0x95)));
  t.is(e?.kind, 'jump-out-of-range', 'local call target');
  t.is(checkJumps([])?.kind, 'empty-program');
});

test('a length that is not a multiple of 8 is refused', (t) => {
  const r = decode(new Uint8Array(12));
  t.false(r.ok);
  if (!r.ok) t.is(r.error.kind, 'bad-length');
});

test('every legal opcode decodes with plausible fields', (t) => {
  let n = 0;
  for (const info of OPCODES) {
    if (info === undefined) continue;
    const i = insn(info.opcode, info.usesDst ? 1 : 0, info.usesSrc ? 2 : 0, 0, 0);
    if (info.kind === 'end') i.imm = 16;
    if (info.kind === 'atomic') i.imm = 0x01;
    const prog = info.kind === 'lddw' ? [i, insn(0x95)] : [i, insn(0x95)];
    const r = decodeProgram(encode(prog));
    t.true(r.ok, `${info.mnemonic}: ${r.ok ? '' : r.error.message}`);
    n++;
  }
  t.true(n > 100);
});
