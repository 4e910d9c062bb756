/* hyp/core/image.c: the arm64 Image header checks and the boot-protocol layout. */
#include <stdint.h>

#include "image.h"
#include "tap.h"

static unsigned char img[4096];

static void header(uint64_t text_offset, uint64_t image_size, uint64_t flags)
{
	memset(img, 0, sizeof(img));
	for (int i = 0; i < 8; i++) {
		img[8 + i] = (unsigned char)(text_offset >> (8 * i));
		img[16 + i] = (unsigned char)(image_size >> (8 * i));
		img[24 + i] = (unsigned char)(flags >> (8 * i));
	}
	memcpy(img + 56, "ARM\x64", 4);
}

int main(void)
{
	struct image_layout l;
	char err[160];

	header(0x80000, 0x30000, 0xa);
	is_int(image_layout(img, sizeof(img), 0, 4 << 20, &l, err, sizeof(err)), 0, "valid");
	is_int(l.kernel_off, 0x80000, "kernel at base + text_offset");
	is_int(l.dt_off, 0xb0000, "DT right after image_size (page aligned)");
	is_int(l.copy_size, sizeof(img), "copies the module, not image_size");
	is_int(l.ramdisk_off, 0, "no ramdisk");

	is_int(image_layout(img, sizeof(img), 0x5000, 4 << 20, &l, err, sizeof(err)), 0,
	       "with a ramdisk");
	ok(l.ramdisk_off >= l.dt_off + GUEST_DT_MAX && !(l.ramdisk_off & 0xfff),
	   "ramdisk after the DT");

	is_int(image_layout(img, sizeof(img), 0, 256 << 10, &l, err, sizeof(err)), -1,
	       "too little memory");
	ok(strstr(err, "more than \"memory\"") != NULL, "says so: %s", err);

	img[56] = 'X';
	is_int(image_layout(img, sizeof(img), 0, 4 << 20, &l, err, sizeof(err)), -1, "bad magic");
	ok(strstr(err, "no arm64 Image header") != NULL, "says so: %s", err);

	header(0x80000, 0x30000, 0x1);
	is_int(image_layout(img, sizeof(img), 0, 4 << 20, &l, err, sizeof(err)), -1,
	       "big-endian refused");
	header(0x80001, 0x30000, 0);
	is_int(image_layout(img, sizeof(img), 0, 4 << 20, &l, err, sizeof(err)), -1,
	       "unaligned text_offset refused");
	header(0x1000, 0, 0);
	is_int(image_layout(img, sizeof(img), 0, 4 << 20, &l, err, sizeof(err)), 0,
	       "image_size 0: old kernels");
	is_int(l.kernel_off, 0x80000, "... at the historical 0x80000");
	is_int(image_layout(img, 32, 0, 4 << 20, &l, err, sizeof(err)), -1, "shorter than a header");
	return done_testing();
}
