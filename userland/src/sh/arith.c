/* sh: arithmetic expansion $((...)) — a precedence-climbing evaluator over longs with shell variables. */
#include "sh.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

static const char *ap;
static int aerr;
static long a_assign(int eval);
static void aws(void) { while (*ap == ' ' || *ap == '\t' || *ap == '\n') ap++; }
static long var_num(const char *name) {
  char *v = getvar(name);
  if (!v || !*v) return 0;
  char *e;
  long r = strtol(v, &e, 0);
  return r;
}
static long a_primary(int eval) {
  aws();
  if (*ap == '(') {
    ap++;
    long v = a_assign(eval);
    aws();
    if (*ap == ')') ap++; else aerr = 1;
    return v;
  }
  if (*ap == '-') { ap++; return -a_primary(eval); }
  if (*ap == '+') { ap++; return a_primary(eval); }
  if (*ap == '!') { ap++; return !a_primary(eval); }
  if (*ap == '~') { ap++; return ~a_primary(eval); }
  if (isdigit((unsigned char)*ap)) {
    char *e;
    long v = strtol(ap, &e, 0);
    if (isalnum((unsigned char)*e)) aerr = 1;
    ap = e;
    return v;
  }
  if (isalpha((unsigned char)*ap) || *ap == '_') {
    char name[256];
    size_t l = 0;
    while ((isalnum((unsigned char)*ap) || *ap == '_') && l < 255) name[l++] = *ap++;
    name[l] = 0;
    aws();
    static const char *const ops[] = {"+=", "-=", "*=", "/=", "%=", "<<=", ">>=", "&=", "|=", "^=", 0};
    if (*ap == '=' && ap[1] != '=') {
      ap++;
      long v = a_assign(eval);
      if (eval) { char b[32]; sprintf(b, "%ld", v); setvar(name, b, 0); }
      return v;
    }
    for (int i = 0; ops[i]; i++) {
      size_t ol = strlen(ops[i]);
      if (!strncmp(ap, ops[i], ol)) {
        ap += ol;
        long r = a_assign(eval), v = var_num(name);
        switch (ops[i][0]) {
        case '+': v += r; break;
        case '-': v -= r; break;
        case '*': v *= r; break;
        case '/': if (r) v /= r; else if (eval) aerr = 2; break;
        case '%': if (r) v %= r; else if (eval) aerr = 2; break;
        case '<': v <<= r; break;
        case '>': v >>= r; break;
        case '&': v &= r; break;
        case '|': v |= r; break;
        case '^': v ^= r; break;
        }
        if (eval) { char b[32]; sprintf(b, "%ld", v); setvar(name, b, 0); }
        return v;
      }
    }
    return var_num(name);
  }
  aerr = 1;
  return 0;
}
static int prec_of(const char *p, int *len) {
  static const struct { const char *op; int prec; } t[] = {
    {"||", 1}, {"&&", 2}, {"|", 3}, {"^", 4}, {"&", 5}, {"==", 6}, {"!=", 6},
    {"<=", 7}, {">=", 7}, {"<<", 8}, {">>", 8}, {"<", 7}, {">", 7}, {"+", 9}, {"-", 9}, {"*", 10}, {"/", 10}, {"%", 10}, {0, 0}};
  for (int i = 0; t[i].op; i++) {
    size_t l = strlen(t[i].op);
    if (!strncmp(p, t[i].op, l)) {
      if (l == 1 && (p[1] == '=' && *p != '<' && *p != '>')) return 0; /* op= assignment */
      if (l == 1 && (*p == '|' || *p == '&') && p[1] == *p) continue;
      *len = (int)l;
      return t[i].prec;
    }
  }
  return 0;
}
static long a_binary(int minp, int eval) {
  long l = a_primary(eval);
  for (;;) {
    aws();
    int len, p = prec_of(ap, &len);
    if (!p || p < minp) return l;
    char op0 = ap[0], op1 = len > 1 ? ap[1] : 0;
    ap += len;
    int ev = eval;
    if (op0 == '&' && op1 == '&' && !l) ev = 0;
    if (op0 == '|' && op1 == '|' && l) ev = 0;
    long r = a_binary(p + 1, ev);
    switch (op0) {
    case '|': l = op1 ? (l || r) : (l | r); break;
    case '&': l = op1 ? (l && r) : (l & r); break;
    case '^': l ^= r; break;
    case '=': l = l == r; break;
    case '!': l = l != r; break;
    case '<': l = op1 == '<' ? l << r : op1 == '=' ? l <= r : l < r; break;
    case '>': l = op1 == '>' ? l >> r : op1 == '=' ? l >= r : l > r; break;
    case '+': l += r; break;
    case '-': l -= r; break;
    case '*': l *= r; break;
    case '/': if (r) l /= r; else { if (ev) aerr = 2; } break;
    case '%': if (r) l %= r; else { if (ev) aerr = 2; } break;
    }
  }
}
static long a_assign(int eval) {
  long c = a_binary(1, eval);
  aws();
  if (*ap == '?') {
    ap++;
    long a = a_assign(eval && c);
    aws();
    if (*ap != ':') { aerr = 1; return 0; }
    ap++;
    long b = a_assign(eval && !c);
    return c ? a : b;
  }
  return c;
}
long arith_eval(const char *expr, int *err) {
  ap = expr;
  aerr = 0;
  aws();
  long v = *ap ? a_assign(1) : 0;
  aws();
  if (*ap) aerr = aerr ? aerr : 1;
  if (aerr) {
    sh_error(aerr == 2 ? "arithmetic expression: division by zero: \"%s\"" : "arithmetic expression: expecting primary: \"%s\"", expr);
    *err = 1;
  }
  return v;
}
