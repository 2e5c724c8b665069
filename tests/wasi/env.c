// The runner sets exactly KILN_TEST=hello and KILN_OTHER=x (and nothing else).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

int main(void)
{
    const char *test = getenv("KILN_TEST");
    printf("KILN_TEST = %s\n", test ? test : "(unset)");
    printf("KILN_OTHER = %s\n", getenv("KILN_OTHER") ? getenv("KILN_OTHER") : "(unset)");
    printf("MISSING = %s\n", getenv("MISSING") ? getenv("MISSING") : "(unset)");
    int kiln = 0;
    for (char **e = environ; *e; e++)
        if (strncmp(*e, "KILN_", 5) == 0)
            kiln++;
    printf("KILN_ variables: %d\n", kiln);
    setenv("KILN_TEST", "changed", 1);
    printf("after setenv: %s\n", getenv("KILN_TEST"));
    return 0;
}
