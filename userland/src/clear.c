/* clear: clear the terminal screen. */
#include <unistd.h>
int main(void) { write(1, "\x1b[H\x1b[2J\x1b[3J", 11); return 0; }
