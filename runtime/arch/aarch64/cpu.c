/* CPU identification for sysinfo: MIDR_EL1 decoded from a table (data, not logic). */
#include <stddef.h>
#include <stdint.h>

#include <arch/regs.h>
#include <arch/cpu.h>

static const struct {
	uint8_t implementer;
	uint16_t part;
	const char *name;
} cpus[] = {
	{ 0x41, 0xd03, "Cortex-A53" }, { 0x41, 0xd04, "Cortex-A35" },
	{ 0x41, 0xd05, "Cortex-A55" }, { 0x41, 0xd07, "Cortex-A57" },
	{ 0x41, 0xd08, "Cortex-A72" }, { 0x41, 0xd09, "Cortex-A73" },
	{ 0x41, 0xd0a, "Cortex-A75" }, { 0x41, 0xd0b, "Cortex-A76" },
	{ 0x41, 0xd0c, "Neoverse-N1" }, { 0x41, 0xd40, "Neoverse-V1" },
	{ 0x41, 0xd49, "Neoverse-N2" }, { 0x41, 0xd4f, "Neoverse-V2" },
	{ 0x51, 0x051, "QEMU max" },
	{ 0x00, 0x051, "QEMU max" },
};

uint64_t cpu_midr(void)
{
	return read_sysreg(midr_el1);
}

const char *cpu_name(uint64_t midr)
{
	unsigned impl = (midr >> 24) & 0xff, part = (midr >> 4) & 0xfff;

	for (size_t i = 0; i < sizeof(cpus) / sizeof(cpus[0]); i++)
		if (cpus[i].implementer == impl && cpus[i].part == part)
			return cpus[i].name;
	return "unknown";
}

unsigned cpu_current_el(void)
{
	return (read_sysreg(CurrentEL) >> 2) & 3;
}
