// `nodix boot [--user NAME] [--memory SIZE] [--mount HOST:GUEST[:ro]]... [--deterministic] [--seed N]`
// (= `npm start`): boots the kernel with the userland image as its root filesystem,
// starts /sbin/init as pid 1 on this terminal and exits when the machine stops
// (poweroff, or `exit` in the login shell) with that status. The host terminal
// is put in raw mode for the session (the guest's line discipline echoes and
// edits) and restored on every way out: normal exit, exceptions, SIGTERM/SIGHUP.
// With stdin not a terminal the console is a plain byte stream: commands can be piped in.
import { resolve } from 'node:path';
import { boot, type PowerOff } from '../boot.js';
import { NodeHost } from '../host/node.js';
import { parseSize } from './run.js';
import { userlandBin } from './paths.js';

const USAGE = 'usage: nodix boot [--user NAME] [--memory SIZE] [--mount HOST:GUEST[:ro]]... [--deterministic] [--seed N]';

export interface BootArgs {
  user?: string;
  memory?: number;
  mounts: { host: string; guest: string; rw: boolean }[];
  deterministic: boolean;
  seed?: number;
}

/** Parses the command line; a string is the error message. */
export function parseBootArgs(argv: string[]): BootArgs | string | 'help' {
  const o: BootArgs = { mounts: [], deterministic: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (): string | undefined => argv[++i];
    if (a === '-h' || a === '--help') return 'help';
    if (a === '--user') {
      const v = val();
      if (v === undefined || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v)) return `bad --user '${v ?? ''}'`;
      o.user = v;
    } else if (a === '--memory') {
      const m = parseSize(val() ?? '');
      if (m === null) return 'bad --memory (16M..4G)';
      o.memory = m;
    } else if (a === '--mount') {
      const v = val() ?? '';
      const parts = v.split(':');
      if (parts.length < 2 || parts.length > 3 || parts[0] === '' || !parts[1].startsWith('/') || (parts[2] !== undefined && parts[2] !== 'ro' && parts[2] !== 'rw')) return `bad --mount '${v}'`;
      o.mounts.push({ host: resolve(parts[0]), guest: parts[1], rw: parts[2] !== 'ro' });
    } else if (a === '--deterministic') o.deterministic = true;
    else if (a === '--seed') {
      const v = val() ?? '';
      if (!/^\d+$/.test(v)) return `bad --seed '${v}'`;
      o.seed = Number(v);
      o.deterministic = true;
    } else return `unknown option ${a}`;
  }
  return o;
}

const SIGNALS: [NodeJS.Signals, number][] = [['SIGTERM', 15], ['SIGHUP', 1], ['SIGINT', 2], ['SIGQUIT', 3]];

export async function main(argv: string[]): Promise<number> {
  const o = parseBootArgs(argv);
  if (o === 'help') { console.log(USAGE); return 0; }
  if (typeof o === 'string') { console.error(`nodix boot: ${o}\n${USAGE}`); return 2; }
  const binDir = userlandBin();
  if (binDir === undefined) { console.error('nodix boot: userland/bin not found next to the package'); return 1; }
  const host = new NodeHost();
  // The terminal comes back in its normal mode on every exit path (NodeHost also restores it at
  // process exit, which covers uncaught exceptions); a signal ends nodix as it would a program.
  const handlers = SIGNALS.map(([name, n]) => {
    const h = (): void => { host.stopInput(); process.exit(128 + n); };
    process.on(name, h);
    return [name, h] as const;
  });
  let result: PowerOff | { error: { name: string } };
  try {
    const k = boot({ host, memory: o.memory, mounts: o.mounts, deterministic: o.deterministic, seed: o.seed, binDir });
    const envp = process.env.TERM ? [`TERM=${process.env.TERM}`] : [];
    result = await k.startInit({ args: ['once', ...(o.user !== undefined ? [`user=${o.user}`] : [])], envp });
    if (process.env.NODIX_DMESG) for (const l of k.kernel.log) console.error(l);
    if ('reason' in result && result.reason === 'deadlock') {
      console.error('nodix boot: every task sleeps and nothing can wake one');
      for (const l of k.kernel.log.slice(-20)) console.error(l);
    }
  } finally {
    host.stopInput();
    for (const [name, h] of handlers) process.off(name, h);
  }
  if ('error' in result) { console.error(`nodix boot: cannot start /sbin/init: ${result.error.name}`); return 1; }
  // Timers of guest sleepers that never fired must not keep Node alive after the machine stopped.
  setTimeout(() => process.exit(), 0).unref();
  return result.status;
}
