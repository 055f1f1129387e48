// bpf(2) (Linux kernel/bpf/syscall.c): commands by Linux number, union bpf_attr
// read at Linux's offsets (copied in up to `size` bytes, the rest zero).
// Maps and programs are fds over refcounted objects (core/kernel/bpf/objects.ts);
// PROG_LOAD runs the verifier with the program type's rules and copies its log
// out as Linux does (truncated to log_size-1 bytes plus NUL; ENOSPC when a
// successful load's log did not fit); lddw map references (src 1 = map fd,
// src 2 = map value) are resolved at load. PROG_TEST_RUN runs a program on a
// context given by the caller. Attachment to hooks is BPF_RAW_TRACEPOINT_OPEN
// (see core/kernel/bpf/README.md).
import {
  E2BIG, EACCES, EBADF, EEXIST, EFAULT, EINVAL, ENOENT, ENOSPC, EPERM, EBUSY, type Errno,
} from '../abi/errno.js';
import type { SyscallResult } from '../kernel/syscall.js';
import type { Task } from '../kernel/task.js';
import { copyIn, copyOut, copyInString } from '../kernel/mm/uaccess.js';
import {
  BpfMapObj, BpfProgObj, BpfState, asLink, asMap, asProg, bpfState, linkFile, mapFile, progFile, registerMap, registerProg,
} from '../kernel/bpf/objects.js';
import { MAP_HANDLE_HI, runProg, valueMapAddresses } from '../kernel/bpf/runtime.js';
import { ensureTracePipe } from '../kernel/bpf/trace.js';
import { attachRawTracepoint } from '../kernel/bpf/attach.js';
import {
  BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, LDDW, createMap, decodeProgram, prepare, progTypeById, verify, compile,
  type MapDef,
} from '../../verifier/index.js';
import { int, isErr } from './util.js';

export const BPF_MAP_CREATE = 0, BPF_MAP_LOOKUP_ELEM = 1, BPF_MAP_UPDATE_ELEM = 2, BPF_MAP_DELETE_ELEM = 3;
export const BPF_MAP_GET_NEXT_KEY = 4, BPF_PROG_LOAD = 5, BPF_OBJ_PIN = 6, BPF_OBJ_GET = 7, BPF_PROG_TEST_RUN = 10, BPF_PROG_GET_NEXT_ID = 11;
export const BPF_MAP_GET_NEXT_ID = 12, BPF_PROG_GET_FD_BY_ID = 13, BPF_MAP_GET_FD_BY_ID = 14;
export const BPF_OBJ_GET_INFO_BY_FD = 15, BPF_RAW_TRACEPOINT_OPEN = 17, BPF_MAP_FREEZE = 22;
const BPF_F_RDONLY = 1 << 3, BPF_F_WRONLY = 1 << 4;
const O_CLOEXEC_INSTALL = true;
const ATTR_MAX = 144;
const LOG_MIN = 128;

/** Reads union bpf_attr: `size` bytes from user memory, zero beyond. */
function readAttr(t: Task, va: number, size: number): DataView | Errno {
  if (size < 0) return EINVAL;
  const n = Math.min(size, ATTR_MAX);
  const b = new Uint8Array(ATTR_MAX);
  if (n > 0) {
    const r = copyIn(t.mm, va, n);
    if (isErr(r)) return r;
    b.set(r);
  }
  return new DataView(b.buffer);
}
const u32 = (d: DataView, o: number): number => d.getUint32(o, true);
const u64 = (d: DataView, o: number): number => d.getUint32(o + 4, true) * 4294967296 + d.getUint32(o, true);
const cstr = (d: DataView, o: number, n: number): string => {
  const b = new Uint8Array(d.buffer, o, n), z = b.indexOf(0);
  return new TextDecoder().decode(b.subarray(0, z < 0 ? n : z));
};

function fdMap(t: Task, fd: number): BpfMapObj | Errno {
  const f = t.proc.files.get(fd);
  if (isErr(f)) return f;
  return asMap(f) ?? EINVAL;
}
function fdProg(t: Task, fd: number): BpfProgObj | Errno {
  const f = t.proc.files.get(fd);
  if (isErr(f)) return f;
  return asProg(f) ?? EINVAL;
}
const isRoot = (t: Task): boolean => t.proc.cred.euid === 0;

