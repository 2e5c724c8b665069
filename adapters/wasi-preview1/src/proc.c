// The process: proc_exit over wasi:cli/exit, which in WASI 0.2.0 tells only success from failure (any non-zero
// status exits with failure); proc_raise and sched_yield, which WASI 0.2 has no counterpart for.
#include "adapter.h"

P1_EXPORT(proc_exit) __attribute__((noreturn)) void proc_exit(u32 status)
{
    state_get();
    cli_exit(status != 0);
}

P1_EXPORT(proc_raise) u32 proc_raise(u32 signal)
{
    (void)signal;
    return ERRNO_NOSYS;
}

// A WASI 0.2 component runs on one thread it never gives up: yielding does nothing, successfully.
P1_EXPORT(sched_yield) u32 sched_yield(void) { return ERRNO_SUCCESS; }
