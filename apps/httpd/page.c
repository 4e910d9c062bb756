/* The page httpd serves at / when no disk is attached. */
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
	"</body>\n"
	"</html>\n";
const unsigned long httpd_builtin_page_len = sizeof(httpd_builtin_page) - 1;
