// sock_*: the adapter opens no sockets (preview1 has no way to create one, and it imports no wasi:sockets), so
// every descriptor is not a socket: ENOTSOCK, or EBADF for a closed one.
#include "adapter.h"

static u32 not_a_socket(u32 fd) { return fd_get(state_get(), fd) ? ERRNO_NOTSOCK : ERRNO_BADF; }

P1_EXPORT(sock_accept) u32 sock_accept(u32 fd, u32 flags, u32 *fd_out)
{
    (void)flags;
    (void)fd_out;
    return not_a_socket(fd);
}

P1_EXPORT(sock_recv)
u32 sock_recv(u32 fd, const p1_iovec *ri_data, u32 ri_data_len, u32 ri_flags, u32 *ro_datalen, u16 *ro_flags)
{
    (void)ri_data;
    (void)ri_data_len;
    (void)ri_flags;
    (void)ro_datalen;
    (void)ro_flags;
    return not_a_socket(fd);
}

P1_EXPORT(sock_send) u32 sock_send(u32 fd, const p1_iovec *si_data, u32 si_data_len, u32 si_flags, u32 *so_datalen)
{
    (void)si_data;
    (void)si_data_len;
    (void)si_flags;
    (void)so_datalen;
    return not_a_socket(fd);
}

P1_EXPORT(sock_shutdown) u32 sock_shutdown(u32 fd, u32 how)
{
    (void)how;
    return not_a_socket(fd);
}
