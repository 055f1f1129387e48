// core/hw/machine.ts: loading an ELF (segments at p_paddr, zero-filled bss,
// a0 = hartid, a1 = 0, M-mode at e_entry), console output through the UART and
// HTIF, exit codes, the instruction limit, deterministic time (timer interrupts
// at a fixed instret, WFI jumping mtime to mtimecmp, deadlock detection), the
// real-time clock path of run(), the UART -> PLIC -> MEIP interrupt path, and
// per-instruction tracing.
import test from 'ava';
import {
  Asm, A0, A1, T0, T1, T2, S2, addi, sb, sd, ld, lw, sw, lbu, slli, ori, csrw, csrr, csrrs, csrrsi, wfi, bne, beq, mret, ecall, andi,
} from './rvasm.js';
import { Machine, traceLine } from '../../core/hw/machine.js';
import { makeElf } from './elf-fixture.js';
import { BASE, exitWith, exitWithReg, finish } from './machine-fixture.js';

const MTVEC = 0x305, MIE = 0x304, MSTATUS = 0x300, MINSTRET = 0xb02, MCAUSE = 0x342;
const CLINT = 0x0200_0000, MTIMECMP = CLINT + 0x4000, MTIME = CLINT + 0xbff8;
const UART = 0x1000_0000, PLIC = 0x0c00_0000;

function machine(opts: ConstructorParameters<typeof Machine>[0] = {}) {
  let out = '';
  const m = new Machine({ deterministic: true, ramSize: 4 * 1024 * 1024, console: (b) => { out += String.fromCharCode(b); }, ...opts });
  return { m, out: () => out };
}

test('UART output and an HTIF exit code', (t) => {
  const a = new Asm(BASE);
  a.li(T0, UART);
  for (const ch of 'hi\n') { a.li(T1, ch.charCodeAt(0)); a.emit(sb(T1, T0, 0)); }
  exitWith(a, 5);
  const { m, out } = machine();
  t.true(m.loadElfBytes(finish(a)).ok);
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 5 });
  t.is(out(), 'hi\n');
});

test('starts in M-mode at e_entry with a0 = hartid and a1 = 0', (t) => {
  const a = new Asm(BASE);
  a.bnez(A1, 'bad');
  a.emit(csrr(T0, 0xf14));  // mhartid
  a.br(bne, T0, A0, 'bad');
  exitWithReg(a, A0, slli, ori);
  a.label('bad');
  exitWith(a, 99);
  const { m } = machine({ hartId: 0 });
  const r = m.loadElfBytes(finish(a));
  t.true(r.ok);
  t.is(m.hart.priv, 3);
  t.is(m.hart.pc, BASE);
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });
});

test('zero-fills p_memsz beyond p_filesz; refuses segments outside RAM and an entry outside the segments', (t) => {
  const a = new Asm(BASE);
  a.la(T0, 'end');
  a.emit(ld(T1, T0, 0x100));  // inside memsz, past filesz
  a.bnez(T1, 'bad');
  exitWith(a, 0);
  a.label('bad');
  exitWith(a, 1);
  a.label('end');
  const { m } = machine();
  m.ram.fill(BASE, 1 << 20, 0xff); // garbage that the loader must clear
  t.true(m.loadElfBytes(finish(a)).ok);
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });

  const outside = makeElf({ entry: 0x1000, segments: [{ paddr: 0x1000, data: new Uint8Array(4) }] });
  const r = machine().m.loadElfBytes(outside);
  t.false(r.ok);
  if (!r.ok) t.regex(r.message, /^segment at 0x1000-0x1004 lies outside RAM/);
  const tooBig = makeElf({ entry: BASE, segments: [{ paddr: BASE, data: new Uint8Array(4), memsz: 8 * 1024 * 1024 }] });
  t.false(machine().m.loadElfBytes(tooBig).ok);
  const lost = makeElf({ entry: BASE + 0x1000, segments: [{ paddr: BASE, data: new Uint8Array(4), memsz: 0x1000 }] });
  const rl = machine().m.loadElfBytes(lost);
  t.true(!rl.ok && rl.message === 'entry point 0x80001000 lies outside the loaded segments');
  const x86 = makeElf({ entry: BASE, segments: [{ paddr: BASE, data: new Uint8Array(4) }], machine: 62 });
  const rx = machine().m.loadElfBytes(x86);
  t.true(!rx.ok && rx.message === 'ELF is for x86-64, not RISC-V');
});

