// PathPattern::matches: runs the compiled pattern (pattern_compile.cc) against one path.
// No allocation and no parsing here: it runs for every path of every commit.
#include <array>

#include "agreement/pattern.h"
#include "agreement/unicode_fold.h"

namespace laneguard {
namespace {

constexpr std::array<unsigned char, 256> make_fold_table() {
  std::array<unsigned char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  return t;
}
constexpr std::array<unsigned char, 256> kFold = make_fold_table();

constexpr size_t npos = std::string_view::npos;

}  // namespace

// `folded` comes from the pattern (already lower-cased when case-insensitive).
bool PathPattern::equal(std::string_view folded, std::string_view text) const {
  if (folded.size() != text.size()) return false;
  if (case_sensitive_) return folded == text;
  for (size_t i = 0; i < text.size(); ++i)
    if (kFold[static_cast<unsigned char>(text[i])] != static_cast<unsigned char>(folded[i])) return false;
  return true;
}

// Wildcard match inside one component (no '/'): the classic single-star backtracking,
// linear for practical patterns.
bool PathPattern::glob_matches(const std::vector<Token>& tokens, std::string_view text) const {
  const size_t m = tokens.size(), n = text.size();
  size_t p = 0, t = 0, star_p = npos, star_t = 0;
  while (t < n) {
    if (p < m) {
      const Token& tok = tokens[p];
      unsigned char c = static_cast<unsigned char>(text[t]);
      if (tok.kind == Token::star) {
        star_p = ++p;
        star_t = t;
        continue;
      }
      bool ok = tok.kind == Token::any_char ||
                (tok.kind == Token::literal && (case_sensitive_ ? c : kFold[c]) == tok.ch) ||
                (tok.kind == Token::char_class && classes_[tok.klass].has(c));
      if (ok) {
        ++p;
        ++t;
        continue;
      }
    }
    if (star_p == npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < m && tokens[p].kind == Token::star) ++p;
  return p == m;
}

bool PathPattern::segment_matches(const Segment& seg, std::string_view c) const {
  switch (seg.kind) {
    case Segment::literal:
      return equal(seg.text, c);
    case Segment::any:
      return !c.empty();
    case Segment::prefix:
      return c.size() >= seg.text.size() && equal(seg.text, c.substr(0, seg.text.size()));
    case Segment::suffix:
      return c.size() >= seg.text.size() && equal(seg.text, c.substr(c.size() - seg.text.size()));
    case Segment::glob:
      return glob_matches(seg.tokens, c);
    case Segment::globstar:
      return true;
  }
  return false;
}

// A `name*`, `name` or `*.ext` segment anywhere in `path` (already folded when case-insensitive).
bool PathPattern::find_in_component(const Segment& seg, std::string_view path, bool dir_only) const {
  const std::string& lit = seg.text;
  for (size_t at = path.find(lit); at != npos; at = path.find(lit, at + 1)) {
    bool starts_component = at == 0 || path[at - 1] == '/';
    if (seg.kind == Segment::prefix) {
      if (!starts_component) continue;
      return !dir_only || path.find('/', at) != npos;
    }
    if (seg.kind == Segment::literal && !starts_component) continue;
    size_t end = at + lit.size();
    if (end == path.size()) return !dir_only;
    if (path[end] == '/') return true;
  }
  return false;
}

// No '/' in the pattern: the segment against every component. A directory component that
// matches covers the path; the last component (the path itself) only when not dir-only.
// `dir_only`: the pattern's own flag, or false when matching a directory (covers_directory).
bool PathPattern::match_basename(std::string_view path, bool dir_only) const {
  const Segment& seg = segments_.front();
  if (seg.kind == Segment::any) return !dir_only || path.find('/') != npos;  // `*`, `**`, `**/`
  char folded[512];
  if ((seg.kind == Segment::prefix || seg.kind == Segment::literal || seg.kind == Segment::suffix) &&
      (case_sensitive_ || path.size() <= sizeof folded)) {
    // `name*`, `name`, `*.ext`: search the fixed text (in a folded copy when case-insensitive),
    // then check where it sits in its component.
    if (case_sensitive_) return find_in_component(seg, path, dir_only);
    for (size_t i = 0; i < path.size(); ++i) folded[i] = static_cast<char>(kFold[static_cast<unsigned char>(path[i])]);
    return find_in_component(seg, std::string_view(folded, path.size()), dir_only);
  }
  size_t pos = 0;
  while (true) {
    size_t end = path.find('/', pos);
    if (end == npos) return !dir_only && segment_matches(seg, path.substr(pos));
    if (segment_matches(seg, path.substr(pos, end - pos))) return true;
    pos = end + 1;
  }
}

// Anchored pattern with `**` or wildcards: match the segments against the path's leading
// components; `**` takes zero or more components (single-star backtracking over components,
// correct because every other segment takes exactly one). Once every segment has matched,
// the rest of the path lies below a matched directory (or there is no rest: a file, which a
// dir-only pattern does not match).
bool PathPattern::match_general(std::string_view path) const {
  const size_t n = path.size(), m = segments_.size();
  size_t si = 0, pos = 0;  // pos > n: every component consumed
  size_t star_si = npos, star_pos = 0;
  while (true) {
    if (si == m) {
      if (pos <= n || !dir_only_) return true;
    } else if (segments_[si].kind == Segment::globstar) {
      star_si = ++si;
      star_pos = pos;
      continue;
    } else if (pos <= n) {
      size_t end = path.find('/', pos);
      if (end == npos) end = n;
      if (segment_matches(segments_[si], path.substr(pos, end - pos))) {
        ++si;
        pos = end + 1;
        continue;
      }
    }
    if (star_si == npos || star_pos > n) return false;
    size_t end = path.find('/', star_pos);
    star_pos = (end == npos ? n : end) + 1;
    si = star_si;
    pos = star_pos;
  }
}

std::string_view PathPattern::root_component() const {
  if (key_exact_ || !anchored_ || segments_.empty() || segments_.front().kind != Segment::literal) return {};
  return segments_.front().text;
}

bool PathPattern::matches(std::string_view path) const {
  if (match_key(path)) return true;  // the bytes, as git reads them
  const bool ascii = is_ascii(path);
  if (ascii && !key_exact_) return false;  // an ASCII path and an ASCII pattern: no other spelling
  // `ſrc/auth/x`, an NFD "é", `donn\xe9es/`: matched as macOS and Windows checkouts name them; the
  // case-sensitive key too when case-insensitive, so that folding only ever adds matches.
  auto keyed_match = [&](const PathPattern& keyed, bool exact) {
    return ascii ? keyed.match_key(path) : keyed.match_key(unicode_path_key(path, exact));
  };
  if (keyed_match(key_exact_ ? *key_exact_ : *this, true)) return true;
  return !case_sensitive_ && keyed_match(key_folded_ ? *key_folded_ : *this, false);
}

bool PathPattern::match_key(std::string_view path) const {
  if (path.empty() || segments_.empty()) return false;
  const size_t n = literal_.size();
  switch (shape_) {
    case Shape::basename:
      return match_basename(path, dir_only_);
    case Shape::exact:
      if (path.size() == n) return !dir_only_ && equal(literal_, path);
      return path.size() > n && path[n] == '/' && equal(literal_, path.substr(0, n));
    case Shape::children:
      if (path.size() <= n + 1 || path[n] != '/' || !equal(literal_, path.substr(0, n))) return false;
      return !dir_only_ || path.find('/', n + 1) != npos;
    case Shape::general:
      return match_general(path);
  }
  return false;
}

// The split documented in pattern.h, shape by shape (`dir` is not empty):
//   basename: some component of dir matches the segment, or the name does (unless dir-only);
//   exact (`a/b`): dir is a/b or below it, or the path is a/b (unless dir-only);
//   children (`a/*`, `a/**`): dir is strictly below a, or dir is a and the name is matched by the
//   `*` (unless dir-only, which needs one more level);
//   general: not split (covers_directory is false, matches_name is the whole match).
bool PathPattern::covers_directory_key(std::string_view dir) const {
  if (dir.empty() || segments_.empty()) return false;
  const size_t n = literal_.size();
  switch (shape_) {
    case Shape::basename:
      return match_basename(dir, false);
    case Shape::exact:
      return dir.size() >= n && (dir.size() == n || dir[n] == '/') && equal(literal_, dir.substr(0, n));
    case Shape::children:
      return dir.size() > n + 1 && dir[n] == '/' && equal(literal_, dir.substr(0, n));
    case Shape::general:
      return false;
  }
  return false;
}

bool PathPattern::matches_name_key(std::string_view path, size_t dir_len) const {
  if (path.empty() || segments_.empty()) return false;
  if (shape_ == Shape::general) return match_general(path);
  if (dir_only_) return false;
  const size_t n = literal_.size();
  switch (shape_) {
    case Shape::basename:
      return segments_.front().kind == Segment::any || segment_matches(segments_.front(), path.substr(dir_len + 1));
    case Shape::exact:
      return path.size() == n && equal(literal_, path);
    case Shape::children:
      return dir_len == n && equal(literal_, path.substr(0, n));
    case Shape::general:
      break;
  }
  return false;
}

// Both halves over every spelling, as matches() (a key keeps every '/': key(dir + "/" + name) is
// key(dir) + "/" + key(name)).
bool PathPattern::covers_directory(std::string_view dir) const {
  if (covers_directory_key(dir)) return true;
  const bool ascii = is_ascii(dir);
  if (ascii && !key_exact_) return false;
  auto keyed = [&](const PathPattern& k, bool exact) {
    return ascii ? k.covers_directory_key(dir) : k.covers_directory_key(unicode_path_key(dir, exact));
  };
  if (keyed(key_exact_ ? *key_exact_ : *this, true)) return true;
  return !case_sensitive_ && keyed(key_folded_ ? *key_folded_ : *this, false);
}

bool PathPattern::matches_name(std::string_view path, size_t dir_len) const {
  if (is_ascii(path)) return matches_ascii_name(path, dir_len);
  if (matches_name_key(path, dir_len)) return true;
  auto keyed = [&](const PathPattern& k, bool exact) {
    return k.matches_name_key(unicode_path_key(path, exact), unicode_path_key(path.substr(0, dir_len), exact).size());
  };
  if (keyed(key_exact_ ? *key_exact_ : *this, true)) return true;
  return !case_sensitive_ && keyed(key_folded_ ? *key_folded_ : *this, false);
}

std::optional<std::size_t> PathPattern::split_point(std::string_view path) {
  std::size_t slash = path.rfind('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == path.size() || !is_ascii(path) ||
      path.find("//") != std::string_view::npos)
    return std::nullopt;
  return slash;
}

bool PathPattern::matches_ascii_name(std::string_view path, size_t dir_len) const {
  if (matches_name_key(path, dir_len)) return true;
  if (!key_exact_) return false;  // an ASCII path and an ASCII pattern: no other spelling
  if (key_exact_->matches_name_key(path, dir_len)) return true;
  return !case_sensitive_ && (key_folded_ ? *key_folded_ : *this).matches_name_key(path, dir_len);
}

bool PathPattern::may_match_name() const {
  return may_match_name_key() || (key_exact_ && key_exact_->may_match_name_key()) ||
         (key_folded_ && key_folded_->may_match_name_key());
}

}  // namespace laneguard
