/* The page httpd serves at / when no disk is attached: exactly 612 bytes, the size
 * of the page the benchmarks fetch (bench/services.sh), so they need no disk. */
#include "page.h"

const char httpd_builtin_page[] =
	"<!DOCTYPE html>\n"
	"<html>\n"
	"<head>\n"
	"<title>pvkit httpd</title>\n"
	"<style>body { font-family: sans-serif; max-width: 40em; margin: 2em auto; }</style>\n"
	"</head>\n"
	"<body>\n"
	"<h1>pvkit httpd</h1>\n"
	"<p>This page is built into the image: no disk is attached.</p>\n"
	"<p>To serve your own files, pack a directory with\n"
	"<code>tar --format=ustar -C DIR -cf site.img .</code>\n"
	"and attach <code>site.img</code> as the first block device\n"
	"(<code>scripts/qemu-run --disk site.img</code>).</p>\n"
	"<p>This page is 612 bytes, like the default page of nginx that web\n"
	"server benchmarks fetch, so the figures measured with it compare.</p>\n"
	"</body>\n"
	"</html>\n\n\n\n";
const unsigned long httpd_builtin_page_len = sizeof(httpd_builtin_page) - 1;
_Static_assert(sizeof(httpd_builtin_page) - 1 == 612, "the built-in page is 612 bytes");
