// fd_readdir: preview1's cookie-addressed listing over wasi:filesystem's directory-entry-stream. Cookie n is the
// n-th entry: 0 ".", 1 "..", then the stream's entries (WASI 0.2 lists neither "." nor ".."). The stream is kept
// between calls while the program asks for the cookie where the last call stopped; any other cookie reopens the
// directory and skips to it. An entry that did not fit the program's buffer is kept whole (`pending`) and written
// again when the program retries with a larger buffer, as wasi-libc does.
#include "adapter.h"

// Reads the next entry of the cursor's stream into `pending`; returns 0 at the end, 1 for an entry, or an errno
// + 2.
static u32 next_entry(struct state *s, handle dir)
{
    struct readdir_cursor *c = &s->readdir;
    u64 index = c->next_cookie;
    if (index == 0 || index == 1) {
        c->pending_type = DESCRIPTOR_DIRECTORY;
        c->pending_name_length = (u32)index + 1;
        c->pending_name[0] = '.';
        c->pending_name[1] = '.';
        c->pending_ino = 0;
        if (index == 0) {
            ret_fs_hash h;
            fs_metadata_hash(dir, &h);
            if (!h.is_err) c->pending_ino = h.u.ok.lower;
        }
        c->has_pending = 1;
        return 1;
    }
    if (!c->stream) {
        ret_fs_handle r;
        fs_read_directory(dir, &r);
        if (r.is_err) return errno_from_error_code(r.u.err) + 2;
        c->stream = r.u.ok;
    }
    import_alloc_scratch(s);
    ret_fs_dirent r;
    fs_read_directory_entry(c->stream, &r);
    if (r.is_err) return errno_from_error_code(r.u.err) + 2;
    if (!r.u.ok.is_some) return 0;
    u32 name_len = r.u.ok.entry.name_len;
    if (name_len > DIRENT_NAME_SIZE) return ERRNO_NAMETOOLONG + 2;
    mem_copy(c->pending_name, (const void *)r.u.ok.entry.name_ptr, name_len);
    c->pending_name_length = name_len;
    c->pending_type = r.u.ok.entry.type;
    c->pending_ino = 0;
    ret_fs_hash h;
    fs_metadata_hash_at(dir, 0, c->pending_name, name_len, &h);
    if (!h.is_err) c->pending_ino = h.u.ok.lower;
    c->has_pending = 1;
    return 1;
}

P1_EXPORT(fd_readdir) u32 fd_readdir(u32 fd, u8 *buf, u32 buf_len, u64 cookie, u32 *bufused)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind != FD_DIRECTORY) return ERRNO_NOTDIR;
    struct readdir_cursor *c = &s->readdir;
    if (c->fd != fd || c->next_cookie != cookie) {
        // Start over: a new stream from the directory's beginning, skipping the entries before `cookie`.
        if (c->stream) fs_drop_directory_entry_stream(c->stream);
        c->stream = 0;
        c->fd = fd;
        c->next_cookie = 0;
        c->has_pending = 0;
        while (c->next_cookie < cookie) {
            u32 got = next_entry(s, e->descriptor);
            if (got == 0) break;
            if (got >= 2) return got - 2;
            c->has_pending = 0;
            c->next_cookie++;
        }
        if (c->next_cookie < cookie) {
            // Past the end: nothing more to list.
            *bufused = 0;
            c->next_cookie = cookie;
            return ERRNO_SUCCESS;
        }
    }
    u32 used = 0;
    while (used < buf_len) {
        if (!c->has_pending) {
            u32 got = next_entry(s, e->descriptor);
            if (got == 0) break;
            if (got >= 2) {
                if (used) break;
                return got - 2;
            }
        }
        p1_dirent d;
        mem_set(&d, 0, sizeof d);
        d.d_next = c->next_cookie + 1;
        d.d_ino = c->pending_ino;
        d.d_namlen = c->pending_name_length;
        d.d_type = filetype_from_descriptor_type(c->pending_type);
        u32 room = buf_len - used;
        u32 n = room < sizeof d ? room : (u32)sizeof d;
        mem_copy(buf + used, &d, n);
        used += n;
        room -= n;
        u32 m = room < c->pending_name_length ? room : c->pending_name_length;
        mem_copy(buf + used, c->pending_name, m);
        used += m;
        if (n < sizeof d || m < c->pending_name_length) break; // truncated: stays pending for the retry
        c->has_pending = 0;
        c->next_cookie++;
    }
    *bufused = used;
    return ERRNO_SUCCESS;
}
