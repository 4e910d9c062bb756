/* Ending every domain at the operator's request (shutdown.c). */
#ifndef CORE_SHUTDOWN_H
#define CORE_SHUTDOWN_H

/* force = 0: ask the domains that listen to power off, end the others now;
 * force = 1: end them all now. */
void domains_shutdown_all(int force);

#endif
