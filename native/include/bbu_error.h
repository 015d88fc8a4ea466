#ifndef BBU_ERROR_H
#define BBU_ERROR_H
#include "bbu_export.h"
/* Every bbu_* call that fails returns a negative value or NULL and leaves a message here.
 * The message is thread-local (each caller sees its own last failure, no locking) and stays
 * valid until the same thread's next failing call. Nothing crosses the boundary as an
 * exception or longjmp. */
BBU_API const char *bbu_last_error(void);
/* Clears the calling thread's last error (tests use it to check that a call set one). */
BBU_API void bbu_clear_error(void);
/* CLOCK_MONOTONIC in nanoseconds: the clock frames are stamped with, shared with .NET's Stopwatch. */
BBU_API unsigned long long bbu_now_ns(void);
#endif
