// Directories: create, list (sorted, without . and ..), rename, links, remove.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define CHECK(what, expr) printf("%-30s %s\n", what, (expr) ? "ok" : strerror(errno))

static int compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list(const char *path)
{
    DIR *d = opendir(path);
    if (!d) {
        printf("opendir %s: %s\n", path, strerror(errno));
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], compare);
    printf("%s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void touch(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    CHECK("mkdir d", mkdir("/sandbox/d", 0755) == 0);
    CHECK("mkdir d/sub", mkdir("/sandbox/d/sub", 0755) == 0);
    printf("mkdir existing: %s\n", mkdir("/sandbox/d", 0755) < 0 && errno == EEXIST ? "EEXIST" : "?");
    for (int i = 0; i < 20; i++) {
        char path[64];
        snprintf(path, sizeof path, "/sandbox/d/file%02d", i);
        touch(path, "x");
    }
    list("/sandbox/d");
    CHECK("rename file00 -> sub/moved", rename("/sandbox/d/file00", "/sandbox/d/sub/moved") == 0);
    CHECK("rename d/sub -> d/sub2", rename("/sandbox/d/sub", "/sandbox/d/sub2") == 0);
    list("/sandbox/d/sub2");
    CHECK("symlink", symlink("sub2/moved", "/sandbox/d/link") == 0);
    char target[64] = {0};
    CHECK("readlink", readlink("/sandbox/d/link", target, sizeof target - 1) > 0);
    printf("link -> %s\n", target);
    struct stat st;
    CHECK("lstat link", lstat("/sandbox/d/link", &st) == 0);
    printf("lstat says symlink: %d\n", S_ISLNK(st.st_mode));
    CHECK("stat through link", stat("/sandbox/d/link", &st) == 0);
    printf("stat says regular: %d\n", S_ISREG(st.st_mode));
    CHECK("link", link("/sandbox/d/file01", "/sandbox/d/hard") == 0);
    stat("/sandbox/d/hard", &st);
    printf("nlink = %d\n", (int)st.st_nlink);
    printf("rmdir non-empty: %s\n", rmdir("/sandbox/d/sub2") < 0 && errno == ENOTEMPTY ? "ENOTEMPTY" : "?");
    printf("unlink directory: %s\n", unlink("/sandbox/d/sub2") < 0 ? "refused" : "?");
    CHECK("unlink moved", unlink("/sandbox/d/sub2/moved") == 0);
    CHECK("rmdir sub2", rmdir("/sandbox/d/sub2") == 0);
    printf("stat through dangling link: %s\n", stat("/sandbox/d/link", &st) < 0 && errno == ENOENT ? "ENOENT" : "?");
    list("/sandbox/d");
    DIR *d = opendir("/sandbox/d");
    int count = 0;
    while (readdir(d))
        count++;
    rewinddir(d);
    int again = 0;
    while (readdir(d))
        again++;
    closedir(d);
    printf("rewinddir sees the same entries: %s\n", count == again ? "yes" : "no");
    return 0;
}
