// More output than a pipe holds, in many small writes and in one large one.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char big[70000];

int main(void)
{
    for (int i = 0; i < 1000; i++)
        printf("line %04d: the quick brown fox jumps\n", i);
    fflush(stdout);
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (i % 64 == 63) ? '\n' : (char)('a' + i % 26);
    size_t done = 0;
    while (done < sizeof big) {
        ssize_t n = write(1, big + done, sizeof big - done);
        if (n <= 0)
            return 1;
        done += (size_t)n;
    }
    printf("\nwrote %zu bytes in one go\n", done);
    return 0;
}
