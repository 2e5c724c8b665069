/*
 * Tests for libkilnrt: traps from tiny hand-written machine-code functions
 * (x86-64 only; skipped elsewhere), nesting, threads, memory helpers, and
 * chaining of faults that are not ours to earlier handlers.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kilnrt.h"

static atomic_int failures;
static int passed_cases, skipped_cases;

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            atomic_fetch_add(&failures, 1);                                          \
        }                                                                            \
    } while (0)

#define CHECK_EQ(a, b)                                                                             \
    do {                                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                      \
        if (va_ != vb_) {                                                                          \
            fprintf(stderr, "%s:%d: %s == %s failed: 0x%llx != 0x%llx\n", __FILE__, __LINE__, #a, \
                    #b, va_, vb_);                                                                 \
            atomic_fetch_add(&failures, 1);                                                        \
        }                                                                                          \
    } while (0)

static void run_case(const char *name, void (*fn)(void), bool supported) {
    if (!supported) {
        printf("skipped: %s (needs x86-64 or AArch64)\n", name);
        skipped_cases++;
        return;
    }
    int before = atomic_load(&failures);
    fn();
    bool ok = atomic_load(&failures) == before;
    printf("%s: %s\n", ok ? "ok" : "FAILED", name);
    if (ok)
        passed_cases++;
}

#if defined(__x86_64__) || defined(__aarch64__)
#define HAVE_MACHINE_CODE true
#else
#define HAVE_MACHINE_CODE false
#endif

/* ---- machine code ------------------------------------------------------ */

#if defined(__x86_64__)
/* Functions have the kilnrt_entry_fn shape: rdi = vmctx, rsi = args. */
static const uint8_t code_ret42[] = {0xc7, 0x06, 0x2a, 0x00, 0x00, 0x00, /* mov dword [rsi], 42 */
                                     0xc3};                              /* ret */
static const uint8_t code_load[] = {0x8b, 0x06, /* mov eax, [rsi] */
                                    0xc3};
static const uint8_t code_ud2[] = {0x0f, 0x0b};
#define HAVE_FPE_CODE 1
static const uint8_t code_idiv[] = {0x31, 0xc9, /* xor ecx, ecx */
                                    0x89, 0xf8, /* mov eax, edi */
                                    0x99,       /* cdq */
                                    0xf7, 0xf9, /* idiv ecx  (offset 5) */
                                    0xc3};
#define IDIV_OFFSET 5
/* Calls the host function whose pointer is the first word of args, like a
 * wasm-to-host trampoline. */
static const uint8_t code_call_host[] = {0x48, 0x83, 0xec, 0x08, /* sub rsp, 8 (align) */
                                         0xff, 0x16,             /* call [rsi] */
                                         0x48, 0x83, 0xc4, 0x08, /* add rsp, 8 */
                                         0xc3};
/* The same, then ud2 (offset 10) after the host returns. */
static const uint8_t code_call_host_ud2[] = {0x48, 0x83, 0xec, 0x08, 0xff, 0x16,
                                             0x48, 0x83, 0xc4, 0x08, 0x0f, 0x0b};
#define CALL_HOST_UD2_OFFSET 10
#define PADDING_BYTE 0xcc /* int3 */
#else
/* AArch64, the same functions: x0 = vmctx, x1 = args; words little-endian.
 * No instruction raises SIGFPE here (integer division by zero gives 0). */
#define W32(w) (uint8_t)(w), (uint8_t)((w) >> 8), (uint8_t)((w) >> 16), (uint8_t)((w) >> 24)
static const uint8_t code_ret42[] = {W32(0x52800548u),  /* mov w8, #42 */
                                     W32(0xb9000028u),  /* str w8, [x1] */
                                     W32(0xd65f03c0u)}; /* ret */
static const uint8_t code_load[] = {W32(0xb9400020u),  /* ldr w0, [x1] */
                                    W32(0xd65f03c0u)};
