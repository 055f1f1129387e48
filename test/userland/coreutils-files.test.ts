// File and system coreutils under qemu-riscv64: ls, cp, mv, rm, mkdir, rmdir,
// ln, touch, pwd, stat, chmod, chown, find, env, id, whoami, uname, date,
// sleep, true/false, test/[, kill, which, ps, free, uptime, pgrep, su, mount,
// dmesg, hostname — behaviour and the usual errors.
import { existsSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bin, guest, host, scratch, testWith } from './harness.js';

const t = testWith('qemu-riscv64');

function tree(): string {
  const d = scratch('files');
  mkdirSync(join(d, 'sub', 'deep'), { recursive: true });
  writeFileSync(join(d, 'a.txt'), 'alpha\n');
  writeFileSync(join(d, 'b.c'), 'int x;\n');
  writeFileSync(join(d, '.hidden'), '');
  writeFileSync(join(d, 'sub', 'c.txt'), 'see\n');
  writeFileSync(join(d, 'sub', 'deep', 'd.txt'), 'dee\n');
  return d;
}

t('ls lists names sorted, -a shows dot files, -R recurses, -d lists the directory itself', (tt) => {
  const d = tree();
  tt.is(guest('ls', [d]).stdout, 'a.txt\nb.c\nsub\n');
  tt.is(guest('ls', ['-a', d]).stdout, '.\n..\n.hidden\na.txt\nb.c\nsub\n');
  tt.is(guest('ls', ['-R', d]).stdout, host('ls', ['-R', d]).stdout);
  tt.is(guest('ls', ['-d', d]).stdout, d + '\n');
  tt.is(guest('ls', [join(d, 'a.txt'), join(d, 'sub')]).stdout, `${join(d, 'a.txt')}\n\n${join(d, 'sub')}:\nc.txt\ndeep\n`);
});

t('ls -l shows mode, links, owner, size and name like GNU ls', (tt) => {
  const d = tree();
  const ours = guest('ls', ['-l', d]).stdout.split('\n');
  const ref = host('ls', ['-l', d]).stdout.split('\n');
  tt.is(ours[0], ref[0]); // total
  for (let i = 1; i < ref.length; i++) {
    const strip = (s: string) => s.replace(/ [A-Z][a-z]{2} [ \d]\d (\d\d:\d\d| \d{4}) /, ' DATE ');
    tt.is(strip(ours[i]), strip(ref[i]));
  }
  const r = guest('ls', [join(d, 'missing')]);
  tt.is(r.stderr, `ls: cannot access '${join(d, 'missing')}': No such file or directory\n`);
  tt.is(r.status, 2);
});

t('mkdir, mkdir -p, rmdir and their errors', (tt) => {
  const d = tree();
  tt.is(guest('mkdir', [join(d, 'n')]).status, 0);
  tt.true(statSync(join(d, 'n')).isDirectory());
  const again = guest('mkdir', [join(d, 'n')]);
  tt.is(again.stderr, `mkdir: cannot create directory '${join(d, 'n')}': File exists\n`);
  tt.is(again.status, 1);
  tt.is(guest('mkdir', ['-p', join(d, 'x/y/z')]).status, 0);
  tt.true(statSync(join(d, 'x/y/z')).isDirectory());
  tt.is(guest('mkdir', ['-p', join(d, 'x/y')]).status, 0);
  const ne = guest('rmdir', [join(d, 'sub')]);
  tt.is(ne.stderr, `rmdir: failed to remove '${join(d, 'sub')}': Directory not empty\n`);
  tt.is(ne.status, 1);
  tt.is(guest('rmdir', [join(d, 'n')]).status, 0);
  tt.false(existsSync(join(d, 'n')));
});

