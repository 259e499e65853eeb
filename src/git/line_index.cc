#include "git/line_index.h"

#include <cctype>

namespace laneguard::git {
namespace {

bool blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// `word` followed by a blank, or the end: "import x", "use std::io;", "package main".
bool keyword_line(std::string_view s, std::string_view word) {
  return starts_with(s, word) && (s.size() == word.size() || blank(static_cast<unsigned char>(s[word.size()])) ||
                                  s[word.size()] == '{' || s[word.size()] == '(' || s[word.size()] == '"' ||
                                  s[word.size()] == '\'');
}

}  // namespace

bool looks_binary(std::string_view content) {
  return std::memchr(content.data(), '\0', std::min<std::size_t>(content.size(), 8000)) != nullptr;
}

bool is_trivial_line(std::string_view line) {
  std::size_t b = 0;
  while (b < line.size() && blank(static_cast<unsigned char>(line[b]))) ++b;
  std::string_view s = line.substr(b);
  int alnum = 0;
  for (char c : s)
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80)
      if (++alnum >= 4) break;
  if (alnum < 4) return true;  // blank, braces, `end`, `});`, `else`, `x++;`
  // Comment-only lines (the words around code, licence headers) and imports (what every file that
  // uses a library says), by their first character: a code line is one test, not fifteen.
  switch (s.front()) {
    case '#':
      return true;
    case '/':
      return starts_with(s, "//") || starts_with(s, "/*");
    case '<':
      return starts_with(s, "<!--");
    case '-':
      return starts_with(s, "--");
    case '"':
      return starts_with(s, "\"\"\"");
    case '\'':
      return starts_with(s, "'''");
    case '*':
      return s == "*" || starts_with(s, "* ") || starts_with(s, "*/") || starts_with(s, "*\t");
    case 'i':
      return keyword_line(s, "import");
    case 'u':
      return keyword_line(s, "using") || keyword_line(s, "use");
    case 'p':
      return keyword_line(s, "package");
    case 'r':
      return keyword_line(s, "require");
    case 'e':
      return keyword_line(s, "extern crate");
    case '@':
      return keyword_line(s, "@import");
    case 'l':
      return keyword_line(s, "library");
    case 'f':
      return keyword_line(s, "from") && s.find(" import ") != std::string_view::npos;
    default:
      return false;
  }
}

std::uint64_t normalised_line_hash(std::string_view line) {
  std::uint64_t h = 14695981039346656037ull;  // FNV-1a, 64 bits: stable across builds (the server caches it)
  for (char c : line) {
    auto u = static_cast<unsigned char>(c);
    if (blank(u)) continue;
    h ^= u;
    h *= 1099511628211ull;
  }
  return h;
}

TextLines text_lines(std::string_view content) {
  TextLines out;
  if (looks_binary(content)) return out;
  std::uint32_t number = 0;
  std::size_t at = 0;
  while (at < content.size()) {
    std::size_t end = content.find('\n', at);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = content.substr(at, end - at);
    ++number;
    if (!is_trivial_line(line)) {
      out.hashes.push_back(normalised_line_hash(line));
      out.numbers.push_back(number);
    }
    at = end + 1;
  }
  return out;
}

void LineIndex::link(Head& head, Posting p) {
  postings_.push_back(p);
  next_.push_back(head.head);
  head.head = static_cast<std::uint32_t>(postings_.size() - 1);
}

void LineIndex::append(std::uint32_t n, const TextLines& lines) {
  extents_[n] = {hashes_.size(), static_cast<std::uint32_t>(lines.hashes.size())};
  hashes_.insert(hashes_.end(), lines.hashes.begin(), lines.hashes.end());
  numbers_.insert(numbers_.end(), lines.numbers.begin(), lines.numbers.end());
}

std::uint32_t LineIndex::add(TextLines lines) {
  auto n = static_cast<std::uint32_t>(extents_.size());
  for (std::uint32_t i = 0; i < lines.hashes.size(); ++i) {
    Head& h = heads_[lines.hashes[i]];
    if (h.count > kCommon) continue;  // boilerplate already: no more postings kept
    ++h.count;
    link(h, {n, i});
  }
  extents_.emplace_back();
  append(n, lines);
  return n;
}

void LineIndex::drop(const std::vector<std::uint32_t>& files) {
  if (dropped_.size() < extents_.size()) dropped_.resize(extents_.size(), false);
  std::vector<bool> going(extents_.size(), false);
  bool any = false;
  for (std::uint32_t n : files)
    if (n < extents_.size() && !dropped_[n]) going[n] = any = true;
  if (!any) return;
  for (auto& [hash, head] : heads_) head.head = kNone;
  std::vector<Posting> old = std::move(postings_);
  postings_.clear();
  next_.clear();
  postings_.reserve(old.size());
  next_.reserve(old.size());
  // Linked again in the order they were made: each line's places keep their order (newest first).
  for (const Posting& p : old)
    if (!going[p.file]) link(heads_.find(hashes_[extents_[p.file].at + p.line])->second, p);
  postings_.shrink_to_fit();
  next_.shrink_to_fit();
  // The lines of the files kept, packed again; places name (file, line) and do not move.
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> numbers;
  for (std::uint32_t n = 0; n < extents_.size(); ++n) {
    Extent& e = extents_[n];
    if (going[n]) {
      dropped_[n] = true;
      e = Extent{hashes.size(), 0};
      continue;
    }
    std::size_t at = hashes.size();
    hashes.insert(hashes.end(), hashes_.begin() + static_cast<std::ptrdiff_t>(e.at),
                  hashes_.begin() + static_cast<std::ptrdiff_t>(e.at + e.count));
    numbers.insert(numbers.end(), numbers_.begin() + static_cast<std::ptrdiff_t>(e.at),
                   numbers_.begin() + static_cast<std::ptrdiff_t>(e.at + e.count));
    e.at = at;
  }
  hashes_ = std::move(hashes);
  numbers_ = std::move(numbers);
}

void LineIndex::restore(std::uint32_t n, TextLines lines) {
  if (!dropped(n)) return;
  // A place for each line that is not boilerplate: add() gave it one then (its count was lower),
  // and a boilerplate line's places are never asked for.
  for (std::uint32_t i = 0; i < lines.hashes.size(); ++i) {
    auto it = heads_.find(lines.hashes[i]);
    if (it == heads_.end() || it->second.count > kCommon) continue;
    link(it->second, {n, i});
  }
  append(n, lines);
  dropped_[n] = false;
}

std::uint32_t LineIndex::count(std::uint64_t hash) const {
  auto it = heads_.find(hash);
  return it == heads_.end() ? 0 : it->second.count;
}

}  // namespace laneguard::git
