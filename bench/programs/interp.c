/* interp: a small stack-based bytecode VM (switch dispatch, call frames, a heap of
 * 32-bit cells) running three guest programs: recursive fib, a sieve of Eratosthenes
 * and a nested arithmetic loop (collatz steps). */
#include "bench.h"

enum {
  OP_HALT, OP_PUSH, OP_POP, OP_DUP, OP_SWAP, OP_OVER,
  OP_ADD, OP_SUB, OP_MUL, OP_DIVU, OP_REMU, OP_AND, OP_SHR, OP_LT, OP_EQ,
  OP_JMP, OP_JZ, OP_JNZ, OP_CALL, OP_RET,
  OP_LOADL, OP_STOREL,  /* locals in the current frame */
  OP_LOAD, OP_STORE,    /* heap[addr] */
};

typedef struct { int32_t ret_pc; int32_t base; } frame_t;

#define STACK_MAX 4096
#define FRAMES_MAX 1024
#define HEAP_CELLS (1u << 21)

static int32_t heap[HEAP_CELLS];

/* Calling convention: CALL target nargs; arguments become locals 0..nargs-1 of the
 * callee (plus up to 4 extra locals); RET leaves the top of stack as the result. */
__attribute__((noinline)) static int32_t run(const int32_t *code, int32_t pc) {
  int32_t stack[STACK_MAX];
  frame_t frames[FRAMES_MAX];
  int32_t sp = 0, fp = 0, base = 0;
  for (;;) {
    int32_t op = code[pc++];
    switch (op) {
    case OP_HALT: return sp ? stack[sp - 1] : 0;
    case OP_PUSH: stack[sp++] = code[pc++]; break;
    case OP_POP: sp--; break;
    case OP_DUP: stack[sp] = stack[sp - 1]; sp++; break;
    case OP_SWAP: { int32_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
    case OP_OVER: stack[sp] = stack[sp - 2]; sp++; break;
    case OP_ADD: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] + (uint32_t)stack[sp]); break;
    case OP_SUB: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] - (uint32_t)stack[sp]); break;
    case OP_MUL: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] * (uint32_t)stack[sp]); break;
    case OP_DIVU: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] / (uint32_t)stack[sp]); break;
    case OP_REMU: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] % (uint32_t)stack[sp]); break;
    case OP_AND: sp--; stack[sp - 1] &= stack[sp]; break;
    case OP_SHR: sp--; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (stack[sp] & 31)); break;
    case OP_LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case OP_EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
    case OP_JMP: pc = code[pc]; break;
    case OP_JZ: pc = stack[--sp] == 0 ? code[pc] : pc + 1; break;
    case OP_JNZ: pc = stack[--sp] != 0 ? code[pc] : pc + 1; break;
    case OP_CALL: {
      int32_t target = code[pc], nargs = code[pc + 1];
      frames[fp].ret_pc = pc + 2; frames[fp].base = base; fp++;
      base = sp - nargs;
      sp = base + nargs + 4;  /* room for extra locals */
      pc = target;
      break;
    }
    case OP_RET: {
      int32_t result = stack[sp - 1];
      sp = base;
      stack[sp++] = result;
      fp--; pc = frames[fp].ret_pc; base = frames[fp].base;
      break;
    }
    case OP_LOADL: stack[sp++] = stack[base + code[pc++]]; break;
    case OP_STOREL: stack[base + code[pc++]] = stack[--sp]; break;
    case OP_LOAD: stack[sp - 1] = heap[(uint32_t)stack[sp - 1] & (HEAP_CELLS - 1)]; break;
    case OP_STORE: { int32_t v = stack[--sp], a = stack[--sp]; heap[(uint32_t)a & (HEAP_CELLS - 1)] = v; break; }
    default: printf("bad opcode %d at %d\n", op, pc - 1); exit(1);
    }
  }
}

/* A tiny assembler with backpatched labels. */
static int32_t code[1024];
static int32_t ncode;
static void emit(int32_t x) { code[ncode++] = x; }
static void emit2(int32_t a, int32_t b) { emit(a); emit(b); }

