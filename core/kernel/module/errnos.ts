// The errno values the module subsystem uses (EWOULDBLOCK is EAGAIN on Linux).
export { EBUSY, EEXIST, EINVAL, ENOENT, ENOEXEC, EPERM, EFAULT, EAGAIN as EWOULDBLOCK_, type Errno } from '../../abi/errno.js';
