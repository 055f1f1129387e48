// Builds and runs the bare-metal suite (test/hw/baremetal/<group>/*.S) for the
// tests: finds the tools, assembles each program for environment "p" or "v"
// with riscv64-linux-gnu-gcc into .cache/baremetal/ (rebuilt when a source or
// header is newer), runs an ELF on the Machine in deterministic mode, and on
// qemu-system-riscv64 -machine spike (which implements HTIF).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../../../core/hw/machine.js';
import type { MachineStatus } from '../../../core/hw/machine.js';

export const suiteDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(suiteDir, '../../..');
export const cacheDir = join(repoRoot, '.cache', 'baremetal');

export const GROUPS = ['ui', 'um', 'ua', 'uf', 'ud', 'uc', 'mi', 'si'] as const;
export type Group = (typeof GROUPS)[number];
/** The user-level groups also run in environment "v" (U-mode under Sv39). */
export function envsFor(group: Group): ('p' | 'v')[] {
  return group.startsWith('u') ? ['p', 'v'] : ['p'];
}

/** True when `tool` is on PATH. */
export function hasTool(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

/** Missing tools skip a test, unless NODIX_REQUIRE_TOOLS=1 makes them a failure. */
export const requireTools = process.env.NODIX_REQUIRE_TOOLS === '1';

export function programs(group: Group): string[] {
  return readdirSync(join(suiteDir, group)).filter((f) => f.endsWith('.S')).map((f) => f.slice(0, -2)).sort();
}

export const GCC = 'riscv64-linux-gnu-gcc';
export const GCC_FLAGS = ['-nostdlib', '-nostartfiles', '-static', '-fno-pie', '-no-pie', '-march=rv64gc', '-mabi=lp64d',
  '-mcmodel=medany', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments'];

function newest(paths: string[]): number {
  return Math.max(...paths.map((p) => statSync(p).mtimeMs));
}

function headers(group: Group, env: string): string[] {
  const hs = [join(suiteDir, 'macros.h'), join(suiteDir, 'link.ld'), join(suiteDir, 'env', env, 'env.h')];
  const local = join(suiteDir, group);
  for (const f of readdirSync(local)) if (f.endsWith('.h')) hs.push(join(local, f));
  return hs;
}

export type BuildResult = { ok: true; elf: string } | { ok: false; message: string };

/** Assembles group/name.S for env into .cache/baremetal/<env>/<group>-<name>. */
export function build(group: Group, name: string, env: 'p' | 'v'): BuildResult {
  const src = join(suiteDir, group, `${name}.S`);
  const outDir = join(cacheDir, env);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, `${group}-${name}`);
  if (existsSync(out) && statSync(out).mtimeMs >= newest([src, ...headers(group, env)])) return { ok: true, elf: out };
  // Built under a private name and renamed: test files running in parallel may build the same program.
  const tmp = `${out}.${process.pid}.tmp`;
  const r = spawnSync(GCC, [...GCC_FLAGS, '-I', join(suiteDir, 'env', env), '-I', suiteDir, '-I', join(suiteDir, group),
    '-T', join(suiteDir, 'link.ld'), src, '-o', tmp], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, message: `${GCC} failed on ${group}/${name}.S:\n${r.stderr}` };
  renameSync(tmp, out);
  return { ok: true, elf: out };
}

/** Assembles an arbitrary source (e.g. one a test wrote into .cache/) against the suite's headers. */
export function buildFile(src: string, env: 'p' | 'v', out: string): BuildResult {
  const r = spawnSync(GCC, [...GCC_FLAGS, '-I', join(suiteDir, 'env', env), '-I', suiteDir,
    '-T', join(suiteDir, 'link.ld'), src, '-o', out], { encoding: 'utf8' });
  if (r.status !== 0) return { ok: false, message: `${GCC} failed on ${src}:\n${r.stderr}` };
  return { ok: true, elf: out };
}

/** Runs an ELF on the Machine (deterministic time) until HTIF exit or maxInsns. */
export function runOnMachine(elf: string, maxInsns = 50_000_000): { status: MachineStatus; instret: number; console: string } {
  let out = '';
  const m = new Machine({ deterministic: true, ramSize: 64 * 1024 * 1024, console: (b) => { out += String.fromCharCode(b); } });
  const loaded = m.loadElfBytes(readFileSync(elf));
  if (!loaded.ok) throw new Error(`${elf}: ${loaded.message}`);
  const status = m.runSync({ maxInsns });
  return { status, instret: m.hart.instret, console: out };
}

/** Runs an ELF under qemu-system-riscv64 -machine spike; returns its exit status (null on timeout). */
export function runOnQemu(elf: string, timeoutMs = 20_000): number | null {
  const r = spawnSync('qemu-system-riscv64', ['-machine', 'spike', '-bios', 'none', '-kernel', elf, '-nographic', '-monitor', 'none', '-serial', 'none'],
    { timeout: timeoutMs, stdio: ['ignore', 'ignore', 'pipe'] });
  return r.status;
}
