/* Reading, writing, seeking, clocks, polling and sockets for WASI. */
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "wasi_internal.h"

_Static_assert(sizeof(kilnrt_wasi_iovec) == sizeof(struct iovec), "iovec layout");
_Static_assert(sizeof(kilnrt_wasi_filestat) == 64, "WASI filestat layout");

#define IOV(p) ((const struct iovec *)(p))

int64_t kilnrt_wasi_readv(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count)
{
    return kilnrt_wasi_result64(readv(fd, IOV(iov), count));
}

int64_t kilnrt_wasi_writev(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count)
{
    return kilnrt_wasi_result64(writev(fd, IOV(iov), count));
}

int64_t kilnrt_wasi_preadv(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count, uint64_t offset)
{
    if (offset > INT64_MAX)
        return -WASI_EINVAL;
    return kilnrt_wasi_result64(preadv(fd, IOV(iov), count, (off_t)offset));
}

int64_t kilnrt_wasi_pwritev(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count, uint64_t offset)
{
    if (offset > INT64_MAX)
        return -WASI_EINVAL;
    return kilnrt_wasi_result64(pwritev(fd, IOV(iov), count, (off_t)offset));
}

int64_t kilnrt_wasi_seek(int32_t fd, int64_t offset, uint32_t whence)
{
    static const int whences[] = {SEEK_SET, SEEK_CUR, SEEK_END};
    if (whence > 2)
        return -WASI_EINVAL;
    return kilnrt_wasi_result64(lseek(fd, (off_t)offset, whences[whence]));
}

int32_t kilnrt_wasi_sync(int32_t fd, int32_t data_only)
{
    return kilnrt_wasi_result(data_only ? fdatasync(fd) : fsync(fd));
}

int32_t kilnrt_wasi_truncate(int32_t fd, uint64_t size)
{
    if (size > INT64_MAX)
        return -WASI_EINVAL;
    return kilnrt_wasi_result(ftruncate(fd, (off_t)size));
}

int32_t kilnrt_wasi_allocate(int32_t fd, uint64_t offset, uint64_t len)
{
    if (offset > INT64_MAX || len > INT64_MAX)
        return -WASI_EINVAL;
    int e = posix_fallocate(fd, (off_t)offset, (off_t)len); /* returns the error itself */
    return e == 0 ? 0 : kilnrt_wasi_fail(e);
}

int32_t kilnrt_wasi_advise(int32_t fd, uint64_t offset, uint64_t len, uint32_t advice)
{
    /* WASI's order differs from POSIX's (sequential and random swap). */
    static const int advices[] = {POSIX_FADV_NORMAL,   POSIX_FADV_SEQUENTIAL, POSIX_FADV_RANDOM,
                                  POSIX_FADV_WILLNEED, POSIX_FADV_DONTNEED,   POSIX_FADV_NOREUSE};
    if (advice >= sizeof advices / sizeof advices[0] || offset > INT64_MAX || len > INT64_MAX)
        return -WASI_EINVAL;
    int e = posix_fadvise(fd, (off_t)offset, (off_t)len, advices[advice]);
    return e == 0 ? 0 : kilnrt_wasi_fail(e);
}

#define WASI_FDFLAG_APPEND 1u
#define WASI_FDFLAG_DSYNC 2u
#define WASI_FDFLAG_NONBLOCK 4u
#define WASI_FDFLAG_RSYNC 8u
#define WASI_FDFLAG_SYNC 16u

int32_t kilnrt_wasi_get_fdflags(int32_t fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return kilnrt_wasi_fail(errno);
    int32_t flags = 0;
    if (fl & O_APPEND)
        flags |= WASI_FDFLAG_APPEND;
    if (fl & O_NONBLOCK)
        flags |= WASI_FDFLAG_NONBLOCK;
    /* O_SYNC includes the O_DSYNC bit; O_RSYNC equals O_SYNC on Linux. */
    if ((fl & O_SYNC) == O_SYNC)
        flags |= WASI_FDFLAG_SYNC;
    else if (fl & O_DSYNC)
        flags |= WASI_FDFLAG_DSYNC;
    return flags;
}

int32_t kilnrt_wasi_set_fdflags(int32_t fd, uint32_t fdflags)
{
    if (fdflags & ~(WASI_FDFLAG_APPEND | WASI_FDFLAG_NONBLOCK)) {
        /* Linux cannot change the sync flags of an open file. */
        return -WASI_ENOTSUP;
    }
    int fl = fcntl(fd, F_GETFL);
    if (fl < 0)
        return kilnrt_wasi_fail(errno);
    fl &= ~(O_APPEND | O_NONBLOCK);
    if (fdflags & WASI_FDFLAG_APPEND)
        fl |= O_APPEND;
    if (fdflags & WASI_FDFLAG_NONBLOCK)
        fl |= O_NONBLOCK;
    return kilnrt_wasi_result(fcntl(fd, F_SETFL, fl));
}

static const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID,
                                   CLOCK_THREAD_CPUTIME_ID};

