// poll_oneoff over wasi:io/poll: each subscription becomes a pollable (a clock's from wasi:clocks, a standard
// stream's from its stream; files are always ready, as preview1 says, through a zero-length timer), `poll` blocks
// until some are ready, and those become the events. A subscription that is wrong by itself (bad fd, unknown
// clock) is reported at once as an event carrying its errno, without blocking.
#include "adapter.h"

static handle pollable_for(struct state *s, const p1_subscription *sub, u16 *err)
{
    *err = ERRNO_SUCCESS;
    if (sub->type == EVENTTYPE_CLOCK) {
        u64 timeout = sub->u.clock.timeout;
        int absolute = (sub->u.clock.flags & SUBCLOCKFLAGS_ABSTIME) != 0;
        if (sub->u.clock.id == CLOCKID_MONOTONIC) {
            return absolute ? clocks_subscribe_instant(timeout) : clocks_subscribe_duration(timeout);
        }
        if (sub->u.clock.id == CLOCKID_REALTIME) {
            if (!absolute) return clocks_subscribe_duration(timeout);
            // A wall-clock deadline: how long from now, on the monotonic clock.
            wasi_datetime now;
            clocks_wall_now(&now);
            u64 now_ns = now.seconds * 1000000000ull + now.nanoseconds;
            return clocks_subscribe_duration(timeout > now_ns ? timeout - now_ns : 0);
        }
        *err = ERRNO_INVAL;
        return 0;
    }
    if (sub->type != EVENTTYPE_FD_READ && sub->type != EVENTTYPE_FD_WRITE) {
        *err = ERRNO_INVAL;
        return 0;
    }
    struct fd_entry *e = fd_get(s, sub->u.fd_readwrite.fd);
    if (!e) {
        *err = ERRNO_BADF;
        return 0;
    }
    int reading = sub->type == EVENTTYPE_FD_READ;
    switch (e->kind) {
    case FD_STDIN:
        if (reading) return io_input_subscribe(stream_of(e));
        break;
    case FD_STDOUT:
    case FD_STDERR:
        if (!reading) return io_output_subscribe(stream_of(e));
        break;
    case FD_FILE: return clocks_subscribe_duration(0);
    default: break;
    }
    *err = ERRNO_BADF;
    return 0;
}

static void write_event(p1_event *out, const p1_subscription *sub, u16 err)
{
    p1_event ev;
    mem_set(&ev, 0, sizeof ev);
    ev.userdata = sub->userdata;
    ev.error = err;
    ev.type = sub->type;
    *out = ev;
}

P1_EXPORT(poll_oneoff) u32 poll_oneoff(const p1_subscription *in, p1_event *out, u32 nsubscriptions, u32 *nevents)
{
    struct state *s = state_get();
    if (nsubscriptions == 0) return ERRNO_INVAL;
    // The pollables (one handle each) go in the scratch area, the host's list of ready indices after them.
    if (nsubscriptions > sizeof s->scratch / 8) return ERRNO_NOMEM;
    handle *pollables = (handle *)s->scratch;
    u32 failed = 0;
    for (u32 i = 0; i < nsubscriptions; i++) {
        u16 err;
        pollables[i] = pollable_for(s, &in[i], &err);
        if (err) write_event(&out[failed++], &in[i], err);
    }
    if (failed == 0) {
        import_alloc_set(s, s->scratch + nsubscriptions * 4, sizeof s->scratch - nsubscriptions * 4);
        wasi_list ready;
        io_poll((u32)pollables, nsubscriptions, &ready);
        const u32 *indices = (const u32 *)ready.ptr;
        for (u32 k = 0; k < ready.len; k++) {
            u32 i = indices[k];
            if (i >= nsubscriptions) unreachable();
            write_event(&out[k], &in[i], ERRNO_SUCCESS);
        }
        *nevents = ready.len;
    } else {
        *nevents = failed;
    }
    for (u32 i = 0; i < nsubscriptions; i++)
        if (pollables[i]) io_drop_pollable(pollables[i]);
    return ERRNO_SUCCESS;
}
