// The state page (adapter.h): allocated through the program's cabi_realloc on the first preview1 call, then
// filled with the standard streams (fds 0-2, their WASI 0.2 streams fetched when first used) and the preopened
// directories of wasi:filesystem/preopens (fds 3 and on, in the host's order).
#include "adapter.h"

#define STATE_MAGIC 0x4e4c494bu /* "KILN" */

enum {
    ALLOCATION_STACK_UNALLOCATED = 0,
    ALLOCATION_STACK_ALLOCATING = 1,
    ALLOCATION_STACK_ALLOCATED = 2,
    ALLOCATION_STATE_ALLOCATING = 3,
    ALLOCATION_STATE_ALLOCATED = 4,
};

u32 get_allocation_state(void);
void set_allocation_state(u32 value);
u32 get_state_ptr(void);
void set_state_ptr(u32 value);

WASI_IMPORT("__main_module__", "cabi_realloc")
void *main_cabi_realloc(void *old_ptr, u32 old_size, u32 align, u32 new_size);

static void add_preopens(struct state *s)
{
    import_alloc_scratch(s);
    wasi_list list;
    fs_get_directories(&list);
    // list<tuple<own<descriptor>, string>>: 12 bytes per element.
    const u8 *items = (const u8 *)list.ptr;
    for (u32 i = 0; i < list.len; i++) {
        const u8 *item = items + i * 12;
        handle descriptor = *(const u32 *)item;
        u32 name_ptr = *(const u32 *)(item + 4);
        u32 name_len = *(const u32 *)(item + 8);
        u32 fd;
        struct fd_entry *e = fd_allocate(s, &fd);
        // Out of descriptor slots or name space: the program cannot see this preopen; give it back to the host.
        if (!e || name_len > PREOPEN_NAMES_SIZE - s->preopen_names_used) {
            fs_drop_descriptor(descriptor);
            continue;
        }
        e->kind = FD_DIRECTORY;
        e->is_preopen = 1;
        e->filetype = FILETYPE_DIRECTORY;
        e->descriptor = descriptor;
        e->preopen_name_offset = (u16)s->preopen_names_used;
        e->preopen_name_length = (u16)name_len;
        mem_copy(s->preopen_names + s->preopen_names_used, (const void *)name_ptr, name_len);
        s->preopen_names_used += name_len;
    }
}

struct state *state_get(void)
{
    struct state *s = (struct state *)get_state_ptr();
    if (s) return s;
    // Entered again while allocating (the program's cabi_realloc called a preview1 function): no way on.
    u32 allocation = get_allocation_state();
    if (allocation == ALLOCATION_STACK_ALLOCATING || allocation == ALLOCATION_STATE_ALLOCATING) unreachable();
    set_allocation_state(ALLOCATION_STATE_ALLOCATING);
    s = main_cabi_realloc(NULL, 0, 8, PAGE_SIZE);
    if (!s) unreachable();
    set_allocation_state(ALLOCATION_STATE_ALLOCATED);
    mem_set(s, 0, sizeof *s);
    s->magic = STATE_MAGIC;
    s->readdir.fd = MAX_FDS;
    s->fds[0].kind = FD_STDIN;
    s->fds[1].kind = FD_STDOUT;
    s->fds[2].kind = FD_STDERR;
    set_state_ptr((u32)s);
    add_preopens(s);
    return s;
}

void import_alloc_set(struct state *s, void *ptr, u32 len)
{
    s->import_alloc_next = (u32)ptr;
    s->import_alloc_end = (u32)ptr + len;
}

void import_alloc_scratch(struct state *s) { import_alloc_set(s, s->scratch, sizeof s->scratch); }

// The realloc of every import the adapter lowers (wit-component uses this export for them): a bump allocator over
// the region the caller chose just before the call, so a read lands straight in the program's buffer and other
// results in the scratch area. Nothing is freed: the region is set anew before each import that returns a list.
// A result that does not fit traps (the region is sized for what the call can return).
P1_EXPORT(cabi_import_realloc) void *cabi_import_realloc(void *old_ptr, u32 old_size, u32 align, u32 new_size)
{
    struct state *s = (struct state *)get_state_ptr();
    if (!s || old_ptr || old_size || align == 0 || (align & (align - 1))) unreachable();
    u32 p = (s->import_alloc_next + align - 1) & ~(align - 1);
    if (p < s->import_alloc_next || p > s->import_alloc_end || new_size > s->import_alloc_end - p) unreachable();
    s->import_alloc_next = p + new_size;
    return (void *)p;
}
