/* free: memory usage from /proc/meminfo (-k default, -m, -g, -b, -h). */
#include <stdio.h>
#include <string.h>
#include "include/procps.h"
static int unit = 1024, human;
static void val(unsigned long kb) {
  if (human) {
    double v = (double)kb * 1024;
    const char *u = "BKMGT";
    int k = 0;
    while (v >= 1024 && k < 4) { v /= 1024; k++; }
    char b[32];
    if (k == 0) snprintf(b, sizeof b, "%.0fB", v);
    else snprintf(b, sizeof b, v < 10 ? "%.1f%ci" : "%.0f%ci", v, u[k]);
    printf(" %11s", b);
    return;
  }
  printf(" %11lu", (unsigned long)((double)kb * 1024 / unit));
}
int main(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-m")) unit = 1 << 20;
    else if (!strcmp(argv[i], "-g")) unit = 1 << 30;
    else if (!strcmp(argv[i], "-b")) unit = 1;
    else if (!strcmp(argv[i], "-k")) unit = 1024;
    else if (!strcmp(argv[i], "-h")) human = 1;
    else { fprintf(stderr, "free: invalid option -- '%s'\n", argv[i] + 1); return 1; }
  }
  unsigned long total = meminfo("MemTotal:"), fr = meminfo("MemFree:"), avail = meminfo("MemAvailable:");
  unsigned long buffers = meminfo("Buffers:"), cached = meminfo("Cached:"), srec = meminfo("SReclaimable:"), shmem = meminfo("Shmem:");
  unsigned long stot = meminfo("SwapTotal:"), sfree = meminfo("SwapFree:");
  if (!total) { fprintf(stderr, "free: /proc/meminfo: cannot read\n"); return 1; }
  unsigned long bc = buffers + cached + srec;
  if (!avail) avail = fr + bc;
  unsigned long used = total > avail ? total - avail : 0;
  printf("               total        used        free      shared  buff/cache   available\n");
  printf("Mem:    ");
  val(total); val(used); val(fr); val(shmem); val(bc); val(avail);
  printf("\nSwap:   ");
  val(stot); val(stot - sfree); val(sfree);
  printf("\n");
  return 0;
}
