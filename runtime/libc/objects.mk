# The libc glue is chosen by linking one file or the other, never by #ifdef.
rt-y += runtime/libc/common.c runtime/libc/$(LIBC).c
