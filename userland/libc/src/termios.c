/* termios over the TCGETS/TCSETS ioctls. */
#include <termios.h>
#include <sys/ioctl.h>
#include <errno.h>

int tcgetattr(int fd, struct termios *t) { return ioctl(fd, TCGETS, t); }
int tcsetattr(int fd, int act, const struct termios *t) {
  if (act < 0 || act > 2) { errno = EINVAL; return -1; }
  return ioctl(fd, TCSETS + act, t);
}
void cfmakeraw(struct termios *t) {
  t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
  t->c_oflag &= ~(tcflag_t)OPOST;
  t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
  t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
  t->c_cflag |= CS8;
  t->c_cc[VMIN] = 1;
  t->c_cc[VTIME] = 0;
}
speed_t cfgetospeed(const struct termios *t) { return t->c_cflag & 010017; }
int cfsetospeed(struct termios *t, speed_t s) { t->c_cflag = (t->c_cflag & ~(tcflag_t)010017) | s; return 0; }
int cfsetispeed(struct termios *t, speed_t s) { (void)t; (void)s; return 0; }
