/*
 * Registry of generated-code ranges.
 *
 * The signal handler reads it, so lookups must be async-signal-safe and never
 * block: a fixed array of slots, each guarded by its own sequence counter
 * (a seqlock). Writers serialize on a mutex and are rare (module load and
 * unload); readers never take the mutex and never spin on a writer, so a
 * handler that interrupts a writer on the same thread cannot deadlock.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include "internal.h"

typedef struct {
    _Atomic uint32_t seq;    /* odd while a writer changes the slot */
    _Atomic uintptr_t start;
    _Atomic uintptr_t end;   /* 0 = free slot */
    /* Landing sites (pairs of offsets from start), set after registration;
     * read only by kilnrt_throw, never by the signal handler. */
    _Atomic(const uint32_t *) sites;
    _Atomic size_t site_count;
} code_slot;

static code_slot slots[KILNRT_MAX_CODE_RANGES];
/* Slots at or above this index were never used: readers stop there. */
static _Atomic size_t used_slots;
static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

/* Reads a consistent (start, end) pair; false if the slot is being written
 * right now (then it is treated as absent rather than waited for). */
static bool read_slot(code_slot *s, uintptr_t *start, uintptr_t *end) {
    for (int attempt = 0; attempt < 4; attempt++) {
        uint32_t before = atomic_load_explicit(&s->seq, memory_order_acquire);
        if (before & 1u)
            return false;
        *start = atomic_load_explicit(&s->start, memory_order_relaxed);
        *end = atomic_load_explicit(&s->end, memory_order_relaxed);
        atomic_thread_fence(memory_order_acquire);
        if (atomic_load_explicit(&s->seq, memory_order_relaxed) == before)
            return true;
    }
    return false;
}

/* Caller holds write_lock. */
static void write_slot(code_slot *s, uintptr_t start, uintptr_t end) {
    uint32_t seq = atomic_load_explicit(&s->seq, memory_order_relaxed);
    atomic_store_explicit(&s->seq, seq + 1, memory_order_relaxed);
    atomic_thread_fence(memory_order_release);
    atomic_store_explicit(&s->start, start, memory_order_relaxed);
    atomic_store_explicit(&s->end, end, memory_order_relaxed);
    atomic_store_explicit(&s->seq, seq + 2, memory_order_release);
}

KILNRT_API int kilnrt_register_code(const void *start, size_t len) {
    uintptr_t lo = (uintptr_t)start;
    if (start == NULL || len == 0 || lo + len < lo)
        return errno = EINVAL;
    uintptr_t hi = lo + len;

    pthread_mutex_lock(&write_lock);
    size_t used = atomic_load_explicit(&used_slots, memory_order_relaxed);
    size_t free_index = used;
    for (size_t i = 0; i < used; i++) {
        uintptr_t s_lo = atomic_load_explicit(&slots[i].start, memory_order_relaxed);
        uintptr_t s_hi = atomic_load_explicit(&slots[i].end, memory_order_relaxed);
        if (s_hi == 0) {
            if (free_index == used)
                free_index = i;
            continue;
        }
        if (lo < s_hi && s_lo < hi) {
            pthread_mutex_unlock(&write_lock);
            return errno = EEXIST;
        }
    }
    if (free_index == KILNRT_MAX_CODE_RANGES) {
        pthread_mutex_unlock(&write_lock);
        return errno = ENOSPC;
    }
    write_slot(&slots[free_index], lo, hi);
    if (free_index == used) /* publish only after the slot is complete */
        atomic_store_explicit(&used_slots, used + 1, memory_order_release);
    pthread_mutex_unlock(&write_lock);
    return 0;
}

KILNRT_API int kilnrt_register_landing_sites(const void *start, const uint32_t *pairs, size_t count) {
    uintptr_t lo = (uintptr_t)start;
    pthread_mutex_lock(&write_lock);
    size_t used = atomic_load_explicit(&used_slots, memory_order_relaxed);
    for (size_t i = 0; i < used; i++) {
        if (atomic_load_explicit(&slots[i].end, memory_order_relaxed) != 0 &&
            atomic_load_explicit(&slots[i].start, memory_order_relaxed) == lo) {
            atomic_store_explicit(&slots[i].site_count, 0, memory_order_release);
            atomic_store_explicit(&slots[i].sites, pairs, memory_order_release);
            atomic_store_explicit(&slots[i].site_count, count, memory_order_release);
            pthread_mutex_unlock(&write_lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&write_lock);
    return errno = ENOENT;
}

int kilnrt__landing_of(uintptr_t ra, uintptr_t *landing) {
    size_t used = atomic_load_explicit(&used_slots, memory_order_acquire);
    for (size_t i = 0; i < used; i++) {
        uintptr_t lo, hi;
        if (!read_slot(&slots[i], &lo, &hi) || hi == 0 || ra < lo || ra >= hi)
            continue;
        size_t n = atomic_load_explicit(&slots[i].site_count, memory_order_acquire);
        const uint32_t *pairs = atomic_load_explicit(&slots[i].sites, memory_order_acquire);
        if (pairs == NULL || n == 0)
            return 0;
        uint64_t off = ra - lo;
        size_t a = 0, b = n; /* binary search on the return offsets */
        while (a < b) {
            size_t m = a + (b - a) / 2;
            if (pairs[2 * m] < off)
                a = m + 1;
            else
                b = m;
        }
        if (a < n && pairs[2 * a] == off) {
            *landing = lo + pairs[2 * a + 1];
            return 1;
        }
        return 0;
    }
    return 0;
}

KILNRT_API int kilnrt_unregister_code(const void *start) {
    uintptr_t lo = (uintptr_t)start;
    pthread_mutex_lock(&write_lock);
    size_t used = atomic_load_explicit(&used_slots, memory_order_relaxed);
    for (size_t i = 0; i < used; i++) {
        if (atomic_load_explicit(&slots[i].end, memory_order_relaxed) != 0 &&
            atomic_load_explicit(&slots[i].start, memory_order_relaxed) == lo) {
            atomic_store_explicit(&slots[i].site_count, 0, memory_order_release);
            atomic_store_explicit(&slots[i].sites, NULL, memory_order_release);
            write_slot(&slots[i], 0, 0);
            pthread_mutex_unlock(&write_lock);
            return 0;
        }
    }
    pthread_mutex_unlock(&write_lock);
    return errno = ENOENT;
}

int kilnrt__code_range_of(uintptr_t pc, uintptr_t *start, uintptr_t *end) {
    size_t used = atomic_load_explicit(&used_slots, memory_order_acquire);
    for (size_t i = 0; i < used; i++) {
        uintptr_t lo, hi;
        if (read_slot(&slots[i], &lo, &hi) && hi != 0 && lo <= pc && pc < hi) {
            *start = lo;
            *end = hi;
            return 1;
        }
    }
    return 0;
}

KILNRT_API int kilnrt_code_contains(const void *pc) {
    uintptr_t lo, hi;
    return kilnrt__code_range_of((uintptr_t)pc, &lo, &hi);
}
