// Our sh as an interactive shell on a pseudo-terminal (python3's pty driving
// qemu-riscv64): pipeline, redirection to a file and back, ^C interrupting a
// foreground sleep (not the shell), ^Z then jobs/bg/fg, history recall with the
// up arrow, cursor editing with the left arrow, stty and tty on the terminal, and exit.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import test from 'ava';
import { bin, have, root, scratch, testWith } from './harness.js';

// python3 only drives the pty; it is not one of the required tools, so its
// absence skips this test even under NODIX_REQUIRE_TOOLS=1.
if (!have('python3')) console.log('sh-interactive skipped: python3 (the pty driver) is missing');
const t = have('python3') ? testWith('qemu-riscv64') : (test.skip as unknown as typeof test);

interface Step { send: string; expect: string; pause?: number }

function session(steps: Step[]): { failed: string | null; transcript: string } {
  const r = spawnSync('python3', [join(root, 'test', 'userland', 'pty_session.py'), JSON.stringify(steps), 'qemu-riscv64', join(bin, 'sh'), '-i'],
    { cwd: scratch('pty'), encoding: 'utf8', timeout: 240_000 });
  try { return JSON.parse(r.stdout); } catch { return { failed: `driver: ${r.stderr}`, transcript: r.stdout }; }
}

t('interactive session: pipeline, redirection, ^C, ^Z/bg/fg, history, editing', (tt) => {
  const s = session([
    { send: 'echo hello | tr a-z A-Z\r', expect: 'HELLO\\r\\n\\$ $' },
    { send: 'echo stored > f.txt; cat < f.txt\r', expect: 'stored\\r\\n\\$ $' },
    { send: 'sleep 30\r', expect: 'sleep 30\\r' },
    { send: '\x03', expect: '\\$ $', pause: 0.5 },
    { send: 'echo status=$?\r', expect: 'status=130\\r\\n\\$ $' },
    { send: 'sleep 40\r', expect: 'sleep 40\\r', },
    { send: '\x1a', expect: '\\[1\\]\\+ Stopped +sleep 40\\r\\n\\$ $', pause: 0.5 },
    { send: 'bg\r', expect: '\\[1\\] sleep 40 &\\r\\n\\$ $' },
    { send: 'jobs\r', expect: '\\[1\\]\\+ Running +sleep 40\\r\\n\\$ $' },
    { send: 'fg\r', expect: 'sleep 40\\r\\n' },
    { send: '\x03', expect: '\\$ $', pause: 0.5 },
    { send: 'jobs; echo none-left\r', expect: 'none-left\\r\\n\\$ $' },
    { send: 'echo recall-me\r', expect: 'recall-me\\r\\n\\$ $' },
    { send: 'true\r', expect: '\\$ $' },
    { send: '\x1b[A\x1b[A\r', expect: 'echo recall-me[^\\n]*\\nrecall-me\\r\\n\\$ $' },
    { send: 'echo abc\x1b[D\x1b[DX\r', expect: 'aXbc\\r\\n\\$ $' },
    { send: `qemu-riscv64 ${bin}/stty rows 24 cols 81; qemu-riscv64 ${bin}/stty size\r`, expect: '24 81\\r\\n\\$ $' },
    { send: `qemu-riscv64 ${bin}/tty\r`, expect: '/dev/pts/\\d+\\r\\n\\$ $' },
    { send: 'exit 0\r', expect: 'exit 0' },
  ]);
  tt.is(s.failed, null, s.transcript);
});
