// Where the package's own files are: the userland images live at the package
// root (userland/bin, userland/rootfs), whether the CLI runs from the
// TypeScript sources (core/cli) or from the compiled dist/core/cli.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

let cached: string | null | undefined;

/** The package root: the nearest directory above this file holding package.json and userland/. */
export function packageRoot(): string | null {
  if (cached !== undefined) return cached;
  let dir = resolve(import.meta.dirname ?? '.');
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'userland'))) return (cached = dir);
    const up = dirname(dir);
    if (up === dir) return (cached = null);
    dir = up;
  }
}

/** userland/bin when present (the committed images copied into the guest's /bin at boot). */
export function userlandBin(): string | undefined {
  const root = packageRoot();
  const bin = root === null ? null : join(root, 'userland', 'bin');
  return bin !== null && existsSync(bin) ? bin : undefined;
}
