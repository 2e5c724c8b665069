/*
 * The WASI sandbox at its lowest layer: kilnrt_wasi_open must keep every path
 * a guest can name beneath the directory fd it starts from. A scratch tree
 *
 *   root/secret              outside the sandbox
 *   root/box/                the preopened directory
 *   root/box/inside, sub/    ordinary contents
 *   root/box/<links>         symlinks leaving it in every way (absolute,
 *                            "..", through a subdirectory, to a directory
 *                            outside, through /proc magic links) and ones
 *                            that stay inside
 *
 * is opened through the library with every escape attempt: each must be
 * refused with ENOTCAPABLE (or fail without touching anything outside), each
 * path that stays inside must open, and the outside file must be unchanged.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kilnrt_wasi.h"

#define WASI_ENOTCAPABLE 76
#define WASI_O_CREAT 1u
#define WASI_O_DIRECTORY 2u
#define WASI_O_TRUNC 8u

static int failures, checks;
static char root[256], box[300];

#define CHECK(cond, ...)                                            \
    do {                                                            \
        checks++;                                                   \
        if (!(cond)) {                                              \
            fprintf(stderr, "%s:%d: check failed: ", __FILE__, __LINE__); \
            fprintf(stderr, __VA_ARGS__);                           \
            fputc('\n', stderr);                                    \
            failures++;                                             \
        }                                                           \
    } while (0)

static void write_file(const char *path, const char *text) {
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0 || fclose(f) != 0) {
        perror(path);
        exit(2);
    }
}

static void must(int ok, const char *what) {
    if (!ok) {
        perror(what);
        exit(2);
    }
}

static void setup(void) {
    snprintf(root, sizeof root, "/tmp/kilnrt-sandbox-XXXXXX");
    must(mkdtemp(root) != NULL, "mkdtemp");
    char p[512];
    snprintf(p, sizeof p, "%s/secret", root);
    write_file(p, "secret");
    snprintf(box, sizeof box, "%s/box", root);
    must(mkdir(box, 0700) == 0, "mkdir box");
    snprintf(p, sizeof p, "%s/inside", box);
    write_file(p, "inside");
    snprintf(p, sizeof p, "%s/sub", box);
    must(mkdir(p, 0700) == 0, "mkdir sub");
    struct { const char *target, *name; } links[] = {
        {NULL, "out_abs"},            /* absolute path to root/secret (filled below) */
        {"../secret", "out_rel"},
        {"../../secret", "sub/up"},
        {"..", "dirlink"},
        {"/proc/self/cwd", "magic"},
        {"/proc/self/root/tmp", "magic_root"},
        {"inside", "ok_rel"},
        {"../inside", "sub/ok_up"},
        {"sub/../inside", "ok_dotdot"},
        {"loop", "loop"},
    };
    char abs_secret[512];
    snprintf(abs_secret, sizeof abs_secret, "%s/secret", root);
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", box, links[i].name);
        must(symlink(links[i].target ? links[i].target : abs_secret, p) == 0, "symlink");
    }
}

static void remove_tree(const char *path) {
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
            char p[1024];
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(p);
            else unlink(p);
        }
        closedir(d);
    }
    rmdir(path);
}

static int32_t open_in(int32_t dir, const char *path, uint32_t oflags, uint32_t access, int follow) {
    return kilnrt_wasi_open(dir, path, oflags, 0, access, follow);
}

static bool outside_unchanged(void) {
    char p[512], buf[32] = {0};
    snprintf(p, sizeof p, "%s/secret", root);
    FILE *f = fopen(p, "r");
    if (!f) return false;
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    return n == 6 && !memcmp(buf, "secret", 6);
}

static bool exists_outside(const char *name) {
    char p[512];
    struct stat st;
    snprintf(p, sizeof p, "%s/%s", root, name);
    return lstat(p, &st) == 0;
}

