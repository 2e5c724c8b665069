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

/* code_ranges.c: the registered range containing pc, if any (async-signal-safe). */
KILNRT_HIDDEN int kilnrt__code_range_of(uintptr_t pc, uintptr_t *start, uintptr_t *end);

/* signals.c: installs the handlers once. */
KILNRT_HIDDEN int kilnrt__install_handlers(void);

/* altstack.c: one-time process setup and per-thread alternate stack. */
KILNRT_HIDDEN int kilnrt__altstack_global_init(void);
KILNRT_HIDDEN int kilnrt__altstack_ensure(void);

/* memory.c: page-rounds *len; EINVAL for a misaligned or NULL address, a
 * zero or overflowing length. */
KILNRT_HIDDEN int kilnrt__page_range(const void *addr, size_t *len);

#endif