static const uint8_t code_ud2[] = {W32(0x00000000u)}; /* udf #0: SIGILL */
#define HAVE_FPE_CODE 0
static const uint8_t code_idiv[] = {W32(0xd65f03c0u)};
#define IDIV_OFFSET 0
static const uint8_t code_call_host[] = {W32(0xa9bf7bfdu),  /* stp x29, x30, [sp, #-16]! */
                                         W32(0x910003fdu),  /* mov x29, sp */
                                         W32(0xf9400028u),  /* ldr x8, [x1] */
                                         W32(0xd63f0100u),  /* blr x8 */
                                         W32(0xa8c17bfdu),  /* ldp x29, x30, [sp], #16 */
                                         W32(0xd65f03c0u)}; /* ret */
/* The same, then udf (offset 16) after the host returns. */
static const uint8_t code_call_host_ud2[] = {W32(0xa9bf7bfdu), W32(0x910003fdu), W32(0xf9400028u),
                                             W32(0xd63f0100u), W32(0x00000000u)};
#define CALL_HOST_UD2_OFFSET 16
#define PADDING_BYTE 0x00 /* udf #0 words */
#endif

typedef struct {
    uint8_t *page;
    size_t size;
    kilnrt_entry_fn ret42, load, ud2, idiv, call_host, call_host_ud2;
} code_set;

static code_set code;
static void *unmapped; /* a reserved PROT_NONE page */

static kilnrt_entry_fn place(size_t offset, const uint8_t *bytes, size_t len) {
    memcpy(code.page + offset, bytes, len);
    kilnrt_entry_fn fn;
    uint8_t *p = code.page + offset;
    memcpy(&fn, &p, sizeof fn); /* object pointer to function pointer */
    return fn;
}

static uintptr_t addr_of(kilnrt_entry_fn fn) {
    uintptr_t a;
    memcpy(&a, &fn, sizeof a);
    return a;
}

static void setup_code(void) {
    void *page = NULL;
    code.size = kilnrt_page_size();
    CHECK_EQ(kilnrt_code_alloc(code.size, &page), 0);
    code.page = page;
    memset(code.page, PADDING_BYTE, code.size); /* trapping words between functions */
    code.ret42 = place(0, code_ret42, sizeof code_ret42);
    code.load = place(64, code_load, sizeof code_load);
    code.ud2 = place(128, code_ud2, sizeof code_ud2);
    code.idiv = place(192, code_idiv, sizeof code_idiv);
    code.call_host = place(256, code_call_host, sizeof code_call_host);
    code.call_host_ud2 = place(320, code_call_host_ud2, sizeof code_call_host_ud2);
    CHECK_EQ(kilnrt_code_protect_rx(code.page, code.size), 0);
    CHECK_EQ(kilnrt_register_code(code.page, code.size), 0);
    CHECK_EQ(kilnrt_reserve(kilnrt_page_size(), &unmapped), 0);
}

/* ---- host functions called from machine code --------------------------- */

typedef struct {
    void (*host)(void *vmctx, void *args);
    uint32_t value;
} host_args;

static void host_raise(void *vmctx, void *args) {
    (void)vmctx;
    host_args *a = args;
    kilnrt_trap_raise(a->value);
}

static void expect_signal(kilnrt_entry_fn fn, void *args, int sig, uintptr_t pc, uintptr_t addr) {
    kilnrt_trap trap;
    memset(&trap, 0xab, sizeof trap);
    int kind = kilnrt_call(fn, NULL, args, &trap);
    CHECK_EQ(kind, KILNRT_TRAP_SIGNAL);
    CHECK_EQ(trap.kind, KILNRT_TRAP_SIGNAL);
    CHECK_EQ(trap.signal, sig);
    CHECK_EQ(trap.code, 0);
    CHECK_EQ(trap.pc, pc);
    if (addr != 0)
        CHECK_EQ(trap.fault_address, addr);
}

