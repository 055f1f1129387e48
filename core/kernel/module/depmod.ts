// depmod: the dependency list of the modules installed in /lib/modules/RELEASE
// (modules.dep, Linux's format "name.ko.ts: dep.ko.ts ..."; each line lists
// every module the first needs, the one to load first last — modprobe loads
// the list backwards, then the module). Dependencies are read from the
// `depends: [...]` field of each module's source without running it.

/** A module's name from its file name: hello.ko.ts → hello ('-' read as '_'). */
export function moduleNameOf(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1).replace(/\.ko\.(ts|js)$/, '').replace(/-/g, '_');
}

/** The `depends` of a module's source (string literals in the array), or []. */
export function dependsOf(source: string): string[] {
  const m = /\bdepends\s*:\s*\[([^\]]*)\]/.exec(source);
  if (m === null) return [];
  return [...m[1].matchAll(/['"]([\w-]+)['"]/g)].map((x) => x[1].replace(/-/g, '_'));
}

/** modules.dep text for files (name → source); unknown dependencies are left out (modprobe reports them). */
export function depmod(files: Record<string, string>): string {
  const byName = new Map<string, string>();
  for (const f of Object.keys(files)) byName.set(moduleNameOf(f), f);
  const lines: string[] = [];
  for (const f of Object.keys(files).sort()) {
    const order: string[] = [];
    const visit = (name: string, seen: Set<string>): void => {
      if (seen.has(name)) return;
      seen.add(name);
      const file = byName.get(name);
      if (file === undefined) return;
      for (const d of dependsOf(files[file])) visit(d, seen);
      order.push(file);
    };
    const seen = new Set<string>([moduleNameOf(f)]);
    for (const d of dependsOf(files[f])) visit(d, seen);
    lines.push(`${f}:${order.length ? ' ' + order.reverse().join(' ') : ''}`);
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
