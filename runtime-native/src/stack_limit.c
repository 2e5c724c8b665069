/*
 * Stack limit for generated prologues. Wasm recursion must trap before it
 * reaches the guard page: a fault there would have to be handled on the
 * alternate stack with no room left for host calls on the way out.
 */
#include <pthread.h>

#include "internal.h"

KILNRT_API uintptr_t kilnrt_stack_limit(size_t reserve) {
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    void *low = NULL;
    size_t size = 0;
    int err = pthread_attr_getstack(&attr, &low, &size);
    pthread_attr_destroy(&attr);
    if (err != 0 || low == NULL)
        return 0;
    /* `low` is the lowest usable address (the guard page lies below it). */
    size_t margin = reserve + KILNRT_STACK_SAFETY_MARGIN;
    if (margin < reserve || margin >= size)
        return 0;
    uintptr_t limit = (uintptr_t)low + margin;
    /* The limit must be below where we are now, or every call would trap. */
    if (limit >= (uintptr_t)__builtin_frame_address(0))
        return 0;
    return limit;
}
