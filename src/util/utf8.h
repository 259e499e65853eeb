// UTF-8 for output: paths, names and messages come from repositories and pull requests and may
// hold any bytes (git allows every byte but NUL and '/' in a path component). Every report makes
// them valid UTF-8 the same way: each invalid sequence (its maximal valid prefix, as Unicode
// recommends and as nlohmann::json's error_handler_t::replace does) becomes one U+FFFD.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace laneguard {

// The length of the well-formed UTF-8 character at s[i] (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF), or 0 when there is none. `code_point` receives its value.
std::size_t utf8_length(std::string_view s, std::size_t i, char32_t* code_point = nullptr);

// `s` with every invalid sequence replaced by U+FFFD; valid text is returned unchanged.
std::string valid_utf8(std::string_view s);
// How many leading bytes of `s` are valid UTF-8 (s.size(): all of it; valid_utf8 would not change it).
std::size_t valid_utf8_prefix(std::string_view s);

}  // namespace laneguard
