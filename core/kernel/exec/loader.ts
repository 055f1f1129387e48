// execve's mechanism (Linux fs/exec.c + binfmt_elf.c + binfmt_script.c):
// resolves the file, runs `#!` scripts through their interpreter, loads a
// static ELF (ET_EXEC, or ET_DYN without PT_INTERP: static-PIE) into a fresh
// address space, maps the vDSO and the stack, builds the initial stack, and
// only then commits: the old address space goes, other threads die,
// close-on-exec fds close, registers reset. Failures before the commit leave
// the caller untouched and come back as Errno values.
import { Errno, EACCES, ELOOP, ENOENT, ENOEXEC, ENOMEM } from '../../abi/errno.js';
import {
  AT_BASE, AT_EGID, AT_ENTRY, AT_EUID, AT_EXECFN, AT_FLAGS, AT_GID, AT_HWCAP, AT_MINSIGSTKSZ, AT_PAGESZ, AT_PHDR,
  AT_PHENT, AT_PHNUM, AT_RANDOM, AT_SECURE, AT_SYSINFO_EHDR, AT_UID, AT_CLKTCK, HWCAP_RV64GC, RLIMIT_STACK,
} from '../../abi/linux.js';
import { EM_RISCV, ET_DYN, ET_EXEC, PT_LOAD, PT_INTERP, PT_PHDR, PT_GNU_STACK, PF_X, PF_W, PF_R, type ElfHeader, type ProgramHeader } from '../../lib/elf.js';
import { AddressSpace, TASK_SIZE, pageDown, pageUp, protToPte } from '../mm/mm.js';
import { PGSIZE } from '../mm/frames.js';
import { VM_GROWSDOWN } from '../mm/vma.js';
import type { Kernel } from '../kernel.js';
import type { Task } from '../task.js';
import { Inode, permission } from '../fs/inode.js';
import { cacheOf } from '../fs/regfile.js';
import type { PageCache } from '../fs/pagecache.js';
import { buildStack, checkArgSize, toBytes } from './stack.js';
import { exitThread, releaseMm } from '../proc.js';
import { TaskState } from '../task.js';
import { fireProbe, probesEnabled } from '../module/hooks.js';

/** Where a static-PIE is loaded (Linux riscv64: 2/3 of the user address space). */
export const ELF_ET_DYN_BASE = pageDown(Math.floor(TASK_SIZE / 3) * 2);
/** sizeof(struct rt_sigframe) on riscv64 (siginfo 128 + ucontext 960), Linux's AT_MINSIGSTKSZ. */
export const MINSIGSTKSZ_RISCV = 1088;

export interface ExecRequest { path: string; argv: Uint8Array[]; envp: Uint8Array[] }

/** Hook for the signals issue: reset handlers to default at exec (called after the commit). */
export const execHooks: { onExec: ((k: Kernel, t: Task) => void) | null } = { onExec: null };

const dec = new TextDecoder();

/** Resolves an executable: the inode and its page cache, or ENOENT/EACCES/... */
function openExec(k: Kernel, t: Task, path: string): { ino: Inode; cache: PageCache; path: string } | Errno {
  if ((path === '/proc/self/exe' || path === `/proc/${t.proc.pid}/exe`) && !k.vfs.types.has('proc')) path = t.proc.exe;
  const p = k.vfs.resolve(t, path);
  if (p instanceof Errno) return p;
  const ino = p.ino;
  if (!ino.isReg) return EACCES;
  if (p.mnt.flags & 8 /* MS_NOEXEC */) return EACCES;
  // Root still needs an x bit somewhere (permission() handles the bypass).
  const e = permission(ino, t.proc.cred, 1);
  if (e !== 0) return e;
  // Exec through /proc/self/exe must record the file itself, or /proc/self/exe would point at itself.
  const viaProc = path === '/proc/self/exe' || path === `/proc/${t.proc.pid}/exe`;
  const abs = viaProc && t.proc.exe !== '' ? t.proc.exe
    : path.startsWith('/') ? path : k.vfs.pathOf(k.vfs.cwdOf(t)).replace(/\/$/, '') + '/' + path;
  return { ino, cache: cacheOf(k, ino), path: abs };
}

/** Bytes [off, off+len) of the file through its page cache (zeros past EOF). */
function fileBytes(cache: PageCache, off: number, len: number): Uint8Array {
  const b = new Uint8Array(len);
  cache.read(off, b);
  return b;
}

