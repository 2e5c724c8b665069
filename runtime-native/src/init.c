/* Process-wide initialization: done once, whichever thread asks first. */
#include <pthread.h>

#include "internal.h"

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static int init_result;

static void init_impl(void) {
    /* The alternate-stack key must exist before any handler can run on a
     * thread we prepared. */
    init_result = kilnrt__altstack_global_init();
    if (init_result == 0)
        init_result = kilnrt__install_handlers();
}

KILNRT_API uint32_t kilnrt_abi_version(void) { return KILNRT_ABI_VERSION; }

KILNRT_API int kilnrt_init(void) {
    pthread_once(&init_once, init_impl);
    return init_result;
}
