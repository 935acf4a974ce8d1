/*
 * Kernel command-line parameters: splitting the line into words and
 * dispatching them to the early_param() / __setup() handlers (mirrors
 * Linux's kernel/params.c: next_arg, parse_args, and init/main.c:
 * parse_early_param, do_early_param, obsolete_checksetup).
 *
 * The line is parsed twice over the same table: once before memory
 * management exists, calling only early handlers, and once later, calling
 * the rest.  So that one bad word produces one line, only the late pass
 * reports unknown names; a handler that rejects its value is reported by
 * the pass that called it, or by the handler itself when it returns
 * -ERANGE (see <linux/init.h>).
 */
#include <linux/ctype.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/moduleparam.h>
#include <linux/string.h>

static char *skip_spaces(char *s)
{
	while (isspace(*s))
		s++;
	return s;
}

char *next_arg(char *args, char **param, char **val)
{
	bool in_quote = false, quoted = false;
	char *equals = NULL, *end;

	args = skip_spaces(args);
	if (*args == '"') {
		args++;
		in_quote = quoted = true;
	}
	for (end = args; *end; end++) {
		if (isspace(*end) && !in_quote)
			break;
		if (!equals && *end == '=')
			equals = end;
		if (*end == '"')
			in_quote = !in_quote;
	}

	*param = args;
	*val = NULL;
	if (equals) {
		*equals = '\0';
		*val = equals + 1;
		/* p="a b": drop the quotes around the value. */
		if (**val == '"') {
			(*val)++;
			if (end > *val && end[-1] == '"')
				end[-1] = '\0';
		}
	}
	/* "p=a b": the closing quote ends the word. */
	if (quoted && end > args && end[-1] == '"')
		end[-1] = '\0';

	if (*end)
		*end++ = '\0';
	return skip_spaces(end);
}

/*
 * Calls every handler for name param of the kind this pass wants.
 * Returns 1 if a warning was printed (unknown name in the late pass, a
 * malformed value, or a handler's own -ERANGE line), else 0.
 */
static int handle_param(char *param, char *val,
			const struct obs_kernel_param *const *start,
			const struct obs_kernel_param *const *stop, bool early)
{
	const struct obs_kernel_param *const *p;
	bool known = false, malformed = false, refused = false;
	int ret;

	for (p = start; p < stop; p++) {
		if (strcmp((*p)->str, param) != 0)
			continue;
		known = true;
		if ((*p)->early != early || !(*p)->setup_func)
			continue;
		ret = (*p)->setup_func(val);
		if (ret == -ERANGE)
			refused = true;
		else if (ret < 0)
			malformed = true;
	}

	if (refused && !malformed)
		return 1;
	if (malformed) {
		if (val)
			pr_warn("Malformed kernel command line parameter \"%s=%s\", ignored\n",
				param, val);
		else
			pr_warn("Malformed kernel command line parameter \"%s\", ignored\n",
				param);
		return 1;
	}
	if (known || early)
		return 0;
	if (val)
		pr_warn("Unknown kernel command line parameter \"%s=%s\", ignored\n",
			param, val);
	else
		pr_warn("Unknown kernel command line parameter \"%s\", ignored\n",
			param);
	return 1;
}

int parse_args(const char *doing, char *args,
	       const struct obs_kernel_param *const *start,
	       const struct obs_kernel_param *const *stop, bool early)
{
	char *param, *val;
	int warnings = 0;

	args = skip_spaces(args);
	while (*args) {
		args = next_arg(args, &param, &val);
		/* As in Linux, what follows "--" is not for the kernel. */
		if (!val && strcmp(param, "--") == 0) {
			pr_debug("%s: stopped at \"--\"\n", doing);
			break;
		}
		/* A lone "" is an empty word, not a parameter. */
		if (!*param && !val)
			continue;
		warnings += handle_param(param, val, start, stop, early);
	}
	return warnings;
}

/*
 * Each pass parses its own copy: next_arg() writes NULs into the line,
 * and handlers may keep pointers into their values (selftest=..., say),
 * so neither buffer may be freed or reused by the other pass.
 */
static char early_command_line[COMMAND_LINE_SIZE];
static char late_command_line[COMMAND_LINE_SIZE];

/* Copies cmdline into buf; returns 1 if it had to truncate (and said so). */
static int copy_command_line(char *buf, const char *cmdline,
			     const char *doing)
{
	size_t len = strlcpy(buf, cmdline ? cmdline : "", COMMAND_LINE_SIZE);

	if (len < COMMAND_LINE_SIZE)
		return 0;
	pr_warn("cmdline: %s: command line is %zu bytes, truncated to %d\n",
		doing, len, COMMAND_LINE_SIZE - 1);
	return 1;
}

int parse_early_param(const char *cmdline)
{
	int warnings;

	warnings = copy_command_line(early_command_line, cmdline,
				     "early options");
	return warnings + parse_args("early options", early_command_line,
				     __start_kparam_setup, __stop_kparam_setup,
				     true);
}

int parse_late_param(const char *cmdline)
{
	int warnings;

	warnings = copy_command_line(late_command_line, cmdline,
				     "Booting kernel");
	return warnings + parse_args("Booting kernel", late_command_line,
				     __start_kparam_setup, __stop_kparam_setup,
				     false);
}
