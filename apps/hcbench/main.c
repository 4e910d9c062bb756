/*
 * hcbench: times hypervisor operations with the virtual counter and prints one
 * machine-readable line per operation (docs/BENCH.md):
 *
 *   bench: <op> <median> ns min <min> max <max> rounds <r> iters <n>
 *   bench: <op> n/a <reason>
 *
 * Each operation runs one untimed warm-up round, then `rounds` rounds of `iters`
 * repetitions; a round's figure is its counter time divided by `iters`, less the
 * matching empty loop where the operation has one. Under QEMU -icount shift=0 one ns
 * is one guest instruction, so the figures are instructions per operation; without
 * -icount they are emulator wall-clock time. bench/run says which it asked for.
 *
 * Bootargs: iters=N (default 10000), rounds=R (default 5), floor (install the floor's
 * EL2 vectors first and measure only the traps: bench/floor/), ops=a,b (measure only
 * these; the others are not printed), pingpong=ping|pong peer=D (domain_switch's two
 * sides, pingpong.c: the pong side only answers).
 * `idle` instead: print "bench: idle cntpct=<physical counter>" and stay up doing nothing
 * (the density benchmark counts such domains; the physical counter is the machine's
 * since reset, the virtual one a hypervisor may offset per domain).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pvkit/pvkit.h>
#include "hcbench.h"

#define MAX_ROUNDS	64

static const struct op *const tables[] = { trap_ops, gic_ops, timer_ops, xen_ops, io_ops };

/*
 * A built-in command line, used when /chosen/bootargs is empty: Xen 4.17 keeps the
 * bootargs of at most 32 dom0less boot modules, so bench/suites/density.sh writes "idle"
 * after the marker in a copy of the image instead (Linux's CONFIG_CMDLINE, in spirit).
 */
#define BUILTIN_MARKER "hcbench-builtin-args:"
static const char builtin[96] __attribute__((used)) = BUILTIN_MARKER;

/* "key=value" or a bare "key" from the bootargs (or the built-in ones), into buf. */
const char *bench_arg(const char *key, char *buf, size_t len)
{
	const char *p = builtin + sizeof(BUILTIN_MARKER) - 1;
	size_t klen = strlen(key);

	if (pv_sysinfo()->bootargs[0])
		return pv_bootarg(key, buf, len);
	__asm__("" : "+r"(p));	/* the bytes may have been changed in the file */
	while (*p) {
		size_t n = strcspn(p, " ");

		if (n >= klen && !strncmp(p, key, klen) && (n == klen || p[klen] == '=')) {
			const char *val = n == klen ? p + n : p + klen + 1;
			size_t v = (size_t)(p + n - val);

			v = v < len - 1 ? v : len - 1;
			memcpy(buf, val, v);
			buf[v] = '\0';
			return buf;
		}
		p += n + strspn(p + n, " ");
	}
	return NULL;
}

static uint64_t bootarg_num(const char *key, uint64_t dflt, uint64_t max)
{
	char buf[24];
	uint64_t v;

	if (!bench_arg(key, buf, sizeof(buf)))
		return dflt;
	v = strtoull(buf, NULL, 0);
	return v >= 1 && v <= max ? v : dflt;
}

/* reg[index] address of the first node compatible with one of compat, or 0. */
static uint64_t dt_reg_addr(const void *fdt, const char *const *compat, int index)
{
	for (; *compat; compat++) {
		int node = fdt_node_offset_by_compatible(fdt, -1, *compat), len;

		if (node < 0)
			continue;
		int ac = fdt_address_cells(fdt, fdt_parent_offset(fdt, node));
		int sc = fdt_size_cells(fdt, fdt_parent_offset(fdt, node));
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (!reg || ac < 1 || ac > 2 || sc < 0 || sc > 2 ||
		    len < (int)((index + 1) * (ac + sc) * 4))
			return 0;
		reg += index * (ac + sc);
		return ac == 2 ? (uint64_t)fdt32_to_cpu(reg[0]) << 32 | fdt32_to_cpu(reg[1]) :
				 fdt32_to_cpu(reg[0]);
	}
	return 0;
}

static void find_devices(struct bench_env *env)
{
	static const char *const v3[] = { "arm,gic-v3", NULL };
	static const char *const v2[] = { "arm,cortex-a15-gic", "arm,gic-400", NULL };
	static const char *const virtio[] = { "virtio,mmio", NULL };
	const void *fdt = pv_sysinfo()->fdt;

	env->gic_version = pv_sysinfo()->gic_version;
	if (env->gic_version == 3) {
		env->gicd = dt_reg_addr(fdt, v3, 0);
	} else if (env->gic_version == 2) {
		env->gicd = dt_reg_addr(fdt, v2, 0);
		env->gicc = dt_reg_addr(fdt, v2, 1);
	}
	env->virtio_mmio = dt_reg_addr(fdt, virtio, 0);
}

