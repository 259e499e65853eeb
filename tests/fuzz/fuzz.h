// Shared by the libFuzzer targets in tests/fuzz/: every target feeds its bytes to one reader of
// untrusted input and lets only the documented errors (laneguard::Error and its subclasses: exit 2
// or 3 with a message) through. Anything else escaping (std::bad_alloc, std::length_error, a
// library's own exception) is a defect: it aborts the run and libFuzzer records the input.
#pragma once
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace laneguard::fuzz {

inline std::string_view bytes(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Lines of `text` without their '\n' (a final line without '\n' included).
inline std::vector<std::string_view> lines(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    out.push_back(text.substr(0, nl));
    if (nl == std::string_view::npos) break;
    text.remove_prefix(nl + 1);
  }
  return out;
}

// A directory of this process's own under $TMPDIR (one per fuzzing process: -jobs/-workers safe),
// created on first use and left for the OS to clean (libFuzzer exits without running destructors).
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "laneguard-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) std::abort();
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

// Writes `content` to `path` (replacing it); aborts when it cannot (a broken harness, not a finding).
inline void write_file(const std::filesystem::path& path, std::string_view content) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (!content.empty() && std::fwrite(content.data(), 1, content.size(), f) != content.size()) std::abort();
  if (std::fclose(f) != 0) std::abort();
}

// Fails the run (libFuzzer reports it as a crash, with the input) when an invariant is broken.
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace laneguard::fuzz
