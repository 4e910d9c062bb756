/* The errno values the drivers the hyp links (drivers/virtio) return, with the numbers
 * Linux and picolibc use, so a message reads the same in a guest and in the hyp. */
#ifndef HYP_ERRNO_H
#define HYP_ERRNO_H

#define EIO		5
#define EAGAIN		11
#define ENOMEM		12
#define EBUSY		16
#define ENODEV		19
#define EINVAL		22
#define ENOSPC		28
#define EROFS		30
#define ENOSYS		38

#endif
