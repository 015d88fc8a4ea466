#ifndef BBU_INTERNAL_H
#define BBU_INTERNAL_H
/* Shared by the shim's sources, never exported. */
#include <stdint.h>
void bbu_set_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int bbu_pin_current_thread(int cpu);
#endif