test('--max-insns: a runaway program stops at exactly the limit', (t) => {
  const a = new Asm(BASE);
  a.label('spin'); a.emit(addi(T0, T0, 1)); a.j('spin');
  const { m } = machine();
  m.loadElfBytes(finish(a));
  t.deepEqual(m.runSync({ maxInsns: 12345 }), { kind: 'limit', instret: 12345 });
  t.is(m.hart.x[2 * T0], 6173);
});

test('deterministic timer interrupt arrives at the same instret every run', (t) => {
  const build = () => {
    const a = new Asm(BASE);
    a.la(T0, 'handler'); a.emit(csrw(MTVEC, T0));
    a.li(T0, MTIMECMP); a.li(T1, 5000); a.emit(sd(T1, T0, 0));
    a.li(T0, 0x80); a.emit(csrw(MIE, T0), csrrsi(0, MSTATUS, 8));
    a.label('spin'); a.emit(addi(S2, S2, 1)); a.j('spin');
    a.align(4);
    a.label('handler');
    a.emit(csrr(A0, MINSTRET), csrr(A1, MCAUSE));
    a.la(T0, 'seen'); a.emit(sd(A0, T0, 0), sd(A1, T0, 8));
    exitWith(a, 0);
    a.align(8); a.label('seen'); a.dword(0n); a.dword(0n);
    return a;
  };
  const seen: number[][] = [];
  for (const ipt of [1, 1, 3]) {
    const a = build();
    const { m } = machine({ insnsPerTick: ipt });
    m.loadElfBytes(finish(a));
    t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });
    const at = a.addr('seen');
    seen.push([m.ram.read32(at), m.ram.read32(at + 12)]);
  }
  t.deepEqual(seen[0], seen[1]);
  t.is(seen[0][1] | 0, -2147483648, 'mcause has the interrupt bit');
  t.true(seen[0][0] >= 5000 && seen[0][0] <= 5002, `taken at instret ${seen[0][0]}`);
  t.true(seen[2][0] >= 15000 && seen[2][0] <= 15002, `3 insns per tick: instret ${seen[2][0]}`);
});

test('WFI jumps mtime forward to mtimecmp in deterministic mode', (t) => {
  const a = new Asm(BASE);
  a.la(T0, 'handler'); a.emit(csrw(MTVEC, T0));
  a.li(T0, MTIMECMP); a.li(T1, 50_000_000); a.emit(sd(T1, T0, 0));
  a.li(T0, 0x80); a.emit(csrw(MIE, T0), csrrsi(0, MSTATUS, 8));
  a.label('idle'); a.emit(wfi()); a.j('idle');
  a.align(4);
  a.label('handler');
  a.li(T0, MTIME); a.emit(ld(A0, T0, 0));
  a.la(T0, 'seen'); a.emit(sd(A0, T0, 0));
  exitWith(a, 0);
  a.align(8); a.label('seen'); a.dword(0n);
  const { m } = machine();
  m.loadElfBytes(finish(a));
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });
  t.true(m.hart.instret < 100_000, `instret ${m.hart.instret}`);
  t.true(m.ram.read32(a.addr('seen')) >= 50_000_000);
});

test('WFI with nothing that could wake the hart is a deadlock', (t) => {
  const a = new Asm(BASE);
  a.label('idle'); a.emit(wfi()); a.j('idle');
  const { m } = machine();
  m.loadElfBytes(finish(a));
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'deadlock' });
});

test('WFI with the timer armed but MTIE masked is a deadlock once the deadline passes', async (t) => {
  const build = () => {
    const a = new Asm(BASE);
    a.li(T0, MTIME); a.emit(ld(T1, T0, 0));
    a.emit(addi(T1, T1, 2000));
    a.li(T0, MTIMECMP); a.emit(sd(T1, T0, 0));
    a.li(T0, 0x8); a.emit(csrw(MIE, T0), csrrsi(0, MSTATUS, 8));   // only MSIE
    a.label('idle'); a.emit(wfi()); a.j('idle');
    return finish(a);
  };
  const { m } = machine();
  m.loadElfBytes(build());
  t.deepEqual(m.runSync({}), { kind: 'deadlock' });
  t.true(m.clint.mtime() >= 2000, 'mtime jumped to the deadline first');
  const rt = new Machine({ ramSize: 4 * 1024 * 1024 });
  rt.loadElfBytes(build());
  t.deepEqual(await rt.run({ maxInsns: 1e8 }), { kind: 'deadlock' });
});

