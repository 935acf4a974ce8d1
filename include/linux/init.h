/*
 * Boot-only code and data, and kernel command-line parameters.
 *
 * A parameter is registered with early_param("name", fn) (handled by
 * parse_early_param() before memory management starts: mem=, loglevel=,
 * memblock=) or __setup("name", fn) (handled later by parse_args()).  Unlike
 * Linux, both take the bare name (no trailing '=') and both handlers have one
 * contract: fn(val) gets the text after '=' or NULL when there was none, and
 * returns 0 when it used the value, -ERANGE when it refused a well-formed
 * value after printing one line that says why ("loglevel=99: out of range
 * (0-8), ignored"), or another negative errno (-EINVAL) when the value is
 * malformed, which the parser reports ("Malformed kernel command line
 * parameter") and ignores.  Either way the bad word gets exactly one line.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define __init		__section(".init.text")
#define __initdata	__section(".init.data")

struct obs_kernel_param {
	const char *str;
	int (*setup_func)(char *val);
	bool early;
};

/* Pointers, not structs, go in the section: sanitizers pad globals. */
#define __setup_param(name, unique, fn, is_early)			\
	static const struct obs_kernel_param __setup_##unique = {	\
		.str = name, .setup_func = fn, .early = is_early };	\
	static const struct obs_kernel_param *const __setup_ptr_##unique \
		__used __section("kparam_setup") = &__setup_##unique

#define __setup(name, fn)	__setup_param(name, fn, fn, false)
#define early_param(name, fn)	__setup_param(name, fn, fn, true)

extern const struct obs_kernel_param *const __start_kparam_setup[];
extern const struct obs_kernel_param *const __stop_kparam_setup[];

#endif /* _LINUX_INIT_H */
