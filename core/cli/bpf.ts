// `nodix bpf asm|disasm|run|verify`: the eBPF tools on the command line.
//   asm [FILE] [-o OUT] [--hex]      text (FILE or stdin) to bytes: raw to OUT (or stdout), or hex
//   disasm [FILE] [--hex] [--labels] bytes (raw FILE, hex with --hex, or stdin) to text; ELF objects
//                                    are disassembled section by section; --labels names jump targets
//   run [MEMHEX] [--program HEX] [--jit|--interpret] [--elf]
//                                    the bpf_conformance plugin protocol: program as hex on stdin
//                                    (or --program), memory as hex in the first argument (r1 points
//                                    at it, r2 holds its length); prints r0 in lowercase hex without
//                                    0x and exits 0, or prints the reason on stderr and exits 1
//   verify ...                       the verifier (bpf-verify.ts), when built
//   probe FILE [-o DIR]              compiles a probe-language script (verifier/probe.ts): one raw
//                                    program per probe written to DIR (default .) as N-POINT.bin, and
//                                    the bpftool commands that create its maps, load and attach it
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assembleBytes, compileProbes, disassembleBytes, mapTypeName, parseHex, readElf, runConformance, toHex, type Engine,
} from '../../verifier/index.js';

const USAGE = `usage: nodix bpf asm [FILE] [-o OUT] [--hex]
       nodix bpf disasm [FILE] [--hex] [--labels]
       nodix bpf run [MEMHEX] [--program HEX] [--jit|--interpret] [--elf]
       nodix bpf verify [--type T] [--section S] [--log-level N] FILE
       nodix bpf probe FILE [-o DIR]`;

function readInput(file: string | undefined): Buffer {
  return file === undefined || file === '-' ? readFileSync(0) : readFileSync(file);
}

function fail(msg: string, code = 1): number {
  process.stderr.write(`nodix bpf: ${msg}\n`);
  return code;
}

function asm(args: string[]): number {
  let out: string | undefined, file: string | undefined, hex = false;
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '-o') out = args[++k];
    else if (args[k] === '--hex') hex = true;
    else if (file === undefined) file = args[k];
    else return fail(`unexpected argument '${args[k]}'\n${USAGE}`, 2);
  }
  const r = assembleBytes(readInput(file).toString('utf8'));
  if (!r.ok) return fail(`${file ?? '<stdin>'}:${r.error.line}: ${r.error.message}`);
  if (hex) {
    const text = toHex(r.value) + '\n';
    if (out !== undefined) writeFileSync(out, text); else process.stdout.write(text);
  } else if (out !== undefined) writeFileSync(out, r.value);
  else process.stdout.write(r.value);
  return 0;
}

function disasm(args: string[]): number {
  let file: string | undefined, hex = false, labels = false;
  for (const a of args) {
    if (a === '--hex') hex = true;
    else if (a === '--labels') labels = true;
    else if (file === undefined) file = a;
    else return fail(`unexpected argument '${a}'\n${USAGE}`, 2);
  }
  const input = readInput(file);
  if (!hex && input.length >= 4 && input[0] === 0x7f && input[1] === 0x45 && input[2] === 0x4c && input[3] === 0x46) {
    const elf = readElf(new Uint8Array(input));
    if (!elf.ok) return fail(elf.error);
    for (const p of elf.value.programs) {
      process.stdout.write(`# section ${p.section}${p.name !== p.section ? ` (${p.name})` : ''}\n`);
      process.stdout.write(disassembleBytes(p.bytes, { labels }));
    }
    return 0;
  }
  const bytes = hex ? parseHex(input.toString('utf8')) : new Uint8Array(input);
  if (bytes === null) return fail('input is not hex bytes');
  if (bytes.length % 8 !== 0) return fail(`program length ${bytes.length} is not a multiple of 8`);
  process.stdout.write(disassembleBytes(bytes, { labels }));
  return 0;
}

function run(args: string[]): number {
  let memHex: string | undefined, program: string | undefined, engine: Engine = 'jit', elf = false;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--jit') engine = 'jit';
    else if (a === '--interpret') engine = 'interpret';
    else if (a === '--elf') elf = true;
    else if (a === '--program') program = args[++k];
    else if (a.startsWith('--')) return fail(`unknown option '${a}'\n${USAGE}`, 2);
    else if (memHex === undefined) memHex = a;
    else return fail(`unexpected argument '${a}'`, 2);
  }
  const progText = program ?? readFileSync(0).toString('utf8');
  let bytes = parseHex(progText);
  if (bytes === null) return fail('program is not hex bytes');
  if (elf) {
    const e = readElf(bytes as Uint8Array);
    if (!e.ok) return fail(e.error);
    if (e.value.programs.length === 0) return fail('ELF object has no program section');
    bytes = e.value.programs[0].bytes;
  }
  const mem = memHex === undefined || memHex.trim() === '' ? null : parseHex(memHex);
  if (mem === null && memHex !== undefined && memHex.trim() !== '') return fail('memory is not hex bytes');
  const r = runConformance(bytes as Uint8Array, mem, engine);
  if (!r.ok) return fail(`${r.error.pc >= 0 ? `insn ${r.error.pc}: ` : ''}${r.error.message}`);
  process.stdout.write(r.r0.toString(16) + '\n');
  return 0;
}

function probe(args: string[]): number {
  let file: string | undefined, dir = '.';
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '-o') dir = args[++k] ?? '.';
    else if (file === undefined) file = args[k];
    else return fail(`unexpected argument '${args[k]}'\n${USAGE}`, 2);
  }
  if (file === undefined) return fail(USAGE, 2);
  const r = compileProbes(readInput(file).toString('utf8'));
  if (!r.ok) return fail(`${file}:${r.error.line}: ${r.error.message}`);
  mkdirSync(dir, { recursive: true });
  const lines = r.value.maps.map((m) => `bpftool map create /pin/${m.name} type ${mapTypeName(m.def.type)} key ${m.def.keySize} value ${m.def.valueSize} entries ${m.def.maxEntries} name ${m.name}`);
  const maps = r.value.maps.map((m, i) => ` map idx ${i} pinned /pin/${m.name}`).join('');
  r.value.probes.forEach((p, i) => {
    const name = `${i}-${p.point.replace(/[^A-Za-z0-9_]/g, '_')}`;
    writeFileSync(join(dir, `${name}.bin`), p.bytes);
    lines.push(`bpftool prog load ${name}.bin /pin/p${i} type raw_tracepoint${maps}`, `bpftool prog attach pinned /pin/p${i} tp ${p.point} /pin/l${i}`);
  });
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

async function verify(args: string[]): Promise<number> {
  let mod: { main: (argv: string[]) => number | Promise<number> };
  try {
    mod = await import('./bpf-verify.js');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return fail('verify is not available in this build', 2);
    throw e;
  }
  return await mod.main(args);
}

export async function main(argv: string[]): Promise<number> {
  const [sub, ...rest] = argv;
  try {
    switch (sub) {
      case 'asm': return asm(rest);
      case 'disasm': return disasm(rest);
      case 'run': return run(rest);
      case 'verify': return await verify(rest);
      case 'probe': return probe(rest);
      case undefined: case '-h': case '--help':
        process.stdout.write(USAGE + '\n');
        return sub === undefined ? 2 : 0;
      default:
        return fail(`unknown subcommand '${sub}'\n${USAGE}`, 2);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT') return fail(`${err.path ?? 'file'}: no such file`);
    throw e;
  }
}
