// The signal frame layout: offsets printed by userland/tests/sig-frame.c
// (offsetof() over glibc's and the kernel's riscv64 structs, compiled by the
// cross gcc) must equal core/abi/signal.ts, and the frame a handler receives
// on nodix must sit where Linux puts it: (sp - sizeof(rt_sigframe)) & ~15.
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { buildGuest, haveGcc, requireTools, runNodix } from '../guest/harness.js';
import * as A from '../../core/abi/signal.js';

function skip(t: { pass(): void; log(...s: string[]): void }): boolean {
  if (haveGcc) return false;
  if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing (NODIX_REQUIRE_TOOLS=1)');
  t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass();
  return true;
}

/** Parses "name value" lines. */
function table(out: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of out.split('\n')) {
    const i = line.lastIndexOf(' ');
    if (i > 0) m.set(line.slice(0, i), Number(line.slice(i + 1)));
  }
  return m;
}

test('rt_sigframe offsets match the headers compiled by riscv64-linux-gnu-gcc', async (t) => {
  if (skip(t)) return;
  const n = await runNodix(buildGuest('sig-frame'));
  const m = table(n.stdout);
  const expect: [string, number][] = [
    ['siginfo_t.si_signo', A.SI_SIGNO], ['siginfo_t.si_code', A.SI_CODE], ['siginfo_t.si_pid', A.SI_PID],
    ['siginfo_t.si_uid', A.SI_UID], ['siginfo_t.si_status', A.SI_STATUS], ['siginfo_t.si_utime', A.SI_UTIME],
    ['siginfo_t.si_stime', A.SI_STIME], ['siginfo_t.si_value', A.SI_VALUE], ['siginfo_t.si_addr', A.SI_ADDR],
    ['siginfo_t.si_timerid', A.SI_TIMERID], ['siginfo_t.si_overrun', A.SI_OVERRUN], ['sizeof(siginfo_t)', A.SIGINFO_SIZE],
    ['struct k_ucontext.uc_flags', A.UC_FLAGS], ['struct k_ucontext.uc_link', A.UC_LINK], ['struct k_ucontext.uc_stack', A.UC_STACK],
    ['struct k_ucontext.uc_sigmask', A.UC_SIGMASK], ['struct k_ucontext.uc_mcontext', A.UC_MCONTEXT],
    ['sizeof(struct k_ucontext)', A.UCONTEXT_SIZE], ['ucontext_t.uc_mcontext', A.UC_MCONTEXT], ['sizeof(ucontext_t)', A.UCONTEXT_SIZE],
    ['struct sigcontext.gregs', A.SC_REGS], ['struct sigcontext.fpregs', A.SC_FPREGS], ['sizeof(struct sigcontext)', A.SIGCONTEXT_SIZE],
    ['sizeof(union __riscv_mc_fp_state)', A.SC_FP_UNION_SIZE], ['struct __riscv_mc_d_ext_state.__fcsr', A.SC_FCSR - A.SC_FPREGS],
    ['sizeof(stack_t)', A.STACK_T_SIZE],
  ];
  for (const [k, v] of expect) t.is(m.get(k), v, k);
  t.is(A.RT_SIGFRAME_SIZE, 1088);
  // What the handler saw on nodix.
  t.is(m.get('uc-si'), A.FRAME_UC);
  t.is(m.get('si%16'), 0);
  t.is(m.get('saved_s1_ok'), 1);
  t.is(m.get('saved_frm'), 2);
  t.is(m.get('saved_fs0_ok'), 1);
  t.is(m.get('mask_has_usr2'), 1);
  t.is(m.get('ss_flags'), A.SS_DISABLE);
});

test('the frame sits at (sp - 1088) & ~15 below the interrupted stack', async (t) => {
  if (skip(t)) return;
  const n = await runNodix(buildGuest('sig-frame'), ['gap']);
  const gap = table(n.stdout).get('sp_gap') ?? -1;
  t.true(gap >= A.RT_SIGFRAME_SIZE && gap < A.RT_SIGFRAME_SIZE + 16, `gap ${gap}`);
});

test('the cross compiler agrees on the SA_* values', (t) => {
  if (skip(t)) return;
  const out = execFileSync('riscv64-linux-gnu-gcc', ['-E', '-dM', '-x', 'c', '-', '-include', 'signal.h'], { input: '', encoding: 'utf8' });
  const def = (name: string) => { const m = new RegExp(`#define ${name} (\\S+)`).exec(out); return m ? Number(m[1]) : NaN; };
  t.is(def('SA_SIGINFO'), A.SA_SIGINFO);
  t.is(def('SA_ONSTACK'), A.SA_ONSTACK);
  t.is(def('SA_RESTART'), A.SA_RESTART);
  t.is(def('SA_NODEFER'), A.SA_NODEFER);
  t.is(def('SA_NOCLDSTOP'), A.SA_NOCLDSTOP);
  t.is(def('SA_RESETHAND') >>> 0, A.SA_RESETHAND >>> 0);
});
