#ifndef BBU_EXPORT_H
#define BBU_EXPORT_H
/* Every symbol of the C ABI is module-prefixed (bbu_<module>_<verb>) and exported with this
 * macro; everything else is hidden (CMAKE_C_VISIBILITY_PRESET hidden). */
#if defined(BBU_BUILDING_LIBRARY)
#define BBU_API __attribute__((visibility("default")))
#else
#define BBU_API
#endif
#endif
