/* exec family with PATH search, system(), popen(). */
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include <stdarg.h>
#include <stdio.h>
#include <errno.h>
#include <sys/wait.h>
#include <signal.h>
#include <fcntl.h>

int execv(const char *p, char *const a[]) { return execve(p, a, environ); }

int execvpe(const char *file, char *const argv[], char *const envp[]) {
  if (!*file) { errno = ENOENT; return -1; }
  if (strchr(file, '/')) return execve(file, argv, envp);
  const char *path = getenv("PATH");
  if (!path) path = "/bin:/usr/bin:/sbin:/usr/sbin";
  size_t fl = strlen(file);
  int seen_eacces = 0;
  for (const char *p = path;; ) {
    const char *e = strchrnul(p, ':');
    size_t dl = (size_t)(e - p);
    char buf[4096];
    if (dl + fl + 2 <= sizeof buf) {
      memcpy(buf, p, dl);
      if (dl) buf[dl++] = '/';
      memcpy(buf + dl, file, fl + 1);
      execve(buf, argv, envp);
      if (errno == ENOEXEC) {
        /* Run it as a shell script, as POSIX asks. */
        int n = 0;
        while (argv[n]) n++;
        char **nv = malloc(sizeof(char *) * (size_t)(n + 2));
        if (!nv) return -1;
        nv[0] = "sh";
        nv[1] = buf;
        for (int i = 1; i <= n; i++) nv[i + 1] = argv[i];
        execve("/bin/sh", nv, envp);
        free(nv);
        return -1;
      }
      if (errno == EACCES) seen_eacces = 1;
      else if (errno != ENOENT && errno != ENOTDIR) return -1;
    }
    if (!*e) break;
    p = e + 1;
  }
  errno = seen_eacces ? EACCES : ENOENT;
  return -1;
}

int execvp(const char *f, char *const a[]) { return execvpe(f, a, environ); }

static int execl_common(const char *p, const char *a0, va_list ap, int usepath) {
  char *argv[64];
  int n = 0;
  argv[n++] = (char *)a0;
  while (n < 63 && (argv[n] = va_arg(ap, char *))) n++;
  argv[n] = 0;
  return usepath ? execvp(p, argv) : execv(p, argv);
}
int execl(const char *p, const char *a0, ...) {
  va_list ap;
  va_start(ap, a0);
  int r = execl_common(p, a0, ap, 0);
  va_end(ap);
  return r;
}
int execlp(const char *p, const char *a0, ...) {
  va_list ap;
  va_start(ap, a0);
  int r = execl_common(p, a0, ap, 1);
  va_end(ap);
  return r;
}

int system(const char *cmd) {
  if (!cmd) return 1;
  pid_t pid = fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    execl("/bin/sh", "sh", "-c", cmd, (char *)0);
    _exit(127);
  }
  int st;
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return -1;
  return st;
}

static pid_t popen_pids[64];

FILE *popen(const char *cmd, const char *mode) {
  int fd[2];
  int rd = mode[0] == 'r';
  if (pipe2(fd, O_CLOEXEC) < 0) return 0;
  pid_t pid = fork();
  if (pid < 0) { close(fd[0]); close(fd[1]); return 0; }
  if (pid == 0) {
    dup2(fd[rd ? 1 : 0], rd ? 1 : 0);
    execl("/bin/sh", "sh", "-c", cmd, (char *)0);
    _exit(127);
  }
  close(fd[rd ? 1 : 0]);
  int mine = fd[rd ? 0 : 1];
  if (mine < 64) popen_pids[mine] = pid;
  return fdopen(mine, rd ? "r" : "w");
}

int pclose(FILE *f) {
  int fd = fileno(f), st;
  pid_t pid = fd < 64 ? popen_pids[fd] : -1;
  fclose(f);
  while (waitpid(pid, &st, 0) < 0)
    if (errno != EINTR) return -1;
  return st;
}
