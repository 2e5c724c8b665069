/*
 * Per-thread alternate signal stack.
 *
 * Handlers that run with SA_ONSTACK need one, or a fault caused by running out
 * of stack could not be handled at all. A thread that already has one (the
 * .NET runtime gives its threads their own) keeps it: replacing it would pull
 * the stack out from under the runtime that installed it.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#define KILNRT_ALTSTACK_SIZE (64u * 1024u)

static pthread_key_t altstack_key;

/* Set once the thread has been looked at, whether or not we installed. */
static __thread bool thread_ready __attribute__((tls_model("initial-exec")));

/* Usable size of the stacks we allocate, page-rounded. The kernel's minimum
 * grows with the CPU's register state (AVX-512, SVE), so never go below a few
 * times that. */
static size_t stack_size(size_t page) {
    long min = sysconf(_SC_MINSIGSTKSZ);
    size_t size = KILNRT_ALTSTACK_SIZE;
    if (min > 0 && (size_t)min * 4 > size)
        size = (size_t)min * 4;
    return (size + page - 1) & ~(page - 1);
}

/* Thread exit: free the stack we installed, unless someone replaced it. */
static void altstack_destroy(void *mapping) {
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    stack_t current;
    if (sigaltstack(NULL, &current) == 0 && current.ss_sp == (char *)mapping + page &&
        !(current.ss_flags & SS_ONSTACK)) {
        stack_t off = {.ss_flags = SS_DISABLE};
        sigaltstack(&off, NULL);
        munmap(mapping, page + stack_size(page));
    }
    /* Else: still in use by another owner; leak rather than free it. */
}

int kilnrt__altstack_global_init(void) {
    int err = pthread_key_create(&altstack_key, altstack_destroy);
    return err != 0 ? (errno = err) : 0;
}


int kilnrt__altstack_ensure(void) {
    if (thread_ready)
        return 0;
    int err = kilnrt_init();
    if (err != 0)
        return err;

    stack_t current;
    if (sigaltstack(NULL, &current) != 0)
        return errno;
    if (!(current.ss_flags & SS_DISABLE)) {
        thread_ready = true; /* keep the existing one */
        return 0;
    }

    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    size_t size = stack_size(page);
    /* One PROT_NONE page below the stack turns an overflow of the signal
     * stack into a fault instead of silent corruption. */
    void *mapping = mmap(NULL, page + size, PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapping == MAP_FAILED)
        return errno;
    if (mprotect(mapping, page, PROT_NONE) != 0) {
        err = errno;
        munmap(mapping, page + size);
        return errno = err;
    }
    stack_t ss = {.ss_sp = (char *)mapping + page, .ss_size = size, .ss_flags = 0};
    if (sigaltstack(&ss, NULL) != 0) {
        err = errno;
        munmap(mapping, page + size);
        return errno = err;
    }
    err = pthread_setspecific(altstack_key, mapping);
    if (err != 0) {
        stack_t off = {.ss_flags = SS_DISABLE};
        sigaltstack(&off, NULL);
        munmap(mapping, page + size);
        return errno = err;
    }
    thread_ready = true;
    return 0;
}

KILNRT_API int kilnrt_thread_init(void) { return kilnrt__altstack_ensure(); }
