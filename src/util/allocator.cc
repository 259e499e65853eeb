#include "util/allocator.h"

#include <cstdlib>

// gperftools' C interface (gperftools/malloc_extension_c.h), weak: absent when the binary is not
// linked with tcmalloc.
extern "C" int MallocExtension_SetNumericProperty(const char* property, std::size_t value) __attribute__((weak));
extern "C" int MallocExtension_GetNumericProperty(const char* property, std::size_t* value) __attribute__((weak));

namespace laneguard {

std::optional<std::size_t> bound_allocator_caches() {
  if (!MallocExtension_SetNumericProperty || !MallocExtension_GetNumericProperty) return std::nullopt;
  constexpr const char* kProperty = "tcmalloc.max_total_thread_cache_bytes";
  if (!std::getenv("TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES"))
    MallocExtension_SetNumericProperty(kProperty, std::size_t(4) << 20);
  std::size_t value = 0;
  if (!MallocExtension_GetNumericProperty(kProperty, &value)) return std::nullopt;
  return value;
}

}  // namespace laneguard
