// `nodix bpf verify [--type T] [--section S] [--log-level N] [--unpriv]
// [--map TYPE:KEY:VALUE:MAX]... FILE`: runs the verifier on every program of
// FILE — an ELF object from `clang -target bpf` (one program per executable
// section; maps from its relocations), eBPF assembly text, or hex bytes — and
// prints `NAME: accepted` or `NAME: rejected at insn N: reason` (with the
// error code and a hint) for each. Exits 1 if any program was rejected, 2 on
// bad usage or unreadable input. Assembly and hex default to socket_filter.
import { readFileSync } from 'node:fs';
import { assemble } from '../../verifier/asm.js';
import { readElf } from '../../verifier/elf.js';
import { BPF_F_RDONLY_PROG, type MapDef } from '../../verifier/maps/types.js';
import { MAP_TYPES } from '../../verifier/maps/index.js';
import { type ProgType, progTypeById, progTypeByName, progTypeForSection } from '../../verifier/progtypes.js';
import { verify } from '../../verifier/verify/index.js';

const USAGE = 'usage: nodix bpf verify [--type T] [--section S] [--log-level N] [--unpriv] [--map TYPE:KEY:VALUE:MAX]... FILE';

interface Unit { name: string; code: Uint8Array | ReturnType<typeof assembleOk>; type: ProgType | undefined; maps: MapDef[] }
function assembleOk(text: string) {
  const a = assemble(text);
  if (!a.ok) throw new UsageError(`line ${a.error.line}: ${a.error.message}`);
  return a.value;
}
class UsageError extends Error {}

function parseType(t: string): ProgType | undefined {
  return /^\d+$/.test(t) ? progTypeById(Number(t)) : progTypeByName(t);
}

function parseMap(s: string): MapDef {
  const [t, k, v, n] = s.split(':');
  const byName = [...MAP_TYPES.values()].find((m) => m.name === t)?.id;
  const type = byName ?? Number(t);
  if (!Number.isInteger(type) || [k, v, n].some((x) => x === undefined || !/^\d+$/.test(x))) throw new UsageError(`bad --map '${s}' (TYPE:KEY:VALUE:MAX)`);
  return { type, keySize: Number(k), valueSize: Number(v), maxEntries: Number(n) };
}

function loadUnits(file: string, typeOpt: ProgType | undefined, section: string | undefined, cliMaps: MapDef[]): Unit[] {
  const bytes = new Uint8Array(readFileSync(file));
  if (bytes.length >= 4 && bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) {
    const elf = readElf(bytes);
    if (!elf.ok) throw new UsageError(`${file}: ${elf.error}`);
    const maps: MapDef[] = elf.value.maps.map((m) => ({
      type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, name: m.name,
      flags: (m.flags ?? 0) | (m.readonly === true ? BPF_F_RDONLY_PROG : 0),
      // libbpf freezes .rodata after creating it, so its contents are known to the verifier.
      frozen: m.readonly === true ? m.initial : undefined,
    }));
    const progs = elf.value.programs.filter((p) => section === undefined || p.section === section || p.section.startsWith(section + '/') || p.name === section);
    if (progs.length === 0) throw new UsageError(`${file}: no program${section === undefined ? '' : ` in section '${section}'`}`);
    return progs.map((p) => ({ name: `${p.section}${p.name !== p.section ? ` (${p.name})` : ''}`, code: p.bytes, type: typeOpt ?? progTypeForSection(p.section), maps }));
  }
  const text = new TextDecoder().decode(bytes);
  const hex = text.replace(/#[^\n]*/g, '').replace(/0x/gi, '').replace(/[\s,]+/g, '');
  if (hex.length > 0 && /^[0-9a-f]+$/i.test(hex) && hex.length % 16 === 0 && !/\b(mov|exit|ja|call|ld|st)/i.test(text)) {
    const b = new Uint8Array(hex.length / 2);
    for (let i = 0; i < b.length; i++) b[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return [{ name: file, code: b, type: typeOpt ?? progTypeById(1), maps: cliMaps }];
  }
  return [{ name: file, code: assembleOk(text), type: typeOpt ?? progTypeById(1), maps: cliMaps }];
}

export async function main(argv: string[]): Promise<number> {
  let type: ProgType | undefined;
  let section: string | undefined;
  let logLevel = 0;
  let privileged = true;
  const maps: MapDef[] = [];
  let file: string | undefined;
  try {
    for (let k = 0; k < argv.length; k++) {
      const a = argv[k];
      const val = (): string => { const v = argv[++k]; if (v === undefined) throw new UsageError(`${a} needs a value`); return v; };
      if (a === '--type') { const t = val(); type = parseType(t); if (type === undefined) throw new UsageError(`unknown program type '${t}'`); } else if (a === '--section') section = val();
      else if (a === '--log-level') logLevel = Number(val());
      else if (a === '--unpriv') privileged = false;
      else if (a === '--map') maps.push(parseMap(val()));
      else if (a === '-h' || a === '--help') { process.stdout.write(USAGE + '\n'); return 0; } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a}`);
      else if (file === undefined) file = a;
      else throw new UsageError('only one FILE');
    }
    if (file === undefined) throw new UsageError(USAGE);
    const units = loadUnits(file, type, section, maps);
    let rejected = 0;
    for (const u of units) {
      if (u.type === undefined) {
        process.stdout.write(`${u.name}: rejected at insn 0: unknown program type (use --type)\n`);
        rejected++;
        continue;
      }
      const t0 = performance.now();
      const r = verify(u.code, { progType: u.type, maps: u.maps, logLevel, privileged });
      const ms = performance.now() - t0;
      if (logLevel > 0 && (r.ok ? r.stats.log : r.log) !== '') process.stdout.write((r.ok ? r.stats.log : r.log) + '\n');
      if (r.ok) {
        process.stdout.write(`${u.name}: accepted (${u.type.name}, ${r.stats.processed} insns processed, ${r.stats.states} states, stack ${r.stats.stackDepth.join('+')}, ${ms.toFixed(1)} ms)\n`);
      } else {
        rejected++;
        process.stdout.write(`${u.name}: rejected at insn ${r.insn}: ${r.message} [${r.code}]\n  hint: ${r.hint}\n`);
      }
    }
    return rejected > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof UsageError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`nodix bpf verify: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}
