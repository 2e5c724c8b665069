// The adapter's state and the helpers its parts share.
//
// Memory: the adapter runs in the program's linear memory (it imports `env.memory`), so it may own no static
// data at all: wit-component refuses an adapter with data segments, and any address it picked could be the
// program's. Everything it keeps lives in one 64 KiB page, `struct state`, obtained on first use from the
// program's `cabi_realloc` (imported from `__main_module__`; wit-component substitutes a `memory.grow` of one
// page when the program exports none, which is why the size is exactly one page). The page's address is kept in
// a wasm global (globals.S), as is `allocation_state`, which wit-component shares with the stack it gives the
// adapter (gc.rs's allocate_stack: 0 unallocated, 1 allocating, 2 allocated; we add 3 state allocating and 4
// state allocated).
#ifndef KILN_ADAPTER_H
#define KILN_ADAPTER_H

#include "preview1.h"
#include "wasi02.h"

#define PAGE_SIZE 65536
#define MAX_FDS 128
#define PREOPEN_NAMES_SIZE 2048
#define DIRENT_NAME_SIZE 1024

enum fd_kind { FD_CLOSED = 0, FD_STDIN, FD_STDOUT, FD_STDERR, FD_FILE, FD_DIRECTORY };

struct fd_entry {
    u8 kind;          // enum fd_kind
    u8 append;        // FDFLAGS_APPEND set by path_open or fd_fdstat_set_flags
    u8 is_preopen;
    u8 filetype;      // preview1 file type, cached at open
    handle descriptor; // wasi:filesystem descriptor (FD_FILE, FD_DIRECTORY), else the stream
    u64 position;     // the file offset of fd_read/fd_write/fd_seek (FD_FILE)
    u16 preopen_name_offset;
    u16 preopen_name_length;
    u32 pad;
};

// fd_readdir continues a directory stream between calls while the cookie asked for is the one it stopped at.
struct readdir_cursor {
    u32 fd;           // the fd whose stream this is, or MAX_FDS for none
    handle stream;    // directory-entry-stream (0: none; ".", ".." come before the stream's entries)
    u64 next_cookie;  // cookie of the entry that `pending` holds, or that the stream gives next
    u8 has_pending;   // an entry read but not yet wholly written (the program's buffer was too small)
    u8 pending_type;
    u16 pad;
    u32 pending_name_length;
    u64 pending_ino;
    u8 pending_name[DIRENT_NAME_SIZE];
};

struct state {
    u32 magic;
    u32 import_alloc_next;  // cabi_import_realloc's bump region [next, end)
    u32 import_alloc_end;
    u32 preopen_names_used;
    struct fd_entry fds[MAX_FDS];
    struct readdir_cursor readdir;
    u8 preopen_names[PREOPEN_NAMES_SIZE];
    // Scratch space for lists and strings the host returns that do not go straight into the program's buffers.
    u8 scratch[PAGE_SIZE - 16 - MAX_FDS * sizeof(struct fd_entry) - sizeof(struct readdir_cursor) -
               PREOPEN_NAMES_SIZE];
};

_Static_assert(sizeof(struct state) == PAGE_SIZE, "the state is exactly the page cabi_realloc gives");

// The state, allocated and initialized (preopens, stdio) on first use.
struct state *state_get(void);

// Where cabi_import_realloc places what the next import returns: [ptr, ptr + len).
void import_alloc_set(struct state *s, void *ptr, u32 len);
void import_alloc_scratch(struct state *s);

// A wasm trap: the adapter cannot go on (its state is inconsistent or a host broke the canonical ABI).
__attribute__((noreturn)) static inline void unreachable(void) { __builtin_trap(); }

// Error mapping (errno.c).
u16 errno_from_error_code(u8 code);
u16 errno_from_stream_error(const u8 tag, handle error);

// Descriptors (fds.c).
struct fd_entry *fd_get(struct state *s, u32 fd);
struct fd_entry *fd_allocate(struct state *s, u32 *fd_out);
void fd_release(struct fd_entry *e);
u8 filetype_from_descriptor_type(u8 type);
void filestat_from_stat(p1_filestat *out, const wasi_descriptor_stat *st);
u32 new_timestamps(u64 atim, u64 mtim, u32 fst_flags, u32 *tags, u64 *secs, u32 *nsecs);

// Standard streams (streams.c).
handle stream_of(struct fd_entry *e);
u16 stream_write(handle stream, const u8 *buf, u32 len);

// Small memory helpers (memory.c): clang lowers __builtin_memcpy/memset to bulk-memory instructions.
#define mem_copy(d, s, n) __builtin_memcpy((d), (s), (n))
#define mem_set(d, v, n) __builtin_memset((d), (v), (n))

#endif
