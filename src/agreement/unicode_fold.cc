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

namespace {

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xc0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xe0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  } else {
    out += static_cast<char>(0xf0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3f));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3f));
    out += static_cast<char>(0x80 | (cp & 0x3f));
  }
}

bool continuation(unsigned char c) { return (c & 0xc0) == 0x80; }

// The length of the UTF-8 sequence at text[i] as Git for Windows decodes a path (compat/mingw.c
// xutftowcsn: no overlong forms, nothing above U+10FFFF), or 0 when it takes text[i] as an invalid byte.
std::size_t sequence_length(std::string_view text, std::size_t i) {
  auto at = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
  const unsigned char c = at(0);
  if (c >= 0xc2 && c < 0xe0 && continuation(at(1))) return 2;
  if (c >= 0xe0 && c < 0xf0 && !(c == 0xe0 && at(1) < 0xa0) && continuation(at(1)) && continuation(at(2)))
    return 3;
  if (c >= 0xf0 && c < 0xf5 && !(c == 0xf0 && at(1) < 0x90) && !(c == 0xf4 && at(1) >= 0x90) &&
      continuation(at(1)) && continuation(at(2)) && continuation(at(3)))
    return 4;
  return 0;
}

}  // namespace

std::string unicode_path_key(std::string_view text, bool case_sensitive) {
  using unicode_detail::FoldRow;
  using unicode_detail::kFoldRows;
  static const char* kHex = "0123456789abcdef";
  const FoldRow* end = kFoldRows + sizeof kFoldRows / sizeof kFoldRows[0];
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    std::uint32_t cp;
    std::size_t len = sequence_length(text, i);
    if (len == 0) {
      // A byte that is not UTF-8: Git for Windows checks it out as U+00A0..U+00FF (0xA0..0xFF) or
      // as its two lower-case hex digits (0x80..0x9F), so `donn\xe9es/` is `données/` there
      // and `x\x86/` is `x86/`: that is the name to match.
      ++i;
      if (c < 0xa0) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
        continue;
      }
      cp = c;
    } else {
      cp = len == 2 ? c & 0x1f : len == 3 ? c & 0x0f : c & 0x07;
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3f);
      i += len;
    }
    const FoldRow* row =
        std::lower_bound(kFoldRows, end, cp, [](const FoldRow& r, std::uint32_t v) { return r.cp < v; });
    if (row != end && row->cp == cp) out += case_sensitive ? row->exact : row->folded;
    else append_utf8(out, cp);
  }
  return out;
}

}  // namespace laneguard
