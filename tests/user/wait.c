/*
 * wait4 and waitpid return what the children's exit codes were: each
 * code a byte (0, 1, 255), several children each reaped once, a chosen
 * one by pid, WNOHANG while a child still runs, and ECHILD when there is
 * nothing to wait for.
 */
#include <sys/mman.h>
#include <time.h>
#include "ktap.h"

static int exit_code(void *arg)
{
	return (int)(long)arg;
}

static void test_codes(void)
{
	static const int codes[] = { 0, 1, 42, 255 };
	int i;

	for (i = 0; i < KTAP_N(codes); i++)
		EXPECT(exited_with(run_child(exit_code, (void *)(long)codes[i]),
				   codes[i]));
}

static pid_t spawn(int code)
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		_exit(code);
	return pid;
}

/* Five children, reaped in any order by wait4(-1): each code once. */
static void test_several(void)
{
	pid_t pids[5], pid;
	int i, j, status, seen = 0;

	for (i = 0; i < 5; i++)
		pids[i] = spawn(10 + i);
	for (i = 0; i < 5; i++) {
		pid = wait4(-1, &status, 0, NULL);
		for (j = 0; j < 5 && pids[j] != pid; j++)
			;
		if (!EXPECT(j < 5 && WIFEXITED(status) &&
			    WEXITSTATUS(status) == 10 + j))
			continue;
		seen |= 1 << j;
	}
	EXPECT(seen == 0x1f);
	EXPECT(wait4(-1, &status, 0, NULL) == -1 && errno == ECHILD);
}

/* waitpid of the last of three takes that one; the others stay. */
static void test_by_pid(void)
{
	pid_t a = spawn(1), b = spawn(2), c = spawn(3);
	int status;

	EXPECT(waitpid(c, &status, 0) == c && WEXITSTATUS(status) == 3);
	EXPECT(waitpid(a, &status, 0) == a && WEXITSTATUS(status) == 1);
	EXPECT(waitpid(b, NULL, 0) == b);
}

/* A child waiting for a flag in a shared page: WNOHANG returns 0. */
static void test_wnohang(void)
{
	struct timespec ms = { 0, 1000000 };
	volatile int *flag = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int status, i;
	pid_t pid;

	if (!EXPECT(flag != MAP_FAILED))
		return;
	*flag = 0;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		for (i = 0; i < 10000 && !*flag; i++)
			nanosleep(&ms, NULL);
		_exit(5);
	}
	EXPECT(wait4(pid, &status, WNOHANG, NULL) == 0);
	*flag = 1;
	EXPECT(wait4(pid, &status, 0, NULL) == pid && WEXITSTATUS(status) == 5);
	munmap((void *)flag, PAGE);
}

/* An exited child (a zombie until then) is there for WNOHANG. */
static void test_wnohang_zombie(void)
{
	struct timespec ms = { 0, 1000000 };
	pid_t pid = spawn(6), got = 0;
	int status = 0, i;

	for (i = 0; i < 10000 && !got; i++) {
		got = wait4(pid, &status, WNOHANG, NULL);
		if (!got)
			nanosleep(&ms, NULL);
	}
	EXPECT(got == pid && WIFEXITED(status) && WEXITSTATUS(status) == 6);
}

static void test_echild(void)
{
	int status;

	errno = 0;
	EXPECT(wait4(-1, &status, 0, NULL) == -1 && errno == ECHILD);
	errno = 0;
	EXPECT(wait4(-1, &status, WNOHANG, NULL) == -1 && errno == ECHILD);
	errno = 0;
	EXPECT(waitpid(1, &status, 0) == -1 && errno == ECHILD);	/* not ours */
	errno = 0;
	EXPECT(waitpid(getpid(), &status, 0) == -1 && errno == ECHILD);
}

static const struct ktap_case cases[] = {
	{ "exit codes 0, 1, 42 and 255 come back", test_codes },
	{ "five children: each reaped once with its code", test_several },
	{ "waitpid of one pid takes that child", test_by_pid },
	{ "WNOHANG with a running child returns 0", test_wnohang },
	{ "WNOHANG returns a child that has exited", test_wnohang_zombie },
	{ "ECHILD with no children, or for a pid not ours", test_echild },
};

int main(void)
{
	return ktap_run(cases, KTAP_N(cases));
}
