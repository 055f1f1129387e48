// The bare-metal bench: bench/programs/mix.elf (a CPU-bound C mix: integer
// hashing, sorting and searching, a sieve, matrix multiply, multiply/divide,
// a little floating point; built by bench/programs/build.sh) run on the Machine,
// printing guest MIPS (instret / wall time). Where qemu-system-riscv64 is
// installed, the same ELF runs under `-machine spike -bios none` and the wall
// times and their ratio are printed too; the two checksums must agree.
// The program's size is its `bench_rounds` word, patched in the ELF image
// (NODIX_BENCH_ROUNDS, or run({ rounds })); tests run a tiny version. The
// Machine figure is the median of NODIX_BENCH_RUNS runs (default 5), by wall
// time and by CPU time (the machine is shared), with the hart's translation-cache
// statistics (core/hw/jit/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../core/hw/machine.js';
import type { MachineStatus } from '../core/hw/machine.js';
import { parseElf, PT_LOAD } from '../core/lib/elf.js';

const here = dirname(fileURLToPath(import.meta.url));
export const MIX_ELF = join(here, 'programs', 'mix.elf');

/** A copy of the ELF with its `bench_rounds` word set to `rounds` (null if the symbol is missing). */
export function patchRounds(elf: Uint8Array, rounds: number): Uint8Array | null {
  const r = parseElf(elf);
  if (!r.ok) return null;
  const sym = r.elf.findSymbol('bench_rounds');
  if (sym === null) return null;
  const seg = r.elf.programHeaders.find((p) => p.type === PT_LOAD && sym.value >= p.vaddr && sym.value + 8 <= p.vaddr + p.filesz);
  if (seg === undefined) return null;
  const out = new Uint8Array(elf);
  const dv = new DataView(out.buffer);
  const off = seg.offset + (sym.value - seg.vaddr);
  dv.setUint32(off, rounds >>> 0, true);
  dv.setUint32(off + 4, Math.floor(rounds / 2 ** 32), true);
  return out;
}

export interface MachineRun { status: MachineStatus; instret: number; ms: number; output: string; cpuMs: number; jit: string }

/** Runs an ELF image on the Machine (real-time clock) and times it. */
export function runOnMachine(elf: Uint8Array, maxInsns = 5e9): MachineRun {
  let output = '';
  const m = new Machine({ console: (b) => { output += String.fromCharCode(b); } });
  const loaded = m.loadElfBytes(elf);
  if (!loaded.ok) throw new Error(loaded.message);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const status = m.runSync({ maxInsns });
  const ms = performance.now() - t0;
  const cu = process.cpuUsage(c0);
  const jit = m.hart.jit === null ? 'interpreter only (no translation)' : m.hart.jit.summary();
  return { status, instret: m.hart.instret, ms, output, cpuMs: (cu.user + cu.system) / 1000, jit };
}

export interface QemuRun { status: number | null; ms: number; output: string }

/** Runs an ELF file under qemu-system-riscv64 -machine spike, or null when QEMU is absent. */
export function runOnQemu(path: string): QemuRun | null {
  const probe = spawnSync('qemu-system-riscv64', ['--version'], { stdio: 'ignore' });
  if (probe.error !== undefined || probe.status !== 0) return null;
  const t0 = performance.now();
  const r = spawnSync('qemu-system-riscv64', ['-machine', 'spike', '-bios', 'none', '-kernel', path, '-nographic', '-monitor', 'none'],
    { encoding: 'utf8', timeout: 600_000 });
  return { status: r.status, ms: performance.now() - t0, output: r.stdout };
}

/** The median (by wall time) of `runs` QEMU runs, or null without QEMU. */
function medianQemu(path: string, runs: number): QemuRun | null {
  const all: QemuRun[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const r = runOnQemu(path);
    if (r === null) return null;
    all.push(r);
  }
  return all.sort((a, b) => a.ms - b.ms)[all.length >> 1];
}

export async function run(opts: { rounds?: number; runs?: number } = {}): Promise<void> {
  const runs = opts.runs ?? Number(process.env.NODIX_BENCH_RUNS ?? 5);
  const envRounds = process.env.NODIX_BENCH_ROUNDS;
  const rounds = opts.rounds ?? (envRounds !== undefined ? Number(envRounds) : undefined);
  let elf: Uint8Array = readFileSync(MIX_ELF);
  if (rounds !== undefined) {
    const p = patchRounds(elf, rounds);
    if (p === null) throw new Error('mix.elf has no bench_rounds symbol');
    elf = p;
  }
  // The median of `runs` runs (by wall time) is the figure reported.
  const all: MachineRun[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) all.push(runOnMachine(elf));
  const m = [...all].sort((a, b) => a.ms - b.ms)[all.length >> 1];
  const mips = m.instret / (m.ms * 1000);
  console.log(`bare-metal mix${rounds === undefined ? '' : ` (rounds=${rounds})`}: ${m.status.kind === 'exit' ? `exit ${m.status.code}` : m.status.kind}, ${m.output.trim()}`);
  console.log(`  nodix machine: ${(m.instret / 1e6).toFixed(1)}M instructions in ${(m.ms / 1000).toFixed(2)} s = ${mips.toFixed(1)} guest MIPS ` +
    `(median of ${all.length}: ${all.map((r) => (r.instret / (r.ms * 1000)).toFixed(0)).join(', ')})`);
  const cpuMs = [...all].map((r) => r.cpuMs).sort((a, b) => a - b)[all.length >> 1];
  console.log(`  nodix machine by CPU time (process.cpuUsage, median): ${(cpuMs / 1000).toFixed(2)} s = ${(m.instret / (cpuMs * 1000)).toFixed(1)} guest MIPS`);
  console.log(`  translation cache: ${m.jit}`);
  const dir = join(here, '..', '.cache', 'bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'mix.elf');
  writeFileSync(path, elf);
  const q = medianQemu(path, runs);
  if (q === null) {
    console.log('  qemu-system-riscv64: not installed (no comparison)');
    return;
  }
  // QEMU's own start-up, measured on the same program with zero rounds, is subtracted.
  const emptyPath = join(dir, 'mix-empty.elf');
  writeFileSync(emptyPath, patchRounds(elf, 0) ?? elf);
  const q0 = medianQemu(emptyPath, runs);
  const startMs = q0 === null ? 0 : q0.ms;
  const qms = Math.max(q.ms - startMs, 1);
  const agree = q.output.trim() === m.output.trim() ? 'same checksum' : `CHECKSUM DIFFERS: ${q.output.trim()}`;
  console.log(`  qemu-system-riscv64 -machine spike: ${(q.ms / 1000).toFixed(2)} s wall, ${(startMs / 1000).toFixed(2)} s of it start-up; ` +
    `~${(m.instret / (qms * 1000)).toFixed(0)} guest MIPS; exit ${q.status}, ${agree}`);
  console.log(`  nodix / qemu speed ratio: ${(qms / m.ms).toFixed(3)} (${(m.ms / qms).toFixed(1)}x slower; with qemu start-up: ${(q.ms / m.ms).toFixed(3)})`);
}
