// Enforces DESIGN.md's direction of imports by reading every import of every
// TypeScript file in the tree. A rule broken here is a layering bug, not style.
import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

interface Edge { from: string; spec: string; target: string | null }

/** Every static and dynamic import with a literal specifier. */
function importsOf(file: string): Edge[] {
  const src = readFileSync(file, 'utf8');
  const re = /(?:^|[^\w.])(?:import|export)\s*(?:type\s+)?(?:[^'"`;]*?\sfrom\s*)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  const edges: Edge[] = [];
  for (const m of src.matchAll(re)) {
    const spec = m[1] ?? m[2];
    const target = spec.startsWith('.') ? relative(root, resolve(dirname(file), spec)).replace(/\.js$/, '') : null;
    edges.push({ from: relative(root, file), spec, target });
  }
  return edges;
}

const areas = ['core', 'procfs', 'modules', 'verifier'];
const edges = areas.flatMap((a) => {
  try { return walk(join(root, a)); } catch { return []; }
}).flatMap(importsOf);

const under = (p: string, dir: string) => p === dir || p.startsWith(dir + '/');

/** Each rule names the files it governs and says why an edge is forbidden (or null). */
const rules: { name: string; applies: (from: string) => boolean; check: (e: Edge) => string | null }[] = [
  {
    name: 'verifier/ is standalone',
    applies: (f) => under(f, 'verifier'),
    check: (e) => (e.target === null ? (e.spec.startsWith('node:') ? 'imports a Node built-in' : null)
      : under(e.target, 'verifier') ? null : 'imports outside verifier/'),
  },
  {
    name: 'core/hw knows no Linux',
    applies: (f) => under(f, 'core/hw'),
    check: (e) => (e.target === null ? (e.spec.startsWith('node:') ? 'imports a Node built-in' : null)
      : under(e.target, 'core/hw') || under(e.target, 'core/lib') ? null : 'imports outside core/hw and core/lib'),
  },
  {
    name: 'core/kernel reaches hw and verifier only through their index',
    applies: (f) => under(f, 'core/kernel'),
    check: (e) => {
      if (e.target === null) return null;
      if (under(e.target, 'core/hw') && e.target !== 'core/hw/index') return 'reaches into core/hw past its index';
      if (under(e.target, 'verifier') && e.target !== 'verifier/index') return 'reaches into verifier/ past its index';
      if (under(e.target, 'core/syscalls') && e.target !== 'core/syscalls/index') return 'reaches into core/syscalls past its index';
      return null;
    },
  },
  {
    name: 'core/syscalls never imports hw',
    applies: (f) => under(f, 'core/syscalls'),
    check: (e) => (e.target !== null && under(e.target, 'core/hw') ? 'imports core/hw' : null),
  },
  {
    name: 'core/ imports Node only in its host adapter and CLI',
    applies: (f) => under(f, 'core') && !under(f, 'core/host') && !under(f, 'core/cli'),
    check: (e) => (e.spec.startsWith('node:') ? 'imports a Node built-in outside core/host' : null),
  },
  {
    name: 'procfs reads the kernel through its snapshot API',
    applies: (f) => under(f, 'procfs'),
    check: (e) => (e.spec.startsWith('node:') ? 'imports a Node built-in'
      : e.target !== null && (under(e.target, 'core/hw') || under(e.target, 'core/syscalls')) ? 'imports hw or syscalls' : null),
  },
  {
    name: 'modules import only the module API',
    applies: (f) => under(f, 'modules'),
    check: (e) => (e.target === null ? (e.spec.startsWith('node:') ? 'imports a Node built-in' : null)
      : under(e.target, 'modules') || e.target === 'core/kernel/module/api' ? null : 'imports past the module API'),
  },
];

test('the tree has TypeScript sources to check', (t) => {
  t.true(edges.length > 0 || walk(join(root, 'core')).length > 0);
});

for (const rule of rules) {
  test(`layering: ${rule.name}`, (t) => {
    const bad = edges.filter((e) => rule.applies(e.from)).map((e) => [e, rule.check(e)] as const)
      .filter(([, why]) => why !== null).map(([e, why]) => `${e.from}: '${e.spec}' ${why}`);
    t.deepEqual(bad, []);
  });
}

test('the import scanner sees imports (self-check)', (t) => {
  const mine = importsOf(fileURLToPath(import.meta.url)).map((e) => e.spec);
  t.true(mine.includes('ava') && mine.includes('node:fs'));
});

test('layering: outside core/host and core/cli, nothing touches the Node `process` global', (t) => {
  const re = /\bprocess\.(env|argv|exit|stdout|stderr|stdin|hrtime|cpuUsage|nextTick|on|platform|memoryUsage)\b/;
  const files = areas.flatMap((a) => { try { return walk(join(root, a)); } catch { return []; } })
    .filter((f) => { const r = relative(root, f); return !under(r, 'core/host') && !under(r, 'core/cli'); });
  const bad = files.filter((f) => re.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
  t.deepEqual(bad, []);
});
