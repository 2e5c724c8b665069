/*
 * Entry into generated code and the landing of traps.
 *
 * Each kilnrt_call pushes an entry record on the C stack and links it into a
 * per-thread list; a trap (fault in registered code, or kilnrt_trap_raise)
 * fills the innermost record and siglongjmps to it. Only native frames lie
 * between a trap and its entry (see kilnrt.h), so skipping them is safe.
 */
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct kilnrt_entry {
    sigjmp_buf landing;
    struct kilnrt_entry *prev;
    /* Written by the trap path between sigsetjmp and siglongjmp, so kept
     * volatile: the entry function reads it after the jump. */
    volatile kilnrt_trap trap;
} kilnrt_entry;

/* initial-exec: a plain thread-pointer-relative access. The signal handler
 * reads this, and the general-dynamic model may call __tls_get_addr, which can
 * allocate on a thread's first access and is not async-signal-safe. */
static __thread kilnrt_entry *current_entry __attribute__((tls_model("initial-exec")));
static __thread uint32_t entry_depth __attribute__((tls_model("initial-exec")));

KILNRT_API int kilnrt_call(kilnrt_entry_fn fn, void *vmctx, void *args, kilnrt_trap *out) {
    int err = kilnrt__altstack_ensure();
    if (err != 0)
        return -err;

    kilnrt_entry entry;
    entry.prev = current_entry;
    memset((void *)&entry.trap, 0, sizeof entry.trap);
    /* Everything the trap path reads after the jump is set before
     * sigsetjmp, so no local is modified between the two. Mask not saved:
     * the handlers run with SA_NODEFER, so the fault signal is not blocked
     * when we land, and saving the mask would cost a syscall per call. */
    current_entry = &entry;
    entry_depth++;
    if (sigsetjmp(entry.landing, 0) == 0) {
        fn(vmctx, args);
        current_entry = entry.prev;
        entry_depth--;
        return KILNRT_RETURNED;
    }
    current_entry = entry.prev;
    entry_depth--;
    kilnrt_trap trap;
    trap.kind = entry.trap.kind;
    trap.signal = entry.trap.signal;
    trap.code = entry.trap.code;
    trap.reserved = 0;
    trap.pc = entry.trap.pc;
    trap.fault_address = entry.trap.fault_address;
    if (out != NULL)
        *out = trap;
    return trap.kind;
}

static __attribute__((noreturn)) void land(kilnrt_entry *entry, int kind, int sig, uint32_t code,
                                           uintptr_t pc, uintptr_t fault_address) {
    entry->trap.kind = kind;
    entry->trap.signal = sig;
    entry->trap.code = code;
    entry->trap.reserved = 0;
    entry->trap.pc = pc;
    entry->trap.fault_address = fault_address;
    siglongjmp(entry->landing, 1);
}

void kilnrt__land_fault(int sig, uintptr_t pc, uintptr_t fault_address) {
    kilnrt_entry *entry = current_entry;
    if (entry != NULL)
        land(entry, KILNRT_TRAP_SIGNAL, sig, 0, pc, fault_address);
}

KILNRT_API void kilnrt_trap_raise(uint32_t code) {
    kilnrt_entry *entry = current_entry;
    if (entry == NULL) {
        /* Nowhere to unwind to: continuing would run code that assumes the
         * trap happened. This is a bug in the caller, so stop loudly. */
        fprintf(stderr, "kilnrt: kilnrt_trap_raise(%u) called outside kilnrt_call\n", code);
        abort();
    }
    land(entry, KILNRT_TRAP_RAISED, 0, code, (uintptr_t)__builtin_return_address(0), 0);
}

KILNRT_API uint32_t kilnrt_entry_depth(void) { return entry_depth; }