function mapCreate(t: Task, d: DataView): SyscallResult {
  const def: MapDef = { type: u32(d, 0), keySize: u32(d, 4), valueSize: u32(d, 8), maxEntries: u32(d, 12), flags: u32(d, 16), name: cstr(d, 28, 16) };
  const r = createMap(def);
  if (!r.ok) return EINVAL;
  const s = bpfState(t.kernel);
  const m = new BpfMapObj(s.newMapId(), r.map, def, def.name ?? '', t.proc.cred.uid);
  registerMap(t.kernel, m);
  const fd = t.proc.files.install(mapFile(m), O_CLOEXEC_INSTALL);
  if (isErr(fd)) s.putMap(m);
  return fd;
}

function mapElem(t: Task, cmd: number, d: DataView): SyscallResult {
  const m = fdMap(t, u32(d, 0));
  if (isErr(m)) return m;
  const def = m.map.def, keyVa = u64(d, 8), valVa = u64(d, 16), flags = u64(d, 24);
  if (cmd === BPF_MAP_GET_NEXT_KEY) {
    let key: Uint8Array | null = null;
    if (keyVa !== 0) { const k = copyIn(t.mm, keyVa, def.keySize); if (isErr(k)) return k; key = k; }
    const next = m.map.getNextKey(key);
    return next === null ? ENOENT : copyOut(t.mm, valVa, next);
  }
  const key = copyIn(t.mm, keyVa, def.keySize);
  if (isErr(key)) return key;
  if (cmd === BPF_MAP_LOOKUP_ELEM) {
    if ((def.flags ?? 0) & BPF_F_WRONLY) return EPERM;
    const v = m.map.lookup(key);
    return v === null ? ENOENT : copyOut(t.mm, valVa, v);
  }
  if (m.frozen || ((def.flags ?? 0) & BPF_F_RDONLY)) return EPERM;
  if (cmd === BPF_MAP_DELETE_ELEM) return errnoOf(m.map.delete(key));
  const val = copyIn(t.mm, valVa, def.valueSize);
  if (isErr(val)) return val;
  return errnoOf(m.map.update(key, val, flags));
}

const ERRNOS: Record<number, Errno> = { 1: EPERM, 2: ENOENT, 7: E2BIG, 12: ENOSPC, 14: EFAULT, 16: EBUSY, 17: EEXIST, 22: EINVAL };
function errnoOf(r: number): SyscallResult {
  if (r >= 0) return 0;
  return ERRNOS[-r] ?? EINVAL;
}

/** Writes the verifier log to log_buf as Linux: at most log_size-1 bytes and a NUL; true if it was cut. */
function copyLog(t: Task, buf: number, size: number, text: string): boolean | Errno {
  const bytes = new TextEncoder().encode(text.endsWith('\n') || text === '' ? text : text + '\n');
  const n = Math.min(bytes.length, size - 1);
  const out = new Uint8Array(n + 1);
  out.set(bytes.subarray(0, n));
  const r = copyOut(t.mm, buf, out);
  return isErr(r) ? r : bytes.length > n;
}

