// Copies stdin to stdout byte for byte (binary-safe, any size), then reports the count on stderr.
// The runner feeds it cat.stdin.
#include <stdio.h>
#include <unistd.h>

int main(void)
{
    static char buf[65536];
    long long total = 0;
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) {
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(1, buf + done, (size_t)(n - done));
            if (w <= 0)
                return 2;
            done += w;
        }
        total += n;
    }
    if (n < 0)
        return 1;
    fprintf(stderr, "copied %lld bytes\n", total);
    return 0;
}
