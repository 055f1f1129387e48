// bpftool (userland/src/bpftool.c) from the shell inside nodix: maps created and
// pinned, raw programs (assembled here with the verifier's assembler) loaded with
// their map, listed, test-run, attached to sys_enter and detached by unpinning,
// a rejected program's verifier log, trace_printk read back with prog tracelog.
// Built against glibc at test time (the committed image is built by
// userland/build.sh against our libc).
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { boot } from '../../core/boot.js';
import { MemoryHost } from '../../core/kernel/host.js';
import { assembleBytes } from '../../verifier/index.js';
import { haveGcc, requireTools, root } from '../guest/harness.js';

const asm = (src: string): Uint8Array => {
  const r = assembleBytes(src);
  if (!r.ok) throw new Error(`${r.error.line}: ${r.error.message}`);
  return r.value;
};

const COUNT = asm(`
  stw [%r10-4], 0
  lddw %r1, map_fd:0
  mov %r2, %r10
  add %r2, -4
  call 1
  jeq %r0, 0, +3
  ldxdw %r1, [%r0]
  add %r1, 1
  stxdw [%r0], %r1
  mov %r0, 0
  exit
`);
const BAD = asm('mov %r0, 0\nldxdw %r0, [%r1+200]\nexit\n');
const HELLO = asm(`
  mov %r1, 0x6c6c6568
  stxw [%r10-8], %r1
  mov %r1, 0x6f
  stxw [%r10-4], %r1
  mov %r1, %r10
  add %r1, -8
  mov %r2, 8
  call 6
  mov %r0, 0
  exit
`);

test('bpftool: map create/update/lookup/dump, prog load/list/run/attach, tracelog, verifier log', async (t) => {
  if (!haveGcc) { if (requireTools) throw new Error('riscv64-linux-gnu-gcc missing'); t.log('skipped: riscv64-linux-gnu-gcc not installed'); t.pass(); return; }
  const dir = join(root, '.cache', 'bpf'); mkdirSync(dir, { recursive: true });
  const bin = join(dir, 'bpftool');
  execFileSync('riscv64-linux-gnu-gcc', ['-static', '-O2', '-o', bin, join(root, 'userland/src/bpftool.c')]);
  const shBin = join(root, 'userland/bin/sh');
  if (!existsSync(shBin)) { t.log('skipped: userland/bin/sh not built'); t.pass(); return; }
  const script = [
    'bpftool map create /pin/counts type array key 4 value 8 entries 2 name counts',
    'bpftool prog load /count.bin /pin/count type raw_tracepoint map idx 0 pinned /pin/counts',
    'bpftool prog list',
    'bpftool prog run pinned /pin/count repeat 3',
    'bpftool map dump pinned /pin/counts',
    'bpftool map update pinned /pin/counts key 1 0 0 0 value hex 2a 00 00 00 00 00 00 00',
    'bpftool map lookup pinned /pin/counts key 1 0 0 0',
    'bpftool prog attach pinned /pin/count tp sys_enter /pin/link',
    'bpftool unpin /pin/link',
    'bpftool map lookup pinned /pin/counts key 0 0 0 0 > /tmp/a; bpftool map lookup pinned /pin/counts key 0 0 0 0 > /tmp/b',
    'if [ "$(cat /tmp/a)" = "$(cat /tmp/b)" ]; then echo detached; cat /tmp/a; else cat /tmp/a /tmp/b; fi',
    'bpftool prog load /bad.bin /pin/bad; echo "status $?"',
    'bpftool prog load /hello.bin /pin/hello && bpftool prog run pinned /pin/hello',
    'bpftool prog tracelog -n',
    'bpftool map freeze pinned /pin/counts; bpftool map update pinned /pin/counts key 0 0 0 0 value 0 0 0 0 0 0 0 0; echo "status $?"',
    'bpftool unpin /pin/count; bpftool unpin /pin/hello; bpftool unpin /pin/counts; bpftool prog list; bpftool map list; echo end',
  ].join('\n') + '\n';
  const host = new MemoryHost('');
  const b = boot({
    host,
    files: { '/bin/sh': readFileSync(shBin), '/bin/cat': readFileSync(join(root, 'userland/bin/cat')), '/bin/bpftool': readFileSync(bin), '/count.bin': COUNT, '/bad.bin': BAD, '/hello.bin': HELLO, '/s.sh': new TextEncoder().encode(script) },
  });
  const r = await b.runProgram('/bin/sh', ['sh', '/s.sh'], { envp: ['PATH=/bin'] });
  const out = host.stdout(), err = host.stderr();
  t.log(out); t.log(err);
  t.deepEqual(r, { status: 0 });
  const lines = out.split('\n');
  t.regex(lines[0], /^1: raw_tracepoint {2}name count {2}uid 0$/);
  t.regex(lines[1], /^\txlated 96B {2}jited 96B {2}run_cnt 0 {2}map_ids 1$/);
  t.is(lines[2], 'Return value: 0');
  t.is(lines[3], 'key: 00 00 00 00  value: 03 00 00 00 00 00 00 00');
  t.is(lines[4], 'key: 01 00 00 00  value: 00 00 00 00 00 00 00 00');
  t.is(lines[5], 'Found 2 elements');
  t.is(lines[6], 'key: 01 00 00 00  value: 2a 00 00 00 00 00 00 00');
  t.is(lines[7], 'detached');
  // While attached, every syscall of the shell and of bpftool added one to counts[0] (3 before).
  const m = /^key: 00 00 00 00 {2}value: ([0-9a-f]{2}) ([0-9a-f]{2})/.exec(lines[8]);
  t.truthy(m);
  t.true(parseInt(m![2] + m![1], 16) > 3);
  lines.splice(8, 1);
  t.is(lines[8], 'status 1');
  t.regex(err, /Error: load \/bad.bin: Permission denied\n(.|\n)*invalid|Error: load \/bad.bin: Permission denied\n/);
  t.regex(err, /R1|ctx|context/);
  t.is(lines[9], 'Return value: 0');
  t.regex(lines[10], /^ +bpftool-\d+ +\[000\] d\.\.31 +\d+\.\d{6}: bpf_trace_printk: hello$/);
  t.is(lines[11], 'status 1');
  t.regex(err, /Error: update: Operation not permitted/);
  t.is(lines[12], 'end');
});
