// `nodix boot` in process: the userland image booted on a scripted terminal
// (boot() + startInit() with a host console the test types into and reads),
// driven like a person at the keyboard: the prompt, a pipeline, redirection to
// a file and back, ^Z/bg/jobs/fg/^C on a sleep, ^C returning to the prompt,
// history with the up arrow, ps, /proc/self/status, id as root and as user,
// poweroff and exit stopping the machine; plus commands piped in without a tty.
import test from 'ava';
import { bootSession } from './console.js';

const PROMPT = /# $/;

test('interactive root session on the console tty', async (t) => {
  const { host, k, done } = bootSession();
  await host.expect(/Welcome to nodix/);
  await host.expect(/root@nodix:\/root# $/);
  t.true(host.rawMode, 'the host terminal is in raw mode while the guest owns it');

  host.type('echo hello | tr a-z A-Z\r');
  await host.expect(/\r\nHELLO\r\nroot@nodix:\/root# $/);

  host.type('echo stored > /tmp/f.txt; cat < /tmp/f.txt\r');
  await host.expect(/\r\nstored\r\n.*# $/);

  // ^C on a running sleep: back at the prompt, the shell survives, $? is 128+SIGINT.
  host.type('sleep 100\r');
  await host.expect(/sleep 100\r*\n/);
  host.type('\x03');
  await host.expect(PROMPT);
  host.type('echo status=$?\r');
  await host.expect(/status=130\r\n.*# $/);

  // ^Z, bg, jobs, fg, ^C.
  host.type('sleep 100\r');
  await host.expect(/sleep 100\r*\n/);
  host.type('\x1a');
  await host.expect(/\[1\]\+ Stopped +sleep 100\r\n.*# $/);
  host.type('bg\r');
  await host.expect(/\[1\] sleep 100 &\r\n.*# $/);
  host.type('jobs\r');
  await host.expect(/\[1\]\+ Running +sleep 100\r\n.*# $/);
  // ps shows the shell and its job.
  host.type('ps\r');
  const ps = await host.expect(PROMPT);
  t.regex(ps, /PID/);
  t.regex(ps, /\bsh\r?\n/);
  t.regex(ps, /\bsleep\r?\n/);
  t.regex(ps, /\bps\r?\n/);
  host.type('fg\r');
  await host.expect(/sleep 100\r*\n/);
  host.type('\x03');
  await host.expect(PROMPT);
  host.type('jobs; echo none-left\r');
  await host.expect(/none-left\r\n.*# $/);

  // History: the up arrow recalls earlier lines.
  host.type('echo recall-me\r');
  await host.expect(/recall-me\r\n.*# $/);
  host.type('true\r');
  await host.expect(PROMPT);
  host.type('\x1b[A\x1b[A\r');
  await host.expect(/echo recall-me[^\n]*\nrecall-me\r\n.*# $/);

  host.type('cat /proc/self/status\r');
  const st = await host.expect(PROMPT);
  t.regex(st, /Name:\tcat\r\n/);
  t.regex(st, /PPid:\t\d+/);

  host.type('id\r');
  await host.expect(/uid=0\(root\) gid=0\(root\)[^\r]*\r\n.*# $/);

  // The window size comes from the host terminal; a resize reaches the guest.
  host.type('stty size\r');
  await host.expect(/24 80\r\n.*# $/);
  host.resizeCb?.(30, 100);
  host.type('stty size\r');
  await host.expect(/30 100\r\n.*# $/);

  host.type('poweroff\r');
  const r = await done;
  t.deepEqual(r, { reason: 'poweroff', status: 0 });
  t.is(k.kernel.procs.size, 0, 'every process is gone after poweroff');
  t.true(k.kernel.log.some((l) => l.includes('reboot: Power down')));
});

test('--user user: the login shell runs as uid 1000 in /home/user; exit ends the machine', async (t) => {
  const { host, done } = bootSession({ user: 'user' });
  await host.expect(/user@nodix:\/home\/user\$ $/);
  host.type('id\r');
  await host.expect(/uid=1000\(user\) gid=1000\(user\)[^\r]*\r\n.*\$ $/);
  host.type('touch mine && ls -l mine\r');
  await host.expect(/-rw-r--r-- +1 user +user +0 [^\r]* mine\r\n.*\$ $/);
  host.type('poweroff\r');
  await host.expect(/poweroff: EPERM|poweroff: Operation not permitted/);
  host.type('true\r');
  await host.expect(/\$ $/);
  host.type('exit\r');
  t.deepEqual(await done, { reason: 'init', status: 0 });
});

test('without a terminal: commands piped to the console, status of the last one', async (t) => {
  const { host, done } = bootSession({
    tty: false,
    input: 'echo hello | tr a-z A-Z\nls /sbin/init /bin/[ /lib/modules /proc/self >/dev/null && echo layout-ok\nid -u\nstat -c %a /tmp\nexit 3\n',
  });
  const r = await done;
  t.deepEqual(r, { reason: 'init', status: 3 });
  t.regex(host.output, /\nHELLO\nlayout-ok\n0\n1777\n/);
  t.false(host.rawMode);
});

test('end of piped input ends the session with the shell status', async (t) => {
  const { host, done } = bootSession({ tty: false, input: 'echo last-line\n' });
  t.deepEqual(await done, { reason: 'init', status: 0 });
  t.regex(host.output, /last-line\n$/);
});

test('init once: a shell killed by a signal is respawned; its exit ends the machine with its code', async (t) => {
  const { host, k, done } = bootSession();
  await host.expect(/root@nodix:\/root# $/);
  host.type('sleep 100 &\r');
  await host.expect(/# $/);
  host.type('kill -9 $$\r');
  await host.expect(/kill -9 \$\$\r*\n[^]*Welcome to nodix[^]*root@nodix:\/root# $/);
  t.is(k.powerOff, null, 'a killed shell does not stop the machine');
  host.type('exit 4\r');
  t.deepEqual(await done, { reason: 'init', status: 4 });
  t.is(k.kernel.procs.size, 0, 'init exiting stopped the machine: the background sleep is gone');
});
