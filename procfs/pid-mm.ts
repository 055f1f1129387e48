// Memory views of a process (Linux fs/proc/task_mmu.c): maps, smaps,
// smaps_rollup, statm, and mem (read/write of the address space after the
// ptrace check made at open). Anonymous/file/shared classification comes
// from the VMA snapshot: a name starting with '/' is a file mapping.
import type { VmaInfo } from '../core/kernel/mm/vma.js';
import type { ProcessSnapshot } from '../core/kernel/snapshot.js';
import { fileIdentity, processByPid } from '../core/kernel/snapshot.js';
import { accessProcessMemory } from '../core/kernel/procctl.js';
import { ESRCH } from '../core/abi/errno.js';
import type { Kernel } from '../core/kernel/kernel.js';
import type { Ctx, RawNode } from './node.js';
import { ro } from './node.js';
import { hex, kbLine, PAGE_SIZE } from './format.js';

const isFile = (v: VmaInfo): boolean => v.name.charCodeAt(0) === 47;
const isStack = (v: VmaInfo): boolean => v.name === '[stack]';

/** "start-end perms offset dev inode" padded to column 73, then the name (show_map_vma). */
export function mapsLine(k: Kernel, v: VmaInfo, devIno?: { dev: number; ino: number }): string {
  const id = devIno ?? (isFile(v) ? fileIdentity(k, v.name) : { dev: 0, ino: 0 });
  const perms = `${v.prot & 1 ? 'r' : '-'}${v.prot & 2 ? 'w' : '-'}${v.prot & 4 ? 'x' : '-'}${v.shared ? 's' : 'p'}`;
  const head = `${hex(v.start, 8)}-${hex(v.end, 8)} ${perms} ${hex(v.offset, 8)} ${hex((id.dev >>> 8) & 0xfff, 2)}:${hex(id.dev & 0xff, 2)} ${id.ino} `;
  if (v.name === '') return head + '\n';
  return head.padEnd(72) + ' ' + v.name + '\n';
}

export function maps(c: Ctx): string | typeof ESRCH {
  const p = processByPid(c.k, c.pid);
  if (p === null) return ESRCH;
  return p.vm.vmas.map((v) => mapsLine(c.k, v)).join('');
}

interface Usage { rss: number; anon: number; file: number; shmem: number }

function usage(v: VmaInfo): Usage {
  const rss = v.rssPages * 4;
  const shmem = v.shared && !isFile(v) ? rss : 0;
  const file = isFile(v) ? rss : 0;
  return { rss, anon: rss - shmem - file, file, shmem };
}

function vmFlags(v: VmaInfo): string {
  const f: string[] = [];
  if (v.prot & 1) f.push('rd');
  if (v.prot & 2) f.push('wr');
  if (v.prot & 4) f.push('ex');
  if (v.shared) f.push('sh');
  f.push('mr', 'mw', 'me');
  if (v.shared) f.push('ms');
  if (isStack(v)) f.push('gd');
  if (!v.shared && (v.prot & 2)) f.push('ac');
  return 'VmFlags: ' + f.map((x) => x + ' ').join('') + '\n';
}

/** The accounting lines common to smaps and smaps_rollup (from Rss on). */
function usageLines(u: Usage, rollup: boolean): string {
  const privDirty = u.anon + u.shmem, privClean = u.file;
  let s = kbLine('Rss', u.rss) + kbLine('Pss', u.rss) + kbLine('Pss_Dirty', privDirty);
  if (rollup) s += kbLine('Pss_Anon', u.anon) + kbLine('Pss_File', u.file) + kbLine('Pss_Shmem', u.shmem);
  s += kbLine('Shared_Clean', 0) + kbLine('Shared_Dirty', 0) + kbLine('Private_Clean', privClean) + kbLine('Private_Dirty', privDirty)
    + kbLine('Referenced', u.rss) + kbLine('Anonymous', u.anon) + kbLine('KSM', 0) + kbLine('LazyFree', 0) + kbLine('AnonHugePages', 0)
    + kbLine('ShmemPmdMapped', 0) + kbLine('FilePmdMapped', 0) + kbLine('Shared_Hugetlb', 0) + kbLine('Private_Hugetlb', 0)
    + kbLine('Swap', 0) + kbLine('SwapPss', 0) + kbLine('Locked', 0);
  return s;
}

