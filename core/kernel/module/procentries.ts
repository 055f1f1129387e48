// /proc entries added by modules (proc_create): procfs lists them at the root
// of /proc after its own entries and reads them through these generators.
import type { Errno } from '../../abi/errno.js';
import type { Kernel } from '../kernel.js';

export interface ProcEntry { readonly owner: string; read(): string; write?(text: string): 0 | Errno }
const tables = new WeakMap<Kernel, Map<string, ProcEntry>>();

/** The kernel's table of module /proc entries (name → entry). */
export function procEntries(k: Kernel): Map<string, ProcEntry> {
  let m = tables.get(k);
  if (m === undefined) { m = new Map(); tables.set(k, m); }
  return m;
}
