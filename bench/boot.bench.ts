// Boot-to-prompt: how long a person waits between `nodix boot` and a shell prompt.
// (1) In process, after Node has started and the kernel modules are loaded: boot()
//     (machine, kernel, root filesystem from userland/) + init + the login shell's
//     /etc/profile until the prompt appears on a scripted terminal; split into
//     building the machine and running the guest.
// (2) From process start: `node bin/nodix.js boot` (dist/ when built) with
//     `echo READY` piped in, until READY is printed; next to the time of an empty
//     `node -e ''`, whose difference is the time after Node has started.
// (3) `node bin/nodix.js run /bin/true` (issue 4: under 150 ms including Node's
//     start), median of NODIX_BENCH_RUNS (default 11) wall and CPU times (the
//     child's user+sys from the shell's `times`: on a shared machine wall time
//     mostly measures the wait for a core), interleaved with an empty `node -e ''`;
//     exported as startFigures() for kernel.bench.ts too.
// Medians of 5 for (1) and (2). Figures only; the goal (under 0.5 s after Node has started) is in issue 7.
// Each from-process-start figure names the entry bin/nodix.js took: the bundle with its code
// cache (dist/nodix.cjs), tsc's dist/, or the sources through tsx (see bin/nodix.js).
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { boot } from '../core/boot.js';
import { NodeHostFs } from '../core/host/node.js';
import type { Host } from '../core/kernel/host.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const binDir = join(root, 'userland', 'bin');

class BenchConsole implements Host {
  readonly fs = new NodeHostFs();
  screen = '';
  monotonicNs(): number { return Math.round(performance.now() * 1e6); }
  realtimeNs(): number { return Date.now() * 1e6; }
  writeConsole(_fd: number, b: Uint8Array): void { this.screen += new TextDecoder().decode(b); }
  startInput(): void {}
  stopInput(): void {}
  isTty(): boolean { return true; }
  windowSize(): { rows: number; cols: number } { return { rows: 24, cols: 80 }; }
  randomBytes(buf: Uint8Array): void { for (let i = 0; i < buf.length; i++) buf[i] = (Math.random() * 256) | 0; }
  yieldTick(): Promise<void> { return new Promise((r) => setImmediate(r)); }
}

async function inProcess(): Promise<{ build: number; toPrompt: number }> {
  const t0 = performance.now();
  const host = new BenchConsole();
  const k = boot({ host, binDir });
  const t1 = performance.now();
  let prompt = 0;
  void k.startInit({ envp: ['TERM=vt100'] });
  while (prompt === 0) {
    await new Promise((r) => setImmediate(r));
    if (/# $/.test(host.screen)) prompt = performance.now();
  }
  // The shell now sleeps reading the terminal; the machine is dropped with nothing left to run.
  return { build: t1 - t0, toPrompt: prompt - t0 };
}

function fromProcessStart(): Promise<number> {
  return new Promise((res, rej) => {
    const t0 = performance.now();
    const c = spawn(process.execPath, [join(root, 'bin', 'nodix.js'), 'boot'], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '', t = 0;
    c.stdout.on('data', (b: Buffer) => { out += b.toString(); if (t === 0 && out.includes('READY')) t = performance.now() - t0; });
    c.on('exit', () => (t > 0 ? res(t) : rej(new Error(`no READY: ${out}`))));
    c.stdin.end('echo READY\npoweroff\n');
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (x: number): string => `${x.toFixed(0)} ms`;

/** The entry bin/nodix.js takes without NODIX_ENTRY (its own rule, restated). */
function entryInUse(): string {
  const bundle = join(root, 'dist', 'nodix.cjs');
  try {
    const t = statSync(bundle).mtimeMs;
    const inputs = (JSON.parse(readFileSync(join(root, 'dist', 'nodix.json'), 'utf8')) as { inputs: string[] }).inputs;
    if (inputs.every((f) => statSync(join(root, f)).mtimeMs <= t)) return existsSync(`${bundle}.cache`) ? 'bundle + code cache' : 'bundle, no code cache';
    return 'tsx: the bundle is older than its sources';
  } catch {
    return existsSync(join(root, 'dist', 'core', 'cli', 'main.js')) ? 'dist/' : 'tsx (nothing built)';
  }
}

/** Wall and CPU (user+sys, from the shell's `times`) milliseconds of one command. */
function timed(argv: string[]): { wall: number; cpu: number; status: number | null } {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', '"$@" >/dev/null; s=$?; times >&2; exit $s', 'sh', ...argv], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const wall = performance.now() - t0;
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s\s*$/.exec(r.stderr);
  const cpu = m === null ? NaN : (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000;
  return { wall, cpu, status: r.status };
}

/** `nodix run /bin/true` from process start next to an empty Node (issue 4), as one line. */
export function startFigures(): string {
  const runs = Math.max(1, Number(process.env.NODIX_BENCH_RUNS ?? 11));
  const cli = join(root, 'bin', 'nodix.js');
  const node: { wall: number; cpu: number }[] = [], tru: { wall: number; cpu: number }[] = [];
  let bad = '';
  for (let i = 0; i < runs; i++) {
    node.push(timed([process.execPath, '-e', '']));
    const r = timed([process.execPath, cli, 'run', '/bin/true']);
    if (r.status !== 0) bad = ` (EXIT STATUS ${r.status})`;
    tru.push(r);
  }
  const w = tru.map((x) => x.wall), c = tru.map((x) => x.cpu);
  return `nodix run /bin/true [${entryInUse()}]: wall median ${ms(median(w))} (min ${ms(Math.min(...w))}), CPU median ${ms(median(c))}; ` +
    `empty node: wall ${ms(median(node.map((x) => x.wall)))}, CPU ${ms(median(node.map((x) => x.cpu)))}; ` +
    `${runs} runs, load average ${loadavg()[0].toFixed(1)}${bad}`;
}

export async function run(): Promise<void> {
  const ip: { build: number; toPrompt: number }[] = [];
  for (let i = 0; i < 5; i++) ip.push(await inProcess());
  console.log(`in process (modules loaded): machine + rootfs ${ms(median(ip.map((x) => x.build)))}, boot to prompt ${ms(median(ip.map((x) => x.toPrompt)))} (first run ${ms(ip[0].toPrompt)})`);
  const nodeOnly: number[] = [], full: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ['-e', '']);
    nodeOnly.push(performance.now() - t0);
    full.push(await fromProcessStart());
  }
  console.log(`from process start, node bin/nodix.js boot [${entryInUse()}]: READY after ${ms(median(full))}; empty node ${ms(median(nodeOnly))}; after Node started ${ms(median(full) - median(nodeOnly))}`);
  console.log(startFigures());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
