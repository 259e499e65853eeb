// PathPattern::compile: validates a pattern and precomputes what matching needs
// (segments, character classes, the pattern's shape, its specificity). See pattern.h.
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "agreement/pattern.h"
#include "agreement/unicode_fold.h"

namespace laneguard {
namespace {

[[noreturn]] void reject(const std::string& reason) { throw std::invalid_argument(reason); }

unsigned char to_lower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
unsigned char to_upper(unsigned char c) { return c >= 'a' && c <= 'z' ? c - ('a' - 'A') : c; }

// Splits at '/' ("\/" separates too, as in git where an escaped '/' still matches only '/').
std::vector<std::string> split_segments(std::string_view s) {
  std::vector<std::string> out(1);
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      if (s[i + 1] == '/') {
        out.emplace_back();
      } else {
        out.back() += c;
        out.back() += s[i + 1];
      }
      ++i;
    } else if (c == '/') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// Whether byte c belongs to the POSIX class `name` (ASCII, as git's wildmatch).
bool in_posix_class(std::string_view name, unsigned char c) {
  bool upper = c >= 'A' && c <= 'Z', lower = c >= 'a' && c <= 'z', digit = c >= '0' && c <= '9';
  bool print = c >= 0x20 && c <= 0x7e;
  if (name == "alnum") return upper || lower || digit;
  if (name == "alpha") return upper || lower;
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "cntrl") return c < 0x20 || c == 0x7f;
  if (name == "digit") return digit;
  if (name == "graph") return print && c != ' ';
  if (name == "lower") return lower;
  if (name == "print") return print;
  if (name == "punct") return print && c != ' ' && !upper && !lower && !digit;
  if (name == "space") return c == ' ' || c == '\t' || c == '\n' || c == '\r';
  if (name == "upper") return upper;
  if (name == "xdigit") return digit || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  return false;
}

bool known_posix_class(std::string_view name) {
  for (std::string_view k : {"alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print",
                             "punct", "space", "upper", "xdigit"})
    if (name == k) return true;
  return false;
}

}  // namespace

// Parses the segment text `s` (escapes intact) into tokens; classes go to `classes`.
// Grammar of `[...]` follows git's wildmatch: `!`/`^` negates, a leading `]` is literal,
// `a-z` ranges, `[:name:]`, `\` escapes inside too.
static std::vector<pattern_detail::Token> tokenize(std::string_view s, bool case_sensitive,
                                                std::vector<pattern_detail::CharClass>& classes) {
  using pattern_detail::Token;
  std::vector<Token> tokens;
  const size_t n = s.size();
  for (size_t i = 0; i < n; ++i) {
    unsigned char c = s[i];
    if (c == '\\') {
      if (i + 1 >= n) reject("ends with a lone '\\' (write '\\\\' for a literal backslash)");
      unsigned char e = s[++i];
      tokens.push_back({Token::literal, case_sensitive ? e : to_lower(e), 0});
    } else if (c == '?') {
      tokens.push_back({Token::any_char, 0, 0});
    } else if (c == '*') {
      if (tokens.empty() || tokens.back().kind != Token::star) tokens.push_back({Token::star, 0, 0});
    } else if (c == '[') {
      const char* unclosed = "'[' starts a character class that is never closed with ']' "
                             "(a class cannot contain '/'; write '\\[' for a literal '[')";
      pattern_detail::CharClass cls;
      size_t j = i + 1;
      bool negated = j < n && (s[j] == '!' || s[j] == '^');
      if (negated) ++j;
      int prev = 0;  // the previous single character, a range's start; 0: none
      do {
        if (j >= n) reject(unclosed);
        unsigned char p = s[j];
        if (p == '\\') {
          if (++j >= n) reject(unclosed);
          p = s[j];
          cls.add(p);
          prev = p;
        } else if (p == '-' && prev && j + 1 < n && s[j + 1] != ']') {
          unsigned char hi = s[++j];
          if (hi == '\\') {
            if (++j >= n) reject(unclosed);
            hi = s[j];
          }
          for (int k = prev; k <= hi; ++k) cls.add(static_cast<unsigned char>(k));
          prev = 0;
        } else if (p == '[' && j + 1 < n && s[j + 1] == ':') {
          size_t k = j + 2;
          while (k < n && s[k] != ']') ++k;
          if (k >= n) reject(unclosed);
          if (k < j + 3 || s[k - 1] != ':') {  // no ":]": a literal '['
            cls.add('[');
            prev = '[';
          } else {
            std::string_view name = s.substr(j + 2, k - 1 - (j + 2));
            if (!known_posix_class(name))
              reject("unknown character class '[:" + std::string(name) +
                     ":]' (known: alnum alpha blank cntrl digit graph lower print punct space upper xdigit)");
            for (int b = 0; b < 256; ++b)
              if (in_posix_class(name, static_cast<unsigned char>(b))) cls.add(static_cast<unsigned char>(b));
            j = k;
            prev = 0;
          }
        } else {
          cls.add(p);
          prev = p;
        }
        ++j;
      } while (j >= n || s[j] != ']');
      if (!case_sensitive) {
        for (unsigned char l = 'a'; l <= 'z'; ++l) {
          if (cls.has(l) || cls.has(to_upper(l))) {
            cls.add(l);
            cls.add(to_upper(l));
          }
        }
      }
      if (negated)
        for (auto& w : cls.bits) w = ~w;
      cls.bits['/' >> 6] &= ~(std::uint64_t{1} << ('/' & 63));  // `*`, `?`, classes never match '/'
      if (classes.size() >= 0xffff) reject("too many character classes");
      classes.push_back(cls);
      tokens.push_back({Token::char_class, 0, static_cast<std::uint16_t>(classes.size() - 1)});
      i = j;  // at the closing ']'
    } else {
      tokens.push_back({Token::literal, case_sensitive ? c : to_lower(c), 0});
    }
  }
  return tokens;
}

