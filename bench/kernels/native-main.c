// Native driver for kernels.c: KERNEL ARG RUNS → min and median milliseconds, and the checksum.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <time.h>
int32_t fib(int32_t); int32_t sieve(int32_t); double matmul(int32_t); uint32_t hash(int32_t);
static double now_ms(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec * 1e3 + t.tv_nsec / 1e6; }
static int cmp(const void* a, const void* b) { double x = *(const double*)a, y = *(const double*)b; return x < y ? -1 : x > y; }
int main(int argc, char** argv) {
    const char* k = argv[1]; int32_t arg = atoi(argv[2]); int runs = atoi(argv[3]);
    double t[64]; double result = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        if (!strcmp(k, "fib")) result = fib(arg);
        else if (!strcmp(k, "sieve")) result = sieve(arg);
        else if (!strcmp(k, "matmul")) result = matmul(arg);
        else result = hash(arg);
        t[i] = now_ms() - t0;
    }
    qsort(t, runs, sizeof t[0], cmp);
    printf("native %s(%d): min %.1f ms, median %.1f ms, result %.17g\n", k, arg, t[0], t[runs / 2], result);
    return 0;
}
