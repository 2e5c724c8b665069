// The WASI 0.2.0 functions the adapter imports, lowered by the canonical ABI: each import's core signature is
// what `canon lower` gives its WIT type (handles are i32, a string or list is (ptr, len), u64 is i64, a variant
// is its discriminant plus its joined payload), and a function whose results flatten to more than one value
// takes a return pointer as its last parameter. The result structures below are those return areas, laid out
// by the canonical ABI (fields at their natural alignment, a result/option/variant payload after its
// discriminant at the payload's alignment). Lists and strings the host returns are placed by
// cabi_import_realloc (alloc.c).
#ifndef KILN_WASI02_H
#define KILN_WASI02_H

#include "types.h"

#define WASI_IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

// WASI 0.2 resource handles (own or borrow, by context).
typedef u32 handle;

// wasi:io/streams `stream-error`: 0 last-operation-failed(own<error>), 1 closed.
enum { STREAM_ERROR_LAST_OPERATION_FAILED = 0, STREAM_ERROR_CLOSED = 1 };

// result<list<u8>, stream-error>
typedef struct {
    u8 is_err;
    union {
        struct { u32 ptr; u32 len; } ok;
        struct { u8 tag; u32 error; } err;
    } u;
} ret_stream_list;

// result<u64, stream-error>
typedef struct {
    u8 is_err;
    union {
        u64 ok;
        struct { u8 tag; u32 error; } err;
    } u;
} ret_stream_u64;

// result<_, stream-error>
typedef struct {
    u8 is_err;
    struct { u8 tag; u32 error; } err;
} ret_stream_unit;

// list<T> as (ptr, len)
typedef struct { u32 ptr; u32 len; } wasi_list;

typedef struct { u64 seconds; u32 nanoseconds; } wasi_datetime;

// option<datetime>
typedef struct { u8 is_some; wasi_datetime value; } wasi_option_datetime;

// wasi:filesystem/types descriptor-type, in declaration order.
enum {
    DESCRIPTOR_UNKNOWN, DESCRIPTOR_BLOCK_DEVICE, DESCRIPTOR_CHARACTER_DEVICE, DESCRIPTOR_DIRECTORY, DESCRIPTOR_FIFO,
    DESCRIPTOR_SYMBOLIC_LINK, DESCRIPTOR_REGULAR_FILE, DESCRIPTOR_SOCKET,
};

enum {
    DESCRIPTOR_FLAGS_READ = 1, DESCRIPTOR_FLAGS_WRITE = 2, DESCRIPTOR_FLAGS_FILE_INTEGRITY_SYNC = 4,
    DESCRIPTOR_FLAGS_DATA_INTEGRITY_SYNC = 8, DESCRIPTOR_FLAGS_REQUESTED_WRITE_SYNC = 16,
    DESCRIPTOR_FLAGS_MUTATE_DIRECTORY = 32,
};
enum { PATH_FLAGS_SYMLINK_FOLLOW = 1 };
enum { OPEN_FLAGS_CREATE = 1, OPEN_FLAGS_DIRECTORY = 2, OPEN_FLAGS_EXCLUSIVE = 4, OPEN_FLAGS_TRUNCATE = 8 };
enum { NEW_TIMESTAMP_NO_CHANGE = 0, NEW_TIMESTAMP_NOW = 1, NEW_TIMESTAMP_TIMESTAMP = 2 };

typedef struct {
    u8 type;
    u64 link_count;
    u64 size;
    wasi_option_datetime atime;
    wasi_option_datetime mtime;
    wasi_option_datetime ctime;
} wasi_descriptor_stat;

_Static_assert(sizeof(wasi_option_datetime) == 24, "option<datetime> is 24 bytes");
_Static_assert(sizeof(wasi_descriptor_stat) == 96, "descriptor-stat is 96 bytes");

// result<_, error-code>, result<descriptor-flags|descriptor-type, error-code>: one byte each.
typedef struct { u8 is_err; u8 value; } ret_fs_u8;

// result<own<handle>, error-code>
typedef struct {
    u8 is_err;
    union { handle ok; u8 err; } u;
} ret_fs_handle;

// result<descriptor-stat, error-code>
typedef struct {
    u8 is_err;
    union { wasi_descriptor_stat ok; u8 err; } u;
} ret_fs_stat;

// result<tuple<list<u8>, bool>, error-code>
typedef struct {
    u8 is_err;
    union { struct { u32 ptr; u32 len; u8 end; } ok; u8 err; } u;
} ret_fs_read;