static double per_op_ns(const struct op *op, uint64_t ctx, uint64_t n)
{
	uint64_t t0, t1, b0 = 0, b1 = 0;

	t0 = pv_counter();
	op->run(n, ctx);
	t1 = pv_counter();
	if (op->baseline) {
		b0 = pv_counter();
		op->baseline(n, ctx);
		b1 = pv_counter();
	}
	int64_t d = (int64_t)(t1 - t0) - (int64_t)(b1 - b0);

	return (double)d * 1e9 / (double)pv_counter_hz() / (double)n;
}

static void __attribute__((noreturn)) idle(void)
{
	uint64_t pct;

	__asm__ volatile("isb; mrs %0, cntpct_el0" : "=r"(pct));
	printf("bench: idle cntpct=%lu hz=%lu\n", (unsigned long)pct,
	       (unsigned long)pv_counter_hz());
	fflush(stdout);
	for (;;)
		pv_sleep_ms(60000);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Is op selected by the bootarg ops=a,b (all are when there is none)? */
static int selected(const char *name)
{
	char list[128];
	size_t n = strlen(name);

	if (!bench_arg("ops", list, sizeof(list)))
		return 1;
	for (const char *p = list; *p; p += strcspn(p, ","), p += *p == ',') {
		if (!strncmp(p, name, n) && (p[n] == ',' || !p[n]))
			return 1;
	}
	return 0;
}

static void measure(const struct op *op, const struct bench_env *env, uint64_t iters,
		    unsigned rounds)
{
	double v[MAX_ROUNDS];
	uint64_t ctx = 0;
	const char *why;

	if (env->floor && !op->trap)
		why = "the floor measures only the trap round trip (bare QEMU gives the rest)";
	else
		why = op->prepare(env, &ctx);
	if (why || !op->run) {
		printf("bench: %s n/a %s\n", op->name, why ? why : "not implemented");
		return;
	}
	per_op_ns(op, ctx, iters / 10 ? iters / 10 : 1);	/* warm-up: caches, TCG */
	for (unsigned r = 0; r < rounds; r++)
		v[r] = per_op_ns(op, ctx, iters);
	qsort(v, rounds, sizeof(v[0]), cmp_double);
	printf("bench: %s %.1f ns min %.1f max %.1f rounds %u iters %lu\n", op->name,
	       rounds % 2 ? v[rounds / 2] : (v[rounds / 2 - 1] + v[rounds / 2]) / 2,
	       v[0], v[rounds - 1], rounds, (unsigned long)iters);
}

int main(void)
{
	struct bench_env env = { .hv = pv_hypervisor() };
	uint64_t iters = bootarg_num("iters", 10000, 100000000);
	unsigned rounds = bootarg_num("rounds", 5, MAX_ROUNDS);
	const char *floor_error = NULL;
	char flag[8];

	if (bench_arg("idle", flag, sizeof(flag)))
		idle();
	if (bench_arg("pingpong", flag, sizeof(flag)) && !strcmp(flag, "pong") &&
	    bench_arg("peer", flag, sizeof(flag)))
		return pingpong_serve((unsigned)atoi(flag));
	find_devices(&env);
	printf("bench: start hcbench hypervisor=%s conduit=\"%s\" counter=%lu Hz gic=v%u\n",
	       env.hv->name, pv_conduit_name(), (unsigned long)pv_counter_hz(),
	       env.gic_version);
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct op *op = tables[t]; op->name; op++)
			if (selected(op->name))
				printf("bench-op: %s %s\n", op->name, op->what);

	if (bench_arg("floor", flag, sizeof(flag))) {
		floor_error = floor_install();
		env.floor = !floor_error;
	}
	for (size_t t = 0; t < sizeof(tables) / sizeof(tables[0]); t++)
		for (const struct op *op = tables[t]; op->name; op++) {
			if (!selected(op->name))
				continue;
			if (floor_error)
				printf("bench: %s n/a floor not installed: %s\n", op->name,
				       floor_error);
			else
				measure(op, &env, iters, rounds);
			fflush(stdout);
		}
	pingpong_finish();
	printf("bench: end\n");
	return 0;
}
