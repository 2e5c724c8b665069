// The preview1 functions tests/wasi's programs do not reach, called directly (wasi/api.h) so that each result is
// the adapter's, not wasi-libc's. Run as tests/wasi/README.md says (/sandbox preopened, empty). Numbers are errnos.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

// Gone from wasi-libc's api.h, still in the preview1 ABI. Wasmtime's own preview1 traps on it, so it is only
// called when KILN_CALLS_RAISE is set.
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int32_t raw_proc_raise(int32_t signal);

static int sandbox_fd(void)
{
    for (int fd = 3; fd < 16; fd++) {
        __wasi_prestat_t p;
        char name[64];
        if (__wasi_fd_prestat_get(fd, &p) != 0 || p.u.dir.pr_name_len >= sizeof name) continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)name, p.u.dir.pr_name_len) != 0) continue;
        name[p.u.dir.pr_name_len] = 0;
        if (strcmp(name, "/sandbox") == 0) return fd;
    }
    return -1;
}

static __wasi_fd_t open_file(int dir, const char *path, __wasi_oflags_t oflags, __wasi_rights_t rights)
{
    __wasi_fd_t fd = (__wasi_fd_t)-1;
    __wasi_errno_t e = __wasi_path_open(dir, 0, path, oflags, rights, rights, 0, &fd);
    return e ? (__wasi_fd_t)-1 : fd;
}

#define RW (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL)

