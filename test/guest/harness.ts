// Shared helpers for guest tests: build a userland/tests C program with
// riscv64-linux-gnu-gcc -static -O2 into .cache/guest (rebuilt when the source or a shared header
// changes), run it under qemu-riscv64 and under nodix (boot() in-process), and
// report whether the tools exist (tests skip unless NODIX_REQUIRE_TOOLS=1).
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { boot, type BootOptions } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const cacheDir = join(root, '.cache', 'guest');

function have(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}
export const haveGcc = have('riscv64-linux-gnu-gcc');
export const haveQemu = have('qemu-riscv64');
export const requireTools = process.env.NODIX_REQUIRE_TOOLS === '1';

/** The shared headers of userland/tests: a change to one rebuilds every program (they are few and small). */
let headerTexts: Buffer[] | undefined;
function headers(): Buffer[] {
  const dir = join(root, 'userland', 'tests');
  headerTexts ??= readdirSync(dir).filter((f) => f.endsWith('.h')).sort().map((f) => readFileSync(join(dir, f)));
  return headerTexts;
}

/** Builds userland/tests/<name>.c (static, -O2); returns the binary path. */
export function buildGuest(name: string, extra: string[] = []): string {
  const src = join(root, 'userland', 'tests', `${name}.c`);
  const text = readFileSync(src);
  const hash = createHash('sha256').update(text).update(extra.join(' '));
  for (const h of headers()) hash.update(h);
  const digest = hash.digest('hex').slice(0, 12);
  mkdirSync(cacheDir, { recursive: true });
  const out = join(cacheDir, `${name}-${digest}`);
  if (!existsSync(out)) {
    execFileSync('riscv64-linux-gnu-gcc', ['-static', '-O2', '-o', out + '.tmp', src, '-lpthread', ...extra], { stdio: 'pipe' });
    execFileSync('mv', [out + '.tmp', out]);
  }
  return out;
}

export interface Transcript { stdout: string; stderr: string; status: number }

export function runQemu(bin: string, args: string[] = [], stdin = ''): Transcript {
  const r = spawnSync('qemu-riscv64', [bin, ...args], { input: stdin, encoding: 'utf8', timeout: 60_000 });
  const status = r.status !== null ? r.status : 128 + (r.signal ? osSignal(r.signal) : 0);
  return { stdout: r.stdout, stderr: r.stderr, status };
}

function osSignal(name: string): number {
  return ({ SIGSEGV: 11, SIGABRT: 6, SIGKILL: 9, SIGBUS: 7, SIGILL: 4, SIGTRAP: 5 } as Record<string, number>)[name] ?? 0;
}

/** Runs a host binary inside a fresh nodix kernel; status is shell-style (code or 128+sig). */
export async function runNodix(bin: string, args: string[] = [], stdin = '', opts: BootOptions = {}): Promise<Transcript & { log: string[] }> {
  const host = new MemoryHost(stdin);
  const guest = '/bin/' + bin.slice(bin.lastIndexOf('/') + 1);
  const b = boot({ host, files: { [guest]: readFileSync(bin) }, ...opts });
  const r = await b.runProgram(guest, [guest, ...args], { envp: ['PATH=/bin'] });
  if ('error' in r) return { stdout: host.stdout(), stderr: `exec error ${r.error.name}`, status: 126, log: b.kernel.log };
  const w = r.status;
  return { stdout: host.stdout(), stderr: host.stderr(), status: (w & 0x7f) ? 128 + (w & 0x7f) : (w >> 8) & 0xff, log: b.kernel.log };
}

/** The slice of ava's ExecutionContext the helpers below use. */
interface TestContext { pass(): void; log(...s: string[]): void; is(a: unknown, b: unknown): void; deepEqual(a: unknown, b: unknown): void }

/**
 * True (after logging and passing) when the cross gcc — and qemu-riscv64 when
 * `needQemu` — is missing; under NODIX_REQUIRE_TOOLS=1 a missing tool fails instead.
 */
export function skipUnlessTools(t: TestContext, needQemu: boolean): boolean {
  if (haveGcc && (haveQemu || !needQemu)) return false;
  const msg = `skipped: ${haveGcc ? '' : 'riscv64-linux-gnu-gcc '}${haveQemu || !needQemu ? '' : 'qemu-riscv64 '}not installed`;
  if (requireTools) throw new Error(msg + ' (NODIX_REQUIRE_TOOLS=1)');
  t.log(msg);
  t.pass();
  return true;
}

/**
 * Builds userland/tests/NAME.c, runs it on qemu-riscv64 and on nodix: same stdout, same status, no oops.
 * `fixQemu` corrects a known qemu-user departure from Linux in qemu's transcript (say which, where it is used).
 */
export async function assertSameAsQemu(t: TestContext, name: string, args: string[] = [], fixQemu: (s: string) => string = (s) => s): Promise<void> {
  if (skipUnlessTools(t, true)) return;
  const bin = buildGuest(name);
  const q = runQemu(bin, args);
  const n = await runNodix(bin, args);
  t.is(n.stdout, fixQemu(q.stdout));
  t.is(n.status, q.status);
  t.deepEqual(n.log.filter((l) => l.includes('Oops')), []);
}
