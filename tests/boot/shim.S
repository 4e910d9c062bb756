/* A stand-in boot loader for the bad-input tests: enters the image at IMAGE_ADDR with
 * x0 = DTB_ADDR (0 for "no device tree"), as the arm64 boot protocol would. */
	.text
	.globl	_start
_start:
	ldr	x0, dtb
	ldr	x1, image
	mov	x2, xzr
	mov	x3, xzr
	br	x1
	.balign	8
dtb:	.quad	DTB_ADDR
image:	.quad	IMAGE_ADDR