static void expect_raise(uint32_t value) {
    host_args a = {host_raise, value};
    kilnrt_trap trap;
    int kind = kilnrt_call(code.call_host, NULL, &a, &trap);
    CHECK_EQ(kind, KILNRT_TRAP_RAISED);
    CHECK_EQ(trap.kind, KILNRT_TRAP_RAISED);
    CHECK_EQ(trap.signal, 0);
    CHECK_EQ(trap.code, value);
    CHECK(trap.pc != 0);
    CHECK(!kilnrt_code_contains((const void *)(uintptr_t)trap.pc)); /* raised from C */
}

static void one_round(uint32_t salt) {
    int result = 0;
    CHECK_EQ(kilnrt_call(code.ret42, NULL, &result, NULL), KILNRT_RETURNED);
    CHECK_EQ(result, 42);
    expect_signal(code.load, unmapped, SIGSEGV, addr_of(code.load), (uintptr_t)unmapped);
    expect_signal(code.ud2, NULL, SIGILL, addr_of(code.ud2), 0);
    if (HAVE_FPE_CODE)
        expect_signal(code.idiv, NULL, SIGFPE, addr_of(code.idiv) + IDIV_OFFSET, 0);
    expect_raise(1000 + salt);
    CHECK_EQ(kilnrt_entry_depth(), 0);
}

/* ---- cases -------------------------------------------------------------- */

static void case_return_and_traps(void) {
    for (uint32_t i = 0; i < 100; i++)
        one_round(i);
}

static void case_trap_without_out(void) {
    CHECK_EQ(kilnrt_call(code.ud2, NULL, NULL, NULL), KILNRT_TRAP_SIGNAL);
}

/* host → wasm → host → wasm: inner traps land in the inner entry, and the
 * outer entry keeps working afterwards. */
static _Thread_local int nested_host_runs; /* per thread: case_nested also runs on two threads */

static void host_nested(void *vmctx, void *args) {
    (void)vmctx;
    (void)args;
    uint32_t depth = kilnrt_entry_depth();
    CHECK(depth >= 1);
    kilnrt_trap trap;
    CHECK_EQ(kilnrt_call(code.ud2, NULL, NULL, &trap), KILNRT_TRAP_SIGNAL);
    CHECK_EQ(trap.signal, SIGILL);
    CHECK_EQ(kilnrt_entry_depth(), depth);
    expect_raise(7);
    int result = 0;
    CHECK_EQ(kilnrt_call(code.ret42, NULL, &result, NULL), KILNRT_RETURNED);
    CHECK_EQ(result, 42);
    CHECK_EQ(kilnrt_entry_depth(), depth);
    nested_host_runs++;
}

/* Three levels: the innermost raise unwinds only the innermost entry. */
static void host_nested_deep(void *vmctx, void *args) {
    (void)vmctx;
    (void)args;
    host_args inner = {host_nested, 0};
    CHECK_EQ(kilnrt_call(code.call_host, NULL, &inner, NULL), KILNRT_RETURNED);
    CHECK_EQ(kilnrt_entry_depth(), 1);
}

static void case_nested(void) {
    host_args a = {host_nested, 0};
    kilnrt_trap trap;
    int before = nested_host_runs;
    CHECK_EQ(kilnrt_call(code.call_host_ud2, NULL, &a, &trap), KILNRT_TRAP_SIGNAL);
    CHECK_EQ(trap.signal, SIGILL);
    CHECK_EQ(trap.pc, addr_of(code.call_host_ud2) + CALL_HOST_UD2_OFFSET);
    CHECK_EQ(nested_host_runs, before + 1);

    CHECK_EQ(kilnrt_call(code.call_host, NULL, &a, &trap), KILNRT_RETURNED);

    host_args deep = {host_nested_deep, 0};
    CHECK_EQ(kilnrt_call(code.call_host_ud2, NULL, &deep, &trap), KILNRT_TRAP_SIGNAL);
    CHECK_EQ(trap.pc, addr_of(code.call_host_ud2) + CALL_HOST_UD2_OFFSET);
    CHECK_EQ(kilnrt_entry_depth(), 0);
    one_round(3);
}

