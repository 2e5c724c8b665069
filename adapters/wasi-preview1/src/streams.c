// Data through descriptors: fd_read/fd_write on the standard streams (wasi:cli stdin/stdout/stderr streams) and
// on files (wasi:filesystem read/write at the fd's own position), fd_pread/fd_pwrite, fd_seek, fd_tell.
#include "adapter.h"

// blocking-write-and-flush takes at most 4096 bytes a call (wasi:io/streams).
#define STREAM_WRITE_CHUNK 4096

// The WASI 0.2 stream behind a standard stream descriptor, fetched on first use.
handle stream_of(struct fd_entry *e)
{
    if (!e->descriptor) {
        if (e->kind == FD_STDIN) e->descriptor = cli_get_stdin();
        else if (e->kind == FD_STDOUT) e->descriptor = cli_get_stdout();
        else e->descriptor = cli_get_stderr();
    }
    return e->descriptor;
}

u16 stream_write(handle stream, const u8 *buf, u32 len)
{
    while (len > 0) {
        u32 n = len < STREAM_WRITE_CHUNK ? len : STREAM_WRITE_CHUNK;
        ret_stream_unit r;
        io_output_blocking_write_and_flush(stream, buf, n, &r);
        if (r.is_err) return errno_from_stream_error(r.err.tag, r.err.error);
        buf += n;
        len -= n;
    }
    return ERRNO_SUCCESS;
}

// Writes all of [buf, buf+len) to a file at `offset` (descriptor.write may write less than asked).
static u16 file_write_at(handle descriptor, const u8 *buf, u32 len, u64 offset, u32 *written)
{
    *written = 0;
    while (len > 0) {
        ret_fs_u64 r;
        fs_write(descriptor, buf, len, offset, &r);
        if (r.is_err) return *written ? ERRNO_SUCCESS : errno_from_error_code(r.u.err);
        if (r.u.ok == 0 || r.u.ok > len) break;
        *written += (u32)r.u.ok;
        buf += r.u.ok;
        len -= (u32)r.u.ok;
        offset += r.u.ok;
    }
    return ERRNO_SUCCESS;
}

// Appends through the descriptor's append stream: only the host knows where the end is when it writes.
static u16 file_append(handle descriptor, const u8 *buf, u32 len)
{
    ret_fs_handle stream;
    fs_append_via_stream(descriptor, &stream);
    if (stream.is_err) return errno_from_error_code(stream.u.err);
    u16 err = stream_write(stream.u.ok, buf, len);
    io_drop_output_stream(stream.u.ok);
    return err;
}

P1_EXPORT(fd_write) u32 fd_write(u32 fd, const p1_iovec *iovs, u32 iovs_len, u32 *nwritten)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    u32 total = 0;
    for (u32 i = 0; i < iovs_len; i++) {
        const u8 *buf = (const u8 *)iovs[i].buf;
        u32 len = iovs[i].len;
        if (len == 0) continue;
        u16 err;
        u32 written = len;
        switch (e->kind) {
        case FD_STDOUT:
        case FD_STDERR: err = stream_write(stream_of(e), buf, len); break;
        case FD_FILE:
            if (e->append) {
                err = file_append(e->descriptor, buf, len);
            } else {
                err = file_write_at(e->descriptor, buf, len, e->position, &written);
                e->position += written;
            }
            break;
        case FD_DIRECTORY: err = ERRNO_ISDIR; break;
        default: err = ERRNO_BADF; break;
        }
        if (err) {
            if (total) break; // report what was written; the error comes with the next call
            return err;
        }
        total += written;
        if (written < len) break;
    }
    *nwritten = total;
    return ERRNO_SUCCESS;
}

