#include <stdio.h>
#include "bbu_version.h"
int main(void) {
    if (bbu_abi_version() != BBU_ABI_VERSION) { fprintf(stderr, "abi mismatch\n"); return 1; }
    return 0;
}