static void *thread_body(void *arg) {
    uint32_t salt = (uint32_t)(uintptr_t)arg;
    for (uint32_t i = 0; i < 500; i++) {
        one_round(salt + i);
        if (i % 50 == 0)
            case_nested();
    }
    /* The thread had no alternate stack: kilnrt_call gave it one. */
    stack_t ss;
    CHECK_EQ(sigaltstack(NULL, &ss), 0);
    CHECK(!(ss.ss_flags & SS_DISABLE));
    CHECK(ss.ss_size >= 64 * 1024);
    return NULL;
}

static void case_threads(void) {
    pthread_t t[2];
    for (uintptr_t i = 0; i < 2; i++)
        CHECK_EQ(pthread_create(&t[i], NULL, thread_body, (void *)(i * 100000)), 0);
    for (int i = 0; i < 2; i++)
        CHECK_EQ(pthread_join(t[i], NULL), 0);
}

static void *thread_with_own_altstack(void *arg) {
    (void)arg;
    static char own[128 * 1024];
    stack_t ss = {.ss_sp = own, .ss_size = sizeof own, .ss_flags = 0};
    CHECK_EQ(sigaltstack(&ss, NULL), 0);
    one_round(5);
    stack_t now;
    CHECK_EQ(sigaltstack(NULL, &now), 0);
    CHECK(now.ss_sp == (void *)own); /* kept, not replaced */
    stack_t off = {.ss_flags = SS_DISABLE};
    sigaltstack(&off, NULL);
    return NULL;
}

static void case_existing_altstack_kept(void) {
    pthread_t t;
    CHECK_EQ(pthread_create(&t, NULL, thread_with_own_altstack, NULL), 0);
    CHECK_EQ(pthread_join(t, NULL), 0);
}

/* ---- chaining ----------------------------------------------------------- */

/* Handlers installed before kilnrt_init, standing in for the .NET runtime's:
 * SIGSEGV with SA_SIGINFO|SA_ONSTACK, SIGFPE as a plain handler without
 * SA_ONSTACK. SIGILL and SIGBUS stay SIG_DFL. */
static sigjmp_buf chain_jump;
static volatile sig_atomic_t segv_seen, fpe_seen;
static volatile uintptr_t segv_pc, segv_addr;

static void prior_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    segv_seen++;
    segv_addr = (uintptr_t)info->si_addr;
#if defined(__x86_64__)
    segv_pc = (uintptr_t)((ucontext_t *)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    segv_pc = (uintptr_t)((ucontext_t *)context)->uc_mcontext.pc;
#else
    (void)context;
#endif
    siglongjmp(chain_jump, 1);
}

static void prior_fpe(int sig) {
    fpe_seen = sig;
    siglongjmp(chain_jump, 1);
}

static void install_prior_handlers(void) {
    stack_t ss = {.ss_sp = malloc(64 * 1024), .ss_size = 64 * 1024, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_sigaction = prior_segv;
    act.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&act.sa_mask);
    sigaction(SIGSEGV, &act, NULL);
    memset(&act, 0, sizeof act);
    act.sa_handler = prior_fpe;
    sigemptyset(&act.sa_mask);
    sigaction(SIGFPE, &act, NULL);
}

static void case_onstack_mirrors_previous(void) {
    struct sigaction now;
    sigaction(SIGSEGV, NULL, &now);
    CHECK(now.sa_flags & SA_SIGINFO);
    CHECK(now.sa_flags & SA_NODEFER);
    CHECK(now.sa_flags & SA_ONSTACK); /* previous had it */
    CHECK(now.sa_sigaction != prior_segv);
    sigaction(SIGFPE, NULL, &now);
    CHECK(!(now.sa_flags & SA_ONSTACK)); /* previous did not */
    sigaction(SIGILL, NULL, &now);
    CHECK(now.sa_flags & SA_ONSTACK); /* no previous handler: our choice */
}