interface ExecHeaders { header: ElfHeader; phs: ProgramHeader[] }

/**
 * The ELF header and program headers, read from the file (binfmt_elf's
 * kernel_read of the headers; the rest of the file is never read here):
 * ENOEXEC for another machine or class, a truncated header or a loadable
 * segment past the end of the file (section headers are not looked at, and
 * non-loadable segments such as RISCV_ATTRIBUTES may point anywhere).
 */
function readExecHeaders(cache: PageCache, head: Uint8Array, size: number): ExecHeaders | Errno {
  if (head.length < 64 || head[0] !== 0x7f || head[1] !== 0x45 || head[2] !== 0x4c || head[3] !== 0x46 || head[4] !== 2 || head[5] !== 1) return ENOEXEC;
  const v = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const u64 = (d: DataView, o: number): number => d.getUint32(o + 4, true) * 0x1_0000_0000 + d.getUint32(o, true);
  const header: ElfHeader = {
    type: v.getUint16(16, true), machine: v.getUint16(18, true), version: v.getUint32(20, true),
    entry: u64(v, 24), phoff: u64(v, 32), shoff: u64(v, 40), flags: v.getUint32(48, true),
    ehsize: v.getUint16(52, true), phentsize: v.getUint16(54, true), phnum: v.getUint16(56, true),
    shentsize: v.getUint16(58, true), shnum: v.getUint16(60, true), shstrndx: v.getUint16(62, true), osabi: head[7],
  };
  if (header.machine !== EM_RISCV || (header.phnum > 0 && header.phentsize < 56)) return ENOEXEC;
  const tableEnd = header.phoff + header.phnum * header.phentsize;
  if (tableEnd > size) return ENOEXEC;
  const tb = tableEnd <= head.length ? head : fileBytes(cache, 0, tableEnd);
  const t = tb === head ? v : new DataView(tb.buffer);
  const phs: ProgramHeader[] = [];
  for (let i = 0; i < header.phnum; i++) {
    const o = header.phoff + i * header.phentsize;
    const ph: ProgramHeader = {
      type: t.getUint32(o, true), flags: t.getUint32(o + 4, true), offset: u64(t, o + 8), vaddr: u64(t, o + 16),
      paddr: u64(t, o + 24), filesz: u64(t, o + 32), memsz: u64(t, o + 40), align: u64(t, o + 48),
    };
    if ((ph.type === PT_LOAD || ph.type === PT_INTERP) && ph.offset + ph.filesz > size) return ENOEXEC;
    if (ph.type === PT_LOAD && ph.filesz > ph.memsz) return ENOEXEC;
    phs.push(ph);
  }
  return { header, phs };
}

