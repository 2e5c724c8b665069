// lseek in every direction, holes past the end, and its errors.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
    int fd = open("/sandbox/seek.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
    if (fd < 0)
        return 1;
    write(fd, "0123456789", 10);
    printf("SEEK_CUR 0 -> %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("SEEK_SET 3 -> %lld\n", (long long)lseek(fd, 3, SEEK_SET));
    char c;
    read(fd, &c, 1);
    printf("read at 3: %c\n", c);
    printf("SEEK_CUR 2 -> %lld\n", (long long)lseek(fd, 2, SEEK_CUR));
    read(fd, &c, 1);
    printf("read at 6: %c\n", c);
    printf("SEEK_END -1 -> %lld\n", (long long)lseek(fd, -1, SEEK_END));
    read(fd, &c, 1);
    printf("read at 9: %c\n", c);
    printf("SEEK_END +5 -> %lld\n", (long long)lseek(fd, 5, SEEK_END));
    write(fd, "X", 1);
    struct stat st;
    fstat(fd, &st);
    printf("size with hole = %lld\n", (long long)st.st_size);
    char buf[16];
    lseek(fd, 10, SEEK_SET);
    ssize_t n = read(fd, buf, sizeof buf);
    printf("hole reads %zd bytes, first is %d, last is %c\n", n, buf[0], buf[n - 1]);
    errno = 0;
    printf("negative seek: %lld (%s)\n", (long long)lseek(fd, -100, SEEK_SET), errno == EINVAL ? "EINVAL" : "?");
    printf("read at end: %zd\n", read(fd, buf, 1));
    FILE *f = fdopen(fd, "r+");
    fseek(f, 1, SEEK_SET);
    printf("ftell after fseek 1: %ld\n", ftell(f));
    printf("fgetc: %c\n", fgetc(f));
    rewind(f);
    printf("fgetc after rewind: %c\n", fgetc(f));
    fclose(f);
    errno = 0;
    printf("lseek on closed fd: %lld (%s)\n", (long long)lseek(fd, 0, SEEK_SET), errno == EBADF ? "EBADF" : "?");
    unlink("/sandbox/seek.bin");
    return 0;
}
