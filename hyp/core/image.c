#include "image.h"

#include <string.h>

#include "fmt.h"

static uint64_t le64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static uint64_t align_up(uint64_t v, uint64_t a)
{
	return (v + a - 1) & ~(a - 1);
}

int image_layout(const void *img, uint64_t size, uint64_t ramdisk_size, uint64_t mem,
		 struct image_layout *out, char *err, size_t errlen)
{
	const unsigned char *h = img;

	memset(out, 0, sizeof(*out));
	if (size < IMAGE_HEADER_SIZE || memcmp(h + 56, "ARM\x64", 4)) {
		fmt_snprintf(err, errlen, "no arm64 Image header (magic \"ARM\\x64\" at offset 56)");
		return -1;
	}
	out->text_offset = le64(h + 8);
	out->image_size = le64(h + 16);
	if (out->image_size == 0) {	/* pre-3.17 Linux: offset 0x80000, size unknown */
		out->text_offset = 0x80000;
		out->image_size = size;
	}
	if (le64(h + 24) & 1) {
		fmt_snprintf(err, errlen, "Image header flags %#lx: big-endian kernels are not "
			     "supported", (unsigned long)le64(h + 24));
		return -1;
	}
	if (out->text_offset & 0xfff || out->text_offset >= (2UL << 20) * 512) {
		fmt_snprintf(err, errlen, "Image header text_offset %#lx is not a page-aligned "
			     "offset below 1 GiB", (unsigned long)out->text_offset);
		return -1;
	}
	if (out->image_size > (1UL << 40)) {
		fmt_snprintf(err, errlen, "Image header image_size %#lx is absurd",
			     (unsigned long)out->image_size);
		return -1;
	}
	/* A module "reg" may be a slot larger than the file: what lies beyond
	 * image_size is not the kernel's. */
	out->copy_size = size < out->image_size ? size : out->image_size;
	out->kernel_off = out->text_offset;
	out->dt_off = align_up(out->kernel_off + out->image_size, 4096);
	out->end = out->dt_off + GUEST_DT_MAX;
	if (ramdisk_size) {
		out->ramdisk_off = align_up(out->end, 4096);
		out->end = out->ramdisk_off + ramdisk_size;
	}
	if (out->end > mem) {
		fmt_snprintf(err, errlen, "the image (text_offset %#lx + image_size %#lx), its DT "
			     "and ramdisk need %lu KiB, more than \"memory\" (%lu KiB)",
			     (unsigned long)out->text_offset, (unsigned long)out->image_size,
			     (unsigned long)(out->end + 1023) / 1024, (unsigned long)mem / 1024);
		return -1;
	}
	return 0;
}
