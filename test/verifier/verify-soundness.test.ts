// Soundness is tested, not hoped: random and mutated programs go through the
// verifier; each accepted one runs on the checked interpreter with random
// contexts, packets, map contents and helper results. A trap there means the
// verifier accepted an unsafe program. CI runs a bounded campaign; set
// NODIX_FUZZ_ITERS (e.g. 20000) for a longer one.
import test from 'ava';
import { disassemble } from '../../verifier/disasm.js';
import { progTypeByName } from '../../verifier/progtypes.js';
import { runChecked } from '../../verifier/verify/checked.js';
import { verify } from '../../verifier/verify/index.js';
import { assemble } from '../../verifier/asm.js';
import { FUZZ_MAPS, generate, mutate, rng } from './fuzz-gen.js';

const ITERS = Number(process.env.NODIX_FUZZ_ITERS ?? 0) || 300;

function campaign(type: 'kprobe' | 'xdp' | 'socket_filter', seed: number, iters: number): { accepted: number; total: number; runs: number; bug: string | null } {
  const r = rng(seed);
  const pt = progTypeByName(type)!;
  let accepted = 0; let total = 0; let runs = 0;
  const pool: ReturnType<typeof generate>[] = [];
  for (let n = 0; n < iters; n++) {
    const prog = pool.length > 0 && r() % 2 === 0 ? mutate(r, pool[r() % pool.length]) : generate(r, type);
    total++;
    const v = verify(prog, { progType: type, maps: FUZZ_MAPS, maxInsns: 100_000 });
    if (!v.ok) continue;
    accepted++;
    if (pool.length < 64) pool.push(prog); else pool[r() % 64] = prog;
    for (let k = 0; k < 3; k++) {
      const ctx = new Uint8Array(pt.ctxSize).map(() => r() & 0xff);
      const packet = new Uint8Array(r() % 48).map(() => r() & 0xff);
      const res = runChecked(prog, { prog: pt, maps: FUZZ_MAPS, ctx, packet, rand: r });
      runs++;
      if (!res.ok && res.kind === 'trap') {
        return { accepted, total, runs, bug: `verifier accepted a program that traps at ${res.pc}: ${res.message}\n${disassemble(prog)}` };
      }
    }
  }
  return { accepted, total, runs, bug: null };
}

// Long campaigns are split into chunks of at most 1000 programs (one test each, own seed) to stay under ava's timeout.
const CHUNK = Math.min(ITERS, 1000);
for (const [type, seed] of [['kprobe', 11], ['xdp', 22], ['socket_filter', 33]] as const) {
  for (let part = 0; part * CHUNK < ITERS; part++) {
    test(`soundness campaign: ${type}${part > 0 ? ` #${part}` : ''}`, (t) => {
      const c = campaign(type, seed + 1000 * part, Math.min(CHUNK, ITERS - part * CHUNK));
      t.log(`${c.total} programs, ${c.accepted} accepted, ${c.runs} checked runs`);
      t.is(c.bug, null);
      t.true(c.accepted > c.total / 20, 'the generator should produce accepted programs');
    });
  }
}

test('the checked interpreter traps on what the verifier rejects', (t) => {
  const kp = progTypeByName('kprobe')!;
  const run = (src: string) => {
    const a = assemble(src);
    if (!a.ok) throw new Error(a.error.message);
    return runChecked(a.value, { prog: kp, maps: FUZZ_MAPS, ctx: new Uint8Array(256), packet: new Uint8Array(0), rand: rng(1) });
  };
  const bad = [
    'ldxdw %r0, [%r10-8]\nexit',
    'mov %r0, %r3\nexit',
    'ldxdw %r0, [%r10+0]\nexit',
    'ldxdw %r0, [%r1+256]\nexit',
    'stdw [%r1+0], 1\nmov %r0, 0\nexit',
  ];
  for (const s of bad) {
    const r = run(s);
    t.false(r.ok, s);
    if (!r.ok) t.is(r.kind, 'trap');
  }
  const good = run('stdw [%r10-8], 3\nldxdw %r0, [%r10-8]\nexit');
  t.true(good.ok && good.r0 === 3n);
});
