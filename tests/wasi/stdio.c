// Writes through stdio in every way a program usually does; stderr is not compared.
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void)
{
    printf("hello from %s\n", "printf");
    puts("hello from puts");
    fputs("hello from fputs\n", stdout);
    fwrite("hello from fwrite\n", 1, 18, stdout);
    fflush(stdout);
    const char raw[] = "hello from write(1)\n";
    ssize_t n = write(1, raw, strlen(raw));
    printf("write returned %zd\n", n);
    fprintf(stderr, "this goes to stderr\n");
    printf("isatty(1) = %d\n", isatty(1));
    printf("%d %s %.3f %x %c\n", 42, "str", 3.14159, 255, 'z');
    return 0;
}
