/*
 * kilnrt: the native part of the Kiln runtime.
 *
 * It turns hardware faults in generated WebAssembly code into traps that the
 * host sees as values, enters wasm through one function that records where to
 * unwind to, and wraps the few memory primitives the runtime needs.
 *
 * Conventions: functions that can fail return 0 on success or a positive errno
 * value (errno is also left set); pointers come back through out parameters.
 * Nothing here aborts on a recoverable error.
 */
#ifndef KILNRT_H
#define KILNRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(KILNRT_BUILDING)
#define KILNRT_API __attribute__((visibility("default")))
#else
#define KILNRT_API
#endif

/* Bumped whenever a signature or kilnrt_trap's layout changes; the C# binding
 * refuses a library whose version differs from the one it was written for. */
#define KILNRT_ABI_VERSION 3u

/* What kilnrt_call returns (and kilnrt_trap.kind holds). */
#define KILNRT_RETURNED 0    /* fn returned normally */
#define KILNRT_TRAP_SIGNAL 1 /* a hardware fault in registered code */
#define KILNRT_TRAP_RAISED 2 /* kilnrt_trap_raise was called */
#define KILNRT_EXCEPTION 3   /* kilnrt_throw found no landing site before the
                                entry: trap.fault_address holds the exception */

/* Trap record filled by kilnrt_call. Fixed layout (32 bytes) shared with C#. */
typedef struct kilnrt_trap {
    int32_t kind;           /* KILNRT_TRAP_SIGNAL or KILNRT_TRAP_RAISED */
    int32_t signal;         /* signal number for KILNRT_TRAP_SIGNAL, else 0 */
    uint32_t code;          /* code passed to kilnrt_trap_raise; 0 for signals */
    uint32_t reserved;      /* zero */
    uint64_t pc;            /* faulting PC, or the return address of the
                               kilnrt_trap_raise call */
    uint64_t fault_address; /* si_addr for signals, 0 for raised traps */
} kilnrt_trap;

/* The shape of everything entered through kilnrt_call (a generated
 * host-to-wasm trampoline in practice). */
typedef void (*kilnrt_entry_fn)(void *vmctx, void *args);

KILNRT_API uint32_t kilnrt_abi_version(void);

/* Installs the SIGSEGV/SIGBUS/SIGILL/SIGFPE handlers, chaining to whatever was
 * installed before. Idempotent and thread-safe; call it after the host
 * runtime (e.g. .NET) has installed its own handlers. */
KILNRT_API int kilnrt_init(void);

/* Prepares the calling thread (alternate signal stack). kilnrt_call does this
 * lazily; calling it up front only moves the cost. */
KILNRT_API int kilnrt_thread_init(void);

/* Ranges of generated code. Faults outside them are never treated as traps.
 * Registering overlapping ranges fails with EEXIST; the registry holds
 * KILNRT_MAX_CODE_RANGES ranges at once (ENOSPC beyond). */
#define KILNRT_MAX_CODE_RANGES 4096
KILNRT_API int kilnrt_register_code(const void *start, size_t len);
KILNRT_API int kilnrt_unregister_code(const void *start);
/* 1 if pc lies in a registered range, else 0 (async-signal-safe). */
KILNRT_API int kilnrt_code_contains(const void *pc);

/* Calls fn(vmctx, args) under a new entry record. Returns KILNRT_RETURNED, or
 * the trap kind with *out (if not NULL) filled. Returns a negative errno value
 * if the thread could not be prepared (fn is then not called). Entries nest:
 * a trap unwinds to the innermost one. */
KILNRT_API int kilnrt_call(kilnrt_entry_fn fn, void *vmctx, void *args, kilnrt_trap *out);

/* Unwinds to the innermost entry with an explicit trap code. Only for code
 * running inside kilnrt_call whose frames between here and the entry are all
 * native (wasm code, trampolines, C): never across managed frames. Outside any
 * entry this is a programming error and aborts the process. */
KILNRT_API __attribute__((noreturn)) void kilnrt_trap_raise(uint32_t code);

/* Landing sites of a registered code range (zero-cost exception handling):
 * pairs of 32-bit offsets from `start`, (return address of a call, landing
 * address), sorted by return address. The array must stay valid until the
 * range is unregistered. ENOENT if start is not a registered range. */
KILNRT_API int kilnrt_register_landing_sites(const void *start, const uint32_t *pairs, size_t count);

/* Throws `exception` (an opaque non-zero word) from generated code: walks the
 * frame-pointer chain from its caller outwards, and at the first return
 * address that has a landing site resumes there with that frame's stack and
 * frame pointers (every other register clobbered); the landing code takes the
 * exception with kilnrt_exception_caught. If the walk leaves registered code
 * (reaches the entry or a host frame) first, unwinds to the innermost entry,
 * which returns KILNRT_EXCEPTION. Never returns. `vmctx` is unused (it keeps
 * the builtin calling convention: vmctx first). */
KILNRT_API __attribute__((noreturn)) void kilnrt_throw(void *vmctx, uint64_t exception);

/* The exception the last kilnrt_throw on this thread delivered to a landing site. */
KILNRT_API uint64_t kilnrt_exception_caught(void *vmctx);

/* Number of kilnrt_call entries active on the calling thread. */
KILNRT_API uint32_t kilnrt_entry_depth(void);

/* The frames of the calling thread's last trap, innermost first: for a signal
 * the faulting PC, then the return address of every frame-pointer frame in
 * registered code up to the entry the trap unwound to (for a raised trap the
 * return addresses only, starting with the one into the raising code). Valid
 * until the thread's next trap, so read it right after kilnrt_call returns one.
 * Returns how many are stored in *frames (at most KILNRT_MAX_TRAP_FRAMES);
 * *total (if not NULL) is how many there were. */
#define KILNRT_MAX_TRAP_FRAMES 4096u
KILNRT_API uint32_t kilnrt_trap_frames(const uintptr_t **frames, uint32_t *total);

/* Address space. addr and len must be page-aligned (len is rounded up). */
KILNRT_API size_t kilnrt_page_size(void);
KILNRT_API int kilnrt_reserve(size_t size, void **out);           /* PROT_NONE, no swap reserved */
KILNRT_API int kilnrt_commit(void *addr, size_t len);             /* read-write */
KILNRT_API int kilnrt_decommit(void *addr, size_t len);           /* back to PROT_NONE, pages dropped */
KILNRT_API int kilnrt_release(void *addr, size_t size);

/* The builtin memory.copy calls after its inline bounds checks (Builtin.MemoryMove): memmove between two linear
 * memories or within one, from generated code, without entering managed code. vmctx is the builtins' first
 * argument, unused. */
KILNRT_API void kilnrt_memory_move(void *vmctx, void *dst, const void *src, size_t len);

/* Code memory: allocated read-write, then switched to read-execute once
 * written. Never writable and executable at the same time. */
KILNRT_API int kilnrt_code_alloc(size_t size, void **out);
KILNRT_API int kilnrt_code_protect_rx(void *addr, size_t size);
KILNRT_API int kilnrt_code_free(void *addr, size_t size);

/* Lowest stack address generated code may use on the calling thread: the end
 * of the thread's stack plus `reserve` bytes plus a fixed safety margin (room
 * for signal frames and host calls). Generated prologues trap when
 * sp < limit. Returns 0 if the stack bounds cannot be determined or the
 * stack is too small. */
#define KILNRT_STACK_SAFETY_MARGIN (32u * 1024u)
KILNRT_API uintptr_t kilnrt_stack_limit(size_t reserve);

#ifdef __cplusplus
}
#endif

#endif /* KILNRT_H */
