// `nodix bpf asm|disasm|run|verify` in a child process: the bpf_conformance
// plugin protocol of `run` (hex program on stdin or --program, memory as the
// first argument, r0 printed in lowercase hex without 0x, errors on stderr with
// a non-zero status), both engines, and asm/disasm files and hex.
import test from 'ava';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, '.cache', 'test-cli-bpf');
mkdirSync(dir, { recursive: true });

function nodix(input: string, ...args: string[]) {
  const boot = `const m = await import(${JSON.stringify(join(root, 'core/cli/main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', boot, 'bpf', ...args],
    { cwd: root, encoding: 'utf8', timeout: 60_000, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// mov %r0, 0x12345678; lsh %r0, 8; exit
const PROG = 'b7 00 00 00 78 56 34 12 67 00 00 00 08 00 00 00 95 00 00 00 00 00 00 00';
// ldxh %r0, [%r1+2]; add %r0, %r2; exit
const MEMPROG = '69 10 02 00 00 00 00 00 0f 20 00 00 00 00 00 00 95 00 00 00 00 00 00 00';

test('run: the plugin protocol, both engines', (t) => {
  for (const engine of ['--jit', '--interpret']) {
    const r = nodix(PROG + '\n', 'run', engine);
    t.is(r.status, 0, r.stderr);
    t.is(r.stdout, '1234567800\n');
  }
  const m = nodix(MEMPROG, 'run', '00 00 34 12 ff', '--interpret');
  t.is(m.stdout, '1239\n', 'r1 points at the memory, r2 holds its length (5)');
  const p = nodix('', 'run', '00 00 01 00', '--program', MEMPROG, '--jit');
  t.is(p.stdout, '5\n');
});

test('run: failures go to stderr with a non-zero status', (t) => {
  const oob = nodix('61 10 10 00 00 00 00 00 95 00 00 00 00 00 00 00', 'run', '00 11');
  t.not(oob.status, 0);
  t.is(oob.stdout, '');
  t.regex(oob.stderr, /insn 0: .*outside every mapped region/);
  const bad = nodix('ff 00 00 00 00 00 00 00', 'run', '--interpret');
  t.not(bad.status, 0);
  t.regex(bad.stderr, /insn 0: unknown opcode 0xff/);
  const lddw = nodix('18 00 00 00 01 00 00 00', 'run');
  t.regex(lddw.stderr, /lddw/);
  t.not(nodix('zz', 'run').status, 0);
});

test('asm to hex and to a file, disasm back', (t) => {
  const src = join(dir, 'p.s');
  writeFileSync(src, 'mov %r0, 0x12345678\nlsh %r0, 8\nexit\n');
  const hex = nodix('', 'asm', src, '--hex');
  t.is(hex.status, 0, hex.stderr);
  t.is(hex.stdout.trim(), PROG);
  const bin = join(dir, 'p.bin');
  t.is(nodix('', 'asm', src, '-o', bin).status, 0);
  t.is(Buffer.from(readFileSync(bin)).toString('hex').replace(/(..)/g, '$1 ').trim(), PROG);
  const text = nodix('', 'disasm', bin);
  t.is(text.stdout, 'mov %r0, 305419896\nlsh %r0, 8\nexit\n');
  t.is(nodix(PROG, 'disasm', '--hex').stdout, text.stdout);
  const err = nodix('mov %r0, 1\nbogus %r1\n', 'asm');
  t.not(err.status, 0);
  t.regex(err.stderr, /<stdin>:2: unknown mnemonic 'bogus'/);
});

test('verify says whether it is available; unknown subcommands fail', (t) => {
  const v = nodix('', 'verify', join(dir, 'nothing.o'));
  t.not(v.status, 0);
  t.true(v.stderr.length > 0);
  t.is(nodix('', 'frob').status, 2);
});

function haveClang(): boolean {
  try { execFileSync('clang', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; }
}

test('ELF objects: disasm by section, run --elf', (t) => {
  if (!haveClang()) {
    if (process.env.NODIX_REQUIRE_TOOLS === '1') t.fail('clang is required (NODIX_REQUIRE_TOOLS=1)');
    else { t.log('skipped: clang not found'); t.pass(); }
    return;
  }
  const obj = join(dir, 'plain.o');
  execFileSync('clang', ['-target', 'bpf', '-O2', '-c', join(root, 'test/verifier/data/elf/plain.c'), '-o', obj]);
  const d = nodix('', 'disasm', obj);
  t.is(d.status, 0, d.stderr);
  t.regex(d.stdout, /^# section xdp \(add_bytes\)\n/);
  t.regex(d.stdout, /ldxb %r\d, \[%r1\+1\]/);
  t.regex(d.stdout, /exit\n$/);
  const hex = Buffer.from(readFileSync(obj)).toString('hex').replace(/(..)/g, '$1 ').trim();
  for (const engine of ['--jit', '--interpret']) {
    const r = nodix(hex, 'run', '03 04', engine, '--elf');
    t.is(r.status, 0, r.stderr);
    t.is(r.stdout, '7\n');
  }
});
