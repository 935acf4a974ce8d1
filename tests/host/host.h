/*
 * Forced into every host-test compile (-include): the kernel's printf family
 * would clash with libc's, so on the host it is renamed.
 */
#ifndef _TESTS_HOST_HOST_H
#define _TESTS_HOST_HOST_H

#define vsnprintf	kvsnprintf
#define vscnprintf	kvscnprintf
#define snprintf	ksnprintf
#define scnprintf	kscnprintf
#define sprintf		ksprintf

#endif