function progLoad(t: Task, d: DataView): SyscallResult {
  const type = u32(d, 0), cnt = u32(d, 4), insnsVa = u64(d, 8), licenseVa = u64(d, 16);
  const logLevel = u32(d, 24), logSize = u32(d, 28), logBuf = u64(d, 32), name = cstr(d, 48, 16);
  if (logLevel !== 0 && (logBuf === 0 || logSize < LOG_MIN || logSize > 0x3fffffff)) return EINVAL;
  if (logLevel & ~7) return EINVAL;
  if (logLevel === 0 && (logBuf !== 0 || logSize !== 0)) return EINVAL;
  if (cnt === 0 || cnt > 1_000_000) return E2BIG;
  const pt = progTypeById(type);
  if (pt === undefined) return EINVAL;
  const priv = isRoot(t);
  if (!priv && !pt.unprivileged) return EPERM;
  const license = licenseVa !== 0 ? copyInString(t.mm, licenseVa, 128) : '';
  if (isErr(license)) return license;
  const raw = copyIn(t.mm, insnsVa, cnt * 8);
  if (isErr(raw)) return raw;
  const dec = decodeProgram(raw);
  // Map references: lddw src 1/2 names a map fd; the verifier sees the maps indexed by that fd.
  const maps: MapDef[] = [];
  const used = new Map<number, BpfMapObj>();
  if (dec.ok) {
    for (const i of dec.value) {
      if (i.opcode !== LDDW || (i.src !== BPF_PSEUDO_MAP_FD && i.src !== BPF_PSEUDO_MAP_VALUE)) continue;
      const m = fdMap(t, i.imm);
      if (isErr(m)) return m === EINVAL ? EINVAL : EBADF;
      used.set(i.imm, m);
      maps[i.imm] = m.frozen && m.def.type === 2 ? { ...m.def, frozen: m.map.lookup(new Uint8Array(4))?.slice() ?? undefined } : m.def;
    }
  }
  const v = verify(raw, { progType: pt, maps, privileged: priv, logLevel });
  if (!v.ok) {
    if (logLevel !== 0) { const c = copyLog(t, logBuf, logSize, v.log); if (isErr(c)) return c; }
    return v.code === 'E_TOO_COMPLEX' ? E2BIG : v.code === 'E_MALFORMED' || v.code === 'E_BAD_PROG_TYPE' ? EINVAL : EACCES;
  }
  let cut = false;
  if (logLevel !== 0) {
    const text = `${v.stats.log}${v.stats.log ? '\n' : ''}processed ${v.stats.processed} insns (limit 1000000) max_states_per_insn 0 total_states ${v.stats.states} peak_states ${v.stats.peakStates} mark_read 0`;
    const c = copyLog(t, logBuf, logSize, text);
    if (isErr(c)) return c;
    cut = c;
  }
  if (!dec.ok) return EINVAL;
  // Global data (src 2): the map's value is mapped at a fixed address of the program's space (runtime.ts).
  const valueMaps = [...new Set(dec.value.filter((i) => i.opcode === LDDW && i.src === BPF_PSEUDO_MAP_VALUE).map((i) => used.get(i.imm)!))];
  const addrs = valueMapAddresses(valueMaps);
  const prep = prepare(dec.value, (_pc, src, imm, imm2) => {
    const m = used.get(imm);
    if (m === undefined) return null;
    if (src === BPF_PSEUDO_MAP_FD) return (BigInt(MAP_HANDLE_HI) << 32n) | BigInt(m.id);
    return BigInt(addrs[valueMaps.indexOf(m)] + imm2);
  });
  if (!prep.ok) return EINVAL;
  const jit = compile(prep.value, { budget: false });
  const s = bpfState(t.kernel);
  const uniq = [...new Set(used.values())];
  for (const m of uniq) m.refs++;
  const p = new BpfProgObj(s.newProgId(), type, name, raw, uniq, prep.value, jit.ok ? jit.value : null, t.kernel.monotonicNs(), t.proc.cred.uid, valueMaps);
  registerProg(t.kernel, p);
  void license;
  const fd = t.proc.files.install(progFile(p), O_CLOEXEC_INSTALL);
  if (isErr(fd)) { s.putProg(p); return fd; }
  if (cut) { t.proc.files.close(fd); return ENOSPC; }
  return fd;
}

function getNextId(t: Task, d: DataView, va: number, ids: Iterable<number>): SyscallResult {
  if (!isRoot(t)) return EPERM;
  const next = BpfState.nextId(ids, u32(d, 0));
  if (next < 0) return ENOENT;
  const b = new Uint8Array(4);
  new DataView(b.buffer).setUint32(0, next, true);
  return copyOut(t.mm, va + 4, b);
}

function getFdById(t: Task, d: DataView, prog: boolean): SyscallResult {
  if (!isRoot(t)) return EPERM;
  const s = bpfState(t.kernel), id = u32(d, 0);
  if (prog) {
    const p = s.progs.get(id);
    if (p === undefined) return ENOENT;
    p.refs++;
    const fd = t.proc.files.install(progFile(p), true);
    if (isErr(fd)) s.putProg(p);
    return fd;
  }
  const m = s.maps.get(id);
  if (m === undefined) return ENOENT;
  m.refs++;
  const fd = t.proc.files.install(mapFile(m), true);
  if (isErr(fd)) s.putMap(m);
  return fd;
}

function putName(dv: DataView, off: number, name: string): void {
  const b = new TextEncoder().encode(name.slice(0, 15));
  for (let i = 0; i < b.length; i++) dv.setUint8(off + i, b[i]);
}

