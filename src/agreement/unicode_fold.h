// Paths as case-insensitive and normalising file systems (macOS, Windows) see them, for pattern
// matching: `ſrc/auth/` (U+017F) or an NFD "é" must not slip past a pattern that a checkout on
// such a file system would treat as the same name. Over-protecting is the safe error.
#pragma once
#include <string>
#include <string_view>

namespace laneguard {

// True when every byte is ASCII (the common case: no work to do).
bool is_ascii(std::string_view text);

// The matching key of `text`: each code point decomposed (NFD), case-folded unless
// `case_sensitive`, combining marks and code points HFS+ ignores (U+200C, U+FEFF...) dropped, for
// the Latin, Greek, Cyrillic, Armenian and letter-like ranges (scripts/gen_unicode_fold.py).
// ASCII is left as it is (the matcher folds ASCII itself). Bytes that are not UTF-8 (as Git for
// Windows decodes a path: overlong forms are not) become what a Windows checkout names them:
// 0xA0..0xFF the code point U+00A0..U+00FF (then keyed like it), 0x80..0x9F two lower-case hex digits.
std::string unicode_path_key(std::string_view text, bool case_sensitive);

}  // namespace laneguard
