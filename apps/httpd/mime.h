/* Content-Type by file name extension (portable). */
#ifndef HTTPD_MIME_H
#define HTTPD_MIME_H

/* The media type for path's extension (case-insensitive), with "; charset=utf-8" for
 * text; "application/octet-stream" when the extension is unknown or missing. */
const char *mime_type(const char *path);

#endif
