// ticker: timers, deferred work and a wait queue. Every `period` ms a timer
// appends "tick N by PID" to a queue and wakes /dev/ticker's readers; a read
// with nothing queued sleeps on the wait queue (the read is re-issued when
// woken), so `head -n 3 /dev/ticker` waits for three ticks.
import type { DevFile, Kernel, ModuleDefinition } from '../core/kernel/module/api.js';

const lines: string[] = [];
let n = 0;

const mod: ModuleDefinition = {
  name: 'ticker',
  description: 'Timers, deferred work and a wait queue behind /dev/ticker',
  license: 'GPL',
  version: '1.0',
  params: { period: { type: 'int', default: 20, description: 'ms between ticks' } },
  init(k: Kernel) {
    const wq = k.waitQueue();
    const period = Math.max(1, Number(k.params.period));
    const tick = (): void => {
      n++;
      lines.push(`tick ${n}\n`);
      wq.wakeAll();
      k.setTimer(period, tick);
    };
    k.scheduleWork(() => k.printk('info', 'ticker: started'));
    k.setTimer(period, tick);
    const major = k.registerChrdev(0, 'ticker', {
      read(_f: DevFile, count: number) {
        if (lines.length === 0) return wq.sleep();
        const who = k.current();
        k.printk('debug', `ticker: read by ${who?.comm ?? '?'}`);
        return lines.shift()!.slice(0, count);
      },
      poll() { return lines.length > 0 ? 1 : 0; },
    });
    return major < 0 ? major : 0;
  },
};
export default mod;
