// Text coreutils under qemu-riscv64: behaviour (compared with the host's GNU
// tools where the output format is the same) and errors (a missing file gives
// the usual message on stderr and a non-zero status).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { guest, host, scratch, testWith } from './harness.js';

const t = testWith('qemu-riscv64');
const dir = scratch('text');
const lines = 'banana 3\napple 10\ncherry 2\napple 10\ndate 7\n';
writeFileSync(join(dir, 'fruit'), lines);
writeFileSync(join(dir, 'words'), 'the quick brown fox\njumps over\n\nthe lazy dog\n');
writeFileSync(join(dir, 'bin'), Buffer.from([0, 1, 2, 0x41, 0x42, 0x7f, 0x80, 0xff, 10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]));
const f = (n: string) => join(dir, n);

/** Same stdout and status as the GNU tool. */
const same = [
  ['cat', [f('fruit'), f('words')]], ['cat', ['-n', f('words')]],
  ['wc', [f('words')]], ['wc', ['-l', f('words')]], ['wc', ['-w', f('fruit'), f('words')]], ['wc', ['-c', f('bin')]],
  ['head', ['-n', '2', f('fruit')]], ['head', ['-c', '7', f('words')]], ['head', ['-3', f('fruit'), f('words')]],
  ['tail', ['-n', '2', f('fruit')]], ['tail', ['-n', '+3', f('fruit')]], ['tail', ['-c', '5', f('words')]],
  ['sort', [f('fruit')]], ['sort', ['-r', f('fruit')]], ['sort', ['-n', '-k', '2', f('fruit')]], ['sort', ['-u', f('fruit')]],
  ['sort', ['-t', ' ', '-k', '2', '-n', '-r', f('fruit')]],
  ['uniq', [f('fruit')]], ['uniq', ['-c', f('fruit')]],
  ['cut', ['-d', ' ', '-f', '1', f('fruit')]], ['cut', ['-c', '2-4', f('fruit')]], ['cut', ['-d', ' ', '-f', '2-', f('words')]],
  ['grep', ['apple', f('fruit')]], ['grep', ['-n', '-i', 'THE', f('words')]], ['grep', ['-v', '-c', 'a', f('fruit')]],
  ['grep', ['-E', '^(apple|date) [0-9]+$', f('fruit')]], ['grep', ['a\\(p\\)\\1', f('fruit')]], ['grep', ['-o', '[0-9][0-9]*', f('fruit')]],
  ['grep', ['-w', 'the', f('words')]], ['grep', ['-x', 'jumps over', f('words')]], ['grep', ['-l', 'fox', f('fruit'), f('words')]],
  ['grep', ['-F', '.', f('fruit')]], ['grep', ['nomatch', f('fruit')]],
  ['sed', ['s/a/A/g', f('fruit')]], ['sed', ['-n', '2,3p', f('fruit')]], ['sed', ['/apple/d', f('fruit')]],
  ['sed', ['-E', 's/([a-z]+) ([0-9]+)/\\2:\\1/', f('fruit')]], ['sed', ['$d;1d', f('fruit')]], ['sed', ['s/[aeiou]//2', f('words')]],
  ['sed', ['-e', 's/the/THE/', '-e', '/^$/d', f('words')]], ['sed', ['=', f('fruit')]], ['sed', ['2q', f('fruit')]],
  ['hexdump', ['-C', f('bin')]], ['hexdump', [f('bin')]],
  ['seq', ['5']], ['seq', ['2', '3', '11']], ['seq', ['-s', ',', '1', '4']], ['seq', ['-w', '8', '10']], ['seq', ['1', '0.5', '3']],
  ['basename', ['/usr/lib/libc.so']], ['basename', ['/usr/lib/x.txt', '.txt']], ['basename', ['dir/']],
  ['dirname', ['/usr/lib/libc.so']], ['dirname', ['file']], ['dirname', ['/']],
  ['printf', ['%s=%d|%5.2f|%-4s|%x\\n', 'a', '42', '3.14159', 'ab', '255']], ['printf', ['%b\\n', 'tab\\there']],
  ['echo', ['-n', 'no', 'newline']], ['echo', ['-e', 'a\\tb\\nc']], ['echo', ['plain', 'words']],
] as const;

