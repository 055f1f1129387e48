// Formatting helpers shared by the /proc generators: Linux's seq_file idioms
// (fixed-width "Key:    value kB" lines, zero-padded hex, clock ticks), so
// each generator reads like its fs/proc/*.c counterpart.

/** USER_HZ: the unit of times in /proc/[pid]/stat and /proc/stat. */
export const USER_HZ = 100;
export const PAGE_SIZE = 4096;

/** ns → clock ticks (USER_HZ). */
export const ticks = (ns: number): number => Math.floor(ns / (1e9 / USER_HZ));

/** "Key:" padded to 16 columns then the value right-aligned in 8 and " kB" (meminfo, smaps). */
export const kbLine = (key: string, kb: number): string => `${(key + ':').padEnd(16)}${String(Math.floor(kb)).padStart(8)} kB\n`;

/** "Key:\t%8lu kB" (the Vm* lines of /proc/[pid]/status). */
export const statusKb = (key: string, kb: number): string => `${key}:\t${String(Math.floor(kb)).padStart(8)} kB\n`;

/** Lower-case hex of a non-negative number, zero-padded to `width`. */
export const hex = (n: number | bigint, width = 0): string => n.toString(16).padStart(width, '0');

/** A 64-bit signal set as 16 hex digits (status SigPnd, SigBlk...). */
export const sigset = (s: bigint): string => hex(BigInt.asUintN(64, s), 16);

/** An unsigned 64-bit value printed as Linux's %lu would (RLIM_INFINITY, -1 sentinels). */
export const u64 = (n: number): string => (n < 0 ? (BigInt.asUintN(64, BigInt(n))).toString() : String(n));

/** Fixed-point seconds with two decimals as /proc/uptime. */
export const secs2 = (ns: number): string => (Math.floor(ns / 1e7) / 100).toFixed(2);

/** Text → bytes. */
export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Bytes → text, without a single trailing newline (what writes to sysctl files carry). */
export function chomp(b: Uint8Array): string {
  const s = new TextDecoder().decode(b);
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}

/** Parses a decimal integer the way kstrtoint does for /proc writes (optional sign, one trailing newline), or null. */
export function parseIntStrict(b: Uint8Array): number | null {
  const s = chomp(b);
  if (!/^[+-]?\d{1,19}$/.test(s)) return null;
  const v = Number(s);
  return Number.isSafeInteger(v) ? v : null;
}

/** NUL-separated strings, each terminated (cmdline, environ). */
export const nulJoin = (xs: readonly string[]): string => xs.map((x) => x + '\0').join('');
