#include "util/allocator.h"

#include <cstdlib>

// gperftools' C interface (gperftools/malloc_extension_c.h), weak: absent when the binary is not
// linked with tcmalloc.
extern "C" int MallocExtension_SetNumericProperty(const char* property, std::size_t value) __attribute__((weak));

namespace laneguard {

void bound_allocator_caches() {
  if (MallocExtension_SetNumericProperty && !std::getenv("TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES"))
    MallocExtension_SetNumericProperty("tcmalloc.max_total_thread_cache_bytes", std::size_t(4) << 20);
}

}  // namespace laneguard
