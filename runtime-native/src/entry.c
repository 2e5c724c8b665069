/*
 * Entry into generated code, the landing of traps, and trap backtraces.
 *
 * Each kilnrt_call pushes an entry record on the C stack and links it into a
 * per-thread list; a trap (fault in registered code, or kilnrt_trap_raise)
 * records the wasm frames between it and the innermost record, fills the
 * record and jumps back into it. Only native frames lie between a trap and its
 * entry (see kilnrt.h), so skipping them is safe.
 *
 * Backtraces follow the frame-pointer chain: generated code always keeps one
 * (push rbp; mov rbp, rsp), so [fp] is the caller's fp and [fp + 8] the
 * return address into the caller. The walk starts at the trapping frame and
 * stops at the first return address outside registered code (the host-entry
 * trampoline returns into kilnrt_call), so it never leaves the innermost entry
 * segment; it only reads words between the trap's sp and the entry record, so
 * a chain corrupted by hand-written code without frames ends early instead of
 * faulting.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct kilnrt_entry {
    /* __builtin_setjmp's buffer: frame pointer, landing address, stack
     * pointer (5 words reserved). The compiler saves every callee-saved
     * register in kilnrt_call's own frame instead, so entering costs three
     * stores, where sigsetjmp mangles and stores eight registers through a
     * PLT call. Leaving a signal handler this way is what siglongjmp without
     * a saved mask does too: the handlers run with SA_NODEFER, and the kernel
     * tells the alternate stack apart by the stack pointer alone. (Unlike
     * glibc's longjmp it does not unwind a CET shadow stack; neither the
     * .NET host nor generated code runs with one on Linux.) */
    void *landing[5];
    struct kilnrt_entry *prev;
    /* Written by the trap path between __builtin_setjmp and the jump, so kept
     * volatile: the entry function reads it after the jump. */
    volatile kilnrt_trap trap;
} kilnrt_entry;

/* initial-exec: a plain thread-pointer-relative access. The signal handler
 * reads these, and the general-dynamic model may call __tls_get_addr, which can
 * allocate on a thread's first access and is not async-signal-safe. */
static __thread kilnrt_entry *current_entry __attribute__((tls_model("initial-exec")));
/* The last trap's frames on this thread. Non-NULL once the thread is prepared
 * (alternate stack installed too), which is the one check kilnrt_call makes. */
static __thread uintptr_t *frame_buffer __attribute__((tls_model("initial-exec")));
static __thread uint32_t frame_count __attribute__((tls_model("initial-exec")));
static __thread uint32_t frame_total __attribute__((tls_model("initial-exec")));

static pthread_once_t frame_key_once = PTHREAD_ONCE_INIT;
static pthread_key_t frame_key;
static int frame_key_result;

static void frame_key_create(void) { frame_key_result = pthread_key_create(&frame_key, free); }

static __attribute__((noinline)) int prepare_thread(void) {
    int err = kilnrt__altstack_ensure();
    if (err != 0)
        return err;
    pthread_once(&frame_key_once, frame_key_create);
    if (frame_key_result != 0)
        return errno = frame_key_result;
    uintptr_t *buffer = malloc(KILNRT_MAX_TRAP_FRAMES * sizeof(uintptr_t));
    if (buffer == NULL)
        return errno = ENOMEM;
    err = pthread_setspecific(frame_key, buffer);
    if (err != 0) {
        free(buffer);
        return errno = err;
    }
    frame_buffer = buffer;
    return 0;
}