static pattern_detail::Segment make_segment(std::vector<pattern_detail::Token> tokens) {
  using pattern_detail::Token;
  using pattern_detail::Segment;
  Segment seg;
  auto literal_run = [&](size_t from, size_t to) -> bool {
    std::string lit;
    for (size_t k = from; k < to; ++k) {
      if (tokens[k].kind != Token::literal) return false;
      lit += static_cast<char>(tokens[k].ch);
    }
    seg.text = std::move(lit);
    return true;
  };
  const size_t n = tokens.size();
  if (n == 1 && tokens[0].kind == Token::star) {
    seg.kind = Segment::any;
  } else if (literal_run(0, n)) {
    seg.kind = Segment::literal;
  } else if (n > 1 && tokens[0].kind == Token::star && literal_run(1, n)) {
    seg.kind = Segment::suffix;
  } else if (n > 1 && tokens[n - 1].kind == Token::star && literal_run(0, n - 1)) {
    seg.kind = Segment::prefix;
  } else {
    seg.kind = Segment::glob;
    seg.text.clear();
    seg.tokens = std::move(tokens);
  }
  return seg;
}

// The pattern as written, for the path's bytes; and when it has non-ASCII bytes, its Unicode keys
// for the paths' keys (pattern.h). Every spelling must be valid, in both modes alike, so that case
// sensitivity never decides whether a pattern is accepted.
PathPattern PathPattern::compile(std::string_view pattern, bool case_sensitive) {
  PathPattern p = compile_spelling(pattern, case_sensitive);
  if (is_ascii(pattern)) return p;
  auto keyed = [&](bool exact) {
    std::string key = unicode_path_key(pattern, exact);
    try {
      return std::make_shared<const PathPattern>(compile_spelling(key, exact));
    } catch (const std::invalid_argument& e) {
      reject(std::string("as a case-insensitive or normalising file system spells it ('") + key + "'), it " +
             e.what());
    }
  };
  p.key_exact_ = keyed(true);
  auto folded = keyed(false);
  if (!case_sensitive) p.key_folded_ = folded;
  // Specificity as the file systems see the names (`données/` and `donnees/` tie).
  p.specificity_ = (case_sensitive ? p.key_exact_ : folded)->specificity_;
  return p;
}

