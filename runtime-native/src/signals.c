/*
 * Fault signal handlers: SIGSEGV, SIGBUS, SIGILL, SIGFPE.
 *
 * A fault whose PC is in registered wasm code, on a thread inside
 * kilnrt_call, becomes a trap. Every other fault belongs to someone else (the
 * .NET runtime turns its own into NullReferenceException and
 * DivideByZeroException) and is passed to the handler that was installed
 * before ours, the way the kernel would have called it.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <ucontext.h>

#include "internal.h"

static const int handled_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
#define HANDLED_COUNT (sizeof handled_signals / sizeof handled_signals[0])

/* What was installed before us, per signal. Written before our handler is
 * installed and read-only afterwards, except for the SA_RESETHAND flag. */
static struct sigaction previous[HANDLED_COUNT];
static _Atomic bool previous_reset[HANDLED_COUNT];

static int slot_of(int sig) {
    for (unsigned i = 0; i < HANDLED_COUNT; i++)
        if (handled_signals[i] == sig)
            return (int)i;
    return -1;
}

static bool is_default_or_ignore(const struct sigaction *act) {
    return !(act->sa_flags & SA_SIGINFO) &&
           (act->sa_handler == SIG_DFL || act->sa_handler == SIG_IGN);
}

/* The faulting PC, frame pointer and stack pointer. */
static uintptr_t pc_of(const void *context, uintptr_t *fp, uintptr_t *sp) {
    const ucontext_t *uc = context;
#if defined(__x86_64__)
    *fp = (uintptr_t)uc->uc_mcontext.gregs[REG_RBP];
    *sp = (uintptr_t)uc->uc_mcontext.gregs[REG_RSP];
    return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
    *fp = (uintptr_t)uc->uc_mcontext.regs[29];
    *sp = (uintptr_t)uc->uc_mcontext.sp;
    return (uintptr_t)uc->uc_mcontext.pc;
#else
#error "kilnrt: unsupported architecture (need the PC from ucontext_t)"
#endif
}

/* Sends the signal on to the previous disposition, as the kernel would have
 * delivered it had we not been installed. */
static void chain(int sig, siginfo_t *info, void *context) {
    int slot = slot_of(sig);
    struct sigaction prev = previous[slot];
    if (atomic_load_explicit(&previous_reset[slot], memory_order_relaxed)) {
        prev.sa_handler = SIG_DFL;
        prev.sa_flags = 0;
    }
    /* si_code > 0 means the kernel raised it for a fault; <= 0 means it was
     * sent (kill, tgkill, sigqueue). */
    bool from_kernel = info != NULL && info->si_code > 0;

    if (is_default_or_ignore(&prev)) {
        /* The kernel does not let a synchronous fault be ignored: an ignored
         * SIGSEGV from a real fault kills the process just like SIG_DFL. */
        if (prev.sa_handler == SIG_IGN && !from_kernel)
            return;
        struct sigaction dfl;
        memset(&dfl, 0, sizeof dfl);
        dfl.sa_handler = SIG_DFL;
        sigemptyset(&dfl.sa_mask);
        sigaction(sig, &dfl, NULL);
        if (from_kernel)
            return; /* the faulting instruction runs again and faults into SIG_DFL */
        /* A sent signal does not repeat by itself; the handler runs with
         * SA_NODEFER, so it is not blocked and is delivered right here. */
        raise(sig);
        return;
    }

    if (prev.sa_flags & SA_RESETHAND)
        atomic_store_explicit(&previous_reset[slot], true, memory_order_relaxed);

    /* The kernel blocks the handler's sa_mask, and the signal itself unless
     * SA_NODEFER, while the handler runs. The mask at the time of the fault
     * is restored on return by sigreturn from the ucontext in any case. */
    sigset_t block = prev.sa_mask, saved;
    if (!(prev.sa_flags & SA_NODEFER))
        sigaddset(&block, sig);
    pthread_sigmask(SIG_BLOCK, &block, &saved);
    if (prev.sa_flags & SA_SIGINFO)
        prev.sa_sigaction(sig, info, context);
    else
        prev.sa_handler(sig);
    pthread_sigmask(SIG_SETMASK, &saved, NULL);
}

static void fault_handler(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    uintptr_t fp, sp;
    uintptr_t pc = pc_of(context, &fp, &sp);
    /* The range check comes first: it is what makes reading thread-local
     * state safe (a thread in wasm code has been through kilnrt_call). */
    if (kilnrt_code_contains((const void *)pc))
        kilnrt__land_fault(sig, pc, (uintptr_t)info->si_addr, fp, sp); /* no return if in an entry */
    errno = saved_errno;
    chain(sig, info, context);
    errno = saved_errno;
}

int kilnrt__install_handlers(void) {
    for (unsigned i = 0; i < HANDLED_COUNT; i++) {
        int sig = handled_signals[i];
        /* Read the previous disposition before replacing it, so a fault on
         * another thread never sees our handler with `previous` unset. */
        if (sigaction(sig, NULL, &previous[i]) != 0)
            return errno;

        struct sigaction act;
        memset(&act, 0, sizeof act);
        act.sa_sigaction = fault_handler;
        sigemptyset(&act.sa_mask);
        /* SA_NODEFER: we jump out of the handler (entry.c) without restoring the
         * mask, so the signal must not be blocked while it runs.
         * SA_ONSTACK mirrors the handler we chain to: that handler must run on
         * the stack it asked for. .NET installs SIGFPE without SA_ONSTACK and
         * its handler, run on the alternate stack, turns a C# division by zero
         * into a fatal "Stack overflow". With no previous handler we take the
         * alternate stack, so even a fault from an exhausted stack is seen. */
        act.sa_flags = SA_SIGINFO | SA_NODEFER;
        if (is_default_or_ignore(&previous[i]) || (previous[i].sa_flags & SA_ONSTACK))
            act.sa_flags |= SA_ONSTACK;
        if (sigaction(sig, &act, NULL) != 0)
            return errno;
    }
    return 0;
}
