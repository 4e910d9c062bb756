/* CRC-32C (Castagnoli), the checksum of kvstore's log (portable). */
#ifndef KVSTORE_CRC32C_H
#define KVSTORE_CRC32C_H

#include <stddef.h>
#include <stdint.h>

/* Continue a CRC: crc32c(crc32c(0, a), b) == crc32c(0, a followed by b). */
uint32_t crc32c(uint32_t crc, const void *buf, size_t len);

#endif
