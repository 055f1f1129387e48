// Control transfer: every conditional branch taken and not taken on signed
// and unsigned edge cases, backward and forward and across a page, JAL and
// JALR link values, JALR clearing bit 0 of the target and reading rs1 before
// writing rd, and a 32-bit instruction fetched across a page boundary.
import test from 'ava';
import * as R from './rvasm.js';
import { run, xr, stoppedAtEbreak, BASE } from './isa-util.js';

const { A0, A1, A2, A3, S0, S1, T0, RA } = R;

const cases: [string, (a: number, b: number, off: number) => number, bigint, bigint, boolean][] = [
  ['beq', R.beq, 5n, 5n, true], ['beq', R.beq, 5n, 0x100000005n, false],
  ['bne', R.bne, 5n, 0x100000005n, true], ['bne', R.bne, -1n, -1n, false],
  ['blt', R.blt, -1n, 0n, true], ['blt', R.blt, 0n, -1n, false], ['blt', R.blt, 0x80000000n, 0x7fffffffn, false],
  ['blt', R.blt, -(1n << 63n), (1n << 63n) - 1n, true], ['blt', R.blt, 3n, 3n, false],
  ['bge', R.bge, 3n, 3n, true], ['bge', R.bge, -1n, 0n, false], ['bge', R.bge, 0x100000000n, 0xffffffffn, true],
  ['bltu', R.bltu, 0n, -1n, true], ['bltu', R.bltu, -1n, 0n, false], ['bltu', R.bltu, 0xffffffffn, 0x100000000n, true],
  ['bgeu', R.bgeu, -1n, 0n, true], ['bgeu', R.bgeu, 0n, 1n, false], ['bgeu', R.bgeu, 0x100000000n, 0xffffffffn, true],
];

for (const [name, enc, x, y, taken] of cases) {
  test(`${name} ${x}, ${y} is ${taken ? 'taken' : 'not taken'} (forward and backward)`, (t) => {
    const r = run((a) => {
      a.li(A0, x); a.li(A1, y); a.li(A2, 0); a.li(A3, 0);
      a.br(enc, A0, A1, 'fwd'); a.emit(R.addi(A2, A2, 1)); // skipped when taken
      a.label('fwd');
      a.j('test2');
      a.label('back'); a.emit(R.addi(A3, A3, 10)); a.j('end');
      a.label('test2'); a.br(enc, A0, A1, 'back'); a.emit(R.addi(A3, A3, 1));
      a.label('end'); a.emit(R.ebreak());
    });
    t.true(stoppedAtEbreak(r));
    t.is(xr(r.h, A2), taken ? 0n : 1n);
    t.is(xr(r.h, A3), taken ? 10n : 1n);
  });
}

test('jal links pc+4 and jumps; jalr adds the offset, clears bit 0 and reads rs1 before writing rd', (t) => {
  const r = run((a) => {
    a.call('f');                                      // BASE+0
    a.la(S0, 'g'); a.emit(R.addi(S0, S0, 1));         // odd address: bit 0 must be cleared
    a.emit(R.jalr(S0, S0, 0));                       // rd == rs1
    a.label('back'); a.emit(R.ebreak());
    a.label('f'); a.emit(R.mv(S1, RA), R.jalr(0, RA, 0));
    a.label('g'); a.emit(R.mv(A0, S0)); a.la(T0, 'back'); a.emit(R.jalr(A1, T0, 0));
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, S1), BigInt(BASE + 4));
  t.is(xr(r.h, A0), BigInt(BASE + 4 + 12 + 4)); // link of the jalr at BASE+16
  t.is(xr(r.h, A1) > 0n, true);
});

test('branches and jumps across pages, and a 32-bit instruction straddling a page boundary', (t) => {
  const r = run((a) => {
    a.li(A0, 0);
    a.j('far');
    a.org(BASE + 0x1000 - 2);
    a.label('straddle'); a.emit(R.addi(A0, A0, 7)); // bytes 0xffe..0x1001
    a.emit(R.ebreak());
    a.org(BASE + 0x3000);
    a.label('far'); a.emit(R.addi(A0, A0, 1)); a.j('straddle');
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 8n);
  t.is(r.h.trapPc, BASE + 0x1002);
});

test('a straddling instruction is re-read after its second half changes', (t) => {
  const r = run((a) => {
    a.li(A0, 0); a.li(A1, 0);
    a.label('again'); a.j('straddle');
    a.org(BASE + 0x1000 - 2);
    a.label('straddle'); a.emit(R.addi(A0, A0, 7));
    a.emit(R.addi(A1, A1, 1));
    a.li(T0, 2); a.br(R.beq, A1, T0, 'done');
    // Patch the upper half of the straddling addi: immediate 7 -> 0x107 (bits 31:20 in the second halfword).
    a.li(S0, BASE + 0x1000); a.li(T0, ((R.addi(A0, A0, 0x107) >>> 16) & 0xffff));
    a.emit(R.sh(T0, S0, 0));
    a.j('again');
    a.label('done'); a.emit(R.ebreak());
  });
  t.true(stoppedAtEbreak(r));
  t.is(xr(r.h, A0), 7n + 0x107n);
});

test('beq/bne against x0 look at all 64 bits', (t) => {
  for (const [v, zero] of [[0n, true], [1n, false], [0x100000000n, false], [-1n, false], [0x8000000000000000n, false]] as const) {
    const r = run((a) => {
      a.li(A0, v); a.li(A2, 0); a.li(A3, 0);
      a.br(R.beq, A0, 0, 'z'); a.emit(R.addi(A2, A2, 1)); a.label('z');
      a.br(R.bne, A0, 0, 'nz'); a.emit(R.addi(A3, A3, 1)); a.label('nz');
      a.emit(R.ebreak());
    });
    t.is(xr(r.h, A2), zero ? 0n : 1n, `beqz ${v}`);
    t.is(xr(r.h, A3), zero ? 1n : 0n, `bnez ${v}`);
  }
});