t('cp copies files and trees, refuses directories without -r', (tt) => {
  const d = tree();
  tt.is(guest('cp', [join(d, 'a.txt'), join(d, 'copy')]).status, 0);
  tt.is(readFileSync(join(d, 'copy'), 'utf8'), 'alpha\n');
  tt.is(guest('cp', [join(d, 'a.txt'), join(d, 'b.c'), join(d, 'sub')]).status, 0);
  tt.is(readFileSync(join(d, 'sub', 'b.c'), 'utf8'), 'int x;\n');
  const nr = guest('cp', [join(d, 'sub'), join(d, 'sub2')]);
  tt.is(nr.stderr, `cp: -r not specified; omitting directory '${join(d, 'sub')}'\n`);
  tt.is(nr.status, 1);
  tt.is(guest('cp', ['-r', join(d, 'sub'), join(d, 'sub2')]).status, 0);
  tt.is(readFileSync(join(d, 'sub2', 'deep', 'd.txt'), 'utf8'), 'dee\n');
  const m = guest('cp', [join(d, 'nope'), join(d, 'x')]);
  tt.is(m.stderr, `cp: cannot stat '${join(d, 'nope')}': No such file or directory\n`);
  tt.is(m.status, 1);
});

t('mv renames and moves into directories; rm removes, -r trees, -f ignores missing', (tt) => {
  const d = tree();
  tt.is(guest('mv', [join(d, 'a.txt'), join(d, 'renamed')]).status, 0);
  tt.false(existsSync(join(d, 'a.txt')));
  tt.is(guest('mv', [join(d, 'renamed'), join(d, 'sub')]).status, 0);
  tt.true(existsSync(join(d, 'sub', 'renamed')));
  const mm = guest('mv', [join(d, 'gone'), join(d, 'x')]);
  tt.is(mm.stderr, `mv: cannot stat '${join(d, 'gone')}': No such file or directory\n`);
  tt.is(mm.status, 1);
  const rd = guest('rm', [join(d, 'sub')]);
  tt.is(rd.stderr, `rm: cannot remove '${join(d, 'sub')}': Is a directory\n`);
  tt.is(rd.status, 1);
  tt.is(guest('rm', ['-r', join(d, 'sub')]).status, 0);
  tt.false(existsSync(join(d, 'sub')));
  const rm = guest('rm', [join(d, 'gone')]);
  tt.is(rm.stderr, `rm: cannot remove '${join(d, 'gone')}': No such file or directory\n`);
  tt.is(rm.status, 1);
  tt.is(guest('rm', ['-f', join(d, 'gone')]).status, 0);
});

t('ln makes hard and symbolic links; touch creates and updates', (tt) => {
  const d = tree();
  tt.is(guest('ln', [join(d, 'a.txt'), join(d, 'hard')]).status, 0);
  tt.is(statSync(join(d, 'hard')).ino, statSync(join(d, 'a.txt')).ino);
  tt.is(guest('ln', ['-s', 'a.txt', join(d, 'soft')]).status, 0);
  tt.is(readlinkSync(join(d, 'soft')), 'a.txt');
  const e = guest('ln', ['-s', 'a.txt', join(d, 'soft')]);
  tt.is(e.stderr, `ln: failed to create symbolic link '${join(d, 'soft')}': File exists\n`.replace("link '" + join(d, 'soft') + "'", `link '${join(d, 'soft')}' -> 'a.txt'`));
  tt.is(e.status, 1);
  tt.is(guest('touch', [join(d, 'new')]).status, 0);
  tt.is(lstatSync(join(d, 'new')).size, 0);
  const te = guest('touch', ['/nonexistent/dir/f']);
  tt.is(te.stderr, "touch: cannot touch '/nonexistent/dir/f': No such file or directory\n");
  tt.is(te.status, 1);
});

