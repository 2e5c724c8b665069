// The descriptor table and the fd_* functions about descriptors themselves (not their data): close, renumber,
// fdstat, filestat, sizes, times, advice, sync, and the preopen queries.
#include "adapter.h"

struct fd_entry *fd_get(struct state *s, u32 fd)
{
    if (fd >= MAX_FDS || s->fds[fd].kind == FD_CLOSED) return NULL;
    return &s->fds[fd];
}

struct fd_entry *fd_allocate(struct state *s, u32 *fd_out)
{
    for (u32 fd = 0; fd < MAX_FDS; fd++) {
        if (s->fds[fd].kind == FD_CLOSED) {
            mem_set(&s->fds[fd], 0, sizeof s->fds[fd]);
            *fd_out = fd;
            return &s->fds[fd];
        }
    }
    return NULL;
}

// Gives the entry's WASI 0.2 resources back and marks it closed.
void fd_release(struct fd_entry *e)
{
    switch (e->kind) {
    case FD_FILE:
    case FD_DIRECTORY: fs_drop_descriptor(e->descriptor); break;
    case FD_STDIN:
        if (e->descriptor) io_drop_input_stream(e->descriptor);
        break;
    case FD_STDOUT:
    case FD_STDERR:
        if (e->descriptor) io_drop_output_stream(e->descriptor);
        break;
    default: break;
    }
    mem_set(e, 0, sizeof *e);
}

u8 filetype_from_descriptor_type(u8 type)
{
    switch (type) {
    case DESCRIPTOR_BLOCK_DEVICE: return FILETYPE_BLOCK_DEVICE;
    case DESCRIPTOR_CHARACTER_DEVICE: return FILETYPE_CHARACTER_DEVICE;
    case DESCRIPTOR_DIRECTORY: return FILETYPE_DIRECTORY;
    case DESCRIPTOR_SYMBOLIC_LINK: return FILETYPE_SYMBOLIC_LINK;
    case DESCRIPTOR_REGULAR_FILE: return FILETYPE_REGULAR_FILE;
    case DESCRIPTOR_SOCKET: return FILETYPE_SOCKET_STREAM;
    default: return FILETYPE_UNKNOWN; // unknown, fifo (preview1 has no fifo type)
    }
}

static u64 timestamp_ns(const wasi_option_datetime *t)
{
    return t->is_some ? t->value.seconds * 1000000000ull + t->value.nanoseconds : 0;
}

void filestat_from_stat(p1_filestat *out, const wasi_descriptor_stat *st)
{
    mem_set(out, 0, sizeof *out);
    out->filetype = filetype_from_descriptor_type(st->type);
    out->nlink = st->link_count;
    out->size = st->size;
    out->atim = timestamp_ns(&st->atime);
    out->mtim = timestamp_ns(&st->mtime);
    out->ctim = timestamp_ns(&st->ctime);
}

// A file or directory descriptor, or the errno to return: EBADF for a closed fd or a standard stream.
static struct fd_entry *fs_entry(struct state *s, u32 fd, u16 *err)
{
    struct fd_entry *e = fd_get(s, fd);
    if (!e) {
        *err = ERRNO_BADF;
        return NULL;
    }
    if (e->kind != FD_FILE && e->kind != FD_DIRECTORY) {
        *err = ERRNO_BADF;
        return NULL;
    }
    return e;
}

static void close_readdir_of(struct state *s, u32 fd)
{
    if (s->readdir.fd == fd) {
        if (s->readdir.stream) fs_drop_directory_entry_stream(s->readdir.stream);
        s->readdir.stream = 0;
        s->readdir.fd = MAX_FDS;
        s->readdir.has_pending = 0;
    }
}

P1_EXPORT(fd_close) u32 fd_close(u32 fd)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    close_readdir_of(s, fd);
    fd_release(e);
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_renumber) u32 fd_renumber(u32 from, u32 to)
{
    struct state *s = state_get();
    struct fd_entry *src = fd_get(s, from);
    struct fd_entry *dst = fd_get(s, to);
    if (!src || !dst) return ERRNO_BADF;
    if (from == to) return ERRNO_SUCCESS;
    close_readdir_of(s, from);
    close_readdir_of(s, to);
    fd_release(dst);
    *dst = *src;
    mem_set(src, 0, sizeof *src);
    return ERRNO_SUCCESS;
}

// Whether a standard stream is a terminal: wasi:cli/terminal-* answers `some` only for one.
static int is_terminal(u8 kind)
{
    ret_option_handle t;
    if (kind == FD_STDIN) {
        cli_get_terminal_stdin(&t);
        if (t.is_some) cli_drop_terminal_input(t.value);
    } else {
        if (kind == FD_STDOUT) cli_get_terminal_stdout(&t);
        else cli_get_terminal_stderr(&t);
        if (t.is_some) cli_drop_terminal_output(t.value);
    }
    return t.is_some;
}

