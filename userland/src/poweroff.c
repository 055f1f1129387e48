/* poweroff / reboot / halt: sync and ask the kernel to stop the machine (reboot(2)). */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <sys/syscall.h>
int main(int argc, char **argv) {
  const char *b = strrchr(argv[0], '/');
  b = b ? b + 1 : argv[0];
  /* LINUX_REBOOT_CMD_POWER_OFF, _RESTART, _HALT */
  unsigned cmd = !strcmp(b, "reboot") ? 0x01234567 : !strcmp(b, "halt") ? 0xCDEF0123 : 0x4321FEDC;
  sync();
  if (syscall(SYS_reboot, 0xfee1dead, 672274793, cmd, 0) < 0) { fprintf(stderr, "%s: %s\n", b, strerror(errno)); return 1; }
  return 0;
}