/** struct bpf_prog_info / bpf_map_info, the fields we know; info_len is written back as Linux does. */
function objInfo(t: Task, d: DataView, va: number): SyscallResult {
  const f = t.proc.files.get(u32(d, 0));
  if (isErr(f)) return f;
  const infoLen = u32(d, 4), infoVa = u64(d, 8);
  const p = asProg(f), m = asMap(f);
  let out: Uint8Array;
  if (p !== null) {
    out = new Uint8Array(228);
    const w = new DataView(out.buffer);
    w.setUint32(0, p.type, true); w.setUint32(4, p.id, true);
    w.setUint32(16, p.jit ? p.insns.length : 0, true); w.setUint32(20, p.insns.length, true);
    const lt = Math.round(p.loadTimeNs);
    w.setUint32(40, lt % 4294967296, true); w.setUint32(44, Math.floor(lt / 4294967296), true);
    w.setUint32(48, p.uid, true); w.setUint32(52, p.maps.length, true);
    putName(w, 64, p.name);
    // map_ids: written to the user's array if it gave one (nr_map_ids at 52, map_ids at 56).
    if (infoLen >= 64) {
      const ui = copyIn(t.mm, infoVa, 64);
      if (!isErr(ui)) {
        const uv = new DataView(ui.buffer, ui.byteOffset), nr = uv.getUint32(52, true), arr = uv.getUint32(56, true) + uv.getUint32(60, true) * 4294967296;
        if (arr !== 0 && nr > 0) {
          const ids = new Uint8Array(4 * Math.min(nr, p.maps.length));
          for (let k = 0; k < ids.length / 4; k++) new DataView(ids.buffer).setUint32(k * 4, p.maps[k].id, true);
          const r = copyOut(t.mm, arr, ids); if (isErr(r)) return r;
          w.setUint32(56, arr % 4294967296, true); w.setUint32(60, Math.floor(arr / 4294967296), true);
        }
      }
    }
    w.setBigUint64(88, BigInt(p.runCount), true); // run_cnt (run_time_ns at 80 stays 0)
  } else if (m !== null) {
    out = new Uint8Array(96);
    const w = new DataView(out.buffer), def = m.def;
    w.setUint32(0, def.type, true); w.setUint32(4, m.id, true); w.setUint32(8, def.keySize, true);
    w.setUint32(12, def.valueSize, true); w.setUint32(16, def.maxEntries, true); w.setUint32(20, def.flags ?? 0, true);
    putName(w, 24, m.name);
  } else return EINVAL;
  const n = Math.min(infoLen, out.length);
  const r = copyOut(t.mm, infoVa, out.subarray(0, n));
  if (isErr(r)) return r;
  const b = new Uint8Array(4); new DataView(b.buffer).setUint32(0, n, true);
  return copyOut(t.mm, va + 4, b);
}

function testRun(t: Task, d: DataView, va: number): SyscallResult {
  const p = fdProg(t, u32(d, 0));
  if (isErr(p)) return p;
  const sizeIn = u32(d, 8), dataIn = u64(d, 16), ctxSizeIn = u32(d, 40), ctxIn = u64(d, 48), ctxOut = u64(d, 56), ctxSizeOut = u32(d, 44);
  const repeat = Math.max(1, u32(d, 32));
  const inVa = ctxSizeIn > 0 ? ctxIn : dataIn, inSize = ctxSizeIn > 0 ? ctxSizeIn : sizeIn;
  const pt = progTypeById(p.type)!;
  const ctx = new Uint8Array(Math.max(pt.ctxSize, inSize));
  if (inSize > 0) { const c = copyIn(t.mm, inVa, Math.min(inSize, 1 << 16)); if (isErr(c)) return c; ctx.set(c); }
  let r0 = 0n;
  for (let k = 0; k < Math.min(repeat, 1000); k++) {
    const r = runProg(t.kernel, p, t, ctx, true);
    if (!r.ok) { t.kernel.printk(`bpf: prog ${p.id} run failed: ${r.error}`); return EFAULT; }
    r0 = r.r0;
  }
  const rv = new Uint8Array(4); new DataView(rv.buffer).setUint32(0, Number(r0 & 0xffffffffn), true);
  const w = copyOut(t.mm, va + 4, rv);
  if (isErr(w)) return w;
  if (ctxOut !== 0 && ctxSizeOut > 0) { const c = copyOut(t.mm, ctxOut, ctx.subarray(0, Math.min(ctxSizeOut, ctx.length))); if (isErr(c)) return c; }
  return 0;
}

