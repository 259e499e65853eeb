// The allocator's settings for a long walk. The laneguard binary is linked with gperftools'
// tcmalloc where it is installed (CMakeLists.txt: LANEGUARD_ALLOCATOR); with glibc's malloc (the
// sanitizer builds, the tests) there is nothing to set and this does nothing.
#pragma once
#include <cstddef>

namespace laneguard {

// tcmalloc lets each thread keep freed memory for reuse, 32 MiB in all by default. A `check` runs
// three threads that free what another allocated (a commit's facts are read on one, scanned on a
// second, judged and freed on the third), so those caches fill and stay: measured with
// bench/check-memory.sh, the peak over 50,597 commits was 124 MiB with the default and 118 MiB with
// 4 MiB, with no change in time beyond the noise, and 97 MiB over 10,117 commits either way. Bounds them at 4 MiB
// unless TCMALLOC_MAX_TOTAL_THREAD_CACHE_BYTES says otherwise.
void bound_allocator_caches();

}  // namespace laneguard
