// Path patterns with gitignore/CODEOWNERS semantics (SPEC section 1), compiled once.
//
//   `*` and `?` never cross `/`; `**` spans directories (`**/x`, `x/**`, `a/**/b`);
//   a leading `/` anchors at the root; a pattern with no `/` other than a trailing one
//   matches at any depth; a trailing `/` matches a directory and everything below it;
//   a pattern that names a directory also matches everything below it (as in gitignore,
//   where ignoring a directory ignores its contents). `[...]` classes as in git's wildmatch
//   (`[abc]`, `[a-z]`, `[!a]`, `[^a]`, `[[:digit:]]`); `\` escapes the next character.
//   `**` is special only as a whole segment; elsewhere (`a**b`) it is a plain `*`.
//   A pattern with a `/` in the middle is anchored at the root (gitignore), so `docs/*`
//   matches `docs/a.md` and, since `docs/guide` is a directory it matches, `docs/guide/x.md`.
//
//   Rejected (std::invalid_argument, with a reason): empty patterns, `!` negation (write
//   `\!` for a literal `!`), empty segments (`a//b`), `.`/`..` segments, unclosed `[`,
//   unknown `[:class:]`, a trailing lone `\`, unescaped trailing whitespace (git drops it),
//   and `foo**/...` as the first wildcard (git lets that `**` span directories or match
//   nothing, against its own documentation; write `foo*/` or `foo*/**/`).
//
//   A path matches when its bytes match (git's reading), or when the name a macOS or Windows
//   checkout gives it matches the pattern keyed the same way: NFC and NFD spellings alike, bytes
//   that are not UTF-8 as Git for Windows names them (`donn\xe9es/` is `données/`), and with
//   case_sensitive=false Unicode case folding too (`ſrc/` is `src/`); see agreement/unicode_fold.h.
//   The keyed spellings only add matches, so a case-insensitive pattern without a negated class
//   matches every path its case-sensitive form matches. Over-protecting is the safe error.
//
//   Case-insensitive matching (case_sensitive=false) folds ASCII letters, classes included: a
//   class's members fold as a set, then `!` negates it (`[!Y]` takes neither y nor Y). Unlike git,
//   where an upper-case letter in a class or after `\` never matches under core.ignorecase
//   (`[A]`, `\D`, and so `[!A]` takes `a`); the differential test avoids those.
//
//   Verified against git itself: src/agreement/pattern_test.cc runs `git ls-files --ignored`
//   on hundreds of generated patterns and compares.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace laneguard {

// Compiled pieces of a PathPattern (internal; see pattern_compile.cc and pattern.cc).
namespace pattern_detail {
// One token of a segment that is not a plain literal.
struct Token {
  enum Kind : std::uint8_t { literal, any_char, star, char_class } kind = literal;
  unsigned char ch = 0;      // literal: the byte (folded to lower case when case-insensitive)
  std::uint16_t klass = 0;   // char_class: index into classes_
};
// A segment: the text between two `/`.
struct Segment {
  enum Kind : std::uint8_t {
    literal,   // no wildcard: compare `literal`
    any,       // `*`: any component
    prefix,    // `lit*`
    suffix,    // `*lit`
    glob,      // anything else inside one component: `tokens`
    globstar,  // `**` as a whole segment: zero or more components
  } kind = literal;
  std::string text;           // literal/prefix/suffix: the fixed part (folded when case-insensitive)
  std::vector<Token> tokens;  // glob
};
// 256-bit set of bytes, closed under ASCII case when case-insensitive; never contains '/'.
struct CharClass {
  std::uint64_t bits[4] = {0, 0, 0, 0};
  bool has(unsigned char c) const { return (bits[c >> 6] >> (c & 63)) & 1; }
  void add(unsigned char c) { bits[c >> 6] |= std::uint64_t{1} << (c & 63); }
};
}  // namespace pattern_detail

class PathPattern {
 public:
  // Throws std::invalid_argument with a reason when the pattern is malformed (empty, `!`, bad class).
  static PathPattern compile(std::string_view pattern, bool case_sensitive = true);

  // `path` is repository-relative with `/` separators and no leading `/`.
  // Runs without re-parsing the pattern; allocates only for a path with non-ASCII bytes that its
  // bytes do not match: that is matched on its Unicode keys too (agreement/unicode_fold.h).
  bool matches(std::string_view path) const;

