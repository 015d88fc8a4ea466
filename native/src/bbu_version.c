#include "bbu_version.h"
int bbu_abi_version(void) { return BBU_ABI_VERSION; }
