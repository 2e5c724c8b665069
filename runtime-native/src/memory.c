/*
 * Address-space reservation for linear memories and tables: a large
 * PROT_NONE reservation (4 GiB plus guard pages for a 32-bit memory) whose
 * prefix is made accessible as the memory grows. Anything never committed
 * faults, which is how out-of-bounds accesses become traps.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

KILNRT_API size_t kilnrt_page_size(void) { return (size_t)sysconf(_SC_PAGESIZE); }

int kilnrt__page_range(const void *addr, size_t *len) {
    size_t page = kilnrt_page_size();
    if (addr == NULL || ((uintptr_t)addr & (page - 1)) != 0 || *len == 0 || *len > SIZE_MAX - page)
        return EINVAL;
    *len = (*len + page - 1) & ~(page - 1);
    return 0;
}

KILNRT_API int kilnrt_reserve(size_t size, void **out) {
    if (out == NULL || size == 0)
        return errno = EINVAL;
    *out = NULL;
    /* MAP_NORESERVE: a 4 GiB reservation must not count against overcommit
     * limits; only committed pages that are touched use memory. */
    void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return errno;
    *out = p;
    return 0;
}

KILNRT_API int kilnrt_commit(void *addr, size_t len) {
    int err = kilnrt__page_range(addr, &len);
    if (err != 0)
        return errno = err;
    return mprotect(addr, len, PROT_READ | PROT_WRITE) == 0 ? 0 : errno;
}

KILNRT_API int kilnrt_decommit(void *addr, size_t len) {
    int err = kilnrt__page_range(addr, &len);
    if (err != 0)
        return errno = err;
    /* Mapping fresh PROT_NONE pages over the range drops the old pages and
     * makes the range inaccessible in one step; a later commit sees zeros. */
    void *p = mmap(addr, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? errno : 0;
}

KILNRT_API int kilnrt_release(void *addr, size_t size) {
    int err = kilnrt__page_range(addr, &size);
    if (err != 0)
        return errno = err;
    return munmap(addr, size) == 0 ? 0 : errno;
}

KILNRT_API void kilnrt_memory_move(void *vmctx, void *dst, const void *src, size_t len) {
    (void)vmctx;
    memmove(dst, src, len);
}
