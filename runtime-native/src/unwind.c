/*
 * Zero-cost exception unwinding for generated code.
 *
 * Nothing is done on entry to a try block: the compiler records, per call
 * that may unwind into its function, the call's return address and where the
 * function's landing code starts (kilnrt_register_landing_sites). kilnrt_throw
 * walks the frame-pointer chain (generated code always keeps one) from its
 * caller outwards. At the first return address with a landing site it resumes
 * there, with rsp as it is after that call returns (the callee's frame record
 * + 16) and rbp the frame's own; the compiler treats every other register as
 * clobbered on that edge. The walk never leaves registered code: at the first
 * return address outside it (the host-entry trampoline returning into
 * kilnrt_call, whose frame is below any host frame) the exception is uncaught
 * in this entry segment and unwinds to the entry like a trap, as
 * KILNRT_EXCEPTION, so it never crosses a host frame.
 */
#include <stdio.h>
#include <stdlib.h>

#include "internal.h"

static __thread uint64_t caught_exception __attribute__((tls_model("initial-exec")));

KILNRT_API uint64_t kilnrt_exception_caught(void *vmctx) {
    (void)vmctx;
    return caught_exception;
}

/* Built with frame pointers (CMakeLists.txt): [fp] is the caller's fp and
 * [fp + 8] the return address into the caller, starting with our own frame. */
KILNRT_API void kilnrt_throw(void *vmctx, uint64_t exception) {
    (void)vmctx;
    uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
    uintptr_t limit = kilnrt__entry_limit();
    if (limit == 0) {
        fprintf(stderr, "kilnrt: kilnrt_throw called outside kilnrt_call\n");
        abort();
    }
    uintptr_t walk = fp;
    while (walk % sizeof(uintptr_t) == 0 && walk < limit && limit - walk >= 2 * sizeof(uintptr_t)) {
        const uintptr_t *frame = (const uintptr_t *)walk;
        uintptr_t ra = frame[1];
        if (!kilnrt_code_contains((const void *)ra))
            break;
        uintptr_t landing;
        if (kilnrt__landing_of(ra, &landing)) {
            caught_exception = exception;
            uintptr_t sp = walk + 2 * sizeof(uintptr_t);
            uintptr_t bp = frame[0];
#if defined(__x86_64__)
            __asm__ volatile("mov %0, %%rsp\n\t"
                             "mov %1, %%rbp\n\t"
                             "jmp *%2"
                             :
                             : "a"(sp), "c"(bp), "d"(landing)
                             : "memory");
            __builtin_unreachable();
#else
            /* Only the x86-64 backend emits landing sites today (the AArch64 lowering refuses
             * exceptional call edges), so none can be registered here. */
            (void)sp; (void)bp;
            fprintf(stderr, "kilnrt: landing site on an architecture without exception support\n");
            abort();
#endif
        }
        uintptr_t next = frame[0];
        if (next <= walk)
            break;
        walk = next;
    }
    kilnrt__land_exception(fp, exception, (uintptr_t)__builtin_return_address(0));
}
