/* Signal numbers, Linux's i386 values (include/uapi/asm-generic/signal.h). */
#ifndef _LINUX_SIGNAL_H
#define _LINUX_SIGNAL_H

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGSEGV		11
#define SIGPIPE		13
#define SIGTERM		15
#define SIGCHLD		17

#endif /* _LINUX_SIGNAL_H */
