/*
 * kilnrt_wasi: the system calls behind Kiln's WASI preview1 host functions.
 *
 * Every path is resolved with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS)
 * relative to a directory fd, so nothing a guest names can reach outside the
 * directory it started from. Operations on a final component (unlink, mkdir,
 * rename, ...) take a parent fd opened that way and a single name.
 *
 * Conventions (unlike kilnrt.h): a result >= 0 is success (a count, an fd, an
 * offset); a negative result is minus a WASI preview1 errno, already mapped
 * from the host's (the table lives in wasi_errno.c). Flags arguments are WASI
 * preview1 bit sets, so callers never see host O_* or AT_* values, which differ
 * between architectures.
 */
#ifndef KILNRT_WASI_H
#define KILNRT_WASI_H

#include "kilnrt.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Access modes for kilnrt_wasi_open (not WASI bits: how the host fd is opened). */
#define KILNRT_WASI_ACCESS_READ 1u
#define KILNRT_WASI_ACCESS_WRITE 2u
#define KILNRT_WASI_ACCESS_PATH 4u /* O_PATH: for stat, times, as a dirfd */

/* The WASI preview1 filestat, byte for byte (64 bytes), so it can be copied
 * into guest memory as is. */
typedef struct kilnrt_wasi_filestat {
    uint64_t dev;
    uint64_t ino;
    uint8_t filetype;
    uint8_t pad[7];
    uint64_t nlink;
    uint64_t size;
    uint64_t atim;
    uint64_t mtim;
    uint64_t ctim;
} kilnrt_wasi_filestat;

/* Scatter/gather element (same layout as struct iovec). */
typedef struct kilnrt_wasi_iovec {
    void *base;
    size_t len;
} kilnrt_wasi_iovec;

/* One fd to poll: events and revents use KILNRT_WASI_POLL_*. */
#define KILNRT_WASI_POLL_READ 1u
#define KILNRT_WASI_POLL_WRITE 2u
#define KILNRT_WASI_POLL_HANGUP 4u
#define KILNRT_WASI_POLL_ERROR 8u
typedef struct kilnrt_wasi_pollfd {
    int32_t fd;
    uint32_t events;
    uint32_t revents;
    uint32_t pad;
    uint64_t nbytes; /* readable bytes (FIONREAD) when revents has READ, else 0 */
} kilnrt_wasi_pollfd;

/* Opens `path` beneath `dirfd`. oflags/fdflags are WASI oflags and fdflags;
 * follow = 0 adds O_NOFOLLOW. An escape (absolute path, "..", or a symlink
 * leaving the directory) is -ENOTCAPABLE. Returns the new fd (O_CLOEXEC). */
KILNRT_API int32_t kilnrt_wasi_open(int32_t dirfd, const char *path, uint32_t oflags, uint32_t fdflags,
                                    uint32_t access, int32_t follow);

/* Opens a host directory for preopening (an ordinary open: the embedder's
 * path, not the guest's). */
KILNRT_API int32_t kilnrt_wasi_open_host_dir(const char *host_path);

KILNRT_API int32_t kilnrt_wasi_close(int32_t fd);

/* fstat of fd itself (works on O_PATH fds). */
KILNRT_API int32_t kilnrt_wasi_fstat(int32_t fd, kilnrt_wasi_filestat *out);

/* fstatat of a single name in dirfd, never following a final symlink. */
KILNRT_API int32_t kilnrt_wasi_lstat_at(int32_t dirfd, const char *name, kilnrt_wasi_filestat *out);

/* WASI fstflags: 1 ATIM, 2 ATIM_NOW, 4 MTIM, 8 MTIM_NOW. On fd itself (O_PATH too). */
KILNRT_API int32_t kilnrt_wasi_set_times(int32_t fd, uint64_t atim, uint64_t mtim, uint32_t fstflags);

KILNRT_API int64_t kilnrt_wasi_readv(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count);
KILNRT_API int64_t kilnrt_wasi_writev(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count);
KILNRT_API int64_t kilnrt_wasi_preadv(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count, uint64_t offset);
KILNRT_API int64_t kilnrt_wasi_pwritev(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count, uint64_t offset);