for (const [prog, args] of same) {
  t(`${prog} ${args.map((a) => a.replace(dir + '/', '')).join(' ')} matches GNU`, (tt) => {
    const ours = guest(prog, [...args]);
    const ref = host(prog, [...args]);
    tt.is(ours.stdout, ref.stdout);
    tt.is(ours.status, ref.status);
  });
}

t('tr translates, deletes, squeezes and complements', (tt) => {
  tt.is(guest('tr', ['a-z', 'A-Z'], { input: 'Hello, World\n' }).stdout, 'HELLO, WORLD\n');
  tt.is(guest('tr', ['-d', '[:digit:]'], { input: 'a1b22c333\n' }).stdout, 'abc\n');
  tt.is(guest('tr', ['-s', ' '], { input: 'a   b    c\n' }).stdout, 'a b c\n');
  tt.is(guest('tr', ['-c', 'a-z\\n', '_'], { input: 'ab-cd e\n' }).stdout, 'ab_cd_e\n');
  tt.is(guest('tr', ['abc'], {}).status, 1);
});

t('tee copies stdin to files and stdout, -a appends', (tt) => {
  const out = f('teeout');
  tt.is(guest('tee', [out], { input: 'one\n' }).stdout, 'one\n');
  guest('tee', ['-a', out], { input: 'two\n' });
  tt.is(guest('cat', [out]).stdout, 'one\ntwo\n');
});

t('xargs builds command lines (-n, -I, default echo)', (tt) => {
  tt.is(guest('xargs', [], { input: 'a b\nc\n' }).stdout, 'a b c\n');
  tt.is(guest('xargs', ['-n', '2', 'echo', 'x'], { input: '1 2 3\n' }).stdout, 'x 1 2\nx 3\n');
  tt.is(guest('xargs', ['-I', '{}', 'echo', '<{}>'], { input: 'p q\nr\n' }).stdout, '<p q>\n<r>\n');
  tt.is(guest('xargs', ['no_such_cmd_q'], { input: 'x\n' }).status, 127);
});

const missing = '/nonexistent/file';
const errors: [string, string[], RegExp, number][] = [
  ['cat', [missing], /^cat: \/nonexistent\/file: No such file or directory$/m, 1],
  ['wc', [missing], /^wc: \/nonexistent\/file: No such file or directory$/m, 1],
  ['head', [missing], /^head: cannot open '\/nonexistent\/file' for reading: No such file or directory$/m, 1],
  ['tail', [missing], /^tail: cannot open '\/nonexistent\/file' for reading: No such file or directory$/m, 1],
  ['sort', [missing], /^sort: cannot read: \/nonexistent\/file: No such file or directory$/m, 2],
  ['uniq', [missing], /^uniq: \/nonexistent\/file: No such file or directory$/m, 1],
  ['cut', ['-f1', missing], /^cut: \/nonexistent\/file: No such file or directory$/m, 1],
  ['grep', ['x', missing], /^grep: \/nonexistent\/file: No such file or directory$/m, 2],
  ['sed', ['p', missing], /^sed: can't read \/nonexistent\/file: No such file or directory$/m, 2],
  ['hexdump', [missing], /^hexdump: \/nonexistent\/file: No such file or directory$/m, 1],
  ['tee', ['/nonexistent/dir/x'], /^tee: \/nonexistent\/dir\/x: No such file or directory$/m, 1],
  ['grep', ['a\\(', '/dev/null'], /^grep: Unmatched \( or \\\($/m, 2],
  ['sed', ['k', '/dev/null'], /unknown command: `k'/, 1],
  ['cat', ['-z'], /^cat: invalid option -- 'z'$/m, 1],
  ['seq', [], /^seq: missing operand$/m, 1],
  ['basename', [], /^basename: missing operand$/m, 1],
];
for (const [prog, args, msg, status] of errors) {
  t(`${prog} ${args.join(' ')} fails with the usual message`, (tt) => {
    const r = guest(prog, args);
    tt.regex(r.stderr, msg);
    tt.is(r.status, status);
  });
}
