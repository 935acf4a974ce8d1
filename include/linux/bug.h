/*
 * Two tiers of checks, as Linux: BUG() for corruption that cannot be
 * survived (oops, then halt), WARN() for misuse that can (report with a
 * stack trace, carry on).  Both print file:line and the caller chain.
 */
#ifndef _LINUX_BUG_H
#define _LINUX_BUG_H

#include <linux/compiler.h>

void __bug(const char *file, int line);
void __warn(const char *file, int line, const char *cond);

/*
 * The ud2 sits at the BUG() site, as in Linux, so the oops that follows
 * names the function that hit the BUG as its EIP.
 */
#define BUG() do {							\
	__bug(__FILE__, __LINE__);					\
	__asm__ __volatile__("ud2");					\
	__builtin_unreachable();					\
} while (0)
#define BUG_ON(cond)	do { if (unlikely(cond)) BUG(); } while (0)

#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (unlikely(__ret_warn))					\
		__warn(__FILE__, __LINE__, #cond);			\
	unlikely(__ret_warn);						\
})

#define WARN_ON_ONCE(cond) ({						\
	static bool __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (unlikely(__ret_warn_once) && !__warned) {			\
		__warned = true;					\
		__warn(__FILE__, __LINE__, #cond);			\
	}								\
	unlikely(__ret_warn_once);					\
})

/* WARN(cond, fmt, ...): the message first, then the usual report. */
#define WARN(cond, fmt, ...) ({						\
	int __ret_warn_fmt = !!(cond);					\
	if (unlikely(__ret_warn_fmt)) {					\
		printk(KERN_WARNING fmt, ##__VA_ARGS__);		\
		__warn(__FILE__, __LINE__, #cond);			\
	}								\
	unlikely(__ret_warn_fmt);					\
})

#define BUILD_BUG_ON(cond)	_Static_assert(!(cond), "BUILD_BUG_ON(" #cond ")")

#endif /* _LINUX_BUG_H */