KILNRT_API int kilnrt_call(kilnrt_entry_fn fn, void *vmctx, void *args, kilnrt_trap *out) {
    if (__builtin_expect(frame_buffer == NULL, 0)) {
        int err = prepare_thread();
        if (err != 0)
            return -err;
    }

    kilnrt_entry entry;
    entry.prev = current_entry;
    /* Everything the trap path reads after the jump is set before
     * __builtin_setjmp, so no local is modified between the two. */
    current_entry = &entry;
    if (__builtin_setjmp(entry.landing) == 0) {
        fn(vmctx, args);
        current_entry = entry.prev;
        return KILNRT_RETURNED;
    }
    current_entry = entry.prev;
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

/* Records pc (if not 0) and the return addresses of the frame chain from fp
 * up to the entry record. Async-signal-safe: reads only [sp, entry). */
static void record_frames(const kilnrt_entry *entry, uintptr_t pc, uintptr_t fp, uintptr_t sp) {
    uintptr_t *buffer = frame_buffer;
    uint32_t stored = 0, total = 0;
    if (pc != 0) {
        buffer[stored++] = pc;
        total++;
    }
    uintptr_t limit = (uintptr_t)entry;
    uintptr_t lo = 0, hi = 0; /* the code range matched last: most frames share it */
    while (fp % sizeof(uintptr_t) == 0 && fp >= sp && fp < limit && limit - fp >= 2 * sizeof(uintptr_t)) {
        const uintptr_t *frame = (const uintptr_t *)fp;
        uintptr_t ra = frame[1];
        if (!(lo <= ra && ra < hi) && !kilnrt__code_range_of(ra, &lo, &hi))
            break;
        if (stored < KILNRT_MAX_TRAP_FRAMES)
            buffer[stored++] = ra;
        total++;
        uintptr_t next = frame[0];
        if (next <= fp)
            break;
        sp = fp + 2 * sizeof(uintptr_t);
        fp = next;
    }
    frame_count = stored;
    frame_total = total;
}

static __attribute__((noreturn)) void land(kilnrt_entry *entry, int kind, int sig, uint32_t code,
                                           uintptr_t pc, uintptr_t fault_address) {
    entry->trap.kind = kind;
    entry->trap.signal = sig;
    entry->trap.code = code;
    entry->trap.reserved = 0;
    entry->trap.pc = pc;
    entry->trap.fault_address = fault_address;
    __builtin_longjmp(entry->landing, 1);
}

void kilnrt__land_fault(int sig, uintptr_t pc, uintptr_t fault_address, uintptr_t fp, uintptr_t sp) {
    kilnrt_entry *entry = current_entry;
    if (entry != NULL) {
        record_frames(entry, pc, fp, sp);
        land(entry, KILNRT_TRAP_SIGNAL, sig, 0, pc, fault_address);
    }
}

/* Built with frame pointers (CMakeLists.txt), so its own frame record links
 * to the caller's: the walk's first frame is the return address into it. */
KILNRT_API void kilnrt_trap_raise(uint32_t code) {
    kilnrt_entry *entry = current_entry;
    if (entry == NULL) {
        /* Nowhere to unwind to: continuing would run code that assumes the
         * trap happened. This is a bug in the caller, so stop loudly. */
        fprintf(stderr, "kilnrt: kilnrt_trap_raise(%u) called outside kilnrt_call\n", code);
        abort();
    }
    uintptr_t fp = (uintptr_t)__builtin_frame_address(0);
    record_frames(entry, 0, fp, fp);
    land(entry, KILNRT_TRAP_RAISED, 0, code, (uintptr_t)__builtin_return_address(0), 0);
}

uintptr_t kilnrt__entry_limit(void) { return (uintptr_t)current_entry; }

void kilnrt__land_exception(uintptr_t fp, uint64_t exception, uintptr_t pc) {
    kilnrt_entry *entry = current_entry;
    record_frames(entry, 0, fp, fp);
    land(entry, KILNRT_EXCEPTION, 0, 0, pc, (uintptr_t)exception);
}

/* Counted when asked (tests, diagnostics) rather than kept on every entry. */
KILNRT_API uint32_t kilnrt_entry_depth(void) {
    uint32_t depth = 0;
    for (const kilnrt_entry *e = current_entry; e != NULL; e = e->prev)
        depth++;
    return depth;
}

KILNRT_API uint32_t kilnrt_trap_frames(const uintptr_t **frames, uint32_t *total) {
    if (frames != NULL)
        *frames = frame_buffer;
    if (total != NULL)
        *total = frame_buffer != NULL ? frame_total : 0;
    return frame_buffer != NULL ? frame_count : 0;
}
