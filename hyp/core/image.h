/*
 * The arm64 boot protocol (Linux Documentation/arch/arm64/booting.rst) as the hyp
 * applies it to a domain: the Image header says where in the 2 MiB-aligned RAM base
 * the kernel goes (text_offset) and how much it occupies (image_size, with .bss);
 * the DT and an optional ramdisk go beyond that. Portable (unit-tested).
 */
#ifndef CORE_IMAGE_H
#define CORE_IMAGE_H

#include <stddef.h>
#include <stdint.h>

#define IMAGE_HEADER_SIZE	64
#define GUEST_DT_MAX		(64 * 1024)

struct image_layout {
	uint64_t text_offset, image_size;	/* from the header */
	uint64_t copy_size;			/* bytes of the module to copy */
	uint64_t kernel_off;			/* offsets from the RAM base */
	uint64_t dt_off;
	uint64_t ramdisk_off;			/* 0 if no ramdisk */
	uint64_t end;				/* first byte not used */
};

/* Check the header of an image of `size` bytes at `img` and place kernel, DT and
 * ramdisk in `mem` bytes of RAM. Returns 0, or -1 with a message in err (naming what
 * was wrong, without the domain: the caller adds it). */
int image_layout(const void *img, uint64_t size, uint64_t ramdisk_size, uint64_t mem,
		 struct image_layout *out, char *err, size_t errlen);

#endif
