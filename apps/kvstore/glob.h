/* Glob matching for KEYS, binary-safe (portable). */
#ifndef KVSTORE_GLOB_H
#define KVSTORE_GLOB_H

#include <stddef.h>

/* 1 if s matches pattern: '*' any run, '?' one byte, "[abc]", "[^a-z]" classes,
 * '\' takes the next byte literally. Linear space, no recursion: with one
 * backtracking point (the last '*'), a hostile pattern costs O(len(p) * len(s)). */
int glob_match(const char *pat, size_t plen, const char *s, size_t slen);

#endif