P1_EXPORT(fd_fdstat_get) u32 fd_fdstat_get(u32 fd, p1_fdstat *out)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    p1_fdstat st;
    mem_set(&st, 0, sizeof st);
    switch (e->kind) {
    case FD_STDIN:
    case FD_STDOUT:
    case FD_STDERR:
        // Not seekable: wasi-libc's isatty() wants a character device without seek/tell rights.
        st.filetype = is_terminal(e->kind) ? FILETYPE_CHARACTER_DEVICE : FILETYPE_UNKNOWN;
        st.rights_base = RIGHTS_POLL_FD_READWRITE | (e->kind == FD_STDIN ? RIGHTS_FD_READ : RIGHTS_FD_WRITE);
        break;
    case FD_FILE:
    case FD_DIRECTORY: {
        ret_fs_u8 flags;
        fs_get_flags(e->descriptor, &flags);
        if (flags.is_err) return errno_from_error_code(flags.value);
        st.filetype = e->filetype;
        if (e->append) st.flags |= FDFLAGS_APPEND;
        if (flags.value & DESCRIPTOR_FLAGS_DATA_INTEGRITY_SYNC) st.flags |= FDFLAGS_DSYNC;
        if (flags.value & DESCRIPTOR_FLAGS_REQUESTED_WRITE_SYNC) st.flags |= FDFLAGS_RSYNC;
        if (flags.value & DESCRIPTOR_FLAGS_FILE_INTEGRITY_SYNC) st.flags |= FDFLAGS_SYNC;
        if (e->kind == FD_DIRECTORY) {
            st.rights_base = RIGHTS_DIRECTORY;
            st.rights_inheriting = RIGHTS_DIRECTORY | RIGHTS_FILE;
        } else {
            st.rights_base = RIGHTS_FILE;
            if (!(flags.value & DESCRIPTOR_FLAGS_READ)) st.rights_base &= ~RIGHTS_FD_READ;
            if (!(flags.value & DESCRIPTOR_FLAGS_WRITE))
                st.rights_base &= ~(RIGHTS_FD_WRITE | RIGHTS_FD_ALLOCATE | RIGHTS_FD_FILESTAT_SET_SIZE);
        }
        break;
    }
    default: return ERRNO_BADF;
    }
    *out = st;
    return ERRNO_SUCCESS;
}

// Only APPEND can change: WASI 0.2 descriptors have no non-blocking mode and their sync flags are fixed at open.
P1_EXPORT(fd_fdstat_set_flags) u32 fd_fdstat_set_flags(u32 fd, u32 flags)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (flags & ~FDFLAGS_APPEND) return ERRNO_INVAL;
    if (e->kind != FD_FILE) return (flags & FDFLAGS_APPEND) ? ERRNO_INVAL : ERRNO_SUCCESS;
    e->append = (flags & FDFLAGS_APPEND) != 0;
    return ERRNO_SUCCESS;
}

// WASI 0.2 has no rights to drop.
P1_EXPORT(fd_fdstat_set_rights) u32 fd_fdstat_set_rights(u32 fd, u64 base, u64 inheriting)
{
    (void)base;
    (void)inheriting;
    return fd_get(state_get(), fd) ? ERRNO_NOTSUP : ERRNO_BADF;
}

P1_EXPORT(fd_filestat_get) u32 fd_filestat_get(u32 fd, p1_filestat *out)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind != FD_FILE && e->kind != FD_DIRECTORY) {
        p1_filestat st;
        mem_set(&st, 0, sizeof st);
        st.filetype = is_terminal(e->kind) ? FILETYPE_CHARACTER_DEVICE : FILETYPE_UNKNOWN;
        *out = st;
        return ERRNO_SUCCESS;
    }
    ret_fs_stat r;
    fs_stat(e->descriptor, &r);
    if (r.is_err) return errno_from_error_code(r.u.err);
    ret_fs_hash h;
    fs_metadata_hash(e->descriptor, &h);
    p1_filestat st;
    filestat_from_stat(&st, &r.u.ok);
    if (!h.is_err) st.ino = h.u.ok.lower;
    *out = st;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_filestat_set_size) u32 fd_filestat_set_size(u32 fd, u64 size)
{
    u16 err;
    struct fd_entry *e = fs_entry(state_get(), fd, &err);
    if (!e) return err;
    ret_fs_u8 r;
    fs_set_size(e->descriptor, size, &r);
    return r.is_err ? errno_from_error_code(r.value) : ERRNO_SUCCESS;
}

