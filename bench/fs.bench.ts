// Files benchmarks (figures only, no assertions): pipe throughput with 64 KiB
// writes between two guest processes next to native, and tmpfs sequential
// write and read throughput (64 KiB calls) next to native on the host's /tmp.
// Needs riscv64-linux-gnu-gcc; native figures need gcc.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildGuest, haveGcc, root, runNodix } from '../test/guest/harness.js';

function native(args: string[]): string | null {
  if (spawnSync('sh', ['-c', 'command -v gcc'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = join(root, '.cache', 'native');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, 'bench_fs');
  execFileSync('gcc', ['-O2', '-o', out, join(root, 'userland', 'tests', 'bench_fs.c')]);
  return execFileSync(out, args, { encoding: 'utf8' }).trim();
}

export async function run(): Promise<void> {
  if (!haveGcc) { console.log('fs bench skipped: riscv64-linux-gnu-gcc not installed'); return; }
  const bin = buildGuest('bench_fs');
  // One warm-up run (the hart's JIT translates the loops), then the median of 3 runs of 512 MiB,
  // by the guest's wall clock and by this process's CPU time (the machine is shared and loaded).
  await runNodix(bin, ['pipe', '64']);
  const wall: number[] = [], cpu: number[] = [];
  for (let i = 0; i < 3; i++) {
    const c0 = process.cpuUsage();
    const p = await runNodix(bin, ['pipe', '512']);
    const c = process.cpuUsage(c0);
    wall.push(Number(p.stdout.trim()));
    cpu.push(512 / ((c.user + c.system) / 1e6));
  }
  const med = (v: number[]): string => [...v].sort((a, b) => a - b)[1].toFixed(1);
  console.log(`pipe, 64 KiB writes, 512 MiB between two guest processes: ${med(wall)} MB/s (per CPU second, boot included: ${med(cpu)} MiB/s)   native: ${native(['pipe', '1024']) ?? 'n/a'} MB/s`);
  const f = (await runNodix(bin, ['file', '64'])).stdout.trim().split(' ');
  const nf = native(['file', '256', '/tmp'])?.split(' ');
  console.log(`tmpfs sequential write (64 KiB calls, 64 MiB): ${f[0]} MB/s   native /tmp: ${nf?.[0] ?? 'n/a'} MB/s`);
  console.log(`tmpfs sequential read  (64 KiB calls, 64 MiB): ${f[1]} MB/s   native /tmp: ${nf?.[1] ?? 'n/a'} MB/s`);
}