export function smaps(c: Ctx): string | typeof ESRCH {
  const p = processByPid(c.k, c.pid);
  if (p === null) return ESRCH;
  return p.vm.vmas.map((v) => mapsLine(c.k, v) + kbLine('Size', (v.end - v.start) / 1024) + kbLine('KernelPageSize', 4) + kbLine('MMUPageSize', 4)
    + usageLines(usage(v), false) + `THPeligible:    ${'0'.padStart(8)}\n` + vmFlags(v)).join('');
}

export function smapsRollup(c: Ctx): string | typeof ESRCH {
  const p = processByPid(c.k, c.pid);
  if (p === null) return ESRCH;
  const vs = p.vm.vmas;
  if (vs.length === 0) return '';
  const sum: Usage = { rss: 0, anon: 0, file: 0, shmem: 0 };
  for (const v of vs) { const u = usage(v); sum.rss += u.rss; sum.anon += u.anon; sum.file += u.file; sum.shmem += u.shmem; }
  const head = mapsLine(c.k, { start: vs[0].start, end: vs[vs.length - 1].end, prot: 0, shared: false, offset: 0, name: '[rollup]', rssPages: 0 });
  return head + usageLines(sum, true);
}

/** Memory totals in pages and kB shared by status, statm and stat. */
export function memTotals(p: ProcessSnapshot) {
  let anon = 0, file = 0, shmem = 0, data = 0, stack = 0, exec = 0;
  const tables = new Set<number>();
  for (const v of p.vm.vmas) {
    const u = usage(v);
    anon += u.anon; file += u.file; shmem += u.shmem;
    const size = (v.end - v.start) / 1024;
    if (isStack(v)) stack += size;
    else if (!v.shared && (v.prot & 2)) data += size;
    else if ((v.prot & 4) && !(v.prot & 2)) exec += size;
    if (v.rssPages > 0) for (let a = Math.floor(v.start / 2097152); a <= Math.floor((v.end - 1) / 2097152); a++) tables.add(a);
  }
  const l = p.vm.layout;
  const text = l.endCode > l.startCode ? (Math.ceil(l.endCode / PAGE_SIZE) * PAGE_SIZE - Math.floor(l.startCode / PAGE_SIZE) * PAGE_SIZE) / 1024 : 0;
  return {
    sizeKb: p.vm.sizeBytes / 1024, rssKb: anon + file + shmem, anonKb: anon, fileKb: file, shmemKb: shmem,
    dataKb: data, stackKb: stack, textKb: text, libKb: Math.max(0, exec - text),
    // One leaf table per 2 MiB region in use, plus the upper levels.
    pteKb: tables.size > 0 ? (tables.size + 2) * 4 : 0,
  };
}

export function statm(c: Ctx): string | typeof ESRCH {
  const p = processByPid(c.k, c.pid);
  if (p === null) return ESRCH;
  const m = memTotals(p);
  const pg = (kb: number): number => Math.floor(kb / 4);
  return `${pg(m.sizeKb)} ${pg(m.rssKb)} ${pg(m.fileKb + m.shmemKb)} ${pg(m.textKb)} 0 ${pg(m.dataKb + m.stackKb)} 0\n`;
}

/** /proc/[pid]/mem: the file offset is the address; holes give EIO (when nothing was transferred). */
export const mem: RawNode = {
  kind: 'raw', mode: 0o600, ptrace: true,
  access: (c, buf, pos, write) => accessProcessMemory(c.k, c.pid, pos, buf, write),
};

export const mapsNode = ro(maps, 0o444, true);
export const smapsNode = ro(smaps, 0o444, true);
export const smapsRollupNode = ro(smapsRollup, 0o444, true);
export const statmNode = ro(statm);
