// The committed userland images must be exactly what the sources build:
// rebuild everything into .cache/userland-repro with userland/build.sh and
// compare every file (and symbolic link) with userland/bin byte for byte.
// Also checks the size budget: most programs under 64 KiB.
import { spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import test from 'ava';
import { bin, root, testWith } from './harness.js';

const t = testWith('riscv64-linux-gnu-gcc');

function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n);
    const st = lstatSync(p);
    return st.isDirectory() ? listing(p, prefix + n + '/') : [prefix + n];
  });
}

t('rebuilding userland gives the committed bytes', (tt) => {
  const out = join(root, '.cache', 'userland-repro');
  const r = spawnSync('bash', [join(root, 'userland', 'build.sh'), out], { cwd: root, encoding: 'utf8', timeout: 300_000 });
  tt.is(r.status, 0, r.stderr);
  const want = listing(bin);
  tt.deepEqual(listing(out), want);
  const differing = want.filter((f) => {
    const a = join(bin, f), b = join(out, f);
    if (lstatSync(a).isSymbolicLink()) return !lstatSync(b).isSymbolicLink() || readlinkSync(a) !== readlinkSync(b);
    return !readFileSync(a).equals(readFileSync(b));
  });
  tt.deepEqual(differing, []);
});

test('most programs fit in 64 KiB and none exceeds 128 KiB', (tt) => {
  const sizes = listing(bin).filter((f) => !lstatSync(join(bin, f)).isSymbolicLink()).map((f) => ({ f, n: lstatSync(join(bin, f)).size }));
  tt.true(sizes.length >= 50, `only ${sizes.length} programs`);
  const big = sizes.filter((s) => s.n > 64 * 1024);
  tt.true(big.length <= 3, `over 64 KiB: ${big.map((s) => `${s.f} ${s.n}`).join(', ')}`);
  tt.deepEqual(sizes.filter((s) => s.n > 128 * 1024), []);
});
