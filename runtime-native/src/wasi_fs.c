/* Paths, metadata and directories for WASI. Every path goes through openat2
 * with RESOLVE_BENEATH, so the kernel itself refuses absolute paths, ".."
 * above the starting directory and symlinks leading out of it (EXDEV, which
 * we report as ENOTCAPABLE); single-name operations run on a parent fd
 * obtained that way. */
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h> /* renameat */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wasi_internal.h"

/* WASI oflags and fdflags bits. */
#define WASI_O_CREAT 1u
#define WASI_O_DIRECTORY 2u
#define WASI_O_EXCL 4u
#define WASI_O_TRUNC 8u
#define WASI_FDFLAG_APPEND 1u
#define WASI_FDFLAG_DSYNC 2u
#define WASI_FDFLAG_NONBLOCK 4u
#define WASI_FDFLAG_RSYNC 8u
#define WASI_FDFLAG_SYNC 16u

/* RESOLVE_BENEATH can fail with EAGAIN when a rename races the walk; retry a while. */
#define OPEN_RETRIES 64

int32_t kilnrt_wasi_open(int32_t dirfd, const char *path, uint32_t oflags, uint32_t fdflags, uint32_t access,
                         int32_t follow)
{
    struct open_how how = {0};
    uint64_t flags = O_CLOEXEC;
    if (access & KILNRT_WASI_ACCESS_PATH) {
        /* O_PATH accepts only O_DIRECTORY, O_NOFOLLOW and O_CLOEXEC besides. */
        flags |= O_PATH;
    } else {
        flags |= O_NOCTTY;
        if ((access & KILNRT_WASI_ACCESS_READ) && (access & KILNRT_WASI_ACCESS_WRITE))
            flags |= O_RDWR;
        else if (access & KILNRT_WASI_ACCESS_WRITE)
            flags |= O_WRONLY;
        else
            flags |= O_RDONLY;
        if (oflags & WASI_O_CREAT)
            flags |= O_CREAT;
        if (oflags & WASI_O_EXCL)
            flags |= O_EXCL;
        if (oflags & WASI_O_TRUNC)
            flags |= O_TRUNC;
        if (fdflags & WASI_FDFLAG_APPEND)
            flags |= O_APPEND;
        if (fdflags & WASI_FDFLAG_DSYNC)
            flags |= O_DSYNC;
        if (fdflags & WASI_FDFLAG_NONBLOCK)
            flags |= O_NONBLOCK;
        if (fdflags & (WASI_FDFLAG_SYNC | WASI_FDFLAG_RSYNC))
            flags |= O_SYNC;
    }
    if (oflags & WASI_O_DIRECTORY)
        flags |= O_DIRECTORY;
    if (!follow)
        flags |= O_NOFOLLOW;
    how.flags = flags;
    how.mode = (flags & O_CREAT) ? 0666 : 0;
    how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
    long r;
    int tries = 0;
    do
        r = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    while (r < 0 && errno == EAGAIN && ++tries < OPEN_RETRIES);
    if (r < 0 && errno == EXDEV)
        return -WASI_ENOTCAPABLE;
    return kilnrt_wasi_result(r);
}

int32_t kilnrt_wasi_open_host_dir(const char *host_path)
{
    return kilnrt_wasi_result(open(host_path, O_RDONLY | O_DIRECTORY | O_CLOEXEC));
}

int32_t kilnrt_wasi_close(int32_t fd)
{
    /* Linux closes the fd even when close reports EINTR: never retry. */
    return close(fd) < 0 && errno != EINTR ? kilnrt_wasi_fail(errno) : 0;
}

