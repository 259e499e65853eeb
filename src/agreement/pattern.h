// Path patterns with gitignore/CODEOWNERS semantics (SPEC section 1), compiled once.
//
//   `*` and `?` never cross `/`; `**` spans directories (`**/x`, `x/**`, `a/**/b`);
//   a leading `/` anchors at the root; a pattern with no `/` other than a trailing one
//   matches at any depth; a trailing `/` matches a directory and everything below it;
//   a pattern that names a directory also matches everything below it (as in gitignore,
//   where ignoring a directory ignores its contents). `[...]` classes as in fnmatch.
//   `!` negation is not supported (CODEOWNERS), a leading `\` escapes `#`/`!`.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace laneguard {

class PathPattern {
 public:
  // Throws std::invalid_argument with a reason when the pattern is malformed (empty, `!`, bad class).
  static PathPattern compile(std::string_view pattern, bool case_sensitive = true);

  // `path` is repository-relative with `/` separators and no leading `/`.
  bool matches(std::string_view path) const;

  const std::string& text() const { return text_; }

  // Higher is more specific: used to pick the owning lane when several patterns match.
  // Counts literal characters, then anchoring/segments; `**` alone is the least specific.
  int specificity() const { return specificity_; }

 private:
  struct Segment;  // defined in pattern.cc
  std::string text_;
  bool case_sensitive_ = true;
  bool anchored_ = false;
  bool dir_only_ = false;
  int specificity_ = 0;
  std::vector<std::string> segments_;  // pattern split on '/', `**` kept as its own segment
};

}  // namespace laneguard
