/*
 * kvstore's disk format (docs/APPS.md has the picture). Portable: the codec is
 * unit-tested and fuzzed on the host; store.c does the I/O.
 *
 * Disk: sectors 0 and 1 hold two copies of the superblock, written alternately
 * (sector gen % 2), so a torn superblock write leaves the other copy; the valid one
 * with the higher generation wins. Sectors from KVLOG_REGION0 on are split into two
 * equal regions; the active log lives in one, and compaction writes the live data
 * as a new log (generation + 1) into the other before switching the superblock.
 *
 * Log: records back to back from the region's start. Each group commit (batch)
 * starts on a sector boundary and is padded with zeros to the next one, so a
 * write never touches a sector holding acknowledged records. Every record carries
 * its generation and a CRC-32C chained from the previous record's (the first from
 * a seed derived from the generation): a record left over from an older log, or from
 * an interrupted batch whose predecessor was since rewritten, never validates.
 */
#ifndef KVSTORE_KVLOG_H
#define KVSTORE_KVLOG_H

#include <stddef.h>
#include <stdint.h>

#define KVLOG_SECTOR		512
#define KVLOG_HDR		32	/* bytes of a record header */
#define KVLOG_REGION0		8	/* first sector of region 0 */
#define KVLOG_MIN_SECTORS	(KVLOG_REGION0 + 2 * 64)	/* 64 KiB: the smallest disk */

enum kvlog_type {
	KVLOG_SET = 1,		/* key, value, time = expiry (0: none) */
	KVLOG_DEL = 2,		/* key */
	KVLOG_EXPIRE = 3,	/* key, time = new expiry (0: persist) */
	KVLOG_FLUSHALL = 4,	/* no key */
	KVLOG_CLOCK = 5,	/* time = the store clock when the batch was written */
	KVLOG_APPEND = 6,	/* key, value = bytes appended, time = the length after:
				 * replay skips it when the value is already that long */
};

struct kvlog_rec {
	enum kvlog_type type;
	const char *key;
	uint32_t klen;
	const char *val;
	uint32_t vlen;
	int64_t time;
};

/* Bytes the record takes in the log. */
size_t kvlog_size(const struct kvlog_rec *r);

/* Write r at dst (kvlog_size bytes) as a record of generation gen; *chain is the
 * previous record's CRC on entry and this one's on return. */
void kvlog_encode(unsigned char *dst, uint32_t gen, uint32_t *chain,
		  const struct kvlog_rec *r);

/* Give the records encoded back to back in buf[0..len) generation gen and chain
 * them from *chain (updated): records are queued before it is known which log
 * they will land in, and sealed when a batch is written. Returns the number of
 * records, or -1 if buf does not hold whole records. */
long kvlog_reseal(unsigned char *buf, size_t len, uint32_t gen, uint32_t *chain);

/* The chain value before a generation's first record. */
uint32_t kvlog_seed(uint32_t gen);

enum kvlog_res {
	KVLOG_OK,	/* *r decoded (pointing into buf), *used bytes; chain = r's CRC */
	KVLOG_MORE,	/* buf ends before the record does: supply more bytes */
	KVLOG_PAD,	/* a zero byte where a record would start: batch padding */
	KVLOG_END,	/* not a record of this generation: the log ends here */
	KVLOG_CORRUPT,	/* a record of this generation that fails its checks (*why) */
};

/* Decode the record at buf[0..len). Keys over max_key and values over max_val are
 * corrupt. On KVLOG_OK, *chain is advanced. */
enum kvlog_res kvlog_decode(const unsigned char *buf, size_t len, uint32_t gen,
			    uint32_t *chain, size_t max_key, size_t max_val,
			    struct kvlog_rec *r, size_t *used, const char **why);

struct kvlog_super {
	uint32_t gen;			/* the active log's generation (>= 1) */
	uint32_t region;		/* 0 or 1: where it lives */
	uint64_t disk_sectors;		/* size when formatted */
	uint64_t region_sectors;	/* each region's size */
};

enum kvlog_super_res { KVLOG_SUPER_OK, KVLOG_SUPER_BLANK, KVLOG_SUPER_BAD };

void kvlog_super_encode(unsigned char blk[KVLOG_SECTOR], const struct kvlog_super *s);
/* BLANK: the sector is all zeros. BAD: anything else that is not a valid
 * superblock (wrong magic, version, checksum or impossible geometry). */
enum kvlog_super_res kvlog_super_decode(const unsigned char blk[KVLOG_SECTOR],
					struct kvlog_super *s);
/* The geometry for a disk of this many sectors (>= KVLOG_MIN_SECTORS). */
void kvlog_super_layout(struct kvlog_super *s, uint64_t disk_sectors);
/* First sector of a region. */
uint64_t kvlog_region_start(const struct kvlog_super *s, uint32_t region);

#endif
