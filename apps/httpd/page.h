#ifndef HTTPD_PAGE_H
#define HTTPD_PAGE_H

extern const char httpd_builtin_page[];
extern const unsigned long httpd_builtin_page_len;

#endif
