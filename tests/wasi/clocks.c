// Clocks: monotonic never goes back, realtime is after 2020, sleeping takes at least that long.
#include <stdio.h>
#include <time.h>

static long long ns(clockid_t id)
{
    struct timespec t;
    if (clock_gettime(id, &t) != 0)
        return -1;
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void)
{
    long long a = ns(CLOCK_MONOTONIC), b = ns(CLOCK_MONOTONIC);
    printf("monotonic non-decreasing: %s\n", a >= 0 && b >= a ? "yes" : "no");
    printf("realtime after 2020: %s\n", ns(CLOCK_REALTIME) / 1000000000LL > 1577836800LL ? "yes" : "no");
    struct timespec res;
    printf("monotonic resolution positive: %s\n",
           clock_getres(CLOCK_MONOTONIC, &res) == 0 && (res.tv_sec > 0 || res.tv_nsec > 0) ? "yes" : "no");
    long long before = ns(CLOCK_MONOTONIC);
    struct timespec sleep = {0, 20 * 1000 * 1000};
    int r = nanosleep(&sleep, NULL);
    long long slept = ns(CLOCK_MONOTONIC) - before;
    printf("nanosleep returned %d, slept at least 20 ms: %s\n", r, slept >= 20000000LL ? "yes" : "no");
    time_t now = time(NULL);
    printf("time() after 2020: %s\n", now > 1577836800 ? "yes" : "no");
    return 0;
}
