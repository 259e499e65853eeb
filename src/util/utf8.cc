#include "util/utf8.h"

#include <cstdint>
#include <cstring>

namespace laneguard {
namespace {

// How many bytes the sequence starting with `lead` has, and the range its second byte must be in.
struct Lead {
  std::size_t length;
  unsigned char lo, hi;
};
Lead lead_of(unsigned char c) {
  if (c < 0x80) return {1, 0, 0};
  if (c >= 0xC2 && c <= 0xDF) return {2, 0x80, 0xBF};
  if (c == 0xE0) return {3, 0xA0, 0xBF};  // no overlong forms
  if (c == 0xED) return {3, 0x80, 0x9F};  // no surrogates
  if (c >= 0xE1 && c <= 0xEF) return {3, 0x80, 0xBF};
  if (c == 0xF0) return {4, 0x90, 0xBF};
  if (c >= 0xF1 && c <= 0xF3) return {4, 0x80, 0xBF};
  if (c == 0xF4) return {4, 0x80, 0x8F};  // nothing above U+10FFFF
  return {0, 0, 0};                       // 0x80..0xC1 and 0xF5..0xFF never start a character
}

// How many bytes at s[i] form a valid character (n == lead.length) or the longest valid prefix of
// one (1 <= n < length: replaced by a single U+FFFD).
std::size_t valid_prefix(std::string_view s, std::size_t i, const Lead& lead) {
  if (lead.length <= 1) return 1;
  std::size_t n = 1;
  for (; n < lead.length && i + n < s.size(); ++n) {
    unsigned char b = static_cast<unsigned char>(s[i + n]);
    unsigned char lo = n == 1 ? lead.lo : 0x80, hi = n == 1 ? lead.hi : 0xBF;
    if (b < lo || b > hi) break;
  }
  return n;
}

}  // namespace

std::size_t utf8_length(std::string_view s, std::size_t i, char32_t* code_point) {
  if (i >= s.size()) return 0;
  unsigned char c = static_cast<unsigned char>(s[i]);
  Lead lead = lead_of(c);
  if (lead.length == 0 || valid_prefix(s, i, lead) != lead.length) return 0;
  if (code_point) {
    static const unsigned char mask[] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    char32_t v = c & mask[lead.length];
    for (std::size_t k = 1; k < lead.length; ++k) v = v << 6 | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    *code_point = v;
  }
  return lead.length;
}

std::size_t valid_utf8_prefix(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    if (i + 8 <= s.size()) {  // eight ASCII bytes at once: most of a report's text
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      if (!(w & 0x8080808080808080ull)) {
        i += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    std::size_t n = utf8_length(s, i);
    if (!n) break;
    i += n;
  }
  return i;
}

std::string valid_utf8(std::string_view s) {
  std::size_t i = valid_utf8_prefix(s);
  if (i == s.size()) return std::string(s);
  std::string out(s.substr(0, i));
  while (i < s.size()) {
    if (std::size_t n = utf8_length(s, i)) {
      out.append(s, i, n);
      i += n;
      continue;
    }
    Lead lead = lead_of(static_cast<unsigned char>(s[i]));
    out += "\xEF\xBF\xBD";
    i += lead.length == 0 ? 1 : valid_prefix(s, i, lead);
  }
  return out;
}

}  // namespace laneguard
