// `nodix bpf verify`: the verdict line per program, the exit status, input
// formats (assembly, hex) and options (--type, --log-level, --map, --unpriv).
import test from 'ava';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../core/cli/bpf-verify.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../.cache/verifier-cli');
mkdirSync(dir, { recursive: true });

async function run(args: string[]): Promise<{ code: number; out: string }> {
  const chunks: string[] = [];
  const orig = process.stdout.write.bind(process.stdout);
  const origErr = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => { chunks.push(String(s)); return true; }) as typeof process.stderr.write;
  try { return { code: await main(args), out: chunks.join('') }; } finally { process.stdout.write = orig; process.stderr.write = origErr; }
}

const file = (name: string, text: string): string => { const p = join(dir, name); writeFileSync(p, text); return p; };

test.serial('accepted program exits 0', async (t) => {
  const r = await run([file('ok.s', 'mov %r0, 0\nexit\n')]);
  t.is(r.code, 0);
  t.regex(r.out, /ok\.s: accepted/);
});

test.serial('rejected program: insn, reason, code, hint, exit 1', async (t) => {
  const r = await run([file('bad.s', 'ldxdw %r0, [%r10-8]\nexit\n')]);
  t.is(r.code, 1);
  t.regex(r.out, /bad\.s: rejected at insn 0: invalid read from stack .*\[E_UNINIT_STACK\]/);
  t.regex(r.out, /hint: /);
});

test.serial('hex input, --type and --log-level', async (t) => {
  const r = await run(['--type', 'xdp', '--log-level', '2', file('p.hex', 'b7 00 00 00 02 00 00 00\n95 00 00 00 00 00 00 00\n')]);
  t.is(r.code, 0);
  t.regex(r.out, /0: \(b7\) mov %r0, 2/);
  t.regex(r.out, /R0=2/);
  t.regex(r.out, /accepted \(xdp/);
});

test.serial('--map gives the fds an assembly program uses; --unpriv', async (t) => {
  const prog = file('m.s', 'stw [%r10-4], 0\nmov %r2, %r10\nadd %r2, -4\nlddw %r1, map_fd:0\ncall 1\njeq %r0, 0, +1\nldxdw %r0, [%r0+0]\nexit\n');
  t.is((await run(['--map', 'hash:4:8:16', prog])).code, 0);
  t.is((await run([prog])).code, 1);
  t.is((await run(['--unpriv', '--map', 'hash:4:8:16', prog])).code, 0);
  t.is((await run(['--unpriv', '--type', 'kprobe', '--map', 'hash:4:8:16', prog])).code, 1);
});

test.serial('bad usage exits 2', async (t) => {
  t.is((await run([])).code, 2);
  t.is((await run(['--type', 'nope', 'x'])).code, 2);
  t.is((await run([join(dir, 'missing.s')])).code, 2);
});