// Reads up to len bytes into buf from a file at offset, straight into the program's buffer.
static u16 file_read_at(struct state *s, handle descriptor, u8 *buf, u32 len, u64 offset, u32 *nread)
{
    import_alloc_set(s, buf, len);
    ret_fs_read r;
    fs_read(descriptor, len, offset, &r);
    if (r.is_err) return errno_from_error_code(r.u.err);
    if (r.u.ok.len > len) unreachable();
    if (r.u.ok.len && r.u.ok.ptr != (u32)buf) mem_copy(buf, (const void *)r.u.ok.ptr, r.u.ok.len);
    *nread = r.u.ok.len;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_read) u32 fd_read(u32 fd, const p1_iovec *iovs, u32 iovs_len, u32 *nread)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    u32 total = 0;
    for (u32 i = 0; i < iovs_len; i++) {
        u8 *buf = (u8 *)iovs[i].buf;
        u32 len = iovs[i].len;
        if (len == 0) continue;
        u32 n = 0;
        u16 err = ERRNO_SUCCESS;
        if (e->kind == FD_STDIN) {
            import_alloc_set(s, buf, len);
            ret_stream_list r;
            io_input_blocking_read(stream_of(e), len, &r);
            if (r.is_err) {
                if (r.u.err.tag == STREAM_ERROR_CLOSED) break; // end of input
                err = errno_from_stream_error(r.u.err.tag, r.u.err.error);
            } else {
                if (r.u.ok.len > len) unreachable();
                n = r.u.ok.len;
            }
        } else if (e->kind == FD_FILE) {
            err = file_read_at(s, e->descriptor, buf, len, e->position, &n);
            if (!err) e->position += n;
        } else {
            err = e->kind == FD_DIRECTORY ? ERRNO_ISDIR : ERRNO_BADF;
        }
        if (err) {
            if (total) break;
            return err;
        }
        total += n;
        // A short read ends the call: preview1 reads return what is there, not necessarily all asked for.
        if (n < len) break;
    }
    *nread = total;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_pread) u32 fd_pread(u32 fd, const p1_iovec *iovs, u32 iovs_len, u64 offset, u32 *nread)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind != FD_FILE) return e->kind == FD_DIRECTORY ? ERRNO_ISDIR : ERRNO_SPIPE;
    u32 total = 0;
    for (u32 i = 0; i < iovs_len; i++) {
        u32 len = iovs[i].len;
        if (len == 0) continue;
        u32 n;
        u16 err = file_read_at(s, e->descriptor, (u8 *)iovs[i].buf, len, offset + total, &n);
        if (err) {
            if (total) break;
            return err;
        }
        total += n;
        if (n < len) break;
    }
    *nread = total;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_pwrite) u32 fd_pwrite(u32 fd, const p1_iovec *iovs, u32 iovs_len, u64 offset, u32 *nwritten)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind != FD_FILE) return e->kind == FD_DIRECTORY ? ERRNO_ISDIR : ERRNO_SPIPE;
    u32 total = 0;
    for (u32 i = 0; i < iovs_len; i++) {
        u32 len = iovs[i].len;
        if (len == 0) continue;
        u32 n;
        u16 err = file_write_at(e->descriptor, (const u8 *)iovs[i].buf, len, offset + total, &n);
        if (err) {
            if (total) break;
            return err;
        }
        total += n;
        if (n < len) break;
    }
    *nwritten = total;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_seek) u32 fd_seek(u32 fd, s64 offset, u32 whence, u64 *newoffset)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind != FD_FILE) return e->kind == FD_DIRECTORY ? ERRNO_BADF : ERRNO_SPIPE;
    s64 base;
    switch (whence) {
    case WHENCE_SET: base = 0; break;
    case WHENCE_CUR: base = (s64)e->position; break;
    case WHENCE_END: {
        ret_fs_stat r;
        fs_stat(e->descriptor, &r);
        if (r.is_err) return errno_from_error_code(r.u.err);
        base = (s64)r.u.ok.size;
        break;
    }
    default: return ERRNO_INVAL;
    }
    s64 target;
    if (__builtin_add_overflow(base, offset, &target) || target < 0) return ERRNO_INVAL;
    e->position = (u64)target;
    *newoffset = e->position;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_tell) u32 fd_tell(u32 fd, u64 *offset)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind != FD_FILE) return e->kind == FD_DIRECTORY ? ERRNO_BADF : ERRNO_SPIPE;
    *offset = e->position;
    return ERRNO_SUCCESS;
}