t('chmod (octal and symbolic), stat -c and the default stat layout', (tt) => {
  const d = tree();
  const a = join(d, 'a.txt');
  tt.is(guest('chmod', ['640', a]).status, 0);
  tt.is(statSync(a).mode & 0o777, 0o640);
  tt.is(guest('chmod', ['u+x,o+r', a]).status, 0);
  tt.is(statSync(a).mode & 0o777, 0o744);
  tt.is(guest('chmod', ['a-w', a]).status, 0);
  tt.is(statSync(a).mode & 0o777, 0o544);
  tt.is(guest('stat', ['-c', '%n %s %a %A %F', a]).stdout, `${a} 6 544 -r-xr--r-- regular file\n`);
  const ours = guest('stat', [a]).stdout.split('\n');
  const ref = host('stat', [a]).stdout.split('\n');
  tt.deepEqual(ours.slice(0, 7), ref.slice(0, 7));
  const ce = guest('chmod', ['644', '/nonexistent/f']);
  tt.is(ce.stderr, "chmod: cannot access '/nonexistent/f': No such file or directory\n");
  tt.is(ce.status, 1);
  tt.is(guest('chmod', ['zz', a]).status, 1);
  const se = guest('stat', ['/nonexistent/f']);
  tt.regex(se.stderr, /^stat: cannot statx '\/nonexistent\/f': No such file or directory$/m);
  tt.is(se.status, 1);
});

t('chown by numeric id and name', (tt) => {
  const d = tree();
  const a = join(d, 'a.txt');
  tt.is(guest('chown', ['1000:1000', a]).status, 0);
  tt.is(statSync(a).uid, 1000);
  tt.is(guest('chown', ['root', a]).status, 0);
  tt.is(statSync(a).uid, 0);
  tt.is(guest('chown', ['nosuchuser_q', a]).stderr, "chown: invalid user: 'nosuchuser_q'\n");
});

t('find filters by name, type and depth, runs -exec', (tt) => {
  const d = tree();
  const sorted = (s: string) => s.split('\n').filter(Boolean).sort();
  tt.deepEqual(sorted(guest('find', [d, '-name', '*.txt']).stdout), sorted(host('find', [d, '-name', '*.txt']).stdout));
  tt.is(sorted(guest('find', [d, '-name', '*.txt']).stdout).length, 3);
  const dirs = guest('find', [d, '-type', 'd']).stdout.split('\n').filter(Boolean).sort();
  tt.deepEqual(dirs, [d, join(d, 'sub'), join(d, 'sub', 'deep')]);
  tt.deepEqual(guest('find', [d, '-maxdepth', '1', '-type', 'f']).stdout.split('\n').filter(Boolean).sort(), [join(d, '.hidden'), join(d, 'a.txt'), join(d, 'b.c')]);
  tt.is(guest('find', [join(d, 'sub', 'deep'), '-name', '*.txt', '-exec', 'cat', '{}', ';']).stdout, 'dee\n');
  const e = guest('find', ['/nonexistent/q']);
  tt.is(e.stderr, "find: '/nonexistent/q': No such file or directory\n");
  tt.is(e.status, 1);
});

t('pwd, env, true/false, test and [', (tt) => {
  const d = tree();
  tt.is(guest('pwd', [], { cwd: d }).stdout, d + '\n');
  tt.is(guest('env', [], { env: { FOO: 'bar' } }).stdout.includes('FOO=bar\n'), true);
  tt.is(guest('env', ['-i', 'A=1', 'env']).stdout, 'A=1\n');
  tt.is(guest('env', ['no_such_prog_q']).status, 127);
  tt.is(guest('true').status, 0);
  tt.is(guest('false').status, 1);
  tt.is(guest('test', ['-d', d]).status, 0);
  tt.is(guest('test', ['-f', d]).status, 1);
  tt.is(guest('[', ['1', '-lt', '2', ']']).status, 0);
  tt.is(guest('[', ['abc', '=', 'abd', ']']).status, 1);
  tt.is(guest('[', ['x', '=', 'x']).status, 2);
  tt.is(guest('test', ['a', '-eq', '1']).status, 2);
});

t('id, whoami, uname, hostname agree with the host', (tt) => {
  tt.is(guest('whoami').stdout, host('whoami').stdout);
  tt.is(guest('id', ['-u']).stdout, host('id', ['-u']).stdout);
  tt.is(guest('id', ['-un']).stdout, host('id', ['-un']).stdout);
  tt.is(guest('uname', ['-s']).stdout, 'Linux\n');
  tt.is(guest('uname', ['-m']).stdout, 'riscv64\n');
  tt.is(guest('uname', ['-n']).stdout, host('uname', ['-n']).stdout);
  tt.is(guest('hostname').stdout, host('uname', ['-n']).stdout);
  tt.is(guest('uname', ['-q']).status, 1);
  tt.is(guest('id', ['nosuchuser_q']).stderr, "id: 'nosuchuser_q': no such user\n");
});

