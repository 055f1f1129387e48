// The M extension's 64-bit helpers against BigInt over many seeded random
// operands of every magnitude (divisors below and above 2^32, quotients near
// 2^32 and 2^64, negative values, powers of two and their neighbours), beyond
// what the instruction-level tests in isa-alu can afford to run.
import test from 'ava';
import { mul64, mulh64, div64, divu64 } from '../../core/hw/hart-muldiv.js';

const x = new Int32Array(64);
const set = (i: number, v: bigint) => {
  const u = BigInt.asUintN(64, v);
  x[2 * i] = Number(u & 0xffffffffn) | 0; x[2 * i + 1] = Number(u >> 32n) | 0;
};
const get = (i: number) => (BigInt(x[2 * i + 1] >>> 0) << 32n) | BigInt(x[2 * i] >>> 0);

let seed = 0x9e3779b97f4a7c15n;
function rnd(): bigint {
  seed = BigInt.asUintN(64, seed * 6364136223846793005n + 1442695040888963407n);
  const bits = Number(seed >> 58n) + 1; // 1..64 significant bits
  const v = BigInt.asUintN(64, seed ^ (seed << 13n)) >> BigInt(64 - bits);
  const k = Number((seed >> 20n) & 7n);
  return k === 0 ? (1n << BigInt(bits - 1)) : k === 1 ? (1n << BigInt(bits - 1)) - 1n : k === 2 ? BigInt.asUintN(64, -v) : v;
}

test('div/divu/rem/remu/mul/mulh* agree with BigInt on 20000 random operand pairs', (t) => {
  const bad: string[] = [];
  for (let n = 0; n < 20000 && bad.length < 5; n++) {
    const a = rnd(), b = rnd();
    const sa = BigInt.asIntN(64, a), sb = BigInt.asIntN(64, b);
    set(1, a); set(2, b);
    const check = (name: string, got: bigint, want: bigint) => {
      if (got !== BigInt.asUintN(64, want)) bad.push(`${name}(${a}, ${b}) = ${got}, want ${BigInt.asUintN(64, want)}`);
    };
    if (b !== 0n) {
      divu64(x, 6, 2, 4, false); check('divu', get(3), a / b);
      divu64(x, 6, 2, 4, true); check('remu', get(3), a % b);
      if (!(sa === -(1n << 63n) && sb === -1n)) {
        div64(x, 6, 2, 4, false); check('div', get(3), sa / sb);
        div64(x, 6, 2, 4, true); check('rem', get(3), sa % sb);
      }
    }
    mul64(x, 6, 2, 4); check('mul', get(3), a * b);
    mulh64(x, 6, 2, 4, 0); check('mulhu', get(3), (a * b) >> 64n);
    mulh64(x, 6, 2, 4, 1); check('mulh', get(3), (sa * sb) >> 64n);
    mulh64(x, 6, 2, 4, 2); check('mulhsu', get(3), (sa * b) >> 64n);
  }
  t.deepEqual(bad, []);
});
