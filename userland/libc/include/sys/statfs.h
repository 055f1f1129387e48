/* statfs (asm-generic 64-bit layout). */
#ifndef _SYS_STATFS_H
#define _SYS_STATFS_H
struct statfs {
  long f_type, f_bsize;
  unsigned long f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  struct { int val[2]; } f_fsid;
  long f_namelen, f_frsize, f_flags, f_spare[4];
};
int statfs(const char *, struct statfs *);
int fstatfs(int, struct statfs *);
#endif
