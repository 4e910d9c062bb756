/*
 * kvstore's persistence on the first block device (kvlog.h has the format):
 * opening (format a blank disk, replay the log, report and cut a corrupt tail),
 * the group-commit thread, and compaction. Without a disk the store is memory only.
 */
#ifndef KVSTORE_STORE_H
#define KVSTORE_STORE_H

#include <stdint.h>

#include "cmd.h"
#include "kv.h"

/* Open the store into kv (already initialised), whose budget may be lowered to fit
 * the disk. Returns 0, or -1 after logging why the disk cannot be used. */
int store_open(struct kv *kv);

/* The log interface for cmd_ctx, or NULL when memory only. */
const struct cmd_log *store_log(void);

/* Wait until every record up to seq is on the disk. Returns 0, or -1 if the disk
 * failed (the writes must not be acknowledged). */
int store_wait(uint64_t seq);

/* The store clock in ms: continues from the log's last batch across restarts. */
int64_t store_now(void);

/* INFO's "persistence" section. */
void store_info(struct reply *text);

#endif