int main(void)
{
    int dir = sandbox_fd();
    printf("preopen /sandbox found: %s\n", dir >= 0 ? "yes" : "no");

    uint8_t a[32], b[32];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    printf("random_get: %d %d\n", __wasi_random_get(a, sizeof a), __wasi_random_get(b, sizeof b));
    printf("two random draws differ: %s\n", memcmp(a, b, sizeof a) ? "yes" : "no");
    printf("sched_yield: %d\n", __wasi_sched_yield());
    if (getenv("KILN_CALLS_RAISE")) printf("proc_raise: %d\n", raw_proc_raise(15 /* SIGTERM */));

    __wasi_timestamp_t res = 0;
    printf("clock_res_get monotonic: %d, positive: %s\n", __wasi_clock_res_get(__WASI_CLOCKID_MONOTONIC, &res),
           res > 0 ? "yes" : "no");
    printf("clock_res_get realtime: %d\n", __wasi_clock_res_get(__WASI_CLOCKID_REALTIME, &res));

    __wasi_fd_t f = open_file(dir, "calls.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, RW);
    printf("open calls.txt: %s\n", f != (__wasi_fd_t)-1 ? "ok" : "failed");
    __wasi_ciovec_t out = {(const uint8_t *)"0123456789", 10};
    __wasi_size_t n = 0;
    printf("fd_pwrite at 5: %d, %u bytes\n", __wasi_fd_pwrite(f, &out, 1, 5, &n), (unsigned)n);
    __wasi_filestat_t st;
    printf("fd_filestat_get: %d, size %llu, regular %d\n", __wasi_fd_filestat_get(f, &st),
           (unsigned long long)st.size, st.filetype == __WASI_FILETYPE_REGULAR_FILE);
    char buf[16];
    __wasi_iovec_t in = {(uint8_t *)buf, 4};
    printf("fd_pread at 7: %d, %u bytes: %.4s\n", __wasi_fd_pread(f, &in, 1, 7, &n), (unsigned)n, buf);
    __wasi_filesize_t pos = 99;
    printf("fd_tell after pwrite/pread: %d, %llu\n", __wasi_fd_tell(f, &pos), (unsigned long long)pos);
    printf("fd_advise: %d\n", __wasi_fd_advise(f, 0, 10, __WASI_ADVICE_SEQUENTIAL));
    printf("fd_datasync: %d\n", __wasi_fd_datasync(f));
    printf("fd_sync: %d\n", __wasi_fd_sync(f));
    printf("fd_filestat_set_size 3: %d\n", __wasi_fd_filestat_set_size(f, 3));
    (void)__wasi_fd_filestat_get(f, &st);
    printf("size now: %llu\n", (unsigned long long)st.size);
    printf("fd_filestat_set_times: %d\n",
           __wasi_fd_filestat_set_times(f, 0, 1000000000ull * 1600000000ull, __WASI_FSTFLAGS_MTIM));
    (void)__wasi_fd_filestat_get(f, &st);
    printf("mtime set: %s\n", st.mtim == 1000000000ull * 1600000000ull ? "yes" : "no");
    printf("fd_filestat_set_times both ATIM and ATIM_NOW: %d\n",
           __wasi_fd_filestat_set_times(f, 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    printf("path_filestat_set_times: %d\n",
           __wasi_path_filestat_set_times(dir, 0, "calls.txt", 1000000000ull * 1500000000ull, 0, __WASI_FSTFLAGS_ATIM));
    printf("path_filestat_get: %d\n", __wasi_path_filestat_get(dir, 0, "calls.txt", &st));
    printf("atime set: %s\n", st.atim == 1000000000ull * 1500000000ull ? "yes" : "no");

    __wasi_fdstat_t fs;
    printf("fd_fdstat_get: %d, regular %d, can write %d\n", __wasi_fd_fdstat_get(f, &fs),
           fs.fs_filetype == __WASI_FILETYPE_REGULAR_FILE, (fs.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0);
    printf("fd_fdstat_set_flags append: %d\n", __wasi_fd_fdstat_set_flags(f, __WASI_FDFLAGS_APPEND));
    (void)__wasi_fd_fdstat_get(f, &fs);
    printf("append now: %d\n", (fs.fs_flags & __WASI_FDFLAGS_APPEND) != 0);
    __wasi_ciovec_t more = {(const uint8_t *)"XY", 2};
    printf("fd_write appending: %d\n", __wasi_fd_write(f, &more, 1, &n));
    (void)__wasi_fd_filestat_get(f, &st);
    printf("size after append: %llu\n", (unsigned long long)st.size);

    __wasi_fd_t g = open_file(dir, "other.txt", __WASI_OFLAGS_CREAT, RW);
    printf("fd_renumber onto an open fd: %d\n", __wasi_fd_renumber(f, g));
    __wasi_iovec_t in2 = {(uint8_t *)buf, sizeof buf};
    __wasi_errno_t re = __wasi_fd_pread(g, &in2, 1, 0, &n);
    printf("read through the new number: %d, %u bytes:", re, (unsigned)n);
    for (__wasi_size_t i = 0; i < n && i < sizeof buf; i++) printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
    printf("old number closed: %d\n", __wasi_fd_close(f) == __WASI_ERRNO_BADF);
    printf("fd_renumber to a closed fd: %d\n", __wasi_fd_renumber(g, 100) == __WASI_ERRNO_BADF);

    // Many entries, read with a buffer that holds one dirent header and a few bytes: every call returns a
    // truncated entry, and the retry with the same cookie and a larger buffer must give it whole.
    (void)__wasi_path_create_directory(dir, "many");
    char name[64];
    for (int i = 0; i < 30; i++) {
        snprintf(name, sizeof name, "many/entry-with-a-long-name-%02d", i);
        __wasi_fd_t x = open_file(dir, name, __WASI_OFLAGS_CREAT, RW);
        (void)__wasi_fd_close(x);
    }
    __wasi_fd_t d = (__wasi_fd_t)-1;
    (void)__wasi_path_open(dir, 0, "many", __WASI_OFLAGS_DIRECTORY, __WASI_RIGHTS_FD_READDIR, 0, 0, &d);
    int count = 0, truncated = 0;
    __wasi_dircookie_t cookie = 0;
    for (;;) {
        uint8_t small[sizeof(__wasi_dirent_t) + 4];
        __wasi_size_t used = 0;
        if (__wasi_fd_readdir(d, small, sizeof small, cookie, &used) != 0 || used == 0) break;
        __wasi_dirent_t ent;
        memcpy(&ent, small, sizeof ent);
        uint8_t big[sizeof(__wasi_dirent_t) + 256];
        if (used == sizeof small && ent.d_namlen > 4) {
            truncated++;
            (void)__wasi_fd_readdir(d, big, sizeof(__wasi_dirent_t) + ent.d_namlen, cookie, &used);
            memcpy(&ent, big, sizeof ent);
        }
        count++;
        cookie = ent.d_next;
    }
    printf("fd_readdir entries (with . and ..): %d, retried after truncation: %s\n", count, truncated >= 30 ? "yes" : "no");
    printf("fd_readdir on a file: %d\n", __wasi_fd_readdir(g, (uint8_t *)buf, sizeof buf, 0, &n));

    __wasi_subscription_t subs[2];
    memset(subs, 0, sizeof subs);
    subs[0].userdata = 7;
    subs[0].u.tag = __WASI_EVENTTYPE_CLOCK;
    subs[0].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    subs[0].u.u.clock.timeout = 1000000;
    subs[1].userdata = 8;
    subs[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    subs[1].u.u.fd_write.file_descriptor = 1;
    __wasi_event_t events[2];
    __wasi_size_t nevents = 0;
    __wasi_errno_t pe = __wasi_poll_oneoff(subs, events, 2, &nevents);
    int saw_stdout = 0;
    for (__wasi_size_t i = 0; i < nevents; i++)
        if (events[i].userdata == 8 && events[i].type == __WASI_EVENTTYPE_FD_WRITE && events[i].error == 0) saw_stdout = 1;
    printf("poll_oneoff clock + stdout writable: %d, stdout ready: %s\n", pe, saw_stdout ? "yes" : "no");
    subs[0].u.u.clock.timeout = 5000000;
    pe = __wasi_poll_oneoff(subs, events, 1, &nevents);
    printf("poll_oneoff 5 ms timer: %d, %u event, userdata %llu\n", pe, (unsigned)nevents,
           (unsigned long long)events[0].userdata);
    printf("poll_oneoff with no subscriptions: %d\n", __wasi_poll_oneoff(subs, events, 0, &nevents) == __WASI_ERRNO_INVAL);

    __wasi_fd_t accepted;
    __wasi_size_t got;
    __wasi_roflags_t roflags;
    printf("sock_accept on stdout: %d\n", __wasi_sock_accept(1, 0, &accepted) == __WASI_ERRNO_NOTSOCK);
    printf("sock_recv on a closed fd: %d\n", __wasi_sock_recv(99, &in, 1, 0, &got, &roflags) == __WASI_ERRNO_BADF);
    printf("sock_shutdown on a file: %d\n", __wasi_sock_shutdown(g, __WASI_SDFLAGS_WR) == __WASI_ERRNO_NOTSOCK);
    printf("fd_seek on stdout: %d\n", __wasi_fd_seek(1, 0, __WASI_WHENCE_CUR, &pos) == __WASI_ERRNO_SPIPE);
    printf("path_open through a file: %d\n", __wasi_path_open(g, 0, "x", 0, 0, 0, 0, &d) == __WASI_ERRNO_NOTDIR);
    printf("path_open invalid UTF-8: %d\n", __wasi_path_open(dir, 0, "bad\xff", 0, 0, 0, 0, &d) == __WASI_ERRNO_ILSEQ);
    return 0;
}
