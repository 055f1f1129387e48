// Helpers for the userland tests: run our committed riscv64 programs
// (userland/bin) under qemu-riscv64, run host tools for comparison, make
// scratch directories under .cache/, and decide whether tools are present
// (tests skip with a message unless NODIX_REQUIRE_TOOLS=1, then they fail).
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const bin = join(root, 'userland', 'bin');

export function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}
const requireTools = process.env.NODIX_REQUIRE_TOOLS === '1';

/**
 * Returns ava's `test` when every tool exists; otherwise `test.skip` after
 * printing why (or, under NODIX_REQUIRE_TOOLS=1, registers a failing test).
 */
export function testWith(...tools: string[]): typeof test {
  const missing = tools.filter((t) => !have(t));
  if (!missing.length) return test;
  const why = `missing ${missing.join(', ')}`;
  if (requireTools) {
    test(`required tools present (${why})`, (t) => { t.fail(`NODIX_REQUIRE_TOOLS=1 but ${why}`); });
  } else console.log(`userland tests skipped: ${why}`);
  return test.skip as unknown as typeof test;
}

export interface Run { stdout: string; stderr: string; status: number }

function result(r: ReturnType<typeof spawnSync>): Run {
  const sig = r.signal ? ({ SIGKILL: 9, SIGTERM: 15, SIGSEGV: 11, SIGABRT: 6, SIGINT: 2 } as Record<string, number>)[r.signal] ?? 0 : 0;
  return { stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), status: r.status ?? 128 + sig };
}

export interface RunOptions { input?: string; cwd?: string; env?: Record<string, string> }

/** Runs userland/bin/<prog> under qemu-riscv64. */
export function guest(prog: string, args: string[] = [], o: RunOptions = {}): Run {
  return result(spawnSync('qemu-riscv64', [join(bin, prog), ...args], {
    input: o.input ?? '', cwd: o.cwd ?? root, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', ...o.env },
    encoding: 'utf8', timeout: 60_000,
  }));
}

/** Runs a host program (the reference implementation) the same way. */
export function host(prog: string, args: string[] = [], o: RunOptions = {}): Run {
  return result(spawnSync(prog, args, {
    input: o.input ?? '', cwd: o.cwd ?? root, env: { PATH: '/usr/bin:/bin', LC_ALL: 'C', ...o.env },
    encoding: 'utf8', timeout: 60_000,
  }));
}

/** A fresh scratch directory under .cache/userland-tests. */
export function scratch(tag: string): string {
  const base = join(root, '.cache', 'userland-tests');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, tag + '-'));
}
