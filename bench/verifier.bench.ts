// Verifier speed: processed instructions per second and per-program
// verification time, on the C programs of test/verifier/progs (built with
// clang into .cache/verifier-progs when clang is present) and on synthetic
// loop- and branch-heavy assembly. Prints figures; asserts nothing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '../verifier/asm.js';
import { readElf } from '../verifier/elf.js';
import { progTypeForSection } from '../verifier/progtypes.js';
import type { Insn } from '../verifier/isa.js';
import type { MapDef } from '../verifier/maps/types.js';
import { verify } from '../verifier/verify/index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

interface Job { name: string; code: Uint8Array | Insn[]; type: string | number; maps: MapDef[] }

function cPrograms(): Job[] {
  const src = join(root, 'test/verifier/progs');
  const out = join(root, '.cache/verifier-progs');
  mkdirSync(out, { recursive: true });
  const jobs: Job[] = [];
  for (const f of readdirSync(src).filter((x) => x.endsWith('.c')).sort()) {
    const o = join(out, f.replace(/\.c$/, '.o'));
    const g = readFileSync(join(src, f), 'utf8').includes('".maps"') ? ['-g'] : [];
    try { execFileSync('clang', ['-target', 'bpf', '-O2', ...g, '-c', join(src, f), '-o', o], { stdio: 'pipe' }); } catch { return []; }
    const elf = readElf(new Uint8Array(readFileSync(o)));
    if (!elf.ok) continue;
    const maps = elf.value.maps.map((m) => ({ ...m, flags: (m.flags ?? 0) | (m.readonly === true ? 128 : 0), frozen: m.readonly === true ? m.initial : undefined }));
    for (const p of elf.value.programs) {
      const t = progTypeForSection(p.section);
      if (t !== undefined) jobs.push({ name: `${f}:${p.section}`, code: p.bytes, type: t.id, maps });
    }
  }
  return jobs;
}

function synthetic(): Job[] {
  const loop = ['mov %r1, 0', 'mov %r0, 0', 'stdw [%r10-8], 0', 'l:', 'ldxdw %r2, [%r10-8]', 'add %r2, %r1', 'stxdw [%r10-8], %r2',
    'add %r0, 1', 'add %r1, 1', 'jlt %r1, 20000, l', 'exit'].join('\n');
  const diamonds = ['call 5', 'mov %r6, %r0', 'mov %r7, 0'];
  for (let i = 0; i < 200; i++) diamonds.push(`call 7`, `jset %r0, 1, a${i}`, 'mov %r1, 1', `ja b${i}`, `a${i}:`, 'mov %r1, 2', `b${i}:`, 'add %r7, 1');
  diamonds.push('mov %r0, %r7', 'exit');
  const a = assemble(loop); const b = assemble(diamonds.join('\n'));
  if (!a.ok || !b.ok) throw new Error('bench programs do not assemble');
  return [
    { name: 'synthetic: 20000-iteration loop', code: a.value, type: 'kprobe', maps: [] },
    { name: 'synthetic: 200 diamonds', code: b.value, type: 'kprobe', maps: [] },
  ];
}

function measure(j: Job): { ms: number; processed: number; ok: boolean } {
  let reps = 0; let processed = 0; let ok = true;
  const t0 = performance.now();
  do {
    const r = verify(j.code, { progType: j.type, maps: j.maps });
    ok = r.ok; processed = r.ok ? r.stats.processed : 0;
    reps++;
  } while (performance.now() - t0 < 300 && reps < 1000);
  return { ms: (performance.now() - t0) / reps, processed, ok };
}

export function run(): void {
  const jobs = [...cPrograms(), ...synthetic()];
  if (jobs.length === 2) console.log('(clang not found: C programs skipped)');
  for (const j of jobs) measure(j); // warm up
  let totalInsns = 0; let totalMs = 0;
  const times: number[] = [];
  for (const j of jobs) {
    const m = measure(j);
    totalInsns += m.processed; totalMs += m.ms;
    if (!j.name.startsWith('synthetic')) times.push(m.ms);
    console.log(`${j.name.padEnd(58)} ${m.ok ? 'ok ' : 'REJ'} ${String(m.processed).padStart(7)} insns ${m.ms.toFixed(3).padStart(9)} ms ${(m.processed / m.ms / 1000).toFixed(2).padStart(7)} M insns/s`);
  }
  times.sort((x, y) => x - y);
  if (times.length > 0) console.log(`C programs: median ${times[times.length >> 1].toFixed(3)} ms, max ${times[times.length - 1].toFixed(3)} ms per program`);
  console.log(`overall: ${(totalInsns / totalMs / 1000).toFixed(2)} M processed insns/s`);
}

if (import.meta.url === `file://${process.argv[1]}`) run();
