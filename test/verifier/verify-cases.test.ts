// Data-driven accept/reject cases: every test/verifier/cases/*.case file holds
// cases in the form
//   === name
//   -- type xdp            (program type; default socket_filter)
//   -- unpriv              (verify as an unprivileged user)
//   -- maps                (one per line: TYPE KEY_SIZE VALUE_SIZE MAX_ENTRIES [FLAGS]; fd = line index)
//   -- asm                 (the program, in verifier/asm.ts syntax)
//   -- result accept|reject
//   -- error CODE [at N]   (for rejections)
// and each becomes one ava test.
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemble } from '../../verifier/asm.js';
import { MAP_TYPES } from '../../verifier/maps/index.js';
import type { MapDef } from '../../verifier/maps/types.js';
import { verify } from '../../verifier/verify/index.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'cases');

interface Case { file: string; name: string; sections: Map<string, string[]>; args: Map<string, string> }

function parse(file: string, text: string): Case[] {
  const out: Case[] = [];
  let cur: Case | null = null;
  let sec = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('=== ')) {
      cur = { file, name: line.slice(4).trim(), sections: new Map(), args: new Map() };
      out.push(cur);
      continue;
    }
    if (cur === null) continue;
    const m = /^-- (\w+)\s*(.*)$/.exec(line);
    if (m !== null) { sec = m[1]; cur.sections.set(sec, []); cur.args.set(sec, m[2].trim()); continue; }
    if (sec !== '') cur.sections.get(sec)!.push(line);
  }
  return out;
}

const typeByName = new Map([...MAP_TYPES.values()].map((t) => [t.name, t.id]));

function mapsOf(lines: string[]): MapDef[] {
  return lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')).map((l, i) => {
    const [t, k, v, n, f] = l.split(/\s+/);
    return { type: typeByName.get(t) ?? Number(t), keySize: Number(k), valueSize: Number(v), maxEntries: Number(n), flags: f === undefined ? 0 : Number(f), name: `m${i}` };
  });
}

const files = readdirSync(dir).filter((f) => f.endsWith('.case')).sort();
test('there are case files', (t) => { t.true(files.length >= 10); });

for (const f of files) {
  for (const c of parse(f, readFileSync(join(dir, f), 'utf8'))) {
    test(`${f.replace(/\.case$/, '')}: ${c.name}`, (t) => {
      const asm = assemble((c.sections.get('asm') ?? []).join('\n'));
      if (!asm.ok) { t.fail(`assembler: line ${asm.error.line}: ${asm.error.message}`); return; }
      const r = verify(asm.value, {
        progType: c.args.get('type') || 'socket_filter',
        privileged: !c.args.has('unpriv'),
        maps: mapsOf(c.sections.get('maps') ?? []),
        maxInsns: c.args.has('limit') ? Number(c.args.get('limit')) : undefined,
      });
      const want = c.args.get('result');
      if (want === 'accept') {
        t.true(r.ok, r.ok ? '' : `rejected at ${r.insn}: ${r.code} ${r.message}`);
        return;
      }
      t.is(want, 'reject');
      if (r.ok) { t.fail('accepted'); return; }
      const em = /^(\w+)(?:\s+at\s+(\d+))?/.exec(c.args.get('error') ?? '');
      if (em !== null) {
        t.is(r.code as string, em[1], r.message);
        if (em[2] !== undefined) t.is(r.insn, Number(em[2]), r.message);
      }
      t.true(r.hint.length > 0);
    });
  }
}
