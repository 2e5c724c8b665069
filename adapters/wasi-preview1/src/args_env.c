// args_* and environ_* over wasi:cli/environment. The host's list lands in the scratch area (adapter.h), from
// where the strings are copied NUL-terminated into the program's buffer; arguments or an environment larger than
// the scratch area trap (see README.md).
#include "adapter.h"

P1_EXPORT(args_sizes_get) u32 args_sizes_get(u32 *argc, u32 *argv_buf_size)
{
    struct state *s = state_get();
    import_alloc_scratch(s);
    wasi_list list;
    cli_get_arguments(&list);
    const wasi_list *items = (const wasi_list *)list.ptr;
    u32 size = 0;
    for (u32 i = 0; i < list.len; i++) size += items[i].len + 1;
    *argc = list.len;
    *argv_buf_size = size;
    return ERRNO_SUCCESS;
}

P1_EXPORT(args_get) u32 args_get(u8 **argv, u8 *argv_buf)
{
    struct state *s = state_get();
    import_alloc_scratch(s);
    wasi_list list;
    cli_get_arguments(&list);
    const wasi_list *items = (const wasi_list *)list.ptr;
    for (u32 i = 0; i < list.len; i++) {
        argv[i] = argv_buf;
        mem_copy(argv_buf, (const void *)items[i].ptr, items[i].len);
        argv_buf[items[i].len] = 0;
        argv_buf += items[i].len + 1;
    }
    return ERRNO_SUCCESS;
}

// list<tuple<string, string>>: key (ptr, len), value (ptr, len).
typedef struct { u32 key_ptr; u32 key_len; u32 value_ptr; u32 value_len; } env_item;

P1_EXPORT(environ_sizes_get) u32 environ_sizes_get(u32 *count, u32 *buf_size)
{
    struct state *s = state_get();
    import_alloc_scratch(s);
    wasi_list list;
    cli_get_environment(&list);
    const env_item *items = (const env_item *)list.ptr;
    u32 size = 0;
    for (u32 i = 0; i < list.len; i++) size += items[i].key_len + items[i].value_len + 2; // "=" and NUL
    *count = list.len;
    *buf_size = size;
    return ERRNO_SUCCESS;
}

P1_EXPORT(environ_get) u32 environ_get(u8 **environ, u8 *buf)
{
    struct state *s = state_get();
    import_alloc_scratch(s);
    wasi_list list;
    cli_get_environment(&list);
    const env_item *items = (const env_item *)list.ptr;
    for (u32 i = 0; i < list.len; i++) {
        environ[i] = buf;
        mem_copy(buf, (const void *)items[i].key_ptr, items[i].key_len);
        buf += items[i].key_len;
        *buf++ = '=';
        mem_copy(buf, (const void *)items[i].value_ptr, items[i].value_len);
        buf += items[i].value_len;
        *buf++ = 0;
    }
    return ERRNO_SUCCESS;
}