// Preview1 times (nanoseconds plus FSTFLAGS) as the two new-timestamp variants of WASI 0.2.
u32 new_timestamps(u64 atim, u64 mtim, u32 fst_flags, u32 *tags, u64 *secs, u32 *nsecs)
{
    if ((fst_flags & FSTFLAGS_ATIM) && (fst_flags & FSTFLAGS_ATIM_NOW)) return ERRNO_INVAL;
    if ((fst_flags & FSTFLAGS_MTIM) && (fst_flags & FSTFLAGS_MTIM_NOW)) return ERRNO_INVAL;
    if (fst_flags & ~(u32)(FSTFLAGS_ATIM | FSTFLAGS_ATIM_NOW | FSTFLAGS_MTIM | FSTFLAGS_MTIM_NOW)) return ERRNO_INVAL;
    u64 times[2] = {atim, mtim};
    u32 set[2] = {FSTFLAGS_ATIM, FSTFLAGS_MTIM};
    u32 now[2] = {FSTFLAGS_ATIM_NOW, FSTFLAGS_MTIM_NOW};
    for (int i = 0; i < 2; i++) {
        secs[i] = 0;
        nsecs[i] = 0;
        if (fst_flags & now[i]) {
            tags[i] = NEW_TIMESTAMP_NOW;
        } else if (fst_flags & set[i]) {
            tags[i] = NEW_TIMESTAMP_TIMESTAMP;
            secs[i] = times[i] / 1000000000ull;
            nsecs[i] = (u32)(times[i] % 1000000000ull);
        } else {
            tags[i] = NEW_TIMESTAMP_NO_CHANGE;
        }
    }
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_filestat_set_times) u32 fd_filestat_set_times(u32 fd, u64 atim, u64 mtim, u32 fst_flags)
{
    u16 err;
    struct fd_entry *e = fs_entry(state_get(), fd, &err);
    if (!e) return err;
    u32 tags[2], nsecs[2];
    u64 secs[2];
    u32 bad = new_timestamps(atim, mtim, fst_flags, tags, secs, nsecs);
    if (bad) return bad;
    ret_fs_u8 r;
    fs_set_times(e->descriptor, tags[0], secs[0], nsecs[0], tags[1], secs[1], nsecs[1], &r);
    return r.is_err ? errno_from_error_code(r.value) : ERRNO_SUCCESS;
}

P1_EXPORT(fd_advise) u32 fd_advise(u32 fd, u64 offset, u64 len, u32 advice)
{
    u16 err;
    struct fd_entry *e = fs_entry(state_get(), fd, &err);
    if (!e) return err;
    if (advice > 5) return ERRNO_INVAL; // preview1 and WASI 0.2 number the six advices alike
    ret_fs_u8 r;
    fs_advise(e->descriptor, offset, len, advice, &r);
    return r.is_err ? errno_from_error_code(r.value) : ERRNO_SUCCESS;
}

// WASI 0.2 cannot preallocate.
P1_EXPORT(fd_allocate) u32 fd_allocate_p1(u32 fd, u64 offset, u64 len)
{
    (void)offset;
    (void)len;
    u16 err;
    return fs_entry(state_get(), fd, &err) ? ERRNO_NOTSUP : err;
}

P1_EXPORT(fd_datasync) u32 fd_datasync(u32 fd)
{
    u16 err;
    struct fd_entry *e = fs_entry(state_get(), fd, &err);
    if (!e) return err == ERRNO_BADF && fd_get(state_get(), fd) ? ERRNO_INVAL : err;
    ret_fs_u8 r;
    fs_sync_data(e->descriptor, &r);
    return r.is_err ? errno_from_error_code(r.value) : ERRNO_SUCCESS;
}

P1_EXPORT(fd_sync) u32 fd_sync(u32 fd)
{
    u16 err;
    struct fd_entry *e = fs_entry(state_get(), fd, &err);
    if (!e) return err == ERRNO_BADF && fd_get(state_get(), fd) ? ERRNO_INVAL : err;
    ret_fs_u8 r;
    fs_sync(e->descriptor, &r);
    return r.is_err ? errno_from_error_code(r.value) : ERRNO_SUCCESS;
}

P1_EXPORT(fd_prestat_get) u32 fd_prestat_get(u32 fd, p1_prestat *out)
{
    struct fd_entry *e = fd_get(state_get(), fd);
    if (!e || !e->is_preopen) return ERRNO_BADF;
    p1_prestat p;
    mem_set(&p, 0, sizeof p);
    p.tag = PREOPENTYPE_DIR;
    p.name_len = e->preopen_name_length;
    *out = p;
    return ERRNO_SUCCESS;
}

P1_EXPORT(fd_prestat_dir_name) u32 fd_prestat_dir_name(u32 fd, u8 *path, u32 path_len)
{
    struct state *s = state_get();
    struct fd_entry *e = fd_get(s, fd);
    if (!e || !e->is_preopen) return ERRNO_BADF;
    if (path_len < e->preopen_name_length) return ERRNO_NAMETOOLONG;
    mem_copy(path, s->preopen_names + e->preopen_name_offset, e->preopen_name_length);
    return ERRNO_SUCCESS;
}
