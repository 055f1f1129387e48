/* mount: mount a filesystem (mount [-t TYPE] [-o OPTS] SOURCE DIR), or list mounts from /proc/mounts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <sys/mount.h>
int main(int argc, char **argv) {
  const char *type = 0, *opts = 0;
  const char *pos[2];
  int np = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "-t") && i + 1 < argc) type = argv[++i];
    else if (!strcmp(argv[i], "-o") && i + 1 < argc) opts = argv[++i];
    else if (argv[i][0] == '-') { fprintf(stderr, "mount: invalid option -- '%s'\n", argv[i] + 1); return 1; }
    else if (np < 2) pos[np++] = argv[i];
  }
  if (!np) {
    FILE *f = fopen("/proc/mounts", "r");
    if (!f) { fprintf(stderr, "mount: /proc/mounts: %s\n", strerror(errno)); return 1; }
    char line[1024], src[256], dir[256], t[64], o[512];
    while (fgets(line, sizeof line, f))
      if (sscanf(line, "%255s %255s %63s %511s", src, dir, t, o) == 4) printf("%s on %s type %s (%s)\n", src, dir, t, o);
    fclose(f);
    return 0;
  }
  if (np < 2) { fprintf(stderr, "mount: usage: mount [-t type] [-o opts] source dir\n"); return 1; }
  unsigned long flags = 0;
  char data[512] = "";
  if (opts) {
    char *o = strdup(opts), *tok, *save;
    for (tok = strtok_r(o, ",", &save); tok; tok = strtok_r(0, ",", &save)) {
      if (!strcmp(tok, "ro")) flags |= MS_RDONLY;
      else if (!strcmp(tok, "rw")) {}
      else if (!strcmp(tok, "nosuid")) flags |= MS_NOSUID;
      else if (!strcmp(tok, "nodev")) flags |= MS_NODEV;
      else if (!strcmp(tok, "noexec")) flags |= MS_NOEXEC;
      else if (!strcmp(tok, "remount")) flags |= MS_REMOUNT;
      else if (!strcmp(tok, "bind")) flags |= MS_BIND;
      else { if (*data) strncat(data, ",", sizeof data - strlen(data) - 1); strncat(data, tok, sizeof data - strlen(data) - 1); }
    }
  }
  if (!type) type = (flags & MS_BIND) ? "none" : pos[0];
  if (mount(pos[0], pos[1], type, flags, *data ? data : 0) < 0) {
    fprintf(stderr, "mount: %s: %s.\n", pos[1], strerror(errno));
    return 32;
  }
  return 0;
}
