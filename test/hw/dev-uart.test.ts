// core/hw/uart.ts: the 16550 register file as a driver sees it: THR to the host
// sink, RBR from the host queue with LSR.DR, IIR causes and their priority, the
// THRE interrupt's set/clear rules, DLAB and the divisor latches, FCR, scratch,
// MSR and loopback, and the interrupt level output.
import test from 'ava';
import {
  Uart16550, UART_RBR, UART_THR, UART_IER, UART_IIR, UART_FCR, UART_LCR, UART_MCR, UART_LSR, UART_MSR, UART_SCR,
  LSR_DR, LSR_THRE, LSR_TEMT, LSR_OE, IER_RDI, IER_THRI, IIR_NO_INT, IIR_RDI, IIR_THRI, LCR_DLAB, MCR_LOOP,
} from '../../core/hw/uart.js';

function setup() {
  const out: number[] = [];
  const levels: boolean[] = [];
  const u = new Uart16550((b) => out.push(b), (on) => levels.push(on));
  return { u, out, levels };
}

test('THR bytes go to the sink; the transmitter is always empty', (t) => {
  const { u, out } = setup();
  for (const ch of 'hi\n') u.write(UART_THR, 1, ch.charCodeAt(0), 0);
  t.deepEqual(out, [104, 105, 10]);
  t.is(u.read(UART_LSR, 1) & (LSR_THRE | LSR_TEMT), LSR_THRE | LSR_TEMT);
});

test('received bytes are read in order with LSR.DR', (t) => {
  const { u } = setup();
  t.is(u.read(UART_LSR, 1) & LSR_DR, 0);
  u.receive('ab');
  t.is(u.read(UART_LSR, 1) & LSR_DR, LSR_DR);
  t.is(u.read(UART_RBR, 1), 0x61);
  t.is(u.read(UART_RBR, 1), 0x62);
  t.is(u.read(UART_LSR, 1) & LSR_DR, 0);
  t.is(u.read(UART_RBR, 1), 0, 'empty RBR reads 0');
});

test('RX interrupt: raised while data waits and IER.RDI is set', (t) => {
  const { u, levels } = setup();
  u.receive('x');
  t.deepEqual(levels, [], 'disabled');
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_NO_INT);
  u.write(UART_IER, 1, IER_RDI, 0);
  t.deepEqual(levels, [true]);
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_RDI);
  u.read(UART_RBR, 1);
  t.deepEqual(levels, [true, false]);
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_NO_INT);
});

test('THRE interrupt: set on enable and after each byte, cleared by reading IIR', (t) => {
  const { u, levels } = setup();
  u.write(UART_IER, 1, IER_THRI, 0);
  t.deepEqual(levels, [true]);
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_THRI);
  t.deepEqual(levels, [true, false], 'IIR read that reported THRE clears it');
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_NO_INT);
  u.write(UART_THR, 1, 0x41, 0);
  t.deepEqual(levels, [true, false, true]);
  u.write(UART_IER, 1, 0, 0);
  t.deepEqual(levels, [true, false, true, false]);
});

test('RX data outranks THRE in IIR', (t) => {
  const { u } = setup();
  u.write(UART_IER, 1, IER_RDI | IER_THRI, 0);
  u.receive('z');
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_RDI);
  u.read(UART_RBR, 1);
  t.is(u.read(UART_IIR, 1) & 0x0f, IIR_THRI);
});

test('DLAB switches offsets 0 and 1 to the divisor latches', (t) => {
  const { u, out } = setup();
  u.write(UART_LCR, 1, LCR_DLAB | 0x03, 0);
  u.write(UART_THR, 1, 0x01, 0);
  u.write(UART_IER, 1, 0x02, 0);
  t.deepEqual(out, [], 'no byte sent while DLAB is set');
  t.is(u.read(UART_RBR, 1), 0x01);
  t.is(u.read(UART_IER, 1), 0x02);
  u.write(UART_LCR, 1, 0x03, 0);
  t.is(u.read(UART_IER, 1), 0, 'IER untouched');
  t.is(u.read(UART_LCR, 1), 0x03);
  t.is(u.dll, 1); t.is(u.dlm, 2);
});

test('FCR enables the FIFO bits in IIR and clears the receive FIFO', (t) => {
  const { u } = setup();
  t.is(u.read(UART_IIR, 1) & 0xc0, 0);
  u.write(UART_FCR, 1, 0x07, 0);
  t.is(u.read(UART_IIR, 1) & 0xc0, 0xc0);
  u.receive('abc');
  u.write(UART_FCR, 1, 0x03, 0);
  t.is(u.read(UART_LSR, 1) & LSR_DR, 0);
});

test('scratch register, MSR and loopback', (t) => {
  const { u, out } = setup();
  u.write(UART_SCR, 1, 0x5a, 0);
  t.is(u.read(UART_SCR, 1), 0x5a);
  t.is(u.read(UART_MSR, 1), 0xb0);
  u.write(UART_MCR, 1, MCR_LOOP | 0x03, 0);
  t.is(u.read(UART_MCR, 1), MCR_LOOP | 0x03);
  t.is(u.read(UART_MSR, 1) & 0x30, 0x30, 'DTR->DSR, RTS->CTS');
  u.write(UART_THR, 1, 0x55, 0);
  t.deepEqual(out, [], 'looped back, not sent');
  t.is(u.read(UART_RBR, 1), 0x55);
});

test('overrun: input past the queue limit sets LSR.OE once', (t) => {
  const { u } = setup();
  u.receive(new Uint8Array((1 << 16) + 10));
  t.is(u.rxCount, 1 << 16);
  t.is(u.read(UART_LSR, 1) & LSR_OE, LSR_OE);
  t.is(u.read(UART_LSR, 1) & LSR_OE, 0);
});
