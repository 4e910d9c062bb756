# lib/: portable code shared by the runtime and the hyp (and built for the host tests).
rt-y += lib/fmt.c lib/esr.c lib/symtab.c lib/dt.c lib/string.c

$(RT_OUT)/lib/string.o: TARGET_CFLAGS += -fno-tree-loop-distribute-patterns -fno-builtin
$(RT_OUT)/lib/string.o: RT_OPT = -O2