static void case_chain_fault_outside_code(void) {
    for (volatile int i = 0; i < 3; i++) {
        segv_seen = 0;
        if (sigsetjmp(chain_jump, 1) == 0) {
            *(volatile int *)unmapped = 1; /* a fault in C code: not ours */
            CHECK(!"not reached");
        }
        CHECK_EQ(segv_seen, 1);
        CHECK_EQ(segv_addr, (uintptr_t)unmapped);
    }
    fpe_seen = 0;
    if (sigsetjmp(chain_jump, 1) == 0) {
        raise(SIGFPE); /* a sent signal reaches the plain handler too */
        CHECK(!"not reached");
    }
    CHECK_EQ(fpe_seen, SIGFPE);
}

/* Registered code run outside kilnrt_call is not a trap either. */
static void case_chain_code_outside_entry(void) {
    segv_seen = 0;
    if (sigsetjmp(chain_jump, 1) == 0) {
        code.load(NULL, unmapped);
        CHECK(!"not reached");
    }
    CHECK_EQ(segv_seen, 1);
    CHECK_EQ(segv_pc, addr_of(code.load));
    fpe_seen = 0;
    if (HAVE_FPE_CODE && sigsetjmp(chain_jump, 1) == 0) {
        code.idiv(NULL, NULL);
        CHECK(!"not reached");
    }
    CHECK_EQ(fpe_seen, HAVE_FPE_CODE ? SIGFPE : 0);
    /* And traps still work afterwards. */
    one_round(9);
}

static int child_status(void (*body)(void)) {
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        body();
        _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    return status;
}

static void child_raise_bus(void) { raise(SIGBUS); }
static void child_ud2_outside_entry(void) { code.ud2(NULL, NULL); }

/* With SIG_DFL before us, a fault that is not ours must still kill the
 * process with its own signal. */
static void case_chain_to_default(void) {
    int status = child_status(child_raise_bus);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
#if defined(__x86_64__) || defined(__aarch64__)
    status = child_status(child_ud2_outside_entry);
    CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGILL);
#endif
}

/* ---- memory, registry, stack limit ------------------------------------- */

static void case_memory(void) {
    size_t page = kilnrt_page_size();
    void *base = NULL;
    CHECK_EQ(kilnrt_reserve((size_t)1 << 32, &base), 0); /* 4 GiB: address space only */
    CHECK(base != NULL);
    uint8_t *p = base;
    CHECK_EQ(kilnrt_commit(p, 2 * page), 0);
    p[0] = 1;
    p[2 * page - 1] = 2;
    CHECK_EQ(kilnrt_decommit(p + page, page), 0);
    CHECK_EQ(kilnrt_commit(p + page, page), 0);
    CHECK_EQ(p[2 * page - 1], 0); /* decommitted pages come back zeroed */
    CHECK_EQ(p[0], 1);
    CHECK_EQ(kilnrt_decommit(p + page, page), 0);
#if defined(__x86_64__) || defined(__aarch64__)
    /* An access past the committed prefix is a trap with the right address. */
    expect_signal(code.load, p + page + 12, SIGSEGV, addr_of(code.load), (uintptr_t)(p + page + 12));
#endif
    CHECK_EQ(kilnrt_commit(p + 1, page), EINVAL);
    CHECK_EQ(kilnrt_commit(NULL, page), EINVAL);
    CHECK_EQ(kilnrt_reserve(0, &base), EINVAL);
    CHECK_EQ(kilnrt_release(p, (size_t)1 << 32), 0);

    void *c = NULL;
    CHECK_EQ(kilnrt_code_alloc(100, &c), 0);
    memset(c, 0xc3, 100);
    CHECK_EQ(kilnrt_code_protect_rx(c, 100), 0);
    CHECK_EQ(kilnrt_code_free(c, 100), 0);
}

