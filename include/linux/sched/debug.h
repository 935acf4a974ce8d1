/* Stack dumps for reports (Linux: include/linux/sched/debug.h). */
#ifndef _LINUX_SCHED_DEBUG_H
#define _LINUX_SCHED_DEBUG_H

/* Prints the running context and the call trace of the caller. */
void dump_stack(void);

#endif /* _LINUX_SCHED_DEBUG_H */