/** Performs execve for t. Returns 0 when t now runs the new image, or an Errno (t untouched). */
export function execve(k: Kernel, t: Task, req: ExecRequest, depth = 0): 0 | Errno {
  const sz = checkArgSize(req.argv, req.envp);
  if (sz !== 0) return sz;
  const f = openExec(k, t, req.path);
  if (!(typeof f === 'object' && 'cache' in f)) return f;
  // Only the first page is read: the `#!` line or the ELF headers. Segments come from the page cache.
  const size = f.ino.size;
  const bytes = fileBytes(f.cache, 0, Math.min(size, PGSIZE));
  if (bytes.length >= 2 && bytes[0] === 0x23 && bytes[1] === 0x21) {
    if (depth >= 4) return ELOOP;
    const nl = bytes.indexOf(10);
    const line = dec.decode(bytes.subarray(2, nl < 0 ? Math.min(bytes.length, 256) : Math.min(nl, 256))).trim();
    if (line.length === 0) return ENOEXEC;
    const sp = line.search(/[ \t]/);
    const interp = sp < 0 ? line : line.slice(0, sp);
    const arg = sp < 0 ? '' : line.slice(sp).trim();
    const argv = [toBytes(interp), ...(arg ? [toBytes(arg)] : []), toBytes(req.path), ...req.argv.slice(1)];
    return execve(k, t, { path: interp, argv, envp: req.envp }, depth + 1);
  }
  const elf = readExecHeaders(f.cache, bytes, size);
  if (elf instanceof Errno) return elf;
  const h = elf.header;
  if (h.type !== ET_EXEC && h.type !== ET_DYN) return ENOEXEC;
  if (elf.phs.some((p) => p.type === PT_INTERP)) {
    const ph = elf.phs.find((p) => p.type === PT_INTERP)!;
    const interp = dec.decode(fileBytes(f.cache, ph.offset, Math.min(ph.filesz, PGSIZE))).replace(/\0.*$/s, '');
    k.printk(`exec ${f.path}: dynamically linked (interpreter ${interp}) programs are not supported`);
    return k.rootfs.lookup(interp, '/') instanceof Inode ? ENOEXEC : ENOENT;
  }
  const loads = elf.phs.filter((p) => p.type === PT_LOAD);
  if (loads.length === 0) return ENOEXEC;
  if (k.frames.freeCount < 16) return ENOMEM;

  let mm: AddressSpace;
  try { mm = k.newAddressSpace(); } catch { return ENOMEM; }
  const fail = (e: Errno): Errno => { mm.destroy(); return e; };
  const bias = h.type === ET_DYN ? ELF_ET_DYN_BASE + k.aslrRandom(1 << 16) * PGSIZE : 0;
  const name = f.path;
  const ram = k.frames.ram;
  let hiEnd = 0;
  const lay = mm.layout;
  lay.startCode = Infinity; lay.startData = Infinity;
  for (const ph of loads) {
    const prot = (ph.flags & PF_R ? 1 : 0) | (ph.flags & PF_W ? 2 : 0) | (ph.flags & PF_X ? 4 : 0);
    const segStart = bias + ph.vaddr, segEnd = segStart + ph.memsz;
    if (segEnd > TASK_SIZE || ph.memsz > TASK_SIZE) return fail(ENOEXEC);
    let start = pageDown(segStart);
    const end = pageUp(segEnd);
    hiEnd = Math.max(hiEnd, segEnd);
    if (ph.flags & PF_X) { lay.startCode = Math.min(lay.startCode, segStart); lay.endCode = Math.max(lay.endCode, segStart + ph.filesz); }
    else { lay.startData = Math.min(lay.startData, segStart); lay.endData = Math.max(lay.endData, segStart + ph.filesz); }
    while (start < end && mm.findVma(start) !== null) start += PGSIZE; // page shared with the previous segment
    // Read-only segments map the file's page cache (shared with every process running this
    // file, and with the hart's decoded code); writable ones get private copies below.
    const alone = !loads.some((o) => o !== ph && pageDown(bias + o.vaddr) < end && pageUp(bias + o.vaddr + o.memsz) > start);
    if (!(ph.flags & PF_W) && alone && start === pageDown(segStart) && ph.filesz === ph.memsz && (segStart - ph.offset) % PGSIZE === 0) {
      const r = mm.map(start, end - start, prot, false, f.cache, pageDown(ph.offset) / PGSIZE, name, true);
      if (typeof r !== 'number') return fail(r);
      continue;
    }
    if (start < end) {
      const r = mm.map(start, end - start, prot, false, null, 0, name, true);
      if (typeof r !== 'number') return fail(r);
    }
    // Copy the file bytes page by page from the page cache into fresh frames (the rest is zero: bss).
    const fileEnd = segStart + ph.filesz;
    for (let page = pageDown(segStart); page < end; page += PGSIZE) {
      let pte = mm.pt.lookup(page);
      let pa: number;
      if (pte === -1) {
        pa = k.frames.alloc();
        if (pa === -1 || !mm.pt.map(page, pa, protToPte(prot))) return fail(ENOMEM);
        mm.rss++;
      } else pa = mm.pt.ptePa(pte);
      const from = Math.max(page, segStart), to = Math.min(page + PGSIZE, fileEnd);
      if (to > from) { const o = pa - ram.base + (from - page); f.cache.read(ph.offset + (from - segStart), ram.u8.subarray(o, o + (to - from))); }
    }
  }
  const execStack = elf.phs.find((p) => p.type === PT_GNU_STACK)?.flags ?? PF_R | PF_W;
  // brk starts at the page after bss (randomized up to 32 MiB with ASLR).
  mm.brkStart = mm.brk = pageUp(hiEnd) + k.aslrRandom(8192) * PGSIZE;
  // Stack at the top of user space (randomized down up to 1 GiB), mmap area below it.
  const stackLimit = Math.min(Math.max(t.proc.rlimits[RLIMIT_STACK][0] < 0 ? 8 << 20 : t.proc.rlimits[RLIMIT_STACK][0], 128 << 10), 256 << 20);
  const stackTop = TASK_SIZE - k.aslrRandom(1 << 18) * PGSIZE - PGSIZE;
  const sr = mm.map(stackTop - stackLimit, stackLimit, execStack & PF_X ? 7 : 3, false, null, 0, '[stack]', true, false, VM_GROWSDOWN);
  if (typeof sr !== 'number') return fail(sr);
  mm.stackTop = stackTop;
  mm.mmapBase = pageDown(stackTop - stackLimit - (128 << 20) - k.aslrRandom(1 << 18) * PGSIZE);
  const vdsoBase = mm.map(0, k.vdso.size, 5, true, k.vdso, 0, '[vdso]', false);
  if (typeof vdsoBase !== 'number') return fail(vdsoBase);

  const phdrPh = elf.phs.find((p) => p.type === PT_PHDR);
  const first = loads[0];
  const phdrAddr = phdrPh !== undefined ? bias + phdrPh.vaddr : bias + first.vaddr - first.offset + h.phoff;
  const c = t.proc.cred;
  const random = new Uint8Array(16);
  k.randomBytes(random);
  const aux: [number, number][] = [
    [AT_SYSINFO_EHDR, vdsoBase], [AT_MINSIGSTKSZ, MINSIGSTKSZ_RISCV], [AT_HWCAP, HWCAP_RV64GC], [AT_PAGESZ, PGSIZE],
    [AT_CLKTCK, 100], [AT_PHDR, phdrAddr], [AT_PHENT, 56], [AT_PHNUM, h.phnum], [AT_BASE, 0], [AT_FLAGS, 0],
    [AT_ENTRY, bias + h.entry], [AT_UID, c.uid], [AT_EUID, c.euid], [AT_GID, c.gid], [AT_EGID, c.egid],
    [AT_SECURE, 0], [AT_RANDOM, -1], [AT_EXECFN, -1],
  ];
  const layout = buildStack(mm, stackTop, req.argv, req.envp, toBytes(req.path), random, aux);
  if (layout instanceof Errno) return fail(layout);
  if (lay.startCode === Infinity) lay.startCode = 0;
  if (lay.startData === Infinity) lay.startData = 0;
  Object.assign(lay, { startStack: layout.sp, argStart: layout.argStart, argEnd: layout.argEnd, envStart: layout.envStart, envEnd: layout.envEnd });
  mm.auxv = aux.map(([a, v]): [number, number] => [a, a === AT_RANDOM ? layout.random : a === AT_EXECFN ? layout.execfn : v]);

  // ---- point of no return ----
  const p = t.proc;
  for (const o of [...p.threads]) if (o !== t) { o.clearChildTid = 0; exitThread(k, o, 0); }
  if (t.tid !== p.pid) { k.tasks.delete(t.tid); t.tid = p.pid; k.tasks.set(t.tid, t); } // de_thread: the exec'ing thread becomes the leader
  const wasCurrent = k.current === t;
  releaseMm(k, p);
  p.mm = mm;
  if (wasCurrent) k.current = t;
  if (p.vforkDone) { p.vforkDone.wakeAll(); p.vforkDone = null; }
  p.files.closeOnExec();
  p.exe = f.path;
  p.comm = f.path.slice(f.path.lastIndexOf('/') + 1).slice(0, 15);
  p.argv = req.argv.map((a) => dec.decode(a));
  p.envp = req.envp.map((a) => dec.decode(a));
  t.clearChildTid = 0;
  t.robustList = 0;
  t.restart = null;
  const x = k.regsOf(t);
  x.fill(0);
  x[4] = layout.sp | 0; x[5] = Math.floor(layout.sp / 4294967296) | 0;
  k.setPc(t, bias + h.entry);
  if (wasCurrent) {
    k.ctl.fpI32.fill(0);
    k.ctl.setFcsr(0, 0);
    const [lo, hi] = mm.pt.satp();
    k.ctl.setSatp(lo, hi);
  } else { t.fregs.fill(0); t.fflags = 0; t.frm = 0; }
  t.state = t.state === TaskState.DEAD ? TaskState.DEAD : t.state;
  execHooks.onExec?.(k, t);
  if (probesEnabled.any) fireProbe(k, 'sched:sched_process_exec', t, [t.proc.pid, t.tid]);
  return 0;
}