t('date formats a given time; sleep accepts fractions and rejects junk', (tt) => {
  tt.is(guest('date', ['-d', '@86461', '+%Y-%m-%d %H:%M:%S %a %j']).stdout, '1970-01-02 00:01:01 Fri 002\n');
  tt.is(guest('date', ['-d', '@0']).stdout, 'Thu Jan  1 00:00:00 UTC 1970\n');
  tt.is(guest('sleep', ['0.01']).status, 0);
  const e = guest('sleep', ['abc']);
  tt.is(e.stderr, "sleep: invalid time interval 'abc'\n");
  tt.is(e.status, 1);
});

t('kill -l names signals; kill of a missing pid fails', (tt) => {
  tt.is(guest('kill', ['-l', '9']).stdout, 'KILL\n');
  tt.is(guest('kill', ['-l', '143']).stdout, 'TERM\n');
  const e = guest('kill', ['-9', '999999']);
  tt.is(e.stderr, 'kill: (999999) - No such process\n');
  tt.is(e.status, 1);
});

t('which searches PATH; clear prints the clear sequence', (tt) => {
  tt.is(guest('which', ['sh'], { env: { PATH: '/usr/bin:/bin' } }).stdout, host('which', ['sh']).stdout);
  tt.is(guest('which', ['no_such_prog_q']).status, 1);
  tt.is(guest('clear').stdout, '\x1b[H\x1b[2J\x1b[3J');
});

t('ps, free, uptime and pgrep read /proc', (tt) => {
  const ef = guest('ps', ['-ef']).stdout.split('\n');
  tt.is(ef[0], host('ps', ['-ef']).stdout.split('\n')[0]);
  tt.true(ef.some((l) => /^\S+ +1 +0 /.test(l)), 'pid 1 is listed');
  const aux = guest('ps', ['aux']).stdout.split('\n');
  tt.is(aux[0], host('ps', ['aux']).stdout.split('\n')[0]);
  tt.regex(aux[1], /^\S+ +1 +\d+\.\d +\d+\.\d +\d+ +\d+ \S+ +\S+ +\S+ +\d+:\d\d \S/);
  const fr = guest('free').stdout.split('\n');
  tt.is(fr[0], host('free').stdout.split('\n')[0]);
  tt.regex(fr[1], /^Mem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+$/);
  tt.regex(guest('uptime').stdout, /^ \d\d:\d\d:\d\d up .*load average: \d+\.\d\d, \d+\.\d\d, \d+\.\d\d\n$/);
  const init = readFileSync('/proc/1/comm', 'utf8').trim();
  tt.regex(guest('pgrep', ['-x', '-l', init]).stdout, new RegExp(`^1 ${init.replace(/[^\w]/g, '.')}$`, 'm'));
  tt.is(guest('pgrep', ['no_such_process_name_q']).status, 1);
});

t('top -b -n 1 prints a summary and the process table', (tt) => {
  const r = guest('top', ['-b', '-n', '1']);
  tt.is(r.status, 0);
  tt.regex(r.stdout, /^top - \d\d:\d\d:\d\d up /);
  tt.regex(r.stdout, /\n +PID USER +PR +NI +VIRT +RES S +%CPU +%MEM +TIME\+ COMMAND\n/);
});

