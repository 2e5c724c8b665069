/*
 * Memory for generated code. It is written while read-write and then switched
 * to read-execute; it is never writable and executable at once (W^X), so a
 * wasm memory bug cannot become code injection.
 */
#include <errno.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

KILNRT_API int kilnrt_code_alloc(size_t size, void **out) {
    if (out == NULL || size == 0)
        return errno = EINVAL;
    *out = NULL;
    void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return errno;
    *out = p;
    return 0;
}

KILNRT_API int kilnrt_code_protect_rx(void *addr, size_t size) {
    int err = kilnrt__page_range(addr, &size);
    if (err != 0)
        return errno = err;
    /* AArch64 needs the written instructions made visible to instruction
     * fetch; on x86-64 this compiles to nothing. */
    __builtin___clear_cache((char *)addr, (char *)addr + size);
    return mprotect(addr, size, PROT_READ | PROT_EXEC) == 0 ? 0 : errno;
}

KILNRT_API int kilnrt_code_free(void *addr, size_t size) {
    int err = kilnrt__page_range(addr, &size);
    if (err != 0)
        return errno = err;
    return munmap(addr, size) == 0 ? 0 : errno;
}
