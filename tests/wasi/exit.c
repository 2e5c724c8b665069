// expected-exit: 3
// Output written before exit() is flushed; exit's code reaches the embedder.
#include <stdio.h>
#include <stdlib.h>

static void bye(void)
{
    printf("atexit handler ran\n");
}

int main(void)
{
    atexit(bye);
    printf("exiting with 3\n");
    exit(3);
    printf("not reached\n");
}