static uint64_t nanoseconds(struct timespec t)
{
    return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/* WASI filetype of a mode; sockets need the fd to tell stream from datagram. */
static uint8_t filetype(mode_t mode, int fd)
{
    switch (mode & S_IFMT) {
    case S_IFBLK: return 1;
    case S_IFCHR: return 2;
    case S_IFDIR: return 3;
    case S_IFREG: return 4;
    case S_IFLNK: return 7;
    case S_IFSOCK: {
        int type = 0;
        socklen_t len = sizeof type;
        if (fd >= 0 && getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM)
            return 5;
        return 6;
    }
    default: return 0; /* FIFOs and anything else: unknown, as in wasmtime */
    }
}

static void fill(const struct stat *st, int fd, kilnrt_wasi_filestat *out)
{
    *out = (kilnrt_wasi_filestat){
        .dev = (uint64_t)st->st_dev,
        .ino = (uint64_t)st->st_ino,
        .filetype = filetype(st->st_mode, fd),
        .nlink = (uint64_t)st->st_nlink,
        .size = (uint64_t)st->st_size,
        .atim = nanoseconds(st->st_atim),
        .mtim = nanoseconds(st->st_mtim),
        .ctim = nanoseconds(st->st_ctim),
    };
}

int32_t kilnrt_wasi_fstat(int32_t fd, kilnrt_wasi_filestat *out)
{
    struct stat st;
    if (fstatat(fd, "", &st, AT_EMPTY_PATH) < 0)
        return kilnrt_wasi_fail(errno);
    fill(&st, fd, out);
    return 0;
}

int32_t kilnrt_wasi_lstat_at(int32_t dirfd, const char *name, kilnrt_wasi_filestat *out)
{
    struct stat st;
    if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
        return kilnrt_wasi_fail(errno);
    fill(&st, -1, out);
    return 0;
}

#define WASI_FST_ATIM 1u
#define WASI_FST_ATIM_NOW 2u
#define WASI_FST_MTIM 4u
#define WASI_FST_MTIM_NOW 8u

static int timespec_for(uint64_t time, uint32_t flags, uint32_t set, uint32_t now, struct timespec *out)
{
    if ((flags & set) && (flags & now))
        return -1;
    if (flags & now)
        *out = (struct timespec){.tv_sec = 0, .tv_nsec = UTIME_NOW};
    else if (flags & set)
        *out = (struct timespec){.tv_sec = (time_t)(time / 1000000000u), .tv_nsec = (long)(time % 1000000000u)};
    else
        *out = (struct timespec){.tv_sec = 0, .tv_nsec = UTIME_OMIT};
    return 0;
}

int32_t kilnrt_wasi_set_times(int32_t fd, uint64_t atim, uint64_t mtim, uint32_t fstflags)
{
    struct timespec ts[2];
    if (fstflags & ~0xfu)
        return -WASI_EINVAL;
    if (timespec_for(atim, fstflags, WASI_FST_ATIM, WASI_FST_ATIM_NOW, &ts[0]) < 0
        || timespec_for(mtim, fstflags, WASI_FST_MTIM, WASI_FST_MTIM_NOW, &ts[1]) < 0)
        return -WASI_EINVAL;
    /* AT_EMPTY_PATH (Linux 5.8+) works on O_PATH fds too, including symlinks
     * opened with O_NOFOLLOW, so no path is ever resolved again here. */
    return kilnrt_wasi_result(utimensat(fd, "", ts, AT_EMPTY_PATH));
}

int64_t kilnrt_wasi_getdents(int32_t fd, void *buffer, uint64_t size)
{
    return kilnrt_wasi_result64(syscall(SYS_getdents64, fd, buffer, (size_t)size));
}

int32_t kilnrt_wasi_mkdir_at(int32_t dirfd, const char *name)
{
    return kilnrt_wasi_result(mkdirat(dirfd, name, 0777));
}

int32_t kilnrt_wasi_unlink_at(int32_t dirfd, const char *name, int32_t remove_dir)
{
    return kilnrt_wasi_result(unlinkat(dirfd, name, remove_dir ? AT_REMOVEDIR : 0));
}

int32_t kilnrt_wasi_rename_at(int32_t old_dirfd, const char *old_name, int32_t new_dirfd, const char *new_name)
{
    return kilnrt_wasi_result(renameat(old_dirfd, old_name, new_dirfd, new_name));
}

int32_t kilnrt_wasi_link_at(int32_t old_dirfd, const char *old_name, int32_t new_dirfd, const char *new_name)
{
    /* flags 0: a final symlink is linked itself, never followed. */
    return kilnrt_wasi_result(linkat(old_dirfd, old_name, new_dirfd, new_name, 0));
}

int32_t kilnrt_wasi_symlink_at(const char *target, int32_t dirfd, const char *name)
{
    return kilnrt_wasi_result(symlinkat(target, dirfd, name));
}

int64_t kilnrt_wasi_readlink_at(int32_t dirfd, const char *name, char *buffer, uint64_t size)
{
    return kilnrt_wasi_result64(readlinkat(dirfd, name, buffer, (size_t)size));
}
