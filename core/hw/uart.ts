// A 16550-compatible UART (byte-spaced registers, as on QEMU's virt board at
// 0x1000_0000). Transmitted bytes go straight to a host sink callback, so the
// transmitter is always empty (LSR.THRE and LSR.TEMT stay set); received bytes
// come from a host queue fed by receive(). The interrupt output is a level
// callback (wired by the machine to a PLIC source): it is high while an enabled
// cause is pending, RX data available (IER bit 0) before THR empty (IER bit 1).
// Also modelled: FIFO control, LCR with DLAB and the divisor latches, MCR with
// loopback, MSR, and the scratch register.

export const UART_BASE = 0x1000_0000;
export const UART_SIZE = 0x100;
/** The PLIC source the UART is wired to (as on QEMU's virt board). */
export const UART_IRQ = 10;

export const UART_RBR = 0, UART_THR = 0, UART_DLL = 0;
export const UART_IER = 1, UART_DLM = 1;
export const UART_IIR = 2, UART_FCR = 2;
export const UART_LCR = 3, UART_MCR = 4, UART_LSR = 5, UART_MSR = 6, UART_SCR = 7;

export const IER_RDI = 0x01, IER_THRI = 0x02, IER_RLSI = 0x04, IER_MSI = 0x08;
export const IIR_NO_INT = 0x01, IIR_THRI = 0x02, IIR_RDI = 0x04, IIR_FIFO = 0xc0;
export const LSR_DR = 0x01, LSR_OE = 0x02, LSR_THRE = 0x20, LSR_TEMT = 0x40;
export const LCR_DLAB = 0x80;
export const MCR_LOOP = 0x10;
export const FCR_ENABLE = 0x01, FCR_CLEAR_RX = 0x02;

/** Host input beyond this many unread bytes is dropped (and flagged as overrun). */
const RX_LIMIT = 1 << 16;

export class Uart16550 {
  readonly name = 'uart';
  readonly size = UART_SIZE;
  ier = 0;
  lcr = 0x03;
  mcr = 0;
  fcr = 0;
  scr = 0;
  dll = 0x0c;
  dlm = 0;
  private overrun = false;
  /** Set when THR became empty with IER.THRI enabled; cleared by an IIR read that reports it or a THR write. */
  private thriPending = false;
  private rx: number[] = [];
  private rxHead = 0;
  private level = false;

  constructor(
    /** Receives each byte the guest transmits. */
    private readonly sink: (byte: number) => void,
    /** Interrupt output level (to the PLIC). */
    private readonly irq: (on: boolean) => void = () => {},
    readonly base: number = UART_BASE,
  ) {}

  /** Bytes waiting in the receive queue. */
  get rxCount(): number { return this.rx.length - this.rxHead; }

  /** Queues host input for the guest to read. */
  receive(bytes: Uint8Array | string): void {
    const src = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    for (const b of src) {
      if (this.rxCount >= RX_LIMIT) { this.overrun = true; break; }
      this.rx.push(b);
    }
    this.updateIrq();
  }

  read(offset: number, size: 1 | 2 | 4): number {
    void size;
    switch (offset) {
      case UART_RBR:
        if (this.lcr & LCR_DLAB) return this.dll;
        return this.readRbr();
      case UART_IER:
        return this.lcr & LCR_DLAB ? this.dlm : this.ier;
      case UART_IIR: {
        const id = this.interruptId();
        if (id === IIR_THRI) { this.thriPending = false; this.updateIrq(); }
        return id | (this.fcr & FCR_ENABLE ? IIR_FIFO : 0);
      }
      case UART_LCR: return this.lcr;
      case UART_MCR: return this.mcr;
      case UART_LSR: {
        let v = LSR_THRE | LSR_TEMT;
        if (this.rxCount > 0) v |= LSR_DR;
        if (this.overrun) { v |= LSR_OE; this.overrun = false; }
        return v;
      }
      case UART_MSR:
        if (this.mcr & MCR_LOOP) {
          // Loopback: DTR->DSR, RTS->CTS, OUT1->RI, OUT2->DCD.
          const m = this.mcr;
          return ((m & 1) << 5) | ((m & 2) << 3) | ((m & 4) << 4) | ((m & 8) << 4);
        }
        return 0xb0; // DCD, DSR, CTS asserted
      case UART_SCR: return this.scr;
      default: return 0;
    }
  }

  write(offset: number, size: 1 | 2 | 4 | 8, lo: number, hi: number): void {
    void size; void hi;
    const v = lo & 0xff;
    switch (offset) {
      case UART_THR:
        if (this.lcr & LCR_DLAB) { this.dll = v; return; }
        if (this.mcr & MCR_LOOP) this.receive(Uint8Array.of(v));
        else this.sink(v);
        // The byte leaves at once: THR is empty again.
        this.thriPending = (this.ier & IER_THRI) !== 0;
        this.updateIrq();
        return;
      case UART_IER:
        if (this.lcr & LCR_DLAB) { this.dlm = v; return; }
        {
          const was = this.ier;
          this.ier = v & 0x0f;
          // Enabling THRI while THR is empty raises it at once (as on real parts).
          if (!(was & IER_THRI) && (this.ier & IER_THRI)) this.thriPending = true;
          if (!(this.ier & IER_THRI)) this.thriPending = false;
        }
        this.updateIrq();
        return;
      case UART_FCR:
        this.fcr = v & 0xc9;
        if (v & FCR_CLEAR_RX) { this.rx = []; this.rxHead = 0; }
        this.updateIrq();
        return;
      case UART_LCR: this.lcr = v; return;
      case UART_MCR: this.mcr = v & 0x1f; return;
      case UART_SCR: this.scr = v; return;
      default: return; // LSR and MSR are read-only
    }
  }

  private readRbr(): number {
    if (this.rxCount === 0) return 0;
    const b = this.rx[this.rxHead++];
    if (this.rxHead > 4096 && this.rxHead * 2 > this.rx.length) {
      this.rx = this.rx.slice(this.rxHead);
      this.rxHead = 0;
    }
    this.updateIrq();
    return b;
  }

  /** IIR interrupt identification (without the FIFO bits). */
  private interruptId(): number {
    if ((this.ier & IER_RDI) && this.rxCount > 0) return IIR_RDI;
    if ((this.ier & IER_THRI) && this.thriPending) return IIR_THRI;
    return IIR_NO_INT;
  }

  private updateIrq(): void {
    const on = this.interruptId() !== IIR_NO_INT;
    if (on !== this.level) {
      this.level = on;
      this.irq(on);
    }
  }
}
