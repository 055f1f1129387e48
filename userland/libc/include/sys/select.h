/* Placeholder: select is not provided; use poll. */
#include <sys/time.h>
