// Lines of text as the prototype-promotion rule compares them: whitespace-normalised (every blank
// character removed, so re-indenting or re-spacing a line changes nothing), trivial lines left out
// (blank, braces and other punctuation, fewer than 4 letters or digits, comment-only lines,
// import/include/using/package lines), each kept line reduced to a 64-bit hash and its line
// number. And an index of the lines of many files (the prototype lanes' files of a tree), built
// once and added to as a walk meets new blobs.
#pragma once
#include <git2.h>

#include <cstdint>
#include <cstring>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace laneguard::git {

// The kept lines of one file, in order.
struct TextLines {
  std::vector<std::uint64_t> hashes;
  std::vector<std::uint32_t> numbers;  // 1-based line numbers, parallel to hashes
};

// True for content git would call binary (a NUL byte in its first 8000 bytes).
bool looks_binary(std::string_view content);
// True for a line the comparison leaves out.
bool is_trivial_line(std::string_view line);
// The hash of the line with every blank character removed.
std::uint64_t normalised_line_hash(std::string_view line);
// Every non-trivial line of `content` (nothing for binary content).
TextLines text_lines(std::string_view content);

// Lines of many files, by hash.
class LineIndex {
 public:
  struct Posting {
    std::uint32_t file;  // index given by add()
    std::uint32_t line;  // position in that file's kept lines
  };
  // A line in more than this many places is boilerplate of the prototypes (a licence header, a
  // framework's fixed lines): neither evidence of a copy nor a break in a run.
  static constexpr std::uint32_t kCommon = 24;

  // Indexes `lines` as file number N (returned: 0, 1, 2...).
  std::uint32_t add(TextLines lines);
  // Forgets these files' lines (prototype files no tree of the walk holds any more): their text
  // and places are freed (the other places of each line keep their order), but their lines still
  // count (count(), common()), so what is boilerplate does not change. restore() gives a dropped
  // file back its lines (the same ones add() was given): its places come back (as the newest of
  // each line's), the counts stay as they are.
  void drop(const std::vector<std::uint32_t>& files);
  void restore(std::uint32_t n, TextLines lines);
  bool dropped(std::uint32_t n) const { return n < dropped_.size() && dropped_[n]; }
  // Places kept: what each() can call back with.
  std::size_t places() const { return postings_.size(); }
  // File n's kept lines: views into the index (valid until the next add, drop or restore).
  struct FileLines {
    std::span<const std::uint64_t> hashes;
    std::span<const std::uint32_t> numbers;
  };
  FileLines file(std::uint32_t n) const {
    const Extent& e = extents_[n];
    return {{hashes_.data() + e.at, e.count}, {numbers_.data() + e.at, e.count}};
  }
  std::size_t files() const { return extents_.size(); }
  // How many places hold the line (capped just above kCommon).
  std::uint32_t count(std::uint64_t hash) const;
  bool common(std::uint64_t hash) const { return count(hash) > kCommon; }
  // Calls f(Posting) for each place that holds the line (none for a common line).
  template <typename F>
  void each(std::uint64_t hash, F&& f) const {
    auto it = heads_.find(hash);
    if (it == heads_.end() || it->second.count > kCommon) return;
    for (std::uint32_t p = it->second.head; p != kNone; p = next_[p]) f(postings_[p]);
  }

 private:
  static constexpr std::uint32_t kNone = 0xffffffffu;
  struct Head {
    std::uint32_t head = kNone;
    std::uint32_t count = 0;
  };
  // Every file's lines one after another (a prototype file of one line costs 12 bytes and its
  // extent, not two allocations): file n is [at, at + count) of both.
  struct Extent {
    std::size_t at = 0;
    std::uint32_t count = 0;
  };
  std::vector<Extent> extents_;
  std::vector<std::uint64_t> hashes_;
  std::vector<std::uint32_t> numbers_;
  void append(std::uint32_t n, const TextLines& lines);  // the lines as file n's extent
  void link(Head& head, Posting p);  // p becomes the newest of its line's places
  std::vector<bool> dropped_;  // by file
  std::unordered_map<std::uint64_t, Head> heads_;
  std::vector<Posting> postings_;
  std::vector<std::uint32_t> next_;
};

}  // namespace laneguard::git