PathPattern PathPattern::compile_spelling(std::string_view pattern, bool case_sensitive) {
  PathPattern p;
  p.text_ = std::string(pattern);
  p.case_sensitive_ = case_sensitive;

  std::string_view s = pattern;
  if (s.empty()) reject("the pattern is empty");
  if (s.front() == '!')
    reject("'!' negation is not supported (patterns can only add paths; write '\\!' for a literal '!')");
  {
    size_t backslashes = 0;
    for (size_t k = s.size() - 1; k > 0 && s[k - 1] == '\\'; --k) ++backslashes;
    char last = s.back();
    if ((last == ' ' || last == '\t' || last == '\r' || last == '\n') && backslashes % 2 == 0)
      reject("ends with whitespace, which git ignores in a pattern (remove it, or write '\\ ' for a "
             "path that really ends with a space)");
  }
  if (s.back() == '/') {
    p.dir_only_ = true;
    s.remove_suffix(1);
  }
  if (!s.empty() && s.front() == '/') {
    p.anchored_ = true;
    s.remove_prefix(1);
  }
  if (s.empty()) reject("names no path (only '/')");
  {
    // `foo**/bar`: git's documentation says a `**` inside a name is a plain `*`, but git itself
    // (dir.c strips the literal prefix `foo` first) lets it span directories and match nothing
    // at all (`foobar`). Refuse the ambiguity instead of disagreeing with one or the other.
    size_t i = s.find_first_of("*?[\\");
    if (i != std::string_view::npos && i > 0 && s[i] == '*' && s[i - 1] != '/' && i + 1 < s.size() &&
        s[i + 1] == '*') {
      size_t j = i;
      while (j < s.size() && s[j] == '*') ++j;
      if (j < s.size() && (s[j] == '/' || (s[j] == '\\' && j + 1 < s.size() && s[j + 1] == '/')))
        reject("'**' is special only as a whole segment ('a/**/b'), and git reads '" +
               std::string(s.substr(0, j + 1)) + "' differently from its documentation: write '" +
               std::string(s.substr(0, i)) + "*/' for one directory or '" + std::string(s.substr(0, i)) +
               "*/**/' for any depth");
    }
  }

  std::vector<std::string> raw = split_segments(s);
  if (raw.size() > 1) p.anchored_ = true;  // a '/' in the middle anchors at the root (gitignore)
  for (const std::string& r : raw) {
    if (r.empty()) reject("has an empty segment ('//')");
    if (r == "." || r == "..")
      reject("has a '" + r + "' segment; patterns are relative to the repository root and cannot use '.' or '..'");
  }

  for (const std::string& r : raw) {
    bool globstar = r.size() >= 2 && r.find_first_not_of('*') == std::string::npos;
    if (globstar) {
      Segment seg;
      seg.kind = Segment::globstar;
      if (p.segments_.empty() || p.segments_.back().kind != Segment::globstar) p.segments_.push_back(seg);
    } else {
      p.segments_.push_back(make_segment(tokenize(r, case_sensitive, p.classes_)));
    }
  }

  // Normalize: a trailing `**` matches one or more components, and since a matched directory
  // covers everything below it, that is the same as `*`. `**/x` is `x` at any depth.
  // Outside anchored patterns, `**` is just `*` within a name.
  auto& segs = p.segments_;
  if (segs.back().kind == Segment::globstar && (p.anchored_ || segs.size() == 1)) segs.back().kind = Segment::any;
  if (p.anchored_ && segs.size() == 2 && segs[0].kind == Segment::globstar) {
    segs.erase(segs.begin());
    p.anchored_ = false;
  }
  // `**/x/**` is a directory `x` at any depth: `x/`.
  if (p.anchored_ && !p.dir_only_ && segs.size() == 3 && segs[0].kind == Segment::globstar &&
      segs[2].kind == Segment::any) {
    segs.erase(segs.begin() + 2);
    segs.erase(segs.begin());
    p.anchored_ = false;
    p.dir_only_ = true;
  }

  // Shape, for the fast paths.
  size_t leading_literals = 0;
  while (leading_literals < segs.size() && segs[leading_literals].kind == Segment::literal) ++leading_literals;
  if (!p.anchored_) {
    p.shape_ = Shape::basename;
  } else if (leading_literals == segs.size() ||
             (leading_literals >= 1 && leading_literals + 1 == segs.size() && segs.back().kind == Segment::any)) {
    p.shape_ = leading_literals == segs.size() ? Shape::exact : Shape::children;
    for (size_t k = 0; k < leading_literals; ++k) {
      if (k) p.literal_ += '/';
      p.literal_ += segs[k].text;
    }
  } else {
    p.shape_ = Shape::general;
  }

  // Specificity (documented in pattern.h).
  int literal_chars = 0, literal_segments = 0;
  for (const Segment& seg : segs) {
    int count = static_cast<int>(seg.text.size());
    for (const Token& t : seg.tokens) count += t.kind == Token::literal;
    literal_chars += count;
    literal_segments += count > 0;
  }
  if (literal_chars > (1 << 20)) literal_chars = 1 << 20;
  if (literal_segments > 127) literal_segments = 127;
  p.specificity_ = literal_chars * 256 + (p.anchored_ && literal_chars > 0 ? 128 : 0) + literal_segments;
  return p;
}

}  // namespace laneguard