t('su to a missing user, mount and dmesg errors, mount lists /proc/mounts', (tt) => {
  const su = guest('su', ['nosuchuser_q']);
  tt.regex(su.stderr, /^su: user nosuchuser_q does not exist/);
  tt.is(su.status, 1);
  tt.regex(guest('mount').stdout, / on \/proc type proc \(/);
  tt.is(guest('umount').status, 1);
  tt.is(guest('mount', ['-t', 'tmpfs', 'none', '/nonexistent/mnt']).status, 32);
});

t('module tools: insmod of a missing file, rmmod usage, lsmod reads /proc/modules', (tt) => {
  const i = guest('insmod', ['/nonexistent/m.ko']);
  tt.is(i.stderr, 'insmod: ERROR: could not load module /nonexistent/m.ko: No such file or directory\n');
  tt.is(i.status, 1);
  tt.is(guest('rmmod').status, 1);
  const l = guest('lsmod');
  if (existsSync('/proc/modules')) tt.regex(l.stdout, /^Module +Size +Used by\n/);
  else { tt.regex(l.stderr, /^lsmod: could not open \/proc\/modules/); tt.is(l.status, 1); }
});

t('yes repeats its line; tty says when stdin is not a terminal', (tt) => {
  tt.is(host('sh', ['-c', `qemu-riscv64 ${bin}/yes a b | head -n 2`]).stdout, 'a b\na b\n');
  const y = guest('tty');
  tt.is(y.stdout, 'not a tty\n');
  tt.is(y.status, 1);
});

t('mktemp creates unique files and directories', (tt) => {
  const d = tree();
  const a = guest('mktemp', ['-p', d]).stdout.trim();
  const b = guest('mktemp', ['-d', '-p', d]).stdout.trim();
  tt.regex(a, new RegExp(`^${d}/tmp\\.[A-Za-z0-9]{10}$`));
  tt.true(statSync(a).isFile());
  tt.true(statSync(b).isDirectory());
  tt.not(a, b);
  tt.is(guest('mktemp', [join(d, 'fooXX')]).stderr, `mktemp: too few X's in template '${join(d, 'fooXX')}'\n`);
  const e = guest('mktemp', ['-p', '/nonexistent']);
  tt.regex(e.stderr, /^mktemp: failed to create file via template '\/nonexistent\/tmp\.\w+': No such file or directory$/m);
  tt.is(e.status, 1);
});

t('du and df report sizes; more copies when not on a terminal', (tt) => {
  const d = tree();
  tt.is(guest('du', ['-s', d]).stdout, host('du', ['-s', d]).stdout);
  tt.is(guest('du', [join(d, 'sub')]).stdout, host('du', [join(d, 'sub')]).stdout);
  const de = guest('du', ['/nonexistent/q']);
  tt.is(de.stderr, "du: cannot access '/nonexistent/q': No such file or directory\n");
  tt.is(de.status, 1);
  const df = guest('df', [d]).stdout.split('\n');
  tt.regex(df[0], /^Filesystem +1K-blocks +Used +Available Use% Mounted on$/);
  tt.regex(df[1], new RegExp(`^- +\\d+ +\\d+ +\\d+ +\\d+% ${d}$`));
  tt.is(guest('df', ['/nonexistent/q']).status, 1);
  tt.is(guest('more', [join(d, 'a.txt')]).stdout, 'alpha\n');
  tt.is(guest('more', [], { input: 'piped\n' }).stdout, 'piped\n');
  const me = guest('more', ['/nonexistent/q']);
  tt.is(me.stderr, 'more: cannot open /nonexistent/q: No such file or directory\n');
  tt.is(me.status, 1);
});

t('readlink prints link targets; -f/-e canonicalize like GNU readlink', (tt) => {
  const d = tree();
  mkdirSync(join(d, 'rl'));
  const ln = (target: string, name: string) => host('ln', ['-sfn', target, join(d, name)]);
  ln('sub', 'l'); ln('nothere', 'dang'); ln('loop', 'loop'); ln('../rl/l/x', 'sub/g');
  const cases = [['l'], ['a.txt'], ['-f', 'l'], ['-f', 'l/deep/'], ['-f', 'dang'], ['-f', 'loop'], ['-e', 'dang'], ['-e', 'l/c.txt'],
    ['-f', 'sub/g'], ['-f', 'missing/x'], ['-n', 'l'], ['-f', '.'], ['l', 'dang']];
  for (const c of cases) {
    const ours = guest('readlink', c, { cwd: d }), ref = host('readlink', c, { cwd: d });
    tt.deepEqual([ours.stdout, ours.status], [ref.stdout, ref.status], c.join(' '));
  }
  tt.is(guest('readlink', [], { cwd: d }).status, 1);
});
