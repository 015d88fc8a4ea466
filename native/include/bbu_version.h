#ifndef BBU_VERSION_H
#define BBU_VERSION_H
#include "bbu_export.h"
/* ABI version of libbbupool_native; the .NET side refuses a library with another major. */
#define BBU_ABI_VERSION 1
BBU_API int bbu_abi_version(void);
#endif
