// Helpers shared by the rv64si programs (environment p, test bodies in S/U).
#define ENTER_MODE(mpp, label) \
  li t0, 3 << 11; csrc mstatus, t0; li t0, (mpp) << 11; csrs mstatus, t0; la t0, label; csrw mepc, t0; mret;
// S-mode -> U-mode at label through sret (SPP = 0).
#define SRET_TO_U(label) \
  li t0, 1 << 8; csrc sstatus, t0; la t0, label; csrw sepc, t0; sret;
// Advance xepc past the (16- or 32-bit) instruction it points at.
#define SKIP_EPC(epc) \
  csrr t2, epc; lhu t0, 0(t2); andi t0, t0, 3; li t1, 3; beq t0, t1, 91f; addi t2, t2, 2; j 92f; \
  91: addi t2, t2, 4; 92: csrw epc, t2;