static void case_registry(void) {
    uint8_t *base = (uint8_t *)0x10000000;
    CHECK_EQ(kilnrt_register_code(base, 0x1000), 0);
    CHECK(kilnrt_code_contains(base));
    CHECK(kilnrt_code_contains(base + 0xfff));
    CHECK(!kilnrt_code_contains(base + 0x1000));
    CHECK(!kilnrt_code_contains(base - 1));
    CHECK_EQ(kilnrt_register_code(base + 0x800, 0x1000), EEXIST);
    CHECK_EQ(kilnrt_register_code(base + 0x1000, 0x1000), 0);
    CHECK_EQ(kilnrt_unregister_code(base), 0);
    CHECK(!kilnrt_code_contains(base));
    CHECK(kilnrt_code_contains(base + 0x1000));
    CHECK_EQ(kilnrt_unregister_code(base), ENOENT);
    CHECK_EQ(kilnrt_unregister_code(base + 0x1000), 0);
    CHECK_EQ(kilnrt_register_code(NULL, 16), EINVAL);
    CHECK_EQ(kilnrt_register_code(base, 0), EINVAL);
    /* Fill to capacity, then everything is freed and reusable. */
    int registered = 0;
    for (int i = 0; i < KILNRT_MAX_CODE_RANGES + 1; i++)
        if (kilnrt_register_code(base + (size_t)i * 16, 16) == 0)
            registered++;
    /* the test's own code range holds one slot */
    CHECK_EQ(registered, KILNRT_MAX_CODE_RANGES - 1);
    for (int i = 0; i < registered; i++)
        CHECK_EQ(kilnrt_unregister_code(base + (size_t)i * 16), 0);
    CHECK_EQ(kilnrt_register_code(base, 16), 0);
    CHECK_EQ(kilnrt_unregister_code(base), 0);
}

static void case_stack_limit(void) {
    int local = 0;
    uintptr_t here = (uintptr_t)&local;
    uintptr_t limit = kilnrt_stack_limit(64 * 1024);
    CHECK(limit != 0);
    CHECK(limit < here);
    CHECK(here - limit < (uintptr_t)1 << 30);
    CHECK(kilnrt_stack_limit(limit) == 0); /* absurd reserve */
}

static void case_init_idempotent(void) {
    struct sigaction before, after;
    sigaction(SIGSEGV, NULL, &before);
    CHECK_EQ(kilnrt_init(), 0);
    sigaction(SIGSEGV, NULL, &after);
    CHECK(before.sa_sigaction == after.sa_sigaction);
    CHECK_EQ(kilnrt_abi_version(), KILNRT_ABI_VERSION);
}

int main(void) {
    setvbuf(stdout, NULL, _IONBF, 0);
    install_prior_handlers();
    CHECK_EQ(kilnrt_init(), 0);
    CHECK_EQ(kilnrt_reserve(kilnrt_page_size(), &unmapped), 0);
    if (HAVE_MACHINE_CODE)
        setup_code();

    run_case("init is idempotent", case_init_idempotent, true);
    run_case("SA_ONSTACK mirrors the previous handler", case_onstack_mirrors_previous, true);
    run_case("code registry", case_registry, HAVE_MACHINE_CODE);
    run_case("memory reserve/commit/decommit/release", case_memory, true);
    run_case("stack limit", case_stack_limit, true);
    run_case("return and traps (SIGSEGV, SIGILL, SIGFPE, raise)", case_return_and_traps, HAVE_MACHINE_CODE);
    run_case("trap without out record", case_trap_without_out, HAVE_MACHINE_CODE);
    run_case("nested entries", case_nested, HAVE_MACHINE_CODE);
    run_case("two threads trapping at once", case_threads, HAVE_MACHINE_CODE);
    run_case("existing alternate stack is kept", case_existing_altstack_kept, HAVE_MACHINE_CODE);
    run_case("chaining: faults outside wasm code", case_chain_fault_outside_code, true);
    run_case("chaining: registered code outside an entry", case_chain_code_outside_entry, HAVE_MACHINE_CODE);
    run_case("chaining: SIG_DFL still kills", case_chain_to_default, true);

    int failed = atomic_load(&failures);
    printf("%d passed, %d failed, %d skipped\n", passed_cases, failed ? 1 : 0, skipped_cases);
    return failed == 0 ? 0 : 1;
}
