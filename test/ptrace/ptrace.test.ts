// ptrace on nodix against golden transcripts written from Linux's documented
// behaviour (ptrace(2), kernel/ptrace.c, arch/riscv/kernel/ptrace.c):
// qemu-user cannot run a tracer, so there is no differential oracle here.
// userland/tests/ptrace-basic.c: TRACEME, stop statuses, syscall stops and
// GET_SYSCALL_INFO, regsets, EIO requests, signal injection and suppression,
// PEEK/POKE, an ebreak planted with POKETEXT. ptrace-fork.c: TRACEFORK/EXEC/
// EXIT following a child, SEIZE/INTERRUPT/EXITKILL, EPERM as uid 1000,
// /proc/[pid]/status while traced. Skips without riscv64-linux-gnu-gcc
// (unless NODIX_REQUIRE_TOOLS=1).
import test from 'ava';
import { buildGuest, haveGcc, requireTools, runNodix } from '../guest/harness.js';

function skipUnlessGcc(t: { pass(): void; log(...s: string[]): void }): boolean {
  if (haveGcc) return false;
  const msg = 'skipped: riscv64-linux-gnu-gcc not installed';
  if (requireTools) throw new Error(msg + ' (NODIX_REQUIRE_TOOLS=1)');
  t.log(msg); t.pass();
  return true;
}

const BASIC = [
  "status 0x137f stopped sig=19 event=0",
  "GETSIGINFO 0 si_signo=19 si_code=0",
  "SETOPTIONS bad -1 Invalid argument",
  "SETOPTIONS 0",
  "status 0x857f stopped sig=5 event=0",
  "GET_SYSCALL_INFO 80 op=1 arch=0xc00000f3 nr=173",
  "status 0x857f stopped sig=5 event=0",
  "GET_SYSCALL_INFO 33 op=2 rval_is_tracer=1 is_error=0",
  "GETSIGINFO 0 si_signo=5 si_code=133",
  "GETREGSET 0 len=256 a0_is_tracer=1 a7=173",
  "GETREGSET FP 0 len=264",
  "GETREGSET type 3 -1 Invalid argument",
  "PEEKUSR -1 Input/output error",
  "SINGLESTEP -1 Input/output error",
  "status 0x857f stopped sig=5 event=0",
  "entry a7=178",
  "SETREGSET 0",
  "status 0x857f stopped sig=5 event=0",
  "skipped call: op=2 rval=4242",
  "child: gettid -> 4242",
  "status 0xa7f stopped sig=10 event=0",
  "GETSIGINFO 0 si_signo=10 si_code=-6",
  "child: handler got 12",
  "status 0xf7f stopped sig=15 event=0",
  "GETSIGINFO 0 si_signo=15 si_code=-6",
  "PEEKDATA 0 0x1122334455667788",
  "POKEDATA 0",
  "PEEKDATA unmapped -1 Input/output error",
  "child: survived SIGTERM",
  "child: word 0x123456789abcdef",
  "status 0x137f stopped sig=19 event=0",
  "POKETEXT 0",
  "own text intact 1",
  "status 0x57f stopped sig=5 event=0",
  "GETSIGINFO 0 si_signo=5 si_code=1",
  "pc at target 1",
  "POKETEXT restore 0",
  "child: target(4) = 13",
  "status 0x300 exited 3",
  "waitpid again -1 No child processes",
];

const FOLLOW = [
  "C: status 0x137f stopped sig=19 event=0",
  "SETOPTIONS 0",
  "C fork event: status 0x1057f stopped sig=5 event=1",
  "event msg is a new pid 1",
  "G: status 0x137f stopped sig=19 event=0",
  "G exec event: status 0x4057f stopped sig=5 event=4",
  "exec msg is G 1",
  "G: exec'd",
  "G exit event: status 0x6057f stopped sig=5 event=6",
  "exit msg 0x700",
  "G: status 0x700 exited 7",
  "C: status 0x117f stopped sig=17 event=0",
  "C exit event: status 0x6057f stopped sig=5 event=6",
  "exit msg 0x1100",
  "C: status 0x1100 exited 17",
];

const EXITKILL = [
  "SEIZE 0",
  "SEIZE again -1 Operation not permitted",
  "INTERRUPT 0",
  "S: status 0x80057f stopped sig=5 event=128",
  "S killed by 9",
  "SEIZE 0",
  "SEIZE again -1 Operation not permitted",
  "INTERRUPT 0",
  "S: status 0x80057f stopped sig=5 event=128",
  "S still alive",
];

const PERM = [
  "ATTACH root's process -1 Operation not permitted",
  "ATTACH self -1 Operation not permitted",
  "ATTACH missing -1 No such process",
  "CONT untraced -1 No such process",
  "ATTACH own 0",
  "own: status 0x137f stopped sig=19 event=0",
  "State:\tt (tracing stop)",
  "TracerPid is me 1",
  "DETACH 0",
  "own: status 0x9 killed 9",
  "TRACEME 0, again -1 Operation not permitted",
  "traceme child: status 0 exited 0",
];

const EXEC = [
  "waitid 0 si_code=4 si_status=5 si_pid_is_child=1",
  "C: status 0x57f stopped sig=5 event=0",
  "GETSIGINFO 0 si_signo=5 si_code=0 si_pid_is_child=1",
  "G: exec'd",
  "waitid 0 si_code=1 si_status=7",
  "waitpid after -1 No child processes",
];

const golden: Record<string, { prog: string; args: string[]; lines: string[] }> = {
  'tracer/tracee requests, stops and wait statuses': { prog: 'ptrace-basic', args: [], lines: BASIC },
  'TRACEFORK/TRACEEXEC/TRACEEXIT follow a child through fork, exec and exit': { prog: 'ptrace-fork', args: ['follow'], lines: FOLLOW },
  'without TRACEEXEC, execve ends in a SIGTRAP signal-delivery-stop; waitid reports CLD_TRAPPED, WNOWAIT, then the exit': { prog: 'ptrace-fork', args: ['exec'], lines: EXEC },
  'SEIZE + INTERRUPT; EXITKILL kills the tracee when the tracer exits, otherwise it is detached': { prog: 'ptrace-fork', args: ['exitkill'], lines: EXITKILL },
  'permissions: uid 1000 cannot attach to root\'s process; own child: t (tracing stop), TracerPid': { prog: 'ptrace-fork', args: ['perm'], lines: PERM },
};

for (const [title, g] of Object.entries(golden)) {
  test(title, async (t) => {
    if (skipUnlessGcc(t)) return;
    const r = await runNodix(buildGuest(g.prog), g.args);
    t.deepEqual(r.stdout.split('\n').slice(0, -1), g.lines);
    t.is(r.status, 0);
    t.deepEqual(r.log.filter((l) => l.includes('Oops')), []);
  });
}