// result<filesize, error-code>
typedef struct {
    u8 is_err;
    union { u64 ok; u8 err; } u;
} ret_fs_u64;

// result<string, error-code>
typedef struct {
    u8 is_err;
    union { struct { u32 ptr; u32 len; } ok; u8 err; } u;
} ret_fs_string;

// result<metadata-hash-value, error-code>
typedef struct {
    u8 is_err;
    union { struct { u64 lower; u64 upper; } ok; u8 err; } u;
} ret_fs_hash;

// result<option<directory-entry>, error-code>
typedef struct {
    u8 is_err;
    union {
        struct { u8 is_some; struct { u8 type; u32 name_ptr; u32 name_len; } entry; } ok;
        u8 err;
    } u;
} ret_fs_dirent;

// option<error-code>
typedef struct { u8 is_some; u8 code; } ret_option_error_code;

// option<own<handle>>
typedef struct { u8 is_some; handle value; } ret_option_handle;

_Static_assert(sizeof(ret_fs_stat) == 104, "result<descriptor-stat, error-code> is 104 bytes");
_Static_assert(__builtin_offsetof(ret_fs_u64, u) == 8, "result<u64, _> payload at 8");
_Static_assert(__builtin_offsetof(ret_fs_dirent, u.ok.entry.name_len) == 16, "directory-entry name at 12..20");
_Static_assert(__builtin_offsetof(ret_stream_u64, u.err.error) == 12, "stream-error payload of result<u64,_>");

// wasi:cli
WASI_IMPORT("wasi:cli/environment@0.2.0", "get-arguments") void cli_get_arguments(wasi_list *ret);
WASI_IMPORT("wasi:cli/environment@0.2.0", "get-environment") void cli_get_environment(wasi_list *ret);
WASI_IMPORT("wasi:cli/exit@0.2.0", "exit") __attribute__((noreturn)) void cli_exit(u32 is_err);
WASI_IMPORT("wasi:cli/stdin@0.2.0", "get-stdin") handle cli_get_stdin(void);
WASI_IMPORT("wasi:cli/stdout@0.2.0", "get-stdout") handle cli_get_stdout(void);
WASI_IMPORT("wasi:cli/stderr@0.2.0", "get-stderr") handle cli_get_stderr(void);
WASI_IMPORT("wasi:cli/terminal-stdin@0.2.0", "get-terminal-stdin") void cli_get_terminal_stdin(ret_option_handle *ret);
WASI_IMPORT("wasi:cli/terminal-stdout@0.2.0", "get-terminal-stdout") void cli_get_terminal_stdout(ret_option_handle *ret);
WASI_IMPORT("wasi:cli/terminal-stderr@0.2.0", "get-terminal-stderr") void cli_get_terminal_stderr(ret_option_handle *ret);
WASI_IMPORT("wasi:cli/terminal-input@0.2.0", "[resource-drop]terminal-input") void cli_drop_terminal_input(handle h);
WASI_IMPORT("wasi:cli/terminal-output@0.2.0", "[resource-drop]terminal-output") void cli_drop_terminal_output(handle h);

// wasi:io
WASI_IMPORT("wasi:io/error@0.2.0", "[resource-drop]error") void io_drop_error(handle h);
WASI_IMPORT("wasi:io/poll@0.2.0", "[resource-drop]pollable") void io_drop_pollable(handle h);
WASI_IMPORT("wasi:io/poll@0.2.0", "poll") void io_poll(u32 ptr, u32 len, wasi_list *ret);
WASI_IMPORT("wasi:io/poll@0.2.0", "[method]pollable.block") void io_pollable_block(handle self);
WASI_IMPORT("wasi:io/streams@0.2.0", "[resource-drop]input-stream") void io_drop_input_stream(handle h);
WASI_IMPORT("wasi:io/streams@0.2.0", "[resource-drop]output-stream") void io_drop_output_stream(handle h);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.read")
void io_input_read(handle self, u64 len, ret_stream_list *ret);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.blocking-read")
void io_input_blocking_read(handle self, u64 len, ret_stream_list *ret);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]input-stream.subscribe") handle io_input_subscribe(handle self);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.check-write")
void io_output_check_write(handle self, ret_stream_u64 *ret);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
void io_output_blocking_write_and_flush(handle self, const void *ptr, u32 len, ret_stream_unit *ret);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-flush")
void io_output_blocking_flush(handle self, ret_stream_unit *ret);
WASI_IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.subscribe") handle io_output_subscribe(handle self);

