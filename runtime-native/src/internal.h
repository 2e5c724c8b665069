/* Declarations shared between the files of libkilnrt; not part of the API. */
#ifndef KILNRT_INTERNAL_H
#define KILNRT_INTERNAL_H

#include <signal.h>
#include <stdint.h>

#include "kilnrt.h"

#define KILNRT_HIDDEN __attribute__((visibility("hidden")))

/* entry.c: called by the signal handler for a fault in registered code, with
 * the faulting frame's frame pointer and stack pointer. If the thread is
 * inside kilnrt_call it records the fault and its frames and siglongjmps to
 * the innermost entry (never returns); otherwise it returns. */
KILNRT_HIDDEN void kilnrt__land_fault(int sig, uintptr_t pc, uintptr_t fault_address, uintptr_t fp, uintptr_t sp);

/* entry.c: the innermost entry record's address (the walk's upper bound), 0
 * outside kilnrt_call; and the landing of an uncaught exception: records the
 * frames from fp and unwinds to the innermost entry as KILNRT_EXCEPTION. */
KILNRT_HIDDEN uintptr_t kilnrt__entry_limit(void);
KILNRT_HIDDEN __attribute__((noreturn)) void kilnrt__land_exception(uintptr_t fp, uint64_t exception, uintptr_t pc);

/* code_ranges.c: the registered range containing pc, if any (async-signal-safe). */
KILNRT_HIDDEN int kilnrt__code_range_of(uintptr_t pc, uintptr_t *start, uintptr_t *end);

/* code_ranges.c: the landing address for return address ra, if a registered
 * range holds ra and has a landing site for it. */
KILNRT_HIDDEN int kilnrt__landing_of(uintptr_t ra, uintptr_t *landing);

/* signals.c: installs the handlers once. */
KILNRT_HIDDEN int kilnrt__install_handlers(void);

/* altstack.c: one-time process setup and per-thread alternate stack. */
KILNRT_HIDDEN int kilnrt__altstack_global_init(void);
KILNRT_HIDDEN int kilnrt__altstack_ensure(void);

/* memory.c: page-rounds *len; EINVAL for a misaligned or NULL address, a
 * zero or overflowing length. */
KILNRT_HIDDEN int kilnrt__page_range(const void *addr, size_t *len);

#endif
