// Counters: cycle/time/instret and their machine aliases, the hpmcounters that
// read zero, and the mcounteren/scounteren privilege checks (Privileged Spec
// 1.12, 3.1.10-3.1.12, 4.1.3).
import test from 'ava';
import { CSR, csrRead, csrWrite, getCsr, setCsr } from '../../core/hw/csr.js';
import { mkHart } from './csr-helpers.js';

test('cycle and instret follow h.instret; time follows h.readTime', (t) => {
  const h = mkHart();
  h.instret = 12345;
  h.readTime = () => 777;
  t.true(csrRead(h, CSR.instret));
  t.deepEqual([h.csrBuf[0], h.csrBuf[1]], [12345, 0]);
  t.true(csrRead(h, CSR.cycle));
  t.is(h.csrBuf[0], 12345);
  t.true(csrRead(h, CSR.time));
  t.is(h.csrBuf[0], 777);
  h.instret = 2 ** 40 + 5;
  t.is(getCsr(h, CSR.minstret), 2n ** 40n + 5n);
  t.is(getCsr(h, CSR.mcycle), 2n ** 40n + 5n);
});

test('mcycle writes move the cycle counter only; minstret writes replace the writing instruction\'s increment', (t) => {
  const h = mkHart();
  h.instret = 50;
  t.true(csrWrite(h, CSR.mcycle, 1000, 0));
  t.is(getCsr(h, CSR.mcycle), 1000n);
  t.is(getCsr(h, CSR.minstret), 50n);
  h.instret += 10;
  t.is(getCsr(h, CSR.mcycle), 1010n);
  t.true(csrWrite(h, CSR.minstret, 200, 0));
  h.instret += h.csr.instretBias; // the hart retires the csrw itself
  t.is(getCsr(h, CSR.minstret), 200n);
  t.is(getCsr(h, CSR.mcycle), 1010n + BigInt(h.csr.instretBias));
  t.true(csrWrite(h, CSR.minstret, 0, 1)); // 2^32
  h.instret += h.csr.instretBias;
  t.is(getCsr(h, CSR.instret), 1n << 32n);
});

test('hpmcounters read zero; mhpmcounters and mhpmevents ignore writes; mcountinhibit reads zero', (t) => {
  const h = mkHart();
  h.instret = 99;
  for (let i = 3; i <= 31; i++) {
    setCsr(h, CSR.mhpmcounter3 + i - 3, 1234n);
    setCsr(h, CSR.mhpmevent3 + i - 3, 5n);
    t.is(getCsr(h, CSR.mhpmcounter3 + i - 3), 0n);
    t.is(getCsr(h, CSR.mhpmevent3 + i - 3), 0n);
    t.is(getCsr(h, CSR.hpmcounter3 + i - 3), 0n);
  }
  setCsr(h, CSR.mcountinhibit, 0xffffffffn);
  t.is(getCsr(h, CSR.mcountinhibit), 0n);
});

test('mcounteren/scounteren are 32-bit and gate user/supervisor counter reads', (t) => {
  const h = mkHart();
  setCsr(h, CSR.mcounteren, (1n << 64n) - 1n);
  t.is(getCsr(h, CSR.mcounteren), 0xffffffffn);
  setCsr(h, CSR.mcounteren, 0n);
  const counters = [CSR.cycle, CSR.time, CSR.instret, CSR.hpmcounter3, CSR.hpmcounter31];
  // M always reads them.
  h.priv = 3;
  for (const n of counters) t.true(csrRead(h, n));
  // S needs mcounteren.
  h.priv = 1;
  for (const n of counters) t.false(csrRead(h, n));
  setCsr(h, CSR.mcounteren, 0b101n); // CY, IR
  t.true(csrRead(h, CSR.cycle));
  t.false(csrRead(h, CSR.time));
  t.true(csrRead(h, CSR.instret));
  // U needs both.
  h.priv = 0;
  t.false(csrRead(h, CSR.cycle));
  setCsr(h, CSR.scounteren, 0b110n); // TM, IR
  t.false(csrRead(h, CSR.cycle));   // scounteren.CY clear
  t.false(csrRead(h, CSR.time));    // mcounteren.TM clear
  t.true(csrRead(h, CSR.instret));
  setCsr(h, CSR.mcounteren, 1n << 31n);
  setCsr(h, CSR.scounteren, 1n << 31n);
  t.true(csrRead(h, CSR.hpmcounter31));
  t.false(csrRead(h, CSR.instret));
  // The machine counters are M-only.
  h.priv = 1;
  t.false(csrRead(h, CSR.mcycle));
  t.false(csrWrite(h, CSR.minstret, 0, 0));
});

test('setCsr(minstret) from the embedder stores the value as is', (t) => {
  const h = mkHart();
  setCsr(h, CSR.minstret, 500n);
  t.is(h.instret, 500);
  setCsr(h, CSR.instret, 42n); // the user alias is accepted on this cold path
  t.is(h.instret, 42);
});

test('csrwi minstret, 0 then csrr minstret reads 0 (the write suppresses the increment)', (t) => {
  const h = mkHart();
  h.instret = 1000;
  t.true(csrWrite(h, CSR.minstret, 0, 0));
  h.instret += 1; // the hart retires the csrwi
  t.true(csrRead(h, CSR.minstret));
  t.deepEqual([h.csrBuf[0], h.csrBuf[1]], [0, 0]);
});
