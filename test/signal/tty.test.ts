// Terminal job control on nodix's tty (the console is a tty when the host's
// stdin is one): SIGTTIN/SIGTTOU for background groups, EIO for ignored
// SIGTTIN and orphaned groups, TOSTOP, tcsetpgrp from the background.
// Expected results are Linux's rules (qemu-user has no terminal here).
import test from 'ava';
import { readFileSync } from 'node:fs';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { buildGuest, haveGcc, requireTools } from '../guest/harness.js';

class TermHost extends MemoryHost {
  constructor() { super('', true); }
  override startInput(_onData: (b: Uint8Array) => void): void {}
  setRawMode(_on: boolean): void {}
  windowSize(): { rows: number; cols: number } { return { rows: 24, cols: 80 }; }
}

test('background reads and writes on the controlling terminal follow Linux job control', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const host = new TermHost();
  const b = boot({ host, files: { '/bin/sig-tty': readFileSync(buildGuest('sig-tty')) } });
  const r = await b.runProgram('/bin/sig-tty', ['sig-tty']);
  t.deepEqual(r, { status: 0 });
  t.is(host.stdout(), [
    'background read: stopped by 21',
    'background read, SIGTTIN ignored: exit 5',
    'background read, SIGTTIN handled: exit 7',
    'bg write',
    'background write: exit 0',
    'background write, TOSTOP: stopped by 22',
    'tcsetpgrp from background: exit 9',
    'foreground restored',
    'orphaned background read: exit 5',
    'foreground group got SIGHUP',
    'done',
    '',
  ].join('\r\n'));
});
