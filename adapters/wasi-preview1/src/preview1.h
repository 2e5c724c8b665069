// The wasi_snapshot_preview1 ABI the adapter exports: errno values, file types, flags, rights and the layouts of
// the structures it writes into the program's memory (wasi-libc's wasi/api.h names them the same way).
#ifndef KILN_PREVIEW1_H
#define KILN_PREVIEW1_H

#include "types.h"

enum {
    ERRNO_SUCCESS = 0, ERRNO_2BIG = 1, ERRNO_ACCES = 2, ERRNO_ADDRINUSE = 3, ERRNO_ADDRNOTAVAIL = 4,
    ERRNO_AFNOSUPPORT = 5, ERRNO_AGAIN = 6, ERRNO_ALREADY = 7, ERRNO_BADF = 8, ERRNO_BADMSG = 9, ERRNO_BUSY = 10,
    ERRNO_CANCELED = 11, ERRNO_CHILD = 12, ERRNO_CONNABORTED = 13, ERRNO_CONNREFUSED = 14, ERRNO_CONNRESET = 15,
    ERRNO_DEADLK = 16, ERRNO_DESTADDRREQ = 17, ERRNO_DOM = 18, ERRNO_DQUOT = 19, ERRNO_EXIST = 20, ERRNO_FAULT = 21,
    ERRNO_FBIG = 22, ERRNO_HOSTUNREACH = 23, ERRNO_IDRM = 24, ERRNO_ILSEQ = 25, ERRNO_INPROGRESS = 26,
    ERRNO_INTR = 27, ERRNO_INVAL = 28, ERRNO_IO = 29, ERRNO_ISCONN = 30, ERRNO_ISDIR = 31, ERRNO_LOOP = 32,
    ERRNO_MFILE = 33, ERRNO_MLINK = 34, ERRNO_MSGSIZE = 35, ERRNO_MULTIHOP = 36, ERRNO_NAMETOOLONG = 37,
    ERRNO_NETDOWN = 38, ERRNO_NETRESET = 39, ERRNO_NETUNREACH = 40, ERRNO_NFILE = 41, ERRNO_NOBUFS = 42,
    ERRNO_NODEV = 43, ERRNO_NOENT = 44, ERRNO_NOEXEC = 45, ERRNO_NOLCK = 46, ERRNO_NOLINK = 47, ERRNO_NOMEM = 48,
    ERRNO_NOMSG = 49, ERRNO_NOPROTOOPT = 50, ERRNO_NOSPC = 51, ERRNO_NOSYS = 52, ERRNO_NOTCONN = 53,
    ERRNO_NOTDIR = 54, ERRNO_NOTEMPTY = 55, ERRNO_NOTRECOVERABLE = 56, ERRNO_NOTSOCK = 57, ERRNO_NOTSUP = 58,
    ERRNO_NOTTY = 59, ERRNO_NXIO = 60, ERRNO_OVERFLOW = 61, ERRNO_OWNERDEAD = 62, ERRNO_PERM = 63, ERRNO_PIPE = 64,
    ERRNO_PROTO = 65, ERRNO_PROTONOSUPPORT = 66, ERRNO_PROTOTYPE = 67, ERRNO_RANGE = 68, ERRNO_ROFS = 69,
    ERRNO_SPIPE = 70, ERRNO_SRCH = 71, ERRNO_STALE = 72, ERRNO_TIMEDOUT = 73, ERRNO_TXTBSY = 74, ERRNO_XDEV = 75,
    ERRNO_NOTCAPABLE = 76,
};

enum {
    FILETYPE_UNKNOWN = 0, FILETYPE_BLOCK_DEVICE = 1, FILETYPE_CHARACTER_DEVICE = 2, FILETYPE_DIRECTORY = 3,
    FILETYPE_REGULAR_FILE = 4, FILETYPE_SOCKET_DGRAM = 5, FILETYPE_SOCKET_STREAM = 6, FILETYPE_SYMBOLIC_LINK = 7,
};

enum { CLOCKID_REALTIME = 0, CLOCKID_MONOTONIC = 1, CLOCKID_PROCESS_CPUTIME = 2, CLOCKID_THREAD_CPUTIME = 3 };
enum { WHENCE_SET = 0, WHENCE_CUR = 1, WHENCE_END = 2 };
enum { FDFLAGS_APPEND = 1, FDFLAGS_DSYNC = 2, FDFLAGS_NONBLOCK = 4, FDFLAGS_RSYNC = 8, FDFLAGS_SYNC = 16 };
enum { OFLAGS_CREAT = 1, OFLAGS_DIRECTORY = 2, OFLAGS_EXCL = 4, OFLAGS_TRUNC = 8 };
enum { LOOKUPFLAGS_SYMLINK_FOLLOW = 1 };
enum { FSTFLAGS_ATIM = 1, FSTFLAGS_ATIM_NOW = 2, FSTFLAGS_MTIM = 4, FSTFLAGS_MTIM_NOW = 8 };
enum { EVENTTYPE_CLOCK = 0, EVENTTYPE_FD_READ = 1, EVENTTYPE_FD_WRITE = 2 };
enum { SUBCLOCKFLAGS_ABSTIME = 1 };
enum { EVENTRWFLAGS_HANGUP = 1 };
enum { PREOPENTYPE_DIR = 0 };

