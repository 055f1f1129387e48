// Unit tests of the signal state (no guest needed): standard signals merge
// while RT signals queue in order, dequeue order (faults first, then lowest),
// default actions, and sigaltstack validation.
import test from 'ava';
import { SigQueue, makeInfo, nextSignal, defaultAction, ACT_CORE, ACT_TERM, ACT_STOP, ACT_CONT, ACT_IGN, TaskSig } from '../../core/kernel/signal/state.js';
import { doSigaltstack, altFlags, onSigStack, ALT_OK, ALT_EPERM, ALT_EINVAL, ALT_ENOMEM } from '../../core/kernel/signal/frame.js';
import { sigbit, SS_DISABLE, SS_ONSTACK, SS_AUTODISARM, SI_QUEUE } from '../../core/abi/signal.js';

test('a standard signal already pending is merged; RT signals queue with their siginfo in order', (t) => {
  const q = new SigQueue();
  t.true(q.add(makeInfo(10, 0)));
  t.false(q.add(makeInfo(10, 0)));
  for (let i = 0; i < 3; i++) { const b = makeInfo(34, SI_QUEUE); b[24] = i; t.true(q.add(b)); }
  t.is(q.infos.length, 4);
  t.is(q.take(34)[24], 0);
  t.is(q.take(34)[24], 1);
  t.true(q.has(34));
  t.is(q.take(34)[24], 2);
  t.false(q.has(34));
  q.take(10);
  t.is(q.mask, 0n);
});

test('flush drops every instance of a set', (t) => {
  const q = new SigQueue();
  q.add(makeInfo(35, SI_QUEUE)); q.add(makeInfo(35, SI_QUEUE)); q.add(makeInfo(2, 0));
  q.flush(sigbit(35));
  t.is(q.infos.length, 1);
  t.is(q.mask, sigbit(2));
});

test('dequeue order: synchronous fault signals first, then the lowest number (RT last)', (t) => {
  t.is(nextSignal(sigbit(2) | sigbit(11) | sigbit(40)), 11);
  t.is(nextSignal(sigbit(15) | sigbit(40)), 15);
  t.is(nextSignal(sigbit(64)), 64);
  t.is(nextSignal(sigbit(32)), 32);
  t.is(nextSignal(sigbit(33) | sigbit(64)), 33);
  t.is(nextSignal(0n), 0);
});

test('default actions follow Linux', (t) => {
  t.is(defaultAction(11), ACT_CORE);
  t.is(defaultAction(6), ACT_CORE);
  t.is(defaultAction(15), ACT_TERM);
  t.is(defaultAction(1), ACT_TERM);
  t.is(defaultAction(34), ACT_TERM);
  t.is(defaultAction(20), ACT_STOP);
  t.is(defaultAction(18), ACT_CONT);
  t.is(defaultAction(17), ACT_IGN);
  t.is(defaultAction(28), ACT_IGN);
});

test('sigaltstack: size, flags, EPERM while on the stack, SS_AUTODISARM', (t) => {
  const ts = new TaskSig();
  t.is(altFlags(ts, 0x1000), SS_DISABLE);
  t.is(doSigaltstack(ts, 0x9000_0000, { sp: 0x1000_0000, flags: 0, size: 100 }), ALT_ENOMEM);
  t.is(doSigaltstack(ts, 0x9000_0000, { sp: 0x1000_0000, flags: 7, size: 65536 }), ALT_EINVAL);
  t.is(doSigaltstack(ts, 0x9000_0000, { sp: 0x1000_0000, flags: 0, size: 65536 }), ALT_OK);
  t.true(onSigStack(ts, 0x1000_8000));
  t.is(altFlags(ts, 0x1000_8000), SS_ONSTACK);
  t.is(altFlags(ts, 0x9000_0000), 0);
  t.is(doSigaltstack(ts, 0x1000_8000, { sp: 0, flags: SS_DISABLE, size: 0 }), ALT_EPERM);
  t.is(doSigaltstack(ts, 0x9000_0000, { sp: 0x1000_0000, flags: SS_AUTODISARM, size: 65536 }), ALT_OK);
  t.false(onSigStack(ts, 0x1000_8000)); // never "on" an autodisarmed stack
  t.is(altFlags(ts, 0x9000_0000) >>> 0, SS_AUTODISARM >>> 0);
});
