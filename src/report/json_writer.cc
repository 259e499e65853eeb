#include "report/json_writer.h"

#include <cstdint>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <nlohmann/json.hpp>

namespace laneguard {

namespace {

// Whether one of the eight bytes of `w` is a control character, '"', '\\' or not ASCII: the word
// tests of "Bit Twiddling Hacks" (a byte below n, a zero byte), exact for "any byte".
bool needs_care(std::uint64_t w) {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  const std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
  const std::uint64_t control = (w - ones * 0x20) & ~w;
  return ((control | ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | w) & highs) != 0;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  const std::size_t start = out.size();
  out.reserve(start + s.size() + 2);
  out += '"';
  std::size_t run = 0;  // s[run, i) needs no escaping: appended at once
  for (std::size_t i = 0; i < s.size(); ++i) {
    // Plain bytes sixteen or eight at a time (paths and messages are mostly plain ASCII).
#ifdef __SSE2__
    // As signed bytes, the control characters and the bytes >= 0x80 are exactly those below ' '.
    for (; i + 16 <= s.size(); i += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + i));
      const __m128i care = _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(' ')),
                                        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                                     _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))));
      if (_mm_movemask_epi8(care)) break;
    }
#endif
    for (std::uint64_t w; i + 8 <= s.size(); i += 8) {
      std::memcpy(&w, s.data() + i, 8);
      if (needs_care(w)) break;
    }
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) continue;
    if (c >= 0x80) {  // UTF-8 (valid or not): nlohmann's own reading, replacement and all
      out.resize(start);
      out += nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static const char hex[] = "0123456789abcdef";
        out += "\\u00";
        out += hex[c >> 4];
        out += hex[c & 15];
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

JsonObjectWriter::JsonObjectWriter(std::string& out, int indent, std::string_view margin)
    : out_(out), indent_(indent), margin_(margin) {
  out_ += '{';
}

void JsonObjectWriter::newline(int level) {
  // "\n", the margin and the level's indentation in one append (a path list has a line a path).
  std::string& line = lines_[level];
  if (line.empty()) {
    line = '\n';
    line += margin_;
    line.append(static_cast<size_t>(indent_ * level), ' ');
  }
  out_ += line;
}

void JsonObjectWriter::key(std::string_view name) {
  if (!first_) out_ += ',';
  first_ = false;
  if (indent_ >= 0) newline(1);
  append_json_string(out_, name);
  out_ += indent_ >= 0 ? ": " : ":";
}

void JsonObjectWriter::member(std::string_view name, std::string_view value) {
  key(name);
  append_json_string(out_, value);
}

void JsonObjectWriter::member(std::string_view name, const std::vector<std::string>& values) {
  key(name);
  if (values.empty()) {
    out_ += "[]";
    return;
  }
  out_ += '[';
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out_ += ',';
    if (indent_ >= 0) newline(2);
    append_json_string(out_, values[i]);
  }
  if (indent_ >= 0) newline(1);
  out_ += ']';
}

void JsonObjectWriter::member(std::string_view name, bool value) {
  key(name);
  out_ += value ? "true" : "false";
}

void JsonObjectWriter::member_null(std::string_view name) {
  key(name);
  out_ += "null";
}

void JsonObjectWriter::member_raw(std::string_view name, std::string_view json) {
  key(name);
  out_ += json;
}

void JsonObjectWriter::end() {
  if (!first_ && indent_ >= 0) newline(0);
  out_ += '}';
}

}  // namespace laneguard
