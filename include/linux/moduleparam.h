/*
 * Kernel command-line parsing (kernel/params.c, mirrors Linux's
 * kernel/params.c and the parameter code of init/main.c).  Parameters are
 * registered with early_param() / __setup() from <linux/init.h>.
 *
 * Boot calls parse_early_param() before memory management starts (mem=,
 * loglevel=, memblock=...) and parse_late_param() once it is up; each pass
 * calls only its own kind of handler, and the late pass is the one that
 * warns about names nobody registered.
 */
#ifndef _LINUX_MODULEPARAM_H
#define _LINUX_MODULEPARAM_H

#include <linux/init.h>
#include <linux/types.h>

/* Longest command line kept, NUL included (Linux's x86 value). */
#define COMMAND_LINE_SIZE	2048

/*
 * Splits the first "param" or "param=value" off args, in place: NULs are
 * written into args, *param points at the name and *val at the value (NULL
 * when there is no '='; "" for "param=").  Leading whitespace is skipped;
 * double quotes group words and are removed, both as p="a b" and as
 * "p=a b".  Returns the rest of the line with its leading whitespace
 * skipped, which is "" at the end.
 */
char *next_arg(char *args, char **param, char **val);

/*
 * Runs the handlers in [start, stop) for every parameter in args (which is
 * modified: see next_arg).  early: call only early_param() handlers and
 * ignore all else silently; !early: call __setup() handlers, skip names
 * that only have early handlers, and warn about unknown names.  Either
 * pass warns when a handler rejects its value.  A bare "--" ends the
 * parsing.  doing names the pass in debug output.  Returns the number of
 * warnings printed.
 */
int parse_args(const char *doing, char *args,
	       const struct obs_kernel_param *const *start,
	       const struct obs_kernel_param *const *stop, bool early);

/*
 * Copy cmdline (truncated, with a warning, to COMMAND_LINE_SIZE - 1) into
 * a buffer of their own that lives forever, since handlers may keep
 * pointers into their values, then parse it against every registered
 * parameter.  Each call reuses its pass's buffer.  Return the number of
 * warnings printed.
 */
int parse_early_param(const char *cmdline);
int parse_late_param(const char *cmdline);

#endif /* _LINUX_MODULEPARAM_H */
