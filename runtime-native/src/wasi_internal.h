/* Shared by the wasi_*.c files: WASI errno values the C side returns itself,
 * and the conversion of a failed call into the "minus WASI errno" convention. */
#ifndef KILNRT_WASI_INTERNAL_H
#define KILNRT_WASI_INTERNAL_H

#include <errno.h>

#include "kilnrt_wasi.h"

#define WASI_EBADF 8
#define WASI_EINVAL 28
#define WASI_EIO 29
#define WASI_ENOTSUP 58
#define WASI_ENOTCAPABLE 76

/* -(WASI errno) for the host errno. */
static inline int32_t kilnrt_wasi_fail(int host_errno)
{
    return -(int32_t)kilnrt_wasi_errno(host_errno);
}

/* The usual tail: r < 0 means the call failed with errno set. */
static inline int32_t kilnrt_wasi_result(long r)
{
    return r < 0 ? kilnrt_wasi_fail(errno) : (int32_t)r;
}

static inline int64_t kilnrt_wasi_result64(long long r)
{
    return r < 0 ? (int64_t)kilnrt_wasi_fail(errno) : (int64_t)r;
}

#endif