int32_t kilnrt_wasi_clock_time(uint32_t id, uint64_t *nanoseconds)
{
    struct timespec t;
    if (id >= sizeof clocks / sizeof clocks[0])
        return -WASI_EINVAL;
    if (clock_gettime(clocks[id], &t) < 0)
        return kilnrt_wasi_fail(errno);
    *nanoseconds = (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
    return 0;
}

int32_t kilnrt_wasi_clock_res(uint32_t id, uint64_t *nanoseconds)
{
    struct timespec t;
    if (id >= sizeof clocks / sizeof clocks[0])
        return -WASI_EINVAL;
    if (clock_getres(clocks[id], &t) < 0)
        return kilnrt_wasi_fail(errno);
    *nanoseconds = (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
    return 0;
}

int32_t kilnrt_wasi_poll(kilnrt_wasi_pollfd *fds, int32_t count, int64_t timeout_ns)
{
    struct pollfd small[16];
    struct pollfd *p = small;
    if (count < 0)
        return -WASI_EINVAL;
    if (count > 16 && !(p = calloc((size_t)count, sizeof *p)))
        return kilnrt_wasi_fail(ENOMEM);
    for (int32_t i = 0; i < count; i++) {
        p[i].fd = fds[i].fd;
        p[i].events = (short)(((fds[i].events & KILNRT_WASI_POLL_READ) ? POLLIN : 0)
                              | ((fds[i].events & KILNRT_WASI_POLL_WRITE) ? POLLOUT : 0));
        p[i].revents = 0;
    }
    struct timespec ts, *tp = NULL;
    if (timeout_ns >= 0) {
        ts.tv_sec = (time_t)(timeout_ns / 1000000000);
        ts.tv_nsec = (long)(timeout_ns % 1000000000);
        tp = &ts;
    }
    int r = ppoll(p, (nfds_t)count, tp, NULL);
    int32_t result;
    if (r < 0) {
        result = kilnrt_wasi_fail(errno);
    } else {
        for (int32_t i = 0; i < count; i++) {
            uint32_t re = 0;
            if (p[i].revents & POLLIN)
                re |= KILNRT_WASI_POLL_READ;
            if (p[i].revents & POLLOUT)
                re |= KILNRT_WASI_POLL_WRITE;
            if (p[i].revents & POLLHUP)
                re |= KILNRT_WASI_POLL_HANGUP;
            if (p[i].revents & (POLLERR | POLLNVAL))
                re |= KILNRT_WASI_POLL_ERROR;
            fds[i].revents = re;
            int avail = 0;
            fds[i].nbytes = (re & KILNRT_WASI_POLL_READ) && ioctl(p[i].fd, FIONREAD, &avail) == 0 && avail > 0
                                ? (uint64_t)avail
                                : 0;
        }
        result = r;
    }
    if (p != small)
        free(p);
    return result;
}

int32_t kilnrt_wasi_is_socket(int32_t fd)
{
    struct stat st;
    int type = 0;
    socklen_t len = sizeof type;
    if (fstat(fd, &st) < 0)
        return kilnrt_wasi_fail(errno);
    if (!S_ISSOCK(st.st_mode))
        return 0;
    if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) == 0 && type == SOCK_DGRAM)
        return 2;
    return 1;
}

int32_t kilnrt_wasi_accept(int32_t fd, uint32_t fdflags)
{
    if (fdflags & ~WASI_FDFLAG_NONBLOCK)
        return -WASI_EINVAL;
    int flags = SOCK_CLOEXEC | ((fdflags & WASI_FDFLAG_NONBLOCK) ? SOCK_NONBLOCK : 0);
    return kilnrt_wasi_result(accept4(fd, NULL, NULL, flags));
}

int64_t kilnrt_wasi_recv(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count, uint32_t riflags,
                         uint32_t *roflags)
{
    if (riflags & ~3u)
        return -WASI_EINVAL;
    struct msghdr msg = {.msg_iov = (struct iovec *)IOV(iov), .msg_iovlen = (size_t)count};
    int flags = ((riflags & 1u) ? MSG_PEEK : 0) | ((riflags & 2u) ? MSG_WAITALL : 0);
    ssize_t r = recvmsg(fd, &msg, flags);
    if (r < 0)
        return kilnrt_wasi_fail(errno);
    *roflags = (msg.msg_flags & MSG_TRUNC) ? 1u : 0u;
    return r;
}

int64_t kilnrt_wasi_send(int32_t fd, const kilnrt_wasi_iovec *iov, int32_t count)
{
    struct msghdr msg = {.msg_iov = (struct iovec *)IOV(iov), .msg_iovlen = (size_t)count};
    /* MSG_NOSIGNAL: a closed peer is EPIPE for the guest, never SIGPIPE for the host. */
    return kilnrt_wasi_result64(sendmsg(fd, &msg, MSG_NOSIGNAL));
}

int32_t kilnrt_wasi_shutdown(int32_t fd, uint32_t how)
{
    static const int hows[] = {-1, SHUT_RD, SHUT_WR, SHUT_RDWR};
    if (how == 0 || how > 3)
        return -WASI_EINVAL;
    return kilnrt_wasi_result(shutdown(fd, hows[how]));
}