/* whence: WASI (0 set, 1 cur, 2 end). */
KILNRT_API int64_t kilnrt_wasi_seek(int32_t fd, int64_t offset, uint32_t whence);

KILNRT_API int32_t kilnrt_wasi_sync(int32_t fd, int32_t data_only);
KILNRT_API int32_t kilnrt_wasi_truncate(int32_t fd, uint64_t size);
KILNRT_API int32_t kilnrt_wasi_allocate(int32_t fd, uint64_t offset, uint64_t len);
/* advice: WASI (0 normal, 1 sequential, 2 random, 3 willneed, 4 dontneed, 5 noreuse). */
KILNRT_API int32_t kilnrt_wasi_advise(int32_t fd, uint64_t offset, uint64_t len, uint32_t advice);

/* WASI fdflags of fd; setting changes APPEND and NONBLOCK (others: -ENOTSUP). */
KILNRT_API int32_t kilnrt_wasi_get_fdflags(int32_t fd);
KILNRT_API int32_t kilnrt_wasi_set_fdflags(int32_t fd, uint32_t fdflags);

/* Raw linux_dirent64 records of a directory fd opened for reading. */
KILNRT_API int64_t kilnrt_wasi_getdents(int32_t fd, void *buffer, uint64_t size);

/* Single-name operations in a parent directory fd. */
KILNRT_API int32_t kilnrt_wasi_mkdir_at(int32_t dirfd, const char *name);
KILNRT_API int32_t kilnrt_wasi_unlink_at(int32_t dirfd, const char *name, int32_t remove_dir);
KILNRT_API int32_t kilnrt_wasi_rename_at(int32_t old_dirfd, const char *old_name, int32_t new_dirfd,
                                         const char *new_name);
KILNRT_API int32_t kilnrt_wasi_link_at(int32_t old_dirfd, const char *old_name, int32_t new_dirfd,
                                       const char *new_name);
KILNRT_API int32_t kilnrt_wasi_symlink_at(const char *target, int32_t dirfd, const char *name);
/* Returns the length of the link's contents (which may exceed size: then it is truncated). */
KILNRT_API int64_t kilnrt_wasi_readlink_at(int32_t dirfd, const char *name, char *buffer, uint64_t size);

/* clock ids: WASI (0 realtime, 1 monotonic, 2 process cputime, 3 thread cputime). */
KILNRT_API int32_t kilnrt_wasi_clock_time(uint32_t id, uint64_t *nanoseconds);
KILNRT_API int32_t kilnrt_wasi_clock_res(uint32_t id, uint64_t *nanoseconds);

/* poll(2) over fds with a timeout in nanoseconds (negative: forever). Returns
 * the number of fds with revents. */
KILNRT_API int32_t kilnrt_wasi_poll(kilnrt_wasi_pollfd *fds, int32_t count, int64_t timeout_ns);

/* Sockets. Flags are WASI: fdflags for accept (NONBLOCK), riflags (1 PEEK,
 * 2 WAITALL) for recv, sdflags (1 RD, 2 WR) for shutdown. recv stores the WASI
 * roflags (1 DATA_TRUNCATED) in *roflags. */
KILNRT_API int32_t kilnrt_wasi_is_socket(int32_t fd); /* 1 stream, 2 datagram, 0 not a socket */
KILNRT_API int32_t kilnrt_wasi_accept(int32_t fd, uint32_t fdflags);
KILNRT_API int64_t kilnrt_wasi_recv(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count, uint32_t riflags,
                                    uint32_t *roflags);
KILNRT_API int64_t kilnrt_wasi_send(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count);
KILNRT_API int32_t kilnrt_wasi_shutdown(int32_t fd, uint32_t how);

/* The WASI errno for a host errno (ENOTCAPABLE-free: EXDEV stays XDEV here). */
KILNRT_API uint16_t kilnrt_wasi_errno(int32_t host_errno);

#ifdef __cplusplus
}
#endif

#endif
