// `nodix machine`: argument parsing (in-process) and whole runs of the command
// in a child process on ELF files the test writes: console output on stdout,
// the HTIF exit status, --max-insns, --trace, and a one-line error with a
// non-zero status (never a stack trace) for every kind of bad input.
import test from 'ava';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, exitStatus, main as machineMain } from '../../core/cli/machine.js';
import { Asm, T0, T1, T2, A0, A1, sb, sw, lw, lbu, addi, andi, slli, ori, csrw, csrrsi, wfi, beq, bne } from '../hw/rvasm.js';
import { makeElf } from '../hw/elf-fixture.js';
import { BASE, exitWith, exitWithReg, finish } from '../hw/machine-fixture.js';
import { GCC, hasTool, requireTools } from '../hw/baremetal/harness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = join(root, '.cache', 'test-cli-machine');
mkdirSync(dir, { recursive: true });

function file(name: string, bytes: Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
}

function nodix(...args: string[]) { return nodixWithInput('', ...args); }

function nodixWithInput(input: string, ...args: string[]) {
  const boot = `const m = await import(${JSON.stringify(join(root, 'core/cli/main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', boot, 'machine', ...args],
    { cwd: root, encoding: 'utf8', timeout: 60_000, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the command's main() in this process, capturing what it writes (for paths that end before the guest runs). */
async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '', stderr = '';
  const o = process.stdout.write.bind(process.stdout), e = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((c: string | Uint8Array) => { stdout += String(c); return true; }) as typeof process.stdout.write;
  process.stderr.write = ((c: string | Uint8Array) => { stderr += String(c); return true; }) as typeof process.stderr.write;
  try {
    const status = await machineMain(args);
    return { status, stdout, stderr };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

function hello(code: number): Uint8Array {
  const a = new Asm(BASE);
  a.li(T0, 0x1000_0000);
  for (const ch of 'hello\n') { a.li(T1, ch.charCodeAt(0)); a.emit(sb(T1, T0, 0)); }
  return finish(exitWith(a, code));
}

function spin(): Uint8Array {
  const a = new Asm(BASE);
  a.label('l'); a.emit(addi(A0, A0, 1)); a.j('l');
  return finish(a);
}

/** Exactly one line on stderr, starting with the command's prefix, and no stack trace. */
function oneLineError(t: import('ava').ExecutionContext, stderr: string, re: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  t.is(lines.length, 1, stderr);
  t.regex(lines[0], /^nodix machine: /);
  t.regex(lines[0], re);
  t.notRegex(stderr, /\n\s+at /);
}

test('parseArgs: flags, values and errors', (t) => {
  t.deepEqual(parseArgs(['--max-insns', '100', '--trace', 'x.elf']),
    { file: 'x.elf', maxInsns: 100, trace: true, deterministic: false, ramMiB: undefined });
  t.deepEqual(parseArgs(['--max-insns=7', '--deterministic', '--ram', '64', '--', '-odd-name']),
    { file: '-odd-name', maxInsns: 7, trace: false, deterministic: true, ramMiB: 64 });
  t.is(parseArgs([]), 'missing FILE');
  t.is(parseArgs(['a', 'b']), 'too many arguments');
  t.is(parseArgs(['--max-insns']), '--max-insns needs a number');
  t.is(parseArgs(['--max-insns', '1e3', 'f']), "--max-insns: not a positive integer: '1e3'");
  t.is(parseArgs(['--max-insns', '0', 'f']), "--max-insns: not a positive integer: '0'");
  t.is(parseArgs(['--bogus', 'f']), "unknown option '--bogus'");
});

test('exit status keeps failures visible modulo 256', (t) => {
  t.is(exitStatus(0), 0);
  t.is(exitStatus(5), 5);
  t.is(exitStatus(256), 255);
  t.is(exitStatus(300), 44);
});

test('runs a program: UART output on stdout, HTIF code as status', (t) => {
  const r = nodix(file('hello7.elf', hello(7)));
  t.is(r.stdout, 'hello\n');
  t.is(r.stderr, '');
  t.is(r.status, 7);
  t.is(nodix(file('hello0.elf', hello(0))).status, 0);
  const d = nodix('--deterministic', '--ram', '16', file('hello9.elf', hello(9)));
  t.is(d.stdout, 'hello\n');
  t.is(d.status, 9);
});

test('--max-insns stops a runaway program with one line and status 124', (t) => {
  const r = nodix('--max-insns', '1000', file('spin.elf', spin()));
  t.is(r.status, 124);
  oneLineError(t, r.stderr, /stopped after 1000 instructions \(--max-insns\), pc=0x8000000[0-9a-f]/);
});

test('--trace prints every instruction to stderr', (t) => {
  const r = nodix('--trace', '--max-insns', '20', file('spin-trace.elf', spin()));
  t.is(r.status, 124);
  const lines = r.stderr.trimEnd().split('\n');
  t.is(lines.length, 21, 'twenty instructions and the limit message');
  t.regex(lines[0], /^M 0000000080000000  00150513  addi a0, a0, 1$/);
  t.regex(lines[1], /^M 0000000080000004  [0-9a-f]{8}  j /);
});

test('bad input: one line, non-zero status, no stack trace', async (t) => {
  const good = hello(0);
  const cases: [string, string[], RegExp][] = [
    ['missing file', [join(dir, 'does-not-exist.elf')], /no such file/],
    ['a directory', [dir], /is a directory/],
    ['empty file', [file('empty.elf', new Uint8Array(0))], /not an ELF file/],
    ['a text file', [file('text.elf', new TextEncoder().encode('#!/bin/sh\n'))], /not an ELF file/],
    ['truncated header', [file('trunc1.elf', good.subarray(0, 40))], /truncated/],
    ['truncated body', [file('trunc2.elf', good.subarray(0, 130))], /truncated/],
    ['32-bit ELF', [file('elf32.elf', makeElf({ entry: 0, segments: [], class32: true }))], /32-bit/],
    ['x86-64 ELF', [file('x86.elf', makeElf({ entry: BASE, segments: [{ paddr: BASE, data: new Uint8Array(4) }], machine: 62 }))], /not RISC-V/],
    ['segment outside RAM', [file('low.elf', makeElf({ entry: 0x1000, segments: [{ paddr: 0x1000, data: new Uint8Array(4) }] }))], /outside RAM/],
    ['segment past the end of RAM', ['--ram', '1', file('big.elf', makeElf({ entry: BASE, segments: [{ paddr: BASE, data: new Uint8Array(4), memsz: 2 << 20 }] }))], /outside RAM/],
    ['no loadable segment', [file('noload.elf', makeElf({ entry: BASE, segments: [] }))], /no loadable segment/],
    ['RAM too large to allocate', ['--ram', '100000000', file('hello-ram.elf', good)], /cannot allocate 100000000 MiB of RAM/],
  ];
  // Three cases as whole processes (what a user sees, exit status included), the rest in-process.
  for (const [i, [what, args, re]] of cases.entries()) {
    const r = i % 4 === 0 ? nodix(...args) : await inProcess(args);
    t.not(r.status, 0, what);
    t.is(r.stdout, '', what);
    oneLineError(t, r.stderr, re);
  }
});

test('usage errors exit 2', async (t) => {
  for (const [i, args] of [[], ['--nope', 'x'], ['--max-insns', 'many', 'x']].entries()) {
    const r = i === 0 ? nodix(...args) : await inProcess(args);
    t.is(r.status, 2, args.join(' '));
    t.regex(r.stderr, /^nodix machine: .*\nusage: nodix machine/);
  }
});

/** Echoes UART input in upper case until a newline (polling LSR.DR), then exits 0. */
function upcase(): Uint8Array {
  const a = new Asm(BASE);
  a.li(T0, 0x1000_0000);
  a.label('poll'); a.emit(lbu(T1, T0, 5), andi(T1, T1, 1)); a.beqz(T1, 'poll');
  a.emit(lbu(A0, T0, 0));
  a.li(T2, 10); a.br(beq, A0, T2, 'done');
  a.emit(addi(A0, A0, -32), sb(A0, T0, 0));
  a.j('poll');
  a.label('done'); a.emit(sb(A0, T0, 0));
  return finish(exitWith(a, 0));
}

/** Sleeps in WFI until the UART receive interrupt arrives through the PLIC; exits with the byte. */
function waitForKey(): Uint8Array {
  const UART = 0x1000_0000, PLIC = 0x0c00_0000;
  const a = new Asm(BASE);
  a.la(T0, 'handler'); a.emit(csrw(0x305, T0));
  a.li(T0, UART); a.li(T1, 1); a.emit(sb(T1, T0, 1));
  a.li(T0, PLIC + 10 * 4); a.emit(sw(T1, T0, 0));
  a.li(T0, PLIC + 0x2000); a.li(T1, 1 << 10); a.emit(sw(T1, T0, 0));
  a.li(T0, 1 << 11); a.emit(csrw(0x304, T0), csrrsi(0, 0x300, 8));
  a.label('idle'); a.emit(wfi()); a.j('idle');
  a.align(4);
  a.label('handler');
  a.li(T0, PLIC + 0x20_0004); a.emit(lw(A1, T0, 0));
  a.li(T2, 10); a.br(bne, A1, T2, 'bad');
  a.li(T1, UART); a.emit(lbu(A0, T1, 0));
  exitWithReg(a, A0, slli, ori);
  a.label('bad');
  return finish(exitWith(a, 1));
}

test('stdin feeds the UART (polling)', (t) => {
  const r = nodixWithInput('hello\n', file('upcase.elf', upcase()));
  t.is(r.stdout, 'HELLO\n');
  t.is(r.status, 0);
});

test('stdin feeds the UART (WFI until the receive interrupt)', (t) => {
  const r = nodixWithInput('x', file('waitkey.elf', waitForKey()));
  t.is(r.stderr, '');
  t.is(r.status, 'x'.charCodeAt(0));
});

test('WFI with no timer and stdin closed is reported, not waited on forever', (t) => {
  const a = new Asm(BASE);
  a.label('idle'); a.emit(wfi()); a.j('idle');
  const r = nodixWithInput('', file('wfi-forever.elf', finish(a)));
  t.is(r.status, 1);
  oneLineError(t, r.stderr, /wfi, no timer set/);
});

test('a Linux program is refused with a hint toward nodix run', (t) => {
  if (!hasTool(GCC)) {
    if (requireTools) t.fail(`${GCC} not found (NODIX_REQUIRE_TOOLS=1)`);
    else t.pass(`skipped: ${GCC} not found`);
    return;
  }
  const src = join(dir, 'linux-hello.c');
  writeFileSync(src, 'int main(void) { return 0; }\n');
  const out = join(dir, 'linux-hello');
  const cc = spawnSync(GCC, ['-static', '-O2', src, '-o', out], { encoding: 'utf8' });
  t.is(cc.status, 0, cc.stderr);
  const r = nodix(out);
  t.is(r.status, 1);
  oneLineError(t, r.stderr, /lies outside RAM .*\(a Linux program\? run it with `nodix run`\)$/);
});

test('a reader that goes away ends the run quietly (status 141, no stack trace)', async (t) => {
  const a = new Asm(BASE);
  a.li(T0, 0x1000_0000); a.li(T1, 0x41);
  a.label('l'); a.emit(sb(T1, T0, 0)); a.j('l');
  const path = file('spam.elf', finish(a));
  const boot = `const m = await import(${JSON.stringify(join(root, 'core/cli/main.ts'))}); process.exitCode = await m.main(process.argv.slice(1));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', boot, 'machine', '--max-insns', '500000000', path],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += String(d); });
  child.stdout.once('data', () => child.stdout.destroy());
  const status = await new Promise<number | null>((res) => child.on('close', (code) => res(code)));
  t.is(status, 141);
  t.is(stderr, '');
});