int main(void) {
  /* fib(n): if n < 2 return n; return fib(n-1) + fib(n-2) */
  int32_t fib = ncode;
  emit2(OP_LOADL, 0); emit2(OP_PUSH, 2); emit(OP_LT);
  emit(OP_JZ); int32_t fix1 = ncode; emit(0);
  emit2(OP_LOADL, 0); emit(OP_RET);
  code[fix1] = ncode;
  emit2(OP_LOADL, 0); emit2(OP_PUSH, 1); emit(OP_SUB); emit(OP_CALL); emit2(fib, 1);
  emit2(OP_LOADL, 0); emit2(OP_PUSH, 2); emit(OP_SUB); emit(OP_CALL); emit2(fib, 1);
  emit(OP_ADD); emit(OP_RET);

  /* sieve(n): heap[0..n) := 1; for i in 2..n: if heap[i]: count++, for j = 2*i; j < n; j += i: heap[j] = 0
   * locals: 0 = n, 1 = i, 2 = j, 3 = count */
  int32_t sieve = ncode;
  emit2(OP_PUSH, 0); emit2(OP_STOREL, 1);
  int32_t fill = ncode;                                   /* while i < n: heap[i] = 1; i++ */
  emit2(OP_LOADL, 1); emit2(OP_LOADL, 0); emit(OP_LT); emit(OP_JZ); int32_t fix2 = ncode; emit(0);
  emit2(OP_LOADL, 1); emit2(OP_PUSH, 1); emit(OP_STORE);
  emit2(OP_LOADL, 1); emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STOREL, 1); emit2(OP_JMP, fill);
  code[fix2] = ncode;
  emit2(OP_PUSH, 0); emit2(OP_STOREL, 3); emit2(OP_PUSH, 2); emit2(OP_STOREL, 1);
  int32_t outer = ncode;
  emit2(OP_LOADL, 1); emit2(OP_LOADL, 0); emit(OP_LT); emit(OP_JZ); int32_t fix3 = ncode; emit(0);
  emit2(OP_LOADL, 1); emit(OP_LOAD); emit(OP_JZ); int32_t fix4 = ncode; emit(0);
  emit2(OP_LOADL, 3); emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STOREL, 3);
  emit2(OP_LOADL, 1); emit(OP_DUP); emit(OP_ADD); emit2(OP_STOREL, 2);
  int32_t inner = ncode;
  emit2(OP_LOADL, 2); emit2(OP_LOADL, 0); emit(OP_LT); emit(OP_JZ); int32_t fix5 = ncode; emit(0);
  emit2(OP_LOADL, 2); emit2(OP_PUSH, 0); emit(OP_STORE);
  emit2(OP_LOADL, 2); emit2(OP_LOADL, 1); emit(OP_ADD); emit2(OP_STOREL, 2); emit2(OP_JMP, inner);
  code[fix5] = ncode; code[fix4] = ncode;
  emit2(OP_LOADL, 1); emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STOREL, 1); emit2(OP_JMP, outer);
  code[fix3] = ncode;
  emit2(OP_LOADL, 3); emit(OP_RET);

  /* collatz(n): total steps of x -> x/2 or 3x+1 for x in 1..n; locals 0 = n, 1 = x, 2 = v, 3 = steps */
  int32_t collatz = ncode;
  emit2(OP_PUSH, 0); emit2(OP_STOREL, 3); emit2(OP_PUSH, 1); emit2(OP_STOREL, 1);
  int32_t cl_outer = ncode;
  emit2(OP_LOADL, 1); emit2(OP_LOADL, 0); emit(OP_LT); emit(OP_JZ); int32_t fix6 = ncode; emit(0);
  emit2(OP_LOADL, 1); emit2(OP_STOREL, 2);
  int32_t cl_inner = ncode;
  emit2(OP_LOADL, 2); emit2(OP_PUSH, 1); emit(OP_EQ); emit(OP_JNZ); int32_t fix7 = ncode; emit(0);
  emit2(OP_LOADL, 3); emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STOREL, 3);
  emit2(OP_LOADL, 2); emit2(OP_PUSH, 1); emit(OP_AND); emit(OP_JZ); int32_t fix8 = ncode; emit(0);
  emit2(OP_LOADL, 2); emit2(OP_PUSH, 3); emit(OP_MUL); emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STOREL, 2);
  emit2(OP_JMP, cl_inner);
  code[fix8] = ncode;
  emit2(OP_LOADL, 2); emit2(OP_PUSH, 2); emit(OP_DIVU); emit2(OP_STOREL, 2); emit2(OP_JMP, cl_inner);
  code[fix7] = ncode;
  emit2(OP_LOADL, 1); emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STOREL, 1); emit2(OP_JMP, cl_outer);
  code[fix6] = ncode;
  emit2(OP_LOADL, 3); emit(OP_RET);

  /* main: push results of fib(FIB_N), sieve(SIEVE_N), collatz(COLLATZ_N) and halt after each */
  int32_t m_fib = ncode; emit2(OP_PUSH, 30); emit(OP_CALL); emit2(fib, 1); emit(OP_HALT);
  int32_t m_sieve = ncode; emit2(OP_PUSH, (int32_t)HEAP_CELLS); emit(OP_CALL); emit2(sieve, 1); emit(OP_HALT);
  int32_t m_collatz = ncode; emit2(OP_PUSH, 100000); emit(OP_CALL); emit2(collatz, 1); emit(OP_HALT);

  int32_t rf, rs, rc;
  bench_start();
  rf = run(code, m_fib);
  rs = run(code, m_sieve);
  rc = run(code, m_collatz);
  bench_end();

  check(rf == 832040, "fib(30)");
  check(rs == 155611, "primes below 2^21");
  printf("interp: fib(30) = %d, primes below %u = %d, collatz steps below 100000 = %d\n", rf, HEAP_CELLS, rs, rc);
  uint64_t h = mix64(mix64(mix64(FNV_INIT, (uint32_t)rf), (uint32_t)rs), (uint32_t)rc);
  print_checksum(h);
  return 0;
}
