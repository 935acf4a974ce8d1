/*
 * utests: every test program of tests/user/ in one static binary, as
 * busybox packs its applets.  glibc's static code is most of each
 * program, so one copy of it instead of one per program keeps the
 * initramfs small enough to unpack at mem=16M.
 *
 * make compiles each test NAME.c with -Dmain=NAME_main and lists the
 * names in build/user/utests-list.h (UTEST(ident, "name") lines); the
 * program run is the one named by argv[0]'s last component, so
 * /tests/NAME (a symbolic link to /bin/utests) runs NAME_main with the
 * arguments unchanged -- argv[0] stays the path it was run by.  Any
 * other name prints the list and exits 2.  The programs never call each
 * other: each keeps its globals static, so that linking them together
 * cannot clash.
 */
#include <stdio.h>
#include <string.h>

#define UTEST(ident, name)	int ident##_main(int argc, char **argv, char **envp);
#include "utests-list.h"
#undef UTEST

static const struct {
	const char *name;
	int (*main)(int argc, char **argv, char **envp);
} programs[] = {
#define UTEST(ident, name)	{ name, ident##_main },
#include "utests-list.h"
#undef UTEST
};

#define NR_PROGRAMS	(sizeof(programs) / sizeof(programs[0]))

static int usage(const char *name)
{
	unsigned int i;

	fprintf(stderr, "utests: no test program \"%s\"; usage: NAME [ARGS...], "
		"run through a link to utests named NAME, one of:", name);
	for (i = 0; i < NR_PROGRAMS; i++)
		fprintf(stderr, " %s", programs[i].name);
	fputc('\n', stderr);
	return 2;
}

int main(int argc, char **argv, char **envp)
{
	const char *name = argc > 0 && argv[0] ? argv[0] : "", *slash;
	unsigned int i;

	slash = strrchr(name, '/');
	if (slash)
		name = slash + 1;
	for (i = 0; i < NR_PROGRAMS; i++)
		if (!strcmp(name, programs[i].name))
			return programs[i].main(argc, argv, envp);
	return usage(name);
}
