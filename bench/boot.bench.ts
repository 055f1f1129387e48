// Boot-to-prompt: how long a person waits between `nodix boot` and a shell prompt.
// (1) In process, after Node has started and the kernel modules are loaded: boot()
//     (machine, kernel, root filesystem from userland/) + init + the login shell's
//     /etc/profile until the prompt appears on a scripted terminal; split into
//     building the machine and running the guest.
// (2) From process start: `node bin/nodix.js boot` (dist/ when built) with
//     `echo READY` piped in, until READY is printed; next to the time of an empty
//     `node -e ''`, whose difference is the time after Node has started.
// Medians of 5. Figures only; the goal (under 0.5 s after Node has started) is in issue 7.
import { spawn, spawnSync } from 'node:child_process';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { existsSync } from 'node:fs';
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
  const build = existsSync(join(root, 'dist', 'core', 'cli', 'main.js')) ? 'dist/' : 'tsx (no dist/)';
  console.log(`from process start, node bin/nodix.js boot [${build}]: READY after ${ms(median(full))}; empty node ${ms(median(nodeOnly))}; after Node started ${ms(median(full) - median(nodeOnly))}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await run();
