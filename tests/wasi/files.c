// Files in the preopened directory /sandbox (empty when the program starts).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(what, expr) printf("%-28s %s\n", what, (expr) ? "ok" : strerror(errno))

int main(void)
{
    FILE *f = fopen("/sandbox/hello.txt", "w");
    CHECK("fopen w", f != NULL);
    fprintf(f, "Hello, file!\nSecond line\n");
    CHECK("fclose", fclose(f) == 0);

    char line[64];
    f = fopen("/sandbox/hello.txt", "r");
    CHECK("fopen r", f != NULL);
    while (fgets(line, sizeof line, f))
        printf("read: %s", line);
    fclose(f);

    struct stat st;
    CHECK("stat", stat("/sandbox/hello.txt", &st) == 0);
    printf("size = %lld, regular = %d\n", (long long)st.st_size, S_ISREG(st.st_mode));

    f = fopen("/sandbox/hello.txt", "a");
    fputs("Appended\n", f);
    fclose(f);
    stat("/sandbox/hello.txt", &st);
    printf("size after append = %lld\n", (long long)st.st_size);

    int fd = open("/sandbox/hello.txt", O_RDWR);
    CHECK("open O_RDWR", fd >= 0);
    char buf[16] = {0};
    CHECK("pread", pread(fd, buf, 5, 7) == 5);
    printf("pread at 7: %s\n", buf);
    CHECK("pwrite", pwrite(fd, "HELLO", 5, 0) == 5);
    CHECK("ftruncate", ftruncate(fd, 12) == 0);
    CHECK("fstat", fstat(fd, &st) == 0);
    printf("size after truncate = %lld\n", (long long)st.st_size);
    memset(buf, 0, sizeof buf);
    lseek(fd, 0, SEEK_SET);
    CHECK("read", read(fd, buf, sizeof buf - 1) == 12);
    printf("contents: %s\n", buf);
    close(fd);

    fd = open("/sandbox/hello.txt", O_RDONLY);
    errno = 0;
    printf("write to O_RDONLY fd: %s\n", write(fd, "x", 1) < 0 ? "refused" : "accepted");
    close(fd);

    errno = 0;
    printf("open missing: %s\n", open("/sandbox/missing", O_RDONLY) < 0 && errno == ENOENT ? "ENOENT" : "?");
    printf("O_EXCL existing: %s\n",
           open("/sandbox/hello.txt", O_WRONLY | O_CREAT | O_EXCL, 0644) < 0 && errno == EEXIST ? "EEXIST" : "?");
    CHECK("unlink", unlink("/sandbox/hello.txt") == 0);
    printf("stat after unlink: %s\n", stat("/sandbox/hello.txt", &st) < 0 && errno == ENOENT ? "ENOENT" : "?");
    return 0;
}
