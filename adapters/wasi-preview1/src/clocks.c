// clock_* over wasi:clocks: REALTIME is the wall clock, MONOTONIC the monotonic clock. WASI 0.2 has no CPU-time
// clocks, so those ids are EINVAL (as POSIX answers for a clock it lacks).
#include "adapter.h"

static u64 datetime_ns(const wasi_datetime *t) { return t->seconds * 1000000000ull + t->nanoseconds; }

P1_EXPORT(clock_res_get) u32 clock_res_get(u32 id, u64 *resolution)
{
    state_get();
    if (id == CLOCKID_MONOTONIC) {
        *resolution = clocks_monotonic_resolution();
        return ERRNO_SUCCESS;
    }
    if (id == CLOCKID_REALTIME) {
        wasi_datetime t;
        clocks_wall_resolution(&t);
        *resolution = datetime_ns(&t);
        return ERRNO_SUCCESS;
    }
    return ERRNO_INVAL;
}

P1_EXPORT(clock_time_get) u32 clock_time_get(u32 id, u64 precision, u64 *time)
{
    (void)precision;
    state_get();
    if (id == CLOCKID_MONOTONIC) {
        *time = clocks_monotonic_now();
        return ERRNO_SUCCESS;
    }
    if (id == CLOCKID_REALTIME) {
        wasi_datetime t;
        clocks_wall_now(&t);
        *time = datetime_ns(&t);
        return ERRNO_SUCCESS;
    }
    return ERRNO_INVAL;
}
