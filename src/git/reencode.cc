#include "git/reencode.h"
#include "util/text.h"

#include <iconv.h>

#include <cerrno>
#include <cctype>

namespace laneguard::git {

bool is_utf8_encoding_name(std::string_view name) {
  return iequals(name, "utf-8") || iequals(name, "utf8");
}

std::optional<std::string> to_utf8(std::string_view text, const std::string& encoding) {
  iconv_t cd = ::iconv_open("UTF-8", encoding.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.resize(text.size() * 2 + 16);
  char* in_ptr = const_cast<char*>(text.data());
  size_t in_left = text.size();
  size_t done = 0;
  bool ok = true;
  while (in_left > 0) {
    char* out_ptr = out.data() + done;
    size_t out_left = out.size() - done;
    size_t rc = ::iconv(cd, &in_ptr, &in_left, &out_ptr, &out_left);
    done = static_cast<size_t>(out_ptr - out.data());
    if (rc != static_cast<size_t>(-1)) continue;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    ok = false;  // EILSEQ, EINVAL: not text in that encoding
    break;
  }
  if (ok) {  // flush a stateful encoding's shift sequence
    for (;;) {
      char* out_ptr = out.data() + done;
      size_t out_left = out.size() - done;
      size_t rc = ::iconv(cd, nullptr, nullptr, &out_ptr, &out_left);
      done = static_cast<size_t>(out_ptr - out.data());
      if (rc != static_cast<size_t>(-1)) break;
      if (errno != E2BIG) {
        ok = false;
        break;
      }
      out.resize(out.size() * 2);
    }
  }
  ::iconv_close(cd);
  if (!ok) return std::nullopt;
  out.resize(done);
  return out;
}

}  // namespace laneguard::git
