// Every way out of the preopen /sandbox is refused. Numbers are WASI errnos
// (wasi-libc uses them as errno): 76 ENOTCAPABLE, 32 ELOOP, 44 ENOENT.
// The runner creates the symlinks listed in escape.links in the sandbox first
// (a guest cannot be relied on to create escaping links: uvwasi refuses to).
// not-checkable-with-node: node:wasi (uvwasi) is not a sandbox: it opens
// /sandbox/to_root/etc/passwd and renames /sandbox/f to /sandbox/up/f, i.e.
// outside. escape.expected is what a sound sandbox answers (ENOTCAPABLE for
// every escape, as wasmtime and Kiln's unit tests); node differs on 5 lines.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void try_open(const char *path, int flags)
{
    errno = 0;
    int fd = open(path, flags, 0644);
    if (fd >= 0) {
        printf("open %-40s opened\n", path);
        close(fd);
    } else {
        printf("open %-40s errno %d\n", path, errno);
    }
}

static void report(const char *what, int result)
{
    printf("%-45s %s %d\n", what, result == 0 ? "ok" : "errno", result == 0 ? 0 : errno);
}

int main(void)
{
    mkdir("/sandbox/a", 0755);
    FILE *f = fopen("/sandbox/f", "w");
    fputs("inside\n", f);
    fclose(f);
    errno = 0;
    report("symlink f -> /sandbox/ok", symlink("f", "/sandbox/ok"));

    try_open("/sandbox/../etc/passwd", O_RDONLY);
    try_open("/sandbox/a/../../etc/passwd", O_RDONLY);
    try_open("/etc/passwd", O_RDONLY);
    try_open("/sandbox/to_root/etc/passwd", O_RDONLY);
    try_open("/sandbox/to_root", O_RDONLY);
    try_open("/sandbox/up/x", O_RDONLY);
    try_open("/sandbox/abs", O_RDONLY);
    try_open("/sandbox/c1", O_RDONLY);
    try_open("/sandbox/la", O_RDONLY);
    try_open("/sandbox/dangling", O_WRONLY | O_CREAT);
    try_open("/sandbox/../created", O_WRONLY | O_CREAT);
    try_open("/sandbox/ok", O_RDONLY); /* stays inside: allowed */

    struct stat st;
    errno = 0;
    report("stat /sandbox/to_root/etc", stat("/sandbox/to_root/etc", &st));
    errno = 0;
    report("lstat /sandbox/to_root", lstat("/sandbox/to_root", &st));
    errno = 0;
    report("mkdir /sandbox/../newdir", mkdir("/sandbox/../newdir", 0755));
    errno = 0;
    report("rename /sandbox/f -> /sandbox/../f", rename("/sandbox/f", "/sandbox/../f"));
    errno = 0;
    report("rename /sandbox/f -> /sandbox/up/f", rename("/sandbox/f", "/sandbox/up/f"));
    errno = 0;
    report("link /sandbox/f -> /sandbox/../f2", link("/sandbox/f", "/sandbox/../f2"));
    errno = 0;
    report("unlink /sandbox/up/x", unlink("/sandbox/up/x"));
    errno = 0;
    report("symlink x -> /sandbox/../evil", symlink("x", "/sandbox/../evil"));
    errno = 0;
    report("rmdir /sandbox/..", rmdir("/sandbox/.."));
    char target[64] = {0};
    errno = 0;
    ssize_t n = readlink("/sandbox/abs", target, sizeof target - 1);
    printf("readlink /sandbox/abs                         %s\n", n > 0 ? target : "failed");
    errno = 0;
    DIR *d = opendir("/sandbox/up");
    printf("opendir /sandbox/up                           %s %d\n", d ? "OPENED (escape!)" : "errno", d ? 0 : errno);
    if (d)
        closedir(d);
    return 0;
}
