/* kvstore's log record and superblock codec (kvlog.h). All integers little-endian. */
#include <string.h>

#include "crc32c.h"
#include "kvlog.h"

#define REC_MAGIC	0x564bu		/* "KV" */
#define SUPER_MAGIC	"PVKVLOG1"
#define SUPER_VERSION	1u

/* Record header: magic u16, type u8, flags u8 (0), gen u32, klen u32, vlen u32,
 * time i64, reserved u32 (0), crc u32. */
enum { H_MAGIC = 0, H_TYPE = 2, H_FLAGS = 3, H_GEN = 4, H_KLEN = 8, H_VLEN = 12,
       H_TIME = 16, H_RSVD = 24, H_CRC = 28 };

static void put16(unsigned char *p, uint16_t v) { p[0] = (unsigned char)v; p[1] = (unsigned char)(v >> 8); }
static void put32(unsigned char *p, uint32_t v) { for (int i = 0; i < 4; i++) p[i] = (unsigned char)(v >> (8 * i)); }
static void put64(unsigned char *p, uint64_t v) { for (int i = 0; i < 8; i++) p[i] = (unsigned char)(v >> (8 * i)); }
static uint16_t get16(const unsigned char *p) { return (uint16_t)(p[0] | p[1] << 8); }
static uint32_t get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}
static uint64_t get64(const unsigned char *p) { return (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32; }

size_t kvlog_size(const struct kvlog_rec *r)
{
	return KVLOG_HDR + r->klen + r->vlen;
}

uint32_t kvlog_seed(uint32_t gen)
{
	return gen * 0x9e3779b9u ^ 0x5eed5eedu;
}

static uint32_t rec_crc(uint32_t chain, const unsigned char *hdr, const void *key,
			size_t klen, const void *val, size_t vlen)
{
	uint32_t c = crc32c(chain, hdr, H_CRC);

	c = crc32c(c, key, klen);
	return crc32c(c, val, vlen);
}

void kvlog_encode(unsigned char *dst, uint32_t gen, uint32_t *chain,
		  const struct kvlog_rec *r)
{
	put16(dst + H_MAGIC, REC_MAGIC);
	dst[H_TYPE] = (unsigned char)r->type;
	dst[H_FLAGS] = 0;
	put32(dst + H_GEN, gen);
	put32(dst + H_KLEN, r->klen);
	put32(dst + H_VLEN, r->vlen);
	put64(dst + H_TIME, (uint64_t)r->time);
	put32(dst + H_RSVD, 0);
	if (r->klen)
		memcpy(dst + KVLOG_HDR, r->key, r->klen);
	if (r->vlen)
		memcpy(dst + KVLOG_HDR + r->klen, r->val, r->vlen);
	*chain = rec_crc(*chain, dst, dst + KVLOG_HDR, r->klen, dst + KVLOG_HDR + r->klen,
			 r->vlen);
	put32(dst + H_CRC, *chain);
}

long kvlog_reseal(unsigned char *buf, size_t len, uint32_t gen, uint32_t *chain)
{
	size_t pos = 0;
	long n = 0;

	while (pos < len) {
		unsigned char *h = buf + pos;
		size_t klen, vlen;

		if (len - pos < KVLOG_HDR)
			return -1;
		klen = get32(h + H_KLEN);
		vlen = get32(h + H_VLEN);
		if (len - pos - KVLOG_HDR < klen + vlen)
			return -1;
		put32(h + H_GEN, gen);
		*chain = rec_crc(*chain, h, h + KVLOG_HDR, klen, h + KVLOG_HDR + klen, vlen);
		put32(h + H_CRC, *chain);
		pos += KVLOG_HDR + klen + vlen;
		n++;
	}
	return n;
}

enum kvlog_res kvlog_decode(const unsigned char *buf, size_t len, uint32_t gen,
			    uint32_t *chain, size_t max_key, size_t max_val,
			    struct kvlog_rec *r, size_t *used, const char **why)
{
	uint32_t klen, vlen, crc;
	unsigned type;

	if (len && buf[0] == 0)
		return KVLOG_PAD;
	if (len < KVLOG_HDR)
		return KVLOG_MORE;
	if (get16(buf + H_MAGIC) != REC_MAGIC || get32(buf + H_GEN) != gen)
		return KVLOG_END;
	type = buf[H_TYPE];
	klen = get32(buf + H_KLEN);
	vlen = get32(buf + H_VLEN);
	if (type < KVLOG_SET || type > KVLOG_APPEND || buf[H_FLAGS] || get32(buf + H_RSVD)) {
		*why = "unknown record type or nonzero reserved fields";
		return KVLOG_CORRUPT;
	}
	if (klen > max_key || vlen > max_val) {
		*why = "key or value length over the configured maximum";
		return KVLOG_CORRUPT;
	}
	if (len - KVLOG_HDR < (size_t)klen + vlen)
		return KVLOG_MORE;
	crc = rec_crc(*chain, buf, buf + KVLOG_HDR, klen, buf + KVLOG_HDR + klen, vlen);
	if (crc != get32(buf + H_CRC)) {
		*why = "checksum mismatch";
		return KVLOG_CORRUPT;
	}
	r->type = (enum kvlog_type)type;
	r->klen = klen;
	r->vlen = vlen;
	r->key = (const char *)buf + KVLOG_HDR;
	r->val = (const char *)buf + KVLOG_HDR + klen;
	r->time = (int64_t)get64(buf + H_TIME);
	*used = KVLOG_HDR + (size_t)klen + vlen;
	*chain = crc;
	return KVLOG_OK;
}

/* Superblock: magic[8], version u32, gen u32, region u32, reserved u32,
 * disk_sectors u64, region_sectors u64, crc u32 over the preceding 40 bytes; the
 * rest of the sector is zero. */
enum { S_MAGIC = 0, S_VERSION = 8, S_GEN = 12, S_REGION = 16, S_RSVD = 20,
       S_DISK = 24, S_RSEC = 32, S_CRC = 40 };

void kvlog_super_layout(struct kvlog_super *s, uint64_t disk_sectors)
{
	s->disk_sectors = disk_sectors;
	s->region_sectors = (disk_sectors - KVLOG_REGION0) / 2;
}

uint64_t kvlog_region_start(const struct kvlog_super *s, uint32_t region)
{
	return KVLOG_REGION0 + (region ? s->region_sectors : 0);
}

void kvlog_super_encode(unsigned char blk[KVLOG_SECTOR], const struct kvlog_super *s)
{
	memset(blk, 0, KVLOG_SECTOR);
	memcpy(blk + S_MAGIC, SUPER_MAGIC, 8);
	put32(blk + S_VERSION, SUPER_VERSION);
	put32(blk + S_GEN, s->gen);
	put32(blk + S_REGION, s->region);
	put64(blk + S_DISK, s->disk_sectors);
	put64(blk + S_RSEC, s->region_sectors);
	put32(blk + S_CRC, crc32c(0, blk, S_CRC));
}

enum kvlog_super_res kvlog_super_decode(const unsigned char blk[KVLOG_SECTOR],
					struct kvlog_super *s)
{
	int zero = 1;

	for (size_t i = 0; i < KVLOG_SECTOR; i++)
		zero &= blk[i] == 0;
	if (zero)
		return KVLOG_SUPER_BLANK;
	if (memcmp(blk + S_MAGIC, SUPER_MAGIC, 8) || get32(blk + S_VERSION) != SUPER_VERSION ||
	    get32(blk + S_CRC) != crc32c(0, blk, S_CRC))
		return KVLOG_SUPER_BAD;
	s->gen = get32(blk + S_GEN);
	s->region = get32(blk + S_REGION);
	s->disk_sectors = get64(blk + S_DISK);
	s->region_sectors = get64(blk + S_RSEC);
	if (!s->gen || s->region > 1 || s->disk_sectors < KVLOG_MIN_SECTORS ||
	    s->region_sectors != (s->disk_sectors - KVLOG_REGION0) / 2)
		return KVLOG_SUPER_BAD;
	return KVLOG_SUPER_OK;
}