test('real-time clock: run() sleeps through WFI until the timer fires', async (t) => {
  // mtimecmp = mtime + 4000 ticks (0.4 ms at 10 MHz), wfi, exit 3 from the handler.
  const b = new Asm(BASE);
  b.la(T0, 'handler'); b.emit(csrw(MTVEC, T0));
  b.li(T0, MTIME); b.emit(ld(T1, T0, 0));
  b.emit(addi(T1, T1, 2000), addi(T1, T1, 2000));
  b.li(T0, MTIMECMP); b.emit(sd(T1, T0, 0));
  b.li(T0, 0x80); b.emit(csrw(MIE, T0), csrrsi(0, MSTATUS, 8));
  b.label('idle'); b.emit(wfi()); b.j('idle');
  b.align(4);
  b.label('handler');
  exitWith(b, 3);
  const m = new Machine({ ramSize: 4 * 1024 * 1024 });
  t.false(m.deterministic);
  m.loadElfBytes(finish(b));
  t.deepEqual(await m.run({ maxInsns: 1e7 }), { kind: 'exit', code: 3 });
});

test('UART receive interrupt through the PLIC (claim/complete) to MEIP', (t) => {
  const a = new Asm(BASE);
  a.la(T0, 'handler'); a.emit(csrw(MTVEC, T0));
  a.li(T0, UART); a.li(T1, 1); a.emit(sb(T1, T0, 1));            // IER = RX data available
  a.li(T0, PLIC + 10 * 4); a.emit(sw(T1, T0, 0));                 // priority[10] = 1
  a.li(T0, PLIC + 0x2000); a.li(T1, 1 << 10); a.emit(sw(T1, T0, 0)); // enable source 10 for context 0
  a.li(T0, 1 << 11); a.emit(csrw(MIE, T0), csrrsi(0, MSTATUS, 8));
  a.label('idle'); a.emit(wfi()); a.j('idle');
  a.align(4);
  a.label('handler');
  a.li(T0, PLIC + 0x20_0004); a.emit(lw(A1, T0, 0));               // claim
  a.li(T2, 10); a.br(bne, A1, T2, 'bad');
  a.li(T1, UART); a.emit(lbu(A0, T1, 0));                          // read the byte
  a.emit(sw(A1, T0, 0));                                           // complete
  a.emit(lw(A1, T0, 0));                                           // nothing left to claim
  a.br(bne, A1, 0, 'bad');
  exitWithReg(a, A0, slli, ori);
  a.label('bad');
  exitWith(a, 1);
  const { m } = machine();
  m.loadElfBytes(finish(a));
  m.input('A');
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 65 });
});

test('UART interrupt to S-mode through the PLIC S context (SEIP, delegated)', (t) => {
  const a = new Asm(BASE);
  a.la(T0, 'mhandler'); a.emit(csrw(MTVEC, T0));
  a.la(T0, 'shandler'); a.emit(csrw(0x105, T0));                  // stvec
  a.li(T0, 1 << 9); a.emit(csrw(0x303, T0), csrw(MIE, T0));       // mideleg.SEIP, mie.SEIE
  a.li(T0, UART); a.li(T1, 1); a.emit(sb(T1, T0, 1));
  a.li(T0, PLIC + 10 * 4); a.emit(sw(T1, T0, 0));
  a.li(T0, PLIC + 0x2000 + 0x80); a.li(T1, 1 << 10); a.emit(sw(T1, T0, 0)); // context 1 (S) enables
  a.li(T0, 1 << 11); a.emit(csrrs(0, MSTATUS, T0));              // MPP = S
  a.la(T0, 'smode'); a.emit(csrw(0x341, T0), mret());
  a.label('smode');
  a.emit(csrrsi(0, 0x100, 2));                                     // sstatus.SIE
  a.label('idle'); a.emit(wfi()); a.j('idle');
  a.align(4);
  a.label('shandler');
  a.emit(csrr(A1, 0x142));                                         // scause
  a.li(T0, PLIC + 0x20_1004); a.emit(lw(A0, T0, 0));               // claim (context 1)
  a.li(T2, 10); a.br(bne, A0, T2, 'sbad');
  a.li(T1, UART); a.emit(lbu(A0, T1, 0));
  a.li(T2, 10); a.emit(sw(T2, T0, 0));                             // complete
  a.emit(ecall());
  a.label('sbad'); a.li(A0, 1); a.emit(ecall());
  a.align(4);
  a.label('mhandler');
  a.emit(csrr(T0, MCAUSE));
  a.li(T2, 9); a.br(bne, T0, T2, 'mbad');                          // ecall from S
  a.li(T2, 0x8000_0000_0000_0009n); a.br(bne, A1, T2, 'mbad');     // scause: supervisor external interrupt
  exitWithReg(a, A0, slli, ori);
  a.label('mbad');
  exitWith(a, 2);
  const { m } = machine();
  m.loadElfBytes(finish(a));
  m.input('s');
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 's'.charCodeAt(0) });
});