/** nodix: BPF_OBJ_PIN with this file_flags bit removes the pin (Linux unlinks the bpffs file). */
export const BPF_F_NODIX_UNPIN = 1 << 30;

/** BPF_OBJ_PIN / BPF_OBJ_GET: pathname at 0, bpf_fd at 8, file_flags at 12. Pins live in a kernel table, not a filesystem. */
function objPin(t: Task, d: DataView, get: boolean): SyscallResult {
  if (!isRoot(t)) return EPERM;
  const path = copyInString(t.mm, u64(d, 0), 4096);
  if (isErr(path)) return path;
  const s = bpfState(t.kernel), flags = u32(d, 12);
  if (get) {
    const o = s.pins.get(path);
    if (o === undefined) return ENOENT;
    if (o instanceof BpfMapObj) { o.refs++; return t.proc.files.install(mapFile(o), true); }
    if (o instanceof BpfProgObj) { o.refs++; return t.proc.files.install(progFile(o), true); }
    return t.proc.files.install(linkFile(o.get()), true);
  }
  if (flags & BPF_F_NODIX_UNPIN) {
    const o = s.pins.get(path);
    if (o === undefined) return ENOENT;
    s.pins.delete(path);
    if (o instanceof BpfMapObj) s.putMap(o); else if (o instanceof BpfProgObj) s.putProg(o); else o.release();
    return 0;
  }
  if (s.pins.has(path)) return EEXIST;
  const f = t.proc.files.get(u32(d, 8));
  if (isErr(f)) return f;
  const m = asMap(f), p = asProg(f), l = asLink(f);
  if (m !== null) { m.refs++; s.pins.set(path, m); } else if (p !== null) { p.refs++; s.pins.set(path, p); } else if (l !== null) { s.pins.set(path, l.get()); } else return EINVAL;
  return 0;
}

/** bpf implements Linux syscall bpf(2): bpf(cmd, attr, size). */
export function sysBpf(t: Task, a: Float64Array): SyscallResult {
  const cmd = int(a[0]), va = a[1];
  const d = readAttr(t, va, int(a[2]));
  if (isErr(d)) return d;
  const s = bpfState(t.kernel);
  ensureTracePipe(t.kernel);
  switch (cmd) {
    case BPF_MAP_CREATE: return mapCreate(t, d);
    case BPF_MAP_LOOKUP_ELEM: case BPF_MAP_UPDATE_ELEM: case BPF_MAP_DELETE_ELEM: case BPF_MAP_GET_NEXT_KEY:
      return mapElem(t, cmd, d);
    case BPF_PROG_LOAD: return progLoad(t, d);
    case BPF_OBJ_PIN: return objPin(t, d, false);
    case BPF_OBJ_GET: return objPin(t, d, true);
    case BPF_PROG_TEST_RUN: return testRun(t, d, va);
    case BPF_PROG_GET_NEXT_ID: return getNextId(t, d, va, s.progs.keys());
    case BPF_MAP_GET_NEXT_ID: return getNextId(t, d, va, s.maps.keys());
    case BPF_PROG_GET_FD_BY_ID: return getFdById(t, d, true);
    case BPF_MAP_GET_FD_BY_ID: return getFdById(t, d, false);
    case BPF_OBJ_GET_INFO_BY_FD: return objInfo(t, d, va);
    case BPF_MAP_FREEZE: {
      const m = fdMap(t, u32(d, 0));
      if (isErr(m)) return m;
      if (m.frozen) return EBUSY;
      m.frozen = true;
      return 0;
    }
    case BPF_RAW_TRACEPOINT_OPEN: {
      if (!isRoot(t)) return EPERM;
      const name = u64(d, 0) !== 0 ? copyInString(t.mm, u64(d, 0), 128) : '';
      if (isErr(name)) return name;
      const p = fdProg(t, u32(d, 8));
      if (isErr(p)) return p;
      return attachRawTracepoint(t, name, p);
    }
    default: return EINVAL;
  }
}
