// The bpf_conformance plugin contract, shared by `nodix bpf run` and the data
// tests: the test-file format (`-- asm`, `-- mem`, `-- result`, `-- error`
// sections, `#` comments), the helper set the conformance suite's programs call
// (uBPF's plugin: 0 gather_bytes, 1 memfrob, 2 no_op, 3 sqrti, 4 strcmp,
// 5 unwind), and one function that runs a program the way the plugin does:
// memory copied into the address space, r1 = its address, r2 = its length.

import { decodeProgram, formatIsaError } from './isa.js';
import { compile } from './jit.js';
import { interpret } from './interp.js';
import { AddressSpace, PROT_READ, PROT_WRITE, regGet, regSet } from './memory.js';
import { HELPER_OK, HELPER_STOP, prepare, type ExecResult, type Helper } from './program.js';

export interface DataFile {
  readonly asm: string;
  readonly mem: Uint8Array | null;
  /** Expected r0, or null when an error is expected. */
  readonly result: bigint | null;
  /** Text of the `-- error` section (expected failure), or null. */
  readonly error: string | null;
}

/** Parses a conformance test file. */
export function parseDataFile(text: string): DataFile {
  const sections: Record<string, string[]> = {};
  let cur: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const m = /^--\s*(\S.*?)\s*$/.exec(line);
    if (m !== null) { cur = m[1]; sections[cur] = []; continue; }
    if (cur !== null) sections[cur].push(line);
  }
  const body = (k: string) => (sections[k] === undefined ? null : sections[k].join('\n'));
  const memText = body('mem');
  const strip = (s: string) => s.split('\n').map((l) => l.replace(/#.*$/, '')).join(' ').trim();
  const resText = body('result');
  const mem = memText === null ? null : hexBytes(strip(memText));
  return {
    asm: body('asm') ?? '',
    mem,
    result: resText === null || strip(resText) === '' ? null : BigInt.asUintN(64, BigInt(strip(resText))),
    error: body('error')?.trim() ?? null,
  };
}

function hexBytes(s: string): Uint8Array {
  const parts = s.split(/\s+/).filter((p) => p !== '');
  return Uint8Array.from(parts.map((p) => parseInt(p, 16) & 0xff));
}

/** The helpers of the conformance suite, by id. */
export function conformanceHelpers(): Helper[] {
  const h: Helper[] = [];
  h[0] = (r) => { // gather_bytes: low bytes of r1..r5 into r0
    let v = 0n;
    for (let k = 1; k <= 5; k++) v = (v << 8n) | BigInt(r[2 * k] & 0xff);
    regSet(r, 0, v);
    return HELPER_OK;
  };
  h[1] = (r, as) => { // memfrob(ptr, len)
    const p = r[2] >>> 0, n = Number(regGet(r, 2));
    if (r[3] !== 0 || !as.check(p, n, PROT_READ | PROT_WRITE)) return -1;
    for (let k = 0; k < n; k++) as.u8[p + k] ^= 42;
    regSet(r, 0, 0n);
    return HELPER_OK;
  };
  h[2] = (r) => { regSet(r, 0, 0n); return HELPER_OK; };
  h[3] = (r) => { regSet(r, 0, BigInt(Math.floor(Math.sqrt(Number(regGet(r, 1)))))); return HELPER_OK; };
  h[4] = (r, as) => { // strcmp: difference of the first differing bytes
    const a = as.readCString(r[2] >>> 0), b = as.readCString(r[4] >>> 0);
    if (a === null || b === null || r[3] !== 0 || r[5] !== 0) return -1;
    let k = 0;
    while (k < a.length && k < b.length && a[k] === b[k]) k++;
    const ca = k < a.length ? a.charCodeAt(k) : 0, cb = k < b.length ? b.charCodeAt(k) : 0;
    regSet(r, 0, BigInt(ca - cb));
    return HELPER_OK;
  };
  h[5] = (r) => { // unwind: returns r1; 0 ends the program
    r[0] = r[2]; r[1] = r[3];
    return r[2] === 0 && r[3] === 0 ? HELPER_STOP : HELPER_OK;
  };
  return h;
}

export type Engine = 'interpret' | 'jit';

/**
 * Runs program bytes as the conformance plugin does. Returns the run's result,
 * or a load error (bad program) as an ExecResult error of kind 'bad-program'.
 */
export function runConformance(program: Uint8Array, mem: Uint8Array | null, engine: Engine, as = new AddressSpace()): ExecResult {
  const d = decodeProgram(program);
  if (!d.ok) return { ok: false, error: { kind: 'bad-program', pc: d.error.index, message: formatIsaError(d.error) } };
  const p = prepare(d.value);
  if (!p.ok) return { ok: false, error: { kind: 'bad-program', pc: p.error.index, message: formatIsaError(p.error) } };
  as.reset();
  as.regs.fill(0);
  if (mem !== null && mem.length > 0) {
    const region = as.map(mem, PROT_READ | PROT_WRITE, 'mem');
    as.regs[2] = region.start;
    as.regs[4] = mem.length;
  }
  const opts = { helpers: conformanceHelpers(), maxSteps: 100_000_000 };
  if (engine === 'interpret') return interpret(p.value, as, opts);
  const j = compile(p.value);
  if (!j.ok) return { ok: false, error: { kind: 'bad-program', pc: -1, message: j.error } };
  return j.value.run(as, opts);
}