#define RIGHTS_FD_DATASYNC (1ull << 0)
#define RIGHTS_FD_READ (1ull << 1)
#define RIGHTS_FD_SEEK (1ull << 2)
#define RIGHTS_FD_FDSTAT_SET_FLAGS (1ull << 3)
#define RIGHTS_FD_SYNC (1ull << 4)
#define RIGHTS_FD_TELL (1ull << 5)
#define RIGHTS_FD_WRITE (1ull << 6)
#define RIGHTS_FD_ADVISE (1ull << 7)
#define RIGHTS_FD_ALLOCATE (1ull << 8)
#define RIGHTS_PATH_CREATE_DIRECTORY (1ull << 9)
#define RIGHTS_PATH_CREATE_FILE (1ull << 10)
#define RIGHTS_PATH_LINK_SOURCE (1ull << 11)
#define RIGHTS_PATH_LINK_TARGET (1ull << 12)
#define RIGHTS_PATH_OPEN (1ull << 13)
#define RIGHTS_FD_READDIR (1ull << 14)
#define RIGHTS_PATH_READLINK (1ull << 15)
#define RIGHTS_PATH_RENAME_SOURCE (1ull << 16)
#define RIGHTS_PATH_RENAME_TARGET (1ull << 17)
#define RIGHTS_PATH_FILESTAT_GET (1ull << 18)
#define RIGHTS_PATH_FILESTAT_SET_SIZE (1ull << 19)
#define RIGHTS_PATH_FILESTAT_SET_TIMES (1ull << 20)
#define RIGHTS_FD_FILESTAT_GET (1ull << 21)
#define RIGHTS_FD_FILESTAT_SET_SIZE (1ull << 22)
#define RIGHTS_FD_FILESTAT_SET_TIMES (1ull << 23)
#define RIGHTS_PATH_SYMLINK (1ull << 24)
#define RIGHTS_PATH_REMOVE_DIRECTORY (1ull << 25)
#define RIGHTS_PATH_UNLINK_FILE (1ull << 26)
#define RIGHTS_POLL_FD_READWRITE (1ull << 27)
#define RIGHTS_SOCK_SHUTDOWN (1ull << 28)
#define RIGHTS_SOCK_ACCEPT (1ull << 29)

// What a regular file, a directory and a standard stream descriptor can do (preview1 rights are advisory here:
// WASI 0.2 has none, the host's descriptor flags decide).
#define RIGHTS_FILE                                                                                              \
    (RIGHTS_FD_DATASYNC | RIGHTS_FD_READ | RIGHTS_FD_SEEK | RIGHTS_FD_FDSTAT_SET_FLAGS | RIGHTS_FD_SYNC |          \
     RIGHTS_FD_TELL | RIGHTS_FD_WRITE | RIGHTS_FD_ADVISE | RIGHTS_FD_ALLOCATE | RIGHTS_FD_FILESTAT_GET |            \
     RIGHTS_FD_FILESTAT_SET_SIZE | RIGHTS_FD_FILESTAT_SET_TIMES | RIGHTS_POLL_FD_READWRITE)
#define RIGHTS_DIRECTORY                                                                                         \
    (RIGHTS_FD_FDSTAT_SET_FLAGS | RIGHTS_FD_SYNC | RIGHTS_FD_ADVISE | RIGHTS_PATH_CREATE_DIRECTORY |               \
     RIGHTS_PATH_CREATE_FILE | RIGHTS_PATH_LINK_SOURCE | RIGHTS_PATH_LINK_TARGET | RIGHTS_PATH_OPEN |              \
     RIGHTS_FD_READDIR | RIGHTS_PATH_READLINK | RIGHTS_PATH_RENAME_SOURCE | RIGHTS_PATH_RENAME_TARGET |             \
     RIGHTS_PATH_FILESTAT_GET | RIGHTS_PATH_FILESTAT_SET_SIZE | RIGHTS_PATH_FILESTAT_SET_TIMES |                   \
     RIGHTS_FD_FILESTAT_GET | RIGHTS_FD_FILESTAT_SET_TIMES | RIGHTS_PATH_SYMLINK | RIGHTS_PATH_REMOVE_DIRECTORY |   \
     RIGHTS_PATH_UNLINK_FILE)

// Preview1 structures as they lie in memory (wasm32: pointers and sizes are 32-bit).
typedef struct { u32 buf; u32 len; } p1_iovec;

typedef struct {
    u8 filetype;
    u8 pad0;
    u16 flags;
    u32 pad1;
    u64 rights_base;
    u64 rights_inheriting;
} p1_fdstat;

typedef struct {
    u64 dev;
    u64 ino;
    u8 filetype;
    u8 pad[7];
    u64 nlink;
    u64 size;
    u64 atim;
    u64 mtim;
    u64 ctim;
} p1_filestat;

typedef struct {
    u64 d_next;
    u64 d_ino;
    u32 d_namlen;
    u8 d_type;
    u8 pad[3];
} p1_dirent;

typedef struct {
    u8 tag;
    u8 pad[3];
    u32 name_len;
} p1_prestat;

typedef struct {
    u64 userdata;
    u8 type;
    u8 pad[7];
    union {
        struct { u32 id; u32 pad; u64 timeout; u64 precision; u16 flags; } clock;
        struct { u32 fd; } fd_readwrite;
    } u;
} p1_subscription;

typedef struct {
    u64 userdata;
    u16 error;
    u8 type;
    u8 pad[5];
    u64 nbytes;
    u16 flags;
    u8 pad2[6];
} p1_event;

_Static_assert(sizeof(p1_fdstat) == 24, "fdstat is 24 bytes");
_Static_assert(sizeof(p1_filestat) == 64, "filestat is 64 bytes");
_Static_assert(sizeof(p1_dirent) == 24, "dirent is 24 bytes");
_Static_assert(sizeof(p1_prestat) == 8, "prestat is 8 bytes");
_Static_assert(sizeof(p1_subscription) == 48, "subscription is 48 bytes");
_Static_assert(sizeof(p1_event) == 32, "event is 32 bytes");

#define P1_EXPORT(name) __attribute__((export_name(#name)))

#endif