  // Matching split at a path's last '/', so that a caller matching many paths (agreement/
  // path_index.h) does the directory's part once per directory. For an ASCII path `dir/name` with
  // no empty component:
  //   matches(dir + "/" + name) == covers_directory(dir) || matches_name(dir + "/" + name, dir.size())
  // covers_directory(dir): the pattern matches `dir` or one of its ancestors as a directory, so every
  // path below `dir` matches. matches_name: the rest (the path matched as the file it is; for the
  // shapes that are not split, the whole match). Only for ASCII paths: others go through matches().
  bool covers_directory(std::string_view dir) const;
  bool matches_name(std::string_view path, std::size_t dir_len) const;
  // Where a path is split for the two above: the length of its directory, for an ASCII path with a
  // directory and no empty component; nullopt for any other (match it whole with matches()).
  static std::optional<std::size_t> split_point(std::string_view path);
  // matches_name() for a path the caller knows is ASCII (PathIndex checks each path once, not once
  // for every pattern).
  bool matches_ascii_name(std::string_view path, std::size_t dir_len) const;
  // False when matches_name() is false for every path (a directory-only pattern such as `auth/`):
  // callers may skip calling it.
  bool may_match_name() const;

  const std::string& text() const { return text_; }

  // The first component of every path this pattern matches, when the pattern is anchored and that
  // component is a literal: "prototypes" for `prototypes/**` and `/prototypes/*.md` (folded to lower
  // case when case-insensitive). Empty when a match may start with any component (`*.md`,
  // `**/auth/**`, `*/x`), and for a pattern with non-ASCII bytes (its Unicode keys may start
  // otherwise). A path whose first component has only ASCII bytes and differs from it, ignoring
  // ASCII case, never matches: a walk may leave such directories unopened.
  std::string_view root_component() const;

  // Higher is more specific: used to pick the owning lane when several patterns match.
  // Computed as   literal_chars * 256 + anchored * 128 + min(literal_segments, 127)
  //   literal_chars:    characters that must appear literally (not `/`, not wildcards/classes);
  //   anchored:         1 when the pattern is tied to the root and has a literal character
  //                     (`/docs/*.md` beats `*.md`; `/**` is no more specific than `**`);
  //   literal_segments: segments containing at least one literal character.
  // So `**` and `*` score 0 (the lowest), `src/**` = 3*256+128+1, `src/auth/**` = 6*256+128+2,
  // `**/session*` = 7*256+1. Equal scores for different patterns are ties (lint reports them).
  int specificity() const { return specificity_; }

 private:
  using Token = pattern_detail::Token;
  using Segment = pattern_detail::Segment;
  using CharClass = pattern_detail::CharClass;
  // Precomputed shape of the whole pattern: the common ones get a direct test.
  enum class Shape : std::uint8_t {
    basename,  // no `/` (or `**/x`): segments_[0] against every component
    exact,     // anchored, all literal (`src/main.cc`): literal_ is the path or a parent of it
    children,  // anchored literals then `*`/`**` (`src/**`): strictly below literal_
    general,   // anything else: segment matching with backtracking over `**`
  };

  bool equal(std::string_view folded_pattern, std::string_view text) const;
  bool segment_matches(const Segment& segment, std::string_view component) const;
  bool glob_matches(const std::vector<Token>& tokens, std::string_view component) const;
  bool find_in_component(const Segment& segment, std::string_view folded_path, bool dir_only) const;
  bool match_basename(std::string_view path, bool dir_only) const;
  bool match_general(std::string_view path) const;
  bool match_key(std::string_view path) const;  // this spelling of the pattern against one spelling of a path
  static PathPattern compile_spelling(std::string_view pattern, bool case_sensitive);
  bool covers_directory_key(std::string_view dir) const;  // the split, for one spelling
  bool matches_name_key(std::string_view path, std::size_t dir_len) const;
  bool may_match_name_key() const { return shape_ == Shape::general || !dir_only_; }

  std::string text_;
  bool case_sensitive_ = true;
  bool anchored_ = false;
  bool dir_only_ = false;
  int specificity_ = 0;
  Shape shape_ = Shape::general;
  std::string literal_;  // exact/children: literal leading segments joined with '/' (folded)
  std::vector<Segment> segments_;
  std::vector<CharClass> classes_;
  // A pattern with non-ASCII bytes: its Unicode keys compiled (case-sensitive, and folded when this
  // pattern is case-insensitive). Null: the pattern is ASCII and this one serves for the keys too.
  std::shared_ptr<const PathPattern> key_exact_, key_folded_;
};

}  // namespace laneguard