test('interrupt-driven UART transmit: THRE interrupts feed the string, IIR tells the cause', (t) => {
  const a = new Asm(BASE);
  a.la(T0, 'handler'); a.emit(csrw(MTVEC, T0));
  a.la(S2, 'msg');
  a.li(T0, PLIC + 10 * 4); a.li(T1, 1); a.emit(sw(T1, T0, 0));
  a.li(T0, PLIC + 0x2000); a.li(T1, 1 << 10); a.emit(sw(T1, T0, 0));
  a.li(T0, 1 << 11); a.emit(csrw(MIE, T0), csrrsi(0, MSTATUS, 8));
  a.li(T0, UART); a.li(T1, 2); a.emit(sb(T1, T0, 1));             // IER = THRE: interrupt at once
  a.label('idle'); a.emit(wfi()); a.j('idle');
  a.align(4);
  a.label('handler');
  a.li(T0, PLIC + 0x20_0004); a.emit(lw(A1, T0, 0));               // claim
  a.li(T1, UART); a.emit(lbu(A0, T1, 2), andi(A0, A0, 0x0f));       // IIR
  a.li(T2, 2); a.br(bne, A0, T2, 'bad');                           // THRE
  a.emit(lbu(A0, S2, 0));
  a.beqz(A0, 'done');
  a.emit(sb(A0, T1, 0), addi(S2, S2, 1));
  a.emit(sw(A1, T0, 0), mret());                                   // complete, return
  a.label('done');
  exitWith(a, 0);
  a.label('bad');
  exitWith(a, 1);
  a.label('msg');
  const msg = 'irq tx\n\0';                                        // even length: two bytes per halfword
  for (let i = 0; i < msg.length; i += 2) a.c(msg.charCodeAt(i) | (msg.charCodeAt(i + 1) << 8));
  const { m, out } = machine();
  m.loadElfBytes(finish(a));
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });
  t.is(out(), 'irq tx\n');
});

test('HTIF console putchar: the guest waits for fromhost between characters', (t) => {
  const a = new Asm(BASE);
  for (const ch of 'ok') {
    a.li(T1, (1n << 56n) | (1n << 48n) | BigInt(ch.charCodeAt(0)));
    a.la(T2, 'tohost'); a.emit(sd(T1, T2, 0));
    const wait = `wait${ch}`;
    a.la(T2, 'fromhost');
    a.label(wait); a.emit(ld(T0, T2, 0)); a.br(beq, T0, 0, wait);
    a.emit(sd(0, T2, 0));
  }
  exitWith(a, 0);
  const { m, out } = machine();
  m.loadElfBytes(finish(a));
  t.deepEqual(m.runSync({ maxInsns: 1e6 }), { kind: 'exit', code: 0 });
  t.is(out(), 'ok');
});

test('trace: one line per instruction with mode, pc, bits, disassembly and label', (t) => {
  const a = new Asm(BASE);
  a.emit(addi(A0, 0, 7));
  exitWith(a, 0);
  const { m } = machine();
  m.loadElfBytes(finish(a, [{ name: 'entry', value: BASE, shndx: 1 }]));
  const lines: string[] = [];
  t.deepEqual(m.runSync({ maxInsns: 1000, trace: (h) => { if (lines.length < 3) lines.push(traceLine(h, m.elf)); } }), { kind: 'exit', code: 0 });
  t.regex(lines[0], /^M 0000000080000000  00700513  \S/);
  t.regex(lines[0], /addi|li/);
  t.regex(lines[0], /  <entry>$/);
  t.regex(lines[1], /^M 0000000080000004  .*<entry\+0x4>$/);
  t.notRegex(traceLine(m.hart), /</, 'no ELF: no label');
});

test('a program without tohost runs until the limit', (t) => {
  const a = new Asm(BASE);
  a.label('spin'); a.j('spin');
  const data = a.bytes();
  const { m } = machine();
  t.true(m.loadElfBytes(makeElf({ entry: BASE, segments: [{ paddr: BASE, data }] })).ok);
  t.is(m.htif, null);
  t.deepEqual(m.runSync({ maxInsns: 500 }), { kind: 'limit', instret: 500 });
});