int main(void) {
    setup();
    int32_t dir = kilnrt_wasi_open_host_dir(box);
    CHECK(dir >= 0, "preopen of %s gave %d", box, dir);

    /* Escapes: refused with ENOTCAPABLE, whether read, written, created or opened as a path. */
    char abs_secret[512];
    snprintf(abs_secret, sizeof abs_secret, "%s/secret", root);
    const char *escapes[] = {
        abs_secret, "/etc/passwd", "..", "../secret", "sub/../../secret", "./../secret", "sub/../..",
        "out_abs", "out_rel", "sub/up", "dirlink/secret", "dirlink", "magic", "magic/secret", "magic_root",
        "sub/./../../secret",
    };
    const uint32_t accesses[] = {KILNRT_WASI_ACCESS_READ, KILNRT_WASI_ACCESS_WRITE,
                                 KILNRT_WASI_ACCESS_READ | KILNRT_WASI_ACCESS_WRITE, KILNRT_WASI_ACCESS_PATH};
    for (size_t i = 0; i < sizeof escapes / sizeof escapes[0]; i++) {
        for (size_t a = 0; a < sizeof accesses / sizeof accesses[0]; a++) {
            int32_t fd = open_in(dir, escapes[i], 0, accesses[a], 1);
            CHECK(fd == -WASI_ENOTCAPABLE, "open(\"%s\", access %u) gave %d, expected -ENOTCAPABLE", escapes[i], accesses[a], fd);
            if (fd >= 0) kilnrt_wasi_close(fd);
        }
        int32_t fd = open_in(dir, escapes[i], WASI_O_CREAT | WASI_O_TRUNC, KILNRT_WASI_ACCESS_WRITE, 1);
        CHECK(fd < 0, "create/truncate of \"%s\" gave fd %d", escapes[i], fd);
        if (fd >= 0) kilnrt_wasi_close(fd);
    }
    /* Creating through "..", or through a dangling link pointing out, must not make a file outside. */
    int32_t fd = open_in(dir, "../created", WASI_O_CREAT, KILNRT_WASI_ACCESS_WRITE, 1);
    CHECK(fd == -WASI_ENOTCAPABLE, "create ../created gave %d", fd);
    CHECK(!exists_outside("created"), "a file was created outside the sandbox");
    char p[512];
    snprintf(p, sizeof p, "%s/dangling", box);
    must(symlink("../made-by-link", p) == 0, "symlink dangling");
    fd = open_in(dir, "dangling", WASI_O_CREAT, KILNRT_WASI_ACCESS_WRITE, 1);
    CHECK(fd == -WASI_ENOTCAPABLE, "create through dangling link gave %d", fd);
    CHECK(!exists_outside("made-by-link"), "a dangling symlink created a file outside the sandbox");
    /* Not following a final symlink never opens its target. */
    fd = open_in(dir, "out_rel", 0, KILNRT_WASI_ACCESS_READ, 0);
    CHECK(fd < 0, "open of the symlink out_rel without following gave fd %d", fd);
    if (fd >= 0) kilnrt_wasi_close(fd);
    fd = open_in(dir, "loop", 0, KILNRT_WASI_ACCESS_READ, 1);
    CHECK(fd < 0, "a symlink loop opened: fd %d", fd);
    CHECK(outside_unchanged(), "the file outside the sandbox changed");

    /* Paths that stay inside open, ".." within the tree and links that stay inside included. */
    const char *inside[] = {"inside", "./inside", "sub/../inside", "ok_rel", "sub/ok_up", "ok_dotdot", "sub/.././inside"};
    for (size_t i = 0; i < sizeof inside / sizeof inside[0]; i++) {
        fd = open_in(dir, inside[i], 0, KILNRT_WASI_ACCESS_READ, 1);
        CHECK(fd >= 0, "open(\"%s\") inside the sandbox gave %d", inside[i], fd);
        if (fd >= 0) {
            char buf[16] = {0};
            kilnrt_wasi_iovec iov = {buf, sizeof buf - 1};
            CHECK(kilnrt_wasi_readv(fd, &iov, 1) == 6 && !memcmp(buf, "inside", 6), "\"%s\" read other contents", inside[i]);
            kilnrt_wasi_close(fd);
        }
    }
    fd = open_in(dir, ".", WASI_O_DIRECTORY, KILNRT_WASI_ACCESS_PATH, 1);
    CHECK(fd >= 0, "open of the sandbox itself gave %d", fd);
    if (fd >= 0) {
        /* A directory fd opened inside is a sandbox of its own: ".." from sub may not reach above box. */
        int32_t sub = open_in(fd, "sub", WASI_O_DIRECTORY, KILNRT_WASI_ACCESS_PATH, 1);
        CHECK(sub >= 0, "open of sub gave %d", sub);
        if (sub >= 0) {
            int32_t up = open_in(sub, "../inside", 0, KILNRT_WASI_ACCESS_READ, 1);
            CHECK(up == -WASI_ENOTCAPABLE, "\"../inside\" from sub's own fd gave %d (sub is its own root)", up);
            if (up >= 0) kilnrt_wasi_close(up);
            kilnrt_wasi_close(sub);
        }
        kilnrt_wasi_close(fd);
    }
    /* lstat of a link leaving the sandbox describes the link, not its target. */
    kilnrt_wasi_filestat st;
    CHECK(kilnrt_wasi_lstat_at(dir, "out_abs", &st) == 0 && st.filetype == 7, "lstat out_abs: filetype %u", st.filetype);

    kilnrt_wasi_close(dir);
    remove_tree(root);
    printf("wasi sandbox: %d checks, %d failed\n", checks, failures);
    return failures == 0 ? 0 : 1;
}
