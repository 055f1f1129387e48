/* getopt. */
#include <unistd.h>
