/*
 * pvkit — the application API. An application includes this one header, defines
 * main(), and links with the runtime (mk/pvkit.mk). Everything here works the same on
 * bare QEMU, the pvkit hyp, Xen and KVM: the runtime discovers which at boot.
 */
#ifndef PVKIT_PVKIT_H
#define PVKIT_PVKIT_H

#include <pvkit/console.h>
#include <pvkit/exit.h>
#include <pvkit/hypervisor.h>
#include <pvkit/log.h>
#include <pvkit/smp.h>
#include <pvkit/sysinfo.h>
#include <pvkit/thread.h>
#include <pvkit/time.h>

#endif