// wasi:clocks
WASI_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "now") u64 clocks_monotonic_now(void);
WASI_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "resolution") u64 clocks_monotonic_resolution(void);
WASI_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-instant") handle clocks_subscribe_instant(u64 when);
WASI_IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration") handle clocks_subscribe_duration(u64 when);
WASI_IMPORT("wasi:clocks/wall-clock@0.2.0", "now") void clocks_wall_now(wasi_datetime *ret);
WASI_IMPORT("wasi:clocks/wall-clock@0.2.0", "resolution") void clocks_wall_resolution(wasi_datetime *ret);

// wasi:random
WASI_IMPORT("wasi:random/random@0.2.0", "get-random-bytes") void random_get_random_bytes(u64 len, wasi_list *ret);

// wasi:filesystem
#define FS_IMPORT(name) WASI_IMPORT("wasi:filesystem/types@0.2.0", name)
WASI_IMPORT("wasi:filesystem/preopens@0.2.0", "get-directories") void fs_get_directories(wasi_list *ret);
FS_IMPORT("[resource-drop]descriptor") void fs_drop_descriptor(handle h);
FS_IMPORT("[resource-drop]directory-entry-stream") void fs_drop_directory_entry_stream(handle h);
FS_IMPORT("filesystem-error-code") void fs_filesystem_error_code(handle err, ret_option_error_code *ret);
FS_IMPORT("[method]descriptor.append-via-stream") void fs_append_via_stream(handle self, ret_fs_handle *ret);
FS_IMPORT("[method]descriptor.advise") void fs_advise(handle self, u64 offset, u64 len, u32 advice, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.sync-data") void fs_sync_data(handle self, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.sync") void fs_sync(handle self, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.get-flags") void fs_get_flags(handle self, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.get-type") void fs_get_type(handle self, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.set-size") void fs_set_size(handle self, u64 size, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.set-times")
void fs_set_times(handle self, u32 atag, u64 asec, u32 ansec, u32 mtag, u64 msec, u32 mnsec, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.read") void fs_read(handle self, u64 len, u64 offset, ret_fs_read *ret);
FS_IMPORT("[method]descriptor.write")
void fs_write(handle self, const void *ptr, u32 len, u64 offset, ret_fs_u64 *ret);
FS_IMPORT("[method]descriptor.read-directory") void fs_read_directory(handle self, ret_fs_handle *ret);
FS_IMPORT("[method]directory-entry-stream.read-directory-entry")
void fs_read_directory_entry(handle self, ret_fs_dirent *ret);
FS_IMPORT("[method]descriptor.create-directory-at")
void fs_create_directory_at(handle self, const void *path, u32 len, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.stat") void fs_stat(handle self, ret_fs_stat *ret);
FS_IMPORT("[method]descriptor.stat-at")
void fs_stat_at(handle self, u32 path_flags, const void *path, u32 len, ret_fs_stat *ret);
FS_IMPORT("[method]descriptor.set-times-at")
void fs_set_times_at(handle self, u32 path_flags, const void *path, u32 len, u32 atag, u64 asec, u32 ansec, u32 mtag,
                     u64 msec, u32 mnsec, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.link-at")
void fs_link_at(handle self, u32 old_flags, const void *old_path, u32 old_len, handle new_descriptor,
                const void *new_path, u32 new_len, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.open-at")
void fs_open_at(handle self, u32 path_flags, const void *path, u32 len, u32 open_flags, u32 flags,
                ret_fs_handle *ret);
FS_IMPORT("[method]descriptor.readlink-at")
void fs_readlink_at(handle self, const void *path, u32 len, ret_fs_string *ret);
FS_IMPORT("[method]descriptor.remove-directory-at")
void fs_remove_directory_at(handle self, const void *path, u32 len, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.rename-at")
void fs_rename_at(handle self, const void *old_path, u32 old_len, handle new_descriptor, const void *new_path,
                  u32 new_len, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.symlink-at")
void fs_symlink_at(handle self, const void *old_path, u32 old_len, const void *new_path, u32 new_len,
                   ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.unlink-file-at")
void fs_unlink_file_at(handle self, const void *path, u32 len, ret_fs_u8 *ret);
FS_IMPORT("[method]descriptor.metadata-hash") void fs_metadata_hash(handle self, ret_fs_hash *ret);
FS_IMPORT("[method]descriptor.metadata-hash-at")
void fs_metadata_hash_at(handle self, u32 path_flags, const void *path, u32 len, ret_fs_hash *ret);

#endif
