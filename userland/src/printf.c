/* printf: format and print data. */
#include <stdio.h>
#define PF_ERR(...) (fprintf(stderr, "printf: "), fprintf(stderr, __VA_ARGS__), fputc('\n', stderr))
#include "include/printfimpl.h"
int main(int argc, char **argv) { return printf_main(argc - 1, argv + 1); }
