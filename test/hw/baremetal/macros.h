// Test macros of our bare-metal suite (our own design, written from the ISA
// spec). Each TEST_* sets TESTNUM (gp) to its number first, so a failure
// reports which case broke: tohost = (n << 1) | 1, i.e. exit code n.
// Operands go in a1/a2/a3, the result in a0, the expected value in t2; flags in a4.
#ifndef NODIX_MACROS_H
#define NODIX_MACROS_H

#define SEXT32(x) ((((x) & 0xffffffff) ^ 0x80000000) - 0x80000000)

#define EXPECT(reg, val) li t2, val; bne reg, t2, test_fail;

// Any code, then compare `reg` with `val`.
#define TEST_CASE(n, reg, val, code...) \
test_##n: li TESTNUM, n; code; EXPECT(reg, val)

// a0 = inst(v1, v2), plus the rd==rs1, rd==rs2 and rs1==rs2 forms.
#define TEST_RR(n, inst, result, v1, v2) \
  TEST_CASE(n, a0, result, li a1, v1; li a2, v2; inst a0, a1, a2)
#define TEST_RR_SRC1_EQ_DEST(n, inst, result, v1, v2) \
  TEST_CASE(n, a1, result, li a1, v1; li a2, v2; inst a1, a1, a2)
#define TEST_RR_SRC2_EQ_DEST(n, inst, result, v1, v2) \
  TEST_CASE(n, a2, result, li a1, v1; li a2, v2; inst a2, a1, a2)
#define TEST_RR_SRC12_EQ_DEST(n, inst, result, v1) \
  TEST_CASE(n, a1, result, li a1, v1; inst a1, a1, a1)
// rd = x0 must stay zero.
#define TEST_RR_ZERODEST(n, inst, v1, v2) \
  TEST_CASE(n, x0, 0, li a1, v1; li a2, v2; inst x0, a1, a2)

// a0 = inst(v1, imm).
#define TEST_RI(n, inst, result, v1, imm) \
  TEST_CASE(n, a0, result, li a1, v1; inst a0, a1, imm)
#define TEST_RI_SRC1_EQ_DEST(n, inst, result, v1, imm) \
  TEST_CASE(n, a1, result, li a1, v1; inst a1, a1, imm)

// Load at label+off.
#define TEST_LOAD(n, inst, result, off, label) \
  TEST_CASE(n, a0, result, la a1, label; inst a0, off(a1))
// Store val at label+off, read it back with linst.
#define TEST_STORE(n, sinst, linst, val, off, label) \
  TEST_CASE(n, a0, val, la a1, label; li a2, val; sinst a2, off(a1); linst a0, off(a1))

#define TEST_BR_TAKEN(n, inst, v1, v2) \
test_##n: li TESTNUM, n; li a1, v1; li a2, v2; inst a1, a2, 1f; j test_fail; 1:
#define TEST_BR_NOT_TAKEN(n, inst, v1, v2) \
test_##n: li TESTNUM, n; li a1, v1; li a2, v2; inst a1, a2, test_fail;

// ---- floating point: operands from a data block, result compared bitwise, fflags exactly.
// TEST_FP_S(n, inst, flags, result, a, b, c): fa0 = inst(fa1, fa2[, fa3]) where the
// instruction text names its operands, e.g. TEST_FP_S(2, fadd.s fa0 COMMA fa1 COMMA fa2, ...).
#define COMMA ,
#define TEST_FP_S(n, insn, flags, result, v1, v2, v3) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .float v1, v2, v3, result; .popsection; \
  la a5, tdat_##n; flw fa1, 0(a5); flw fa2, 4(a5); flw fa3, 8(a5); \
  csrwi fflags, 0; insn; csrr a4, fflags; \
  fmv.x.w a0, fa0; lw t2, 12(a5); bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
#define TEST_FP_D(n, insn, flags, result, v1, v2, v3) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .double v1, v2, v3, result; .popsection; \
  la a5, tdat_##n; fld fa1, 0(a5); fld fa2, 8(a5); fld fa3, 16(a5); \
  csrwi fflags, 0; insn; csrr a4, fflags; \
  fmv.x.d a0, fa0; ld t2, 24(a5); bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
// Same, with the expected result given as raw bits (for NaNs and signed zeros).
#define TEST_FP_S_BITS(n, insn, flags, bits, v1, v2, v3) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .float v1, v2, v3; .word bits; .popsection; \
  la a5, tdat_##n; flw fa1, 0(a5); flw fa2, 4(a5); flw fa3, 8(a5); \
  csrwi fflags, 0; insn; csrr a4, fflags; \
  fmv.x.w a0, fa0; lw t2, 12(a5); bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
#define TEST_FP_D_BITS(n, insn, flags, bits, v1, v2, v3) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .double v1, v2, v3; .dword bits; .popsection; \
  la a5, tdat_##n; fld fa1, 0(a5); fld fa2, 8(a5); fld fa3, 16(a5); \
  csrwi fflags, 0; insn; csrr a4, fflags; \
  fmv.x.d a0, fa0; ld t2, 24(a5); bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
// Integer result in a0 (compares, fclass, conversions to integer).
#define TEST_FP_INT_S(n, insn, flags, result, v1, v2) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .float v1, v2; .popsection; \
  la a5, tdat_##n; flw fa1, 0(a5); flw fa2, 4(a5); \
  csrwi fflags, 0; insn; csrr a4, fflags; \
  li t2, result; bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
#define TEST_FP_INT_D(n, insn, flags, result, v1, v2) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .double v1, v2; .popsection; \
  la a5, tdat_##n; fld fa1, 0(a5); fld fa2, 8(a5); \
  csrwi fflags, 0; insn; csrr a4, fflags; \
  li t2, result; bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
// Integer source a1 = v, result fa0 compared with a float/double literal.
#define TEST_FP_FROM_INT_S(n, insn, flags, result, v) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .float result; .popsection; \
  li a1, v; csrwi fflags, 0; insn; csrr a4, fflags; \
  la a5, tdat_##n; fmv.x.w a0, fa0; lw t2, 0(a5); bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;
#define TEST_FP_FROM_INT_D(n, insn, flags, result, v) \
test_##n: li TESTNUM, n; \
  .pushsection .data; .align 3; tdat_##n: .double result; .popsection; \
  li a1, v; csrwi fflags, 0; insn; csrr a4, fflags; \
  la a5, tdat_##n; fmv.x.d a0, fa0; ld t2, 0(a5); bne a0, t2, test_fail; \
  li t2, flags; bne a4, t2, test_fail;

#define FLAG_NX 1
#define FLAG_UF 2
#define FLAG_OF 4
#define FLAG_DZ 8
#define FLAG_NV 16

#define TEST_PASSFAIL j test_pass;

#endif
