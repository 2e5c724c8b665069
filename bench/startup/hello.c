/* The start-up benchmark's program (bench/startup/run.sh): a WASI hello world, so a run is all start-up. */
#include <stdio.h>

int main(void) {
    puts("hello, world");
    return 0;
}
