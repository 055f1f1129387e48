// Kernel benchmarks (figures only, no assertions): the getpid round trip from
// a guest loop next to native getpid, fork+exit+wait of a process that touched
// 4 MiB next to native, execve of a static binary next to native, and the wall
// time of `nodix run /bin/true` (a static binary) including Node start.
// Needs riscv64-linux-gnu-gcc; native figures need gcc.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildGuest, haveGcc, root, runNodix } from '../test/guest/harness.js';

function native(name: string, args: string[]): string | null {
  if (spawnSync('sh', ['-c', 'command -v gcc'], { stdio: 'ignore' }).status !== 0) return null;
  const dir = join(root, '.cache', 'native');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, name);
  execFileSync('gcc', ['-O2', '-o', out, join(root, 'userland', 'tests', `${name}.c`)]);
  return execFileSync(out, args, { encoding: 'utf8' }).trim();
}

export async function run(): Promise<void> {
  if (!haveGcc) { console.log('kernel bench skipped: riscv64-linux-gnu-gcc not installed'); return; }
  const g = await runNodix(buildGuest('bench_getpid'), ['2000000']);
  console.log(`getpid round trip (guest loop): ${g.stdout.trim()} ns   native: ${native('bench_getpid', ['2000000']) ?? 'n/a'} ns`);
  const f = await runNodix(buildGuest('bench_fork'), ['200']);
  console.log(`fork+exit+wait after touching 4 MiB: ${f.stdout.trim()} us   native: ${native('bench_fork', ['200']) ?? 'n/a'} us`);
  const e = await runNodix(buildGuest('bench_exec'), ['200']);
  console.log(`execve of a static binary (guest loop): ${e.stdout.trim()} us   native: ${native('bench_exec', ['200']) ?? 'n/a'} us`);
  const tru = buildGuest('true');
  const cli = join(root, 'bin', 'nodix.js');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, [cli, 'run', tru], { stdio: 'ignore' });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  console.log(`nodix run /bin/true wall time: median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)} ms, including Node start)`);
  const t0 = process.hrtime.bigint();
  const r = await runNodix(tru);
  console.log(`execve of a static binary in-process (boot + exec + exit): ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(1)} ms (status ${r.status})`);
}
