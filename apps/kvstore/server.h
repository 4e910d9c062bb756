/* kvstore's network side: the listener and one thread per client (server.c). */
#ifndef KVSTORE_SERVER_H
#define KVSTORE_SERVER_H

#include "cmd.h"
#include "kv.h"

struct server_conf {
	unsigned port, maxclients;
	struct cmd_limits lim;
};

/* Accept clients forever. Returns only if the listener cannot be set up (-1). */
int server_run(struct kv *kv, const struct server_conf *conf);

#endif
