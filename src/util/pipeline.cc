#include "util/pipeline.h"

#include <charconv>
#include <string>
#include <string_view>

#include "util/error.h"

namespace laneguard {

unsigned thread_count(const std::optional<std::string>& threads_setting) {
  unsigned cores = std::thread::hardware_concurrency();
  if (cores == 0) cores = 1;
  if (!threads_setting) return cores;
  std::string_view text(*threads_setting);
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size())
    throw UsageError("bad numeric config value '" + std::string(text) + "' for 'laneguard.threads': a whole number, " +
                     "0 for one thread per core, 1 for no second thread");
  return value == 0 ? cores : value;
}

}  // namespace laneguard
