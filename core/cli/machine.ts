// `nodix machine [--max-insns N] [--trace] [--deterministic] [--ram MIB] FILE`:
// runs a bare-metal RISC-V ELF on the emulated machine (core/hw/machine.ts) in
// M-mode. UART and HTIF console output go to stdout, console input comes from
// stdin (a terminal stays in line mode); --deterministic derives mtime from the
// instruction count instead of the wall clock; the exit status is the program's HTIF exit code (an exit code that is
// non-zero but 0 modulo 256 becomes 255, so a failure never reads as success).
// --max-insns stops a runaway program with one line and status 124; --trace
// prints every instruction (pc, raw bits, disassembly) to stderr. Bad input is
// a one-line "nodix machine: ..." error and status 1 (2 for usage errors).
import { readFileSync, writeSync } from 'node:fs';
import type { MachineStatus } from '../hw/machine.js';
import { parseElf, PT_INTERP } from '../lib/elf.js';
import { Machine, traceLine } from '../hw/machine.js';

const USAGE = 'usage: nodix machine [--max-insns N] [--trace] [--deterministic] [--ram MIB] FILE';

export interface MachineArgs {
  file: string;
  maxInsns: number | undefined;
  trace: boolean;
  deterministic: boolean;
  ramMiB: number | undefined;
}

/** Parses the arguments; a string is a usage error message. */
export function parseArgs(argv: readonly string[]): MachineArgs | string {
  const a: MachineArgs = { file: '', maxInsns: undefined, trace: false, deterministic: false, ramMiB: undefined };
  let file: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inline = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? argv[++i];
    if (name === '--max-insns' || name === '--ram') {
      const v = value();
      if (v === undefined) return `${name} needs a number`;
      if (!/^[0-9]+$/.test(v) || Number(v) <= 0 || !Number.isSafeInteger(Number(v))) return `${name}: not a positive integer: '${v}'`;
      if (name === '--max-insns') a.maxInsns = Number(v); else a.ramMiB = Number(v);
    } else if (arg === '--trace') {
      a.trace = true;
    } else if (arg === '--deterministic') {
      a.deterministic = true;
    } else if (arg === '--') {
      if (i + 1 < argv.length) file ??= argv[++i];
      if (i + 1 < argv.length) return 'too many arguments';
    } else if (arg.startsWith('-') && arg !== '-') {
      return `unknown option '${arg}'`;
    } else if (file === undefined) {
      file = arg;
    } else {
      return 'too many arguments';
    }
  }
  if (file === undefined) return 'missing FILE';
  a.file = file;
  return a;
}

function fail(msg: string, status = 1): number {
  process.stderr.write(`nodix machine: ${msg}\n`);
  return status;
}

function readError(file: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory`;
  if (code === 'EACCES') return `${file}: permission denied`;
  return `${file}: cannot read (${code ?? String(e)})`;
}

/** A hint when a file that failed to load looks like a Linux program (PT_INTERP or a .note.ABI-tag). */
function linuxHint(bytes: Uint8Array): string {
  const r = parseElf(bytes);
  if (!r.ok) return '';
  const linux = r.elf.programHeaders.some((p) => p.type === PT_INTERP) || r.elf.section('.note.ABI-tag') !== null;
  return linux ? ' (a Linux program? run it with `nodix run`)' : '';
}

/** Maps an HTIF exit code to a process status that keeps failure visible. */
export function exitStatus(code: number): number {
  if (code === 0) return 0;
  const s = code % 256;
  return s === 0 ? 255 : s;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.includes('-h') || argv.includes('--help')) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  const args = parseArgs(argv);
  if (typeof args === 'string') return fail(`${args}\n${USAGE}`, 2);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(args.file);
  } catch (e) {
    return fail(readError(args.file, e));
  }
  const out: number[] = [];
  // A reader that went away (`nodix machine X | head`) ends the run quietly, as SIGPIPE would.
  let stdoutClosed = false;
  const flush = (): void => {
    if (out.length === 0) return;
    if (!stdoutClosed) process.stdout.write(Uint8Array.from(out));
    out.length = 0;
  };
  let m: Machine;
  try {
    m = new Machine({
      deterministic: args.deterministic,
      ramSize: args.ramMiB === undefined ? undefined : args.ramMiB * 1024 * 1024,
      console: (b) => { out.push(b); if (out.length >= 4096) flush(); },
    });
  } catch (e) {
    return fail(`cannot allocate ${args.ramMiB ?? 256} MiB of RAM (${e instanceof Error ? e.message : String(e)})`);
  }
  const onStdoutError = (): void => { stdoutClosed = true; m.hart.halted = true; };
  process.stdout.on('error', onStdoutError);
  const loaded = m.loadElfBytes(bytes);
  if (!loaded.ok) return fail(`${args.file}: ${loaded.message}${linuxHint(bytes)}`);

  let traceBuf = '';
  // Traces go straight to fd 2 (they can be large); a closed stderr ends the run like a closed stdout.
  const writeTrace = (text: string): void => {
    if (stdoutClosed) return;
    try { writeSync(2, text); } catch { onStdoutError(); }
  };
  const trace = args.trace ? (h: Parameters<typeof traceLine>[0]): void => {
    traceBuf += traceLine(h, m.elf) + '\n';
    if (traceBuf.length > 1 << 16) { writeTrace(traceBuf); traceBuf = ''; }
  } : undefined;

  // Console input: stdin (a terminal in its normal line mode, or a pipe) feeds the UART.
  const stdin = process.stdin;
  let inputOpen = true;
  const onData = (d: Buffer): void => m.input(d);
  const onEnd = (): void => { inputOpen = false; };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.on('error', onEnd);
  let st: MachineStatus;
  try {
    st = await m.run({ maxInsns: args.maxInsns, trace, sliceMs: 50, inputOpen: () => inputOpen });
  } finally {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.off('error', onEnd);
    stdin.pause();
    if (!stdin.isTTY) stdin.destroy();
    flush();
    if (traceBuf.length > 0) writeTrace(traceBuf);
  }
  if (stdoutClosed) return 141; // 128 + SIGPIPE
  const pc = `pc=0x${BigInt.asUintN(64, BigInt(m.hart.pc)).toString(16)}`;
  switch (st.kind) {
    case 'exit': return exitStatus(st.code);
    case 'limit': return fail(`stopped after ${st.instret} instructions (--max-insns), ${pc}`, 124);
    case 'deadlock': return fail(`hart waits for an interrupt that cannot arrive (wfi, no timer set), ${pc}`);
    case 'trap': return fail(`unexpected trap to host: cause ${st.cause}${st.interrupt ? ' (interrupt)' : ''}, ${pc}`);
    default: return fail(`stopped: ${st.kind}`);
  }
}
