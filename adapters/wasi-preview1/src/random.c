// random_get over wasi:random/random: the host's bytes land straight in the program's buffer.
#include "adapter.h"

P1_EXPORT(random_get) u32 random_get(u8 *buf, u32 len)
{
    struct state *s = state_get();
    import_alloc_set(s, buf, len);
    wasi_list list;
    random_get_random_bytes(len, &list);
    if (list.len != len) unreachable();
    if (len && list.ptr != (u32)buf) mem_copy(buf, (const void *)list.ptr, len);
    return ERRNO_SUCCESS;
}
