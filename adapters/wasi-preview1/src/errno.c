// Preview1 errno values for WASI 0.2's error codes. A switch, not a table: an adapter may have no data segment.
#include "adapter.h"

// wasi:filesystem/types error-code, case by case in declaration order.
u16 errno_from_error_code(u8 code)
{
    switch (code) {
    case 0: return ERRNO_ACCES;           // access
    case 1: return ERRNO_AGAIN;           // would-block
    case 2: return ERRNO_ALREADY;         // already
    case 3: return ERRNO_BADF;            // bad-descriptor
    case 4: return ERRNO_BUSY;            // busy
    case 5: return ERRNO_DEADLK;          // deadlock
    case 6: return ERRNO_DQUOT;           // quota
    case 7: return ERRNO_EXIST;           // exist
    case 8: return ERRNO_FBIG;            // file-too-large
    case 9: return ERRNO_ILSEQ;           // illegal-byte-sequence
    case 10: return ERRNO_INPROGRESS;     // in-progress
    case 11: return ERRNO_INTR;           // interrupted
    case 12: return ERRNO_INVAL;          // invalid
    case 13: return ERRNO_IO;             // io
    case 14: return ERRNO_ISDIR;          // is-directory
    case 15: return ERRNO_LOOP;           // loop
    case 16: return ERRNO_MLINK;          // too-many-links
    case 17: return ERRNO_MSGSIZE;        // message-size
    case 18: return ERRNO_NAMETOOLONG;    // name-too-long
    case 19: return ERRNO_NODEV;          // no-device
    case 20: return ERRNO_NOENT;          // no-entry
    case 21: return ERRNO_NOLCK;          // no-lock
    case 22: return ERRNO_NOMEM;          // insufficient-memory
    case 23: return ERRNO_NOSPC;          // insufficient-space
    case 24: return ERRNO_NOTDIR;         // not-directory
    case 25: return ERRNO_NOTEMPTY;       // not-empty
    case 26: return ERRNO_NOTRECOVERABLE; // not-recoverable
    case 27: return ERRNO_NOTSUP;         // unsupported
    case 28: return ERRNO_NOTTY;          // no-tty
    case 29: return ERRNO_NXIO;           // no-such-device
    case 30: return ERRNO_OVERFLOW;       // overflow
    case 31: return ERRNO_PERM;           // not-permitted
    case 32: return ERRNO_PIPE;           // pipe
    case 33: return ERRNO_ROFS;           // read-only
    case 34: return ERRNO_SPIPE;          // invalid-seek
    case 35: return ERRNO_TXTBSY;         // text-file-busy
    case 36: return ERRNO_XDEV;           // cross-device
    default: return ERRNO_IO;             // a code newer than 0.2.0
    }
}

// A stream-error: `closed` is a broken pipe to a writer (readers treat it as end of file before calling this);
// `last-operation-failed` carries an error resource, which wasi:filesystem may translate into an error-code.
u16 errno_from_stream_error(const u8 tag, handle error)
{
    if (tag == STREAM_ERROR_CLOSED) return ERRNO_PIPE;
    ret_option_error_code code;
    fs_filesystem_error_code(error, &code);
    io_drop_error(error);
    return code.is_some ? errno_from_error_code(code.code) : ERRNO_IO;
}
