// path_* functions: each resolves its path relative to a directory descriptor with wasi:filesystem's *-at
// methods; the host sandboxes the resolution (no `..` or symlink out of the preopen).
#include "adapter.h"

// Strings passed to WASI 0.2 must be UTF-8 (lifting anything else traps), so a bad path is EILSEQ here.
static int utf8_valid(const u8 *p, u32 len)
{
    u32 i = 0;
    while (i < len) {
        u8 c = p[i];
        u32 extra;
        u32 min;
        u32 cp;
        if (c < 0x80) { i++; continue; }
        if ((c & 0xe0) == 0xc0) { extra = 1; min = 0x80; cp = c & 0x1f; }
        else if ((c & 0xf0) == 0xe0) { extra = 2; min = 0x800; cp = c & 0x0f; }
        else if ((c & 0xf8) == 0xf0) { extra = 3; min = 0x10000; cp = c & 0x07; }
        else return 0;
        if (len - i <= extra) return 0;
        for (u32 k = 1; k <= extra; k++) {
            u8 b = p[i + k];
            if ((b & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (b & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
        i += extra + 1;
    }
    return 1;
}

// The directory descriptor `fd` names, with a valid path; else the errno.
static u16 dir_and_path(struct state *s, u32 fd, const u8 *path, u32 len, handle *out)
{
    struct fd_entry *e = fd_get(s, fd);
    if (!e) return ERRNO_BADF;
    if (e->kind == FD_FILE) return ERRNO_NOTDIR;
    if (e->kind != FD_DIRECTORY) return ERRNO_BADF;
    if (!utf8_valid(path, len)) return ERRNO_ILSEQ;
    *out = e->descriptor;
    return ERRNO_SUCCESS;
}

static u32 result(const ret_fs_u8 *r) { return r->is_err ? errno_from_error_code(r->value) : ERRNO_SUCCESS; }

static u32 path_flags(u32 lookupflags) { return (lookupflags & LOOKUPFLAGS_SYMLINK_FOLLOW) ? PATH_FLAGS_SYMLINK_FOLLOW : 0; }

P1_EXPORT(path_create_directory) u32 path_create_directory(u32 fd, const u8 *path, u32 len)
{
    handle dir;
    u16 err = dir_and_path(state_get(), fd, path, len, &dir);
    if (err) return err;
    ret_fs_u8 r;
    fs_create_directory_at(dir, path, len, &r);
    return result(&r);
}

P1_EXPORT(path_remove_directory) u32 path_remove_directory(u32 fd, const u8 *path, u32 len)
{
    handle dir;
    u16 err = dir_and_path(state_get(), fd, path, len, &dir);
    if (err) return err;
    ret_fs_u8 r;
    fs_remove_directory_at(dir, path, len, &r);
    return result(&r);
}

P1_EXPORT(path_unlink_file) u32 path_unlink_file(u32 fd, const u8 *path, u32 len)
{
    handle dir;
    u16 err = dir_and_path(state_get(), fd, path, len, &dir);
    if (err) return err;
    ret_fs_u8 r;
    fs_unlink_file_at(dir, path, len, &r);
    return result(&r);
}

P1_EXPORT(path_rename)
u32 path_rename(u32 fd, const u8 *old_path, u32 old_len, u32 new_fd, const u8 *new_path, u32 new_len)
{
    struct state *s = state_get();
    handle old_dir, new_dir;
    u16 err = dir_and_path(s, fd, old_path, old_len, &old_dir);
    if (!err) err = dir_and_path(s, new_fd, new_path, new_len, &new_dir);
    if (err) return err;
    ret_fs_u8 r;
    fs_rename_at(old_dir, old_path, old_len, new_dir, new_path, new_len, &r);
    return result(&r);
}

P1_EXPORT(path_link)
u32 path_link(u32 old_fd, u32 old_flags, const u8 *old_path, u32 old_len, u32 new_fd, const u8 *new_path,
              u32 new_len)
{
    struct state *s = state_get();
    handle old_dir, new_dir;
    u16 err = dir_and_path(s, old_fd, old_path, old_len, &old_dir);
    if (!err) err = dir_and_path(s, new_fd, new_path, new_len, &new_dir);
    if (err) return err;
    ret_fs_u8 r;
    fs_link_at(old_dir, path_flags(old_flags), old_path, old_len, new_dir, new_path, new_len, &r);
    return result(&r);
}

P1_EXPORT(path_symlink) u32 path_symlink(const u8 *old_path, u32 old_len, u32 fd, const u8 *new_path, u32 new_len)
{
    handle dir;
    u16 err = dir_and_path(state_get(), fd, new_path, new_len, &dir);
    if (err) return err;
    if (!utf8_valid(old_path, old_len)) return ERRNO_ILSEQ;
    ret_fs_u8 r;
    fs_symlink_at(dir, old_path, old_len, new_path, new_len, &r);
    return result(&r);
}

P1_EXPORT(path_readlink)
u32 path_readlink(u32 fd, const u8 *path, u32 len, u8 *buf, u32 buf_len, u32 *bufused)
{
    struct state *s = state_get();
    handle dir;
    u16 err = dir_and_path(s, fd, path, len, &dir);
    if (err) return err;
    import_alloc_scratch(s);
    ret_fs_string r;
    fs_readlink_at(dir, path, len, &r);
    if (r.is_err) return errno_from_error_code(r.u.err);
    // Preview1 truncates a target longer than the buffer.
    u32 n = r.u.ok.len < buf_len ? r.u.ok.len : buf_len;
    mem_copy(buf, (const void *)r.u.ok.ptr, n);
    *bufused = n;
    return ERRNO_SUCCESS;
}

P1_EXPORT(path_filestat_get) u32 path_filestat_get(u32 fd, u32 flags, const u8 *path, u32 len, p1_filestat *out)
{
    handle dir;
    u16 err = dir_and_path(state_get(), fd, path, len, &dir);
    if (err) return err;
    ret_fs_stat r;
    fs_stat_at(dir, path_flags(flags), path, len, &r);
    if (r.is_err) return errno_from_error_code(r.u.err);
    p1_filestat st;
    filestat_from_stat(&st, &r.u.ok);
    ret_fs_hash h;
    fs_metadata_hash_at(dir, path_flags(flags), path, len, &h);
    if (!h.is_err) st.ino = h.u.ok.lower;
    *out = st;
    return ERRNO_SUCCESS;
}

P1_EXPORT(path_filestat_set_times)
u32 path_filestat_set_times(u32 fd, u32 flags, const u8 *path, u32 len, u64 atim, u64 mtim, u32 fst_flags)
{
    handle dir;
    u16 err = dir_and_path(state_get(), fd, path, len, &dir);
    if (err) return err;
    u32 tags[2], nsecs[2];
    u64 secs[2];
    u32 bad = new_timestamps(atim, mtim, fst_flags, tags, secs, nsecs);
    if (bad) return bad;
    ret_fs_u8 r;
    fs_set_times_at(dir, path_flags(flags), path, len, tags[0], secs[0], nsecs[0], tags[1], secs[1], nsecs[1], &r);
    return result(&r);
}

// Rights that ask for write access to a file, or for changes inside a directory.
#define RIGHTS_WANT_WRITE (RIGHTS_FD_WRITE | RIGHTS_FD_DATASYNC | RIGHTS_FD_ALLOCATE | RIGHTS_FD_FILESTAT_SET_SIZE)
#define RIGHTS_WANT_MUTATE                                                                                       \
    (RIGHTS_PATH_CREATE_DIRECTORY | RIGHTS_PATH_CREATE_FILE | RIGHTS_PATH_LINK_TARGET | RIGHTS_PATH_RENAME_TARGET | \
     RIGHTS_PATH_RENAME_SOURCE | RIGHTS_PATH_SYMLINK | RIGHTS_PATH_REMOVE_DIRECTORY | RIGHTS_PATH_UNLINK_FILE)

P1_EXPORT(path_open)
u32 path_open(u32 fd, u32 dirflags, const u8 *path, u32 len, u32 oflags, u64 rights_base, u64 rights_inheriting,
              u32 fdflags, u32 *fd_out)
{
    (void)rights_inheriting;
    struct state *s = state_get();
    handle dir;
    u16 err = dir_and_path(s, fd, path, len, &dir);
    if (err) return err;
    if (oflags & ~(u32)(OFLAGS_CREAT | OFLAGS_DIRECTORY | OFLAGS_EXCL | OFLAGS_TRUNC)) return ERRNO_INVAL;
    // Preview1 and WASI 0.2 number create/directory/exclusive/truncate alike.
    u32 open_flags = oflags;
    u32 flags = 0;
    if (rights_base & (RIGHTS_FD_READ | RIGHTS_FD_READDIR)) flags |= DESCRIPTOR_FLAGS_READ;
    if ((rights_base & RIGHTS_WANT_WRITE) || (fdflags & FDFLAGS_APPEND)) flags |= DESCRIPTOR_FLAGS_WRITE;
    if (rights_base & RIGHTS_WANT_MUTATE) flags |= DESCRIPTOR_FLAGS_MUTATE_DIRECTORY;
    if (fdflags & FDFLAGS_SYNC) flags |= DESCRIPTOR_FLAGS_FILE_INTEGRITY_SYNC;
    if (fdflags & FDFLAGS_DSYNC) flags |= DESCRIPTOR_FLAGS_DATA_INTEGRITY_SYNC;
    if (fdflags & FDFLAGS_RSYNC) flags |= DESCRIPTOR_FLAGS_REQUESTED_WRITE_SYNC;
    u32 new_fd;
    struct fd_entry *e = fd_allocate(s, &new_fd);
    if (!e) return ERRNO_MFILE;
    ret_fs_handle r;
    fs_open_at(dir, path_flags(dirflags), path, len, open_flags, flags, &r);
    if (r.is_err) return errno_from_error_code(r.u.err);
    ret_fs_u8 type;
    fs_get_type(r.u.ok, &type);
    if (type.is_err) {
        fs_drop_descriptor(r.u.ok);
        return errno_from_error_code(type.value);
    }
    e->kind = type.value == DESCRIPTOR_DIRECTORY ? FD_DIRECTORY : FD_FILE;
    e->descriptor = r.u.ok;
    e->filetype = filetype_from_descriptor_type(type.value);
    e->append = (fdflags & FDFLAGS_APPEND) != 0;
    *fd_out = new_fd;
    return ERRNO_SUCCESS;
}
