// Commit trailers read exactly as git reads them for `git log --format='%(trailers:only,unfold)'`:
// the last paragraph only (never the first, i.e. the subject paragraph), the 25% rule when a
// git-generated prefix (Signed-off-by:, "(cherry picked from commit") is present, otherwise every
// line must be a trailer; keys `[A-Za-z0-9-]+` with optional spaces before the separator `:`;
// continuation lines start with whitespace and are unfolded; a `---` line is ordinary text here
// (unlike `git interpret-trailers --parse`). Comment lines (`#`) are ignored as git does.
// Like `git log`, the message is read from its subject on (leading whitespace-only lines are
// skipped), ends before a scissors line (`# ------------------------ >8 ---...`) and before a
// trailing run of comment lines, empty lines and an old `Conflicts:` block, and stops at a NUL.
// A whitespace-only line is a paragraph break. CRLF is not special: a '\r' is whitespace, so it
// is trimmed from keys and values but stays inside an unfolded value. Verified against git 2.39 by
// the differential test in trailers_test.cc.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace laneguard {

struct Trailer {
  std::string key;    // as written (case preserved), without trailing spaces
  std::string value;  // unfolded, trimmed
};

std::vector<Trailer> parse_trailers(std::string_view message);

// Case-insensitive key comparison, as git compares trailer keys.
bool trailer_key_is(const Trailer& trailer, std::string_view key);

}  // namespace laneguard
