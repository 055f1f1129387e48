/* modinfo: shows a module's fields (filename, name, description, author,
 * license, version, depends, parm) read from its source, as kmod's modinfo.
 * MODULE is a path or a name looked up in /lib/modules/RELEASE/NAME.ko.ts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/utsname.h>
static char src[1 << 20];
/* The string literal after "key:" starting at or after p (quotes ' " `); 0 if none. */
static int field(const char *from, const char *key, char *out, size_t n) {
  char pat[64];
  snprintf(pat, sizeof pat, "%s:", key);
  for (const char *p = strstr(from, pat); p; p = strstr(p + 1, pat)) {
    if (p > src && (p[-1] == '_' || (p[-1] >= 'a' && p[-1] <= 'z') || (p[-1] >= 'A' && p[-1] <= 'Z'))) continue;
    const char *q = p + strlen(pat);
    while (*q == ' ' || *q == '\t') q++;
    if (*q != '\'' && *q != '"' && *q != '`') {
      size_t k = 0;
      while (*q && *q != ',' && *q != '}' && *q != '\n' && k + 1 < n) out[k++] = *q++;
      while (k && out[k - 1] == ' ') k--;
      out[k] = 0;
      return k > 0;
    }
    char quote = *q++;
    size_t k = 0;
    while (*q && *q != quote && k + 1 < n) out[k++] = *q++;
    out[k] = 0;
    return 1;
  }
  return 0;
}
int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "Usage: modinfo MODULE\n"); return 1; }
  char path[512];
  if (strchr(argv[1], '/')) snprintf(path, sizeof path, "%s", argv[1]);
  else {
    struct utsname u;
    uname(&u);
    snprintf(path, sizeof path, "/lib/modules/%s/%s%s", u.release, argv[1], strstr(argv[1], ".ko.") ? "" : ".ko.ts");
  }
  int fd = open(path, O_RDONLY);
  if (fd < 0) { fprintf(stderr, "modinfo: ERROR: Module %s not found.\n", argv[1]); return 1; }
  ssize_t n, len = 0;
  while ((n = read(fd, src + len, sizeof src - 1 - len)) > 0) len += n;
  close(fd);
  src[len] = 0;
  char v[512], key[40];
  printf("%-16s%s\n", "filename:", path);
  static const char *keys[] = { "name", "description", "author", "license", "version" };
  for (int i = 0; i < 5; i++) {
    if (!field(src, keys[i], v, sizeof v)) continue;
    snprintf(key, sizeof key, "%s:", keys[i]);
    printf("%-16s%s\n", key, v);
  }
  /* depends: ['a', 'b'] -> "a,b" */
  char deps[256] = "";
  const char *d = strstr(src, "depends:");
  if (d) {
    const char *e = strchr(d, ']');
    for (const char *q = strchr(d, '['); q && e && q < e; q++) {
      if (*q != '\'' && *q != '"') continue;
      char quote = *q++;
      size_t l = strlen(deps);
      if (l) deps[l++] = ',';
      while (*q && *q != quote && l + 1 < sizeof deps) deps[l++] = *q++;
      deps[l] = 0;
    }
  }
  printf("%-16s%s\n", "depends:", deps);
  /* params: { NAME: { type: 'int', default: 1, description: '...' }, ... } */
  const char *p = strstr(src, "params:");
  if (p && (p = strchr(p, '{'))) {
    p++;
    for (;;) {
      while (*p == ' ' || *p == '\n' || *p == '\t' || *p == ',' || *p == '\r') p++;
      if (*p == '/' && p[1] == '/') { while (*p && *p != '\n') p++; continue; }
      if (!*p || *p == '}') break;
      size_t k = 0;
      if (*p == '\'' || *p == '"') p++;
      while ((*p == '_' || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) && k + 1 < sizeof key) key[k++] = *p++;
      key[k] = 0;
      const char *b = strchr(p, '{'), *e = b ? strchr(b, '}') : 0;
      if (!k || !b || !e) break;
      char one[512], type[32] = "", desc[256] = "", def[128] = "";
      size_t l = (size_t)(e - b) < sizeof one - 1 ? (size_t)(e - b) : sizeof one - 1;
      memcpy(one, b, l);
      one[l] = 0;
      const char *t = strstr(one, "type:"), *ds = strstr(one, "description:"), *df = strstr(one, "default:");
      if (t) sscanf(t + 5, " '%31[^']'", type);
      if (ds) { const char *q = ds + 12; while (*q == ' ') q++; char qq = *q++; size_t m = 0; while (*q && *q != qq && m + 1 < sizeof desc) desc[m++] = *q++; desc[m] = 0; }
      if (df) { const char *q = df + 8; while (*q == ' ') q++; size_t m = 0; while (*q && *q != ',' && *q != '}' && m + 1 < sizeof def) def[m++] = *q++; while (m && def[m - 1] == ' ') m--; def[m] = 0; }
      printf("%-16s%s:%s (%s, default %s)\n", "parm:", key, desc, type, def);
      p = e + 1;
    }
  }
  return 0;
}
