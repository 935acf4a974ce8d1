/* Host test runner: the kernel's ktest runner, KTAP on stdout. */
#include <linux/ktest.h>

int main(int argc, char **argv)
{
	return ktest_run_all(argc > 1 ? argv[1] : NULL) ? 1 : 0;
}
