#include "agreement/unicode_fold.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "agreement/unicode_fold_table.h"

namespace laneguard {

bool is_ascii(std::string_view text) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t w;
    std::memcpy(&w, text.data() + i, 8);
    if (w & 0x8080808080808080ull) return false;
  }
  for (; i < text.size(); ++i)
    if (static_cast<unsigned char>(text[i]) & 0x80) return false;
  return true;
}

std::string unicode_path_key(std::string_view text, bool case_sensitive) {
  using unicode_detail::FoldRow;
  using unicode_detail::kFoldRows;
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    // Decode one UTF-8 sequence; anything malformed is copied byte by byte.
    std::size_t len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 0;
    std::uint32_t cp = len == 4 ? c & 0x07 : len == 3 ? c & 0x0f : c & 0x1f;
    bool ok = len != 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      auto cc = static_cast<unsigned char>(text[i + k]);
      ok = (cc & 0xc0) == 0x80;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (!ok) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    const FoldRow* end = kFoldRows + sizeof kFoldRows / sizeof kFoldRows[0];
    const FoldRow* row =
        std::lower_bound(kFoldRows, end, cp, [](const FoldRow& r, std::uint32_t v) { return r.cp < v; });
    if (row != end && row->cp == cp) out += case_sensitive ? row->exact : row->folded;
    else out.append(text.substr(i, len));
    i += len;
  }
  return out;
}

}  // namespace laneguard
