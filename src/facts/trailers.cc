// Commit trailers as `git log --format='%(trailers:only,unfold)'` reports them (git 2.39).
//
// The steps follow git's own reading of a commit message:
//  1. pretty.c starts at the subject: leading whitespace-only lines are skipped.
//  2. commit.c ignore_non_trailer(): the message ends before a scissors line
//     ("# ------------------------ >8 ------------------------") and before the final run of
//     comment lines, empty lines and an old-style "Conflicts:" block.
//  3. trailer.c find_trailer_start(): the first paragraph (the title) is never trailers; from the
//     end backwards, the block after the last blank line is the trailer block when every line is
//     a trailer or a continuation, or when a git-generated line (Signed-off-by:, cherry picked)
//     is present and at least 25% of the lines are trailers.
//  4. Lines starting with whitespace are joined to the trailer before them and unfolded.
// A `---` line is ordinary text: `git log` reads commits with no patch divider.
#include "facts/trailers.h"

#include <cstddef>

#include "facts/identity.h"

namespace laneguard {
namespace {

constexpr char kCommentChar = '#';
constexpr std::string_view kScissors = "------------------------ >8 ------------------------\n";
constexpr std::string_view kGitGeneratedPrefixes[] = {"Signed-off-by: ",
                                                      "(cherry picked from commit "};

// git's ctype is ASCII-only and locale-independent: space is ' ', '\t', '\n', '\r'.
bool git_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool git_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

std::string_view git_trim(std::string_view s) {
  while (!s.empty() && git_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && git_space(s.back())) s.remove_suffix(1);
  return s;
}

// The line starting at `pos`, up to and including its '\n' (or to the end of `text`).
std::string_view line_at(std::string_view text, std::size_t pos) {
  std::size_t nl = text.find('\n', pos);
  return text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos + 1);
}

std::size_t next_line(std::string_view text, std::size_t pos) {
  return pos + line_at(text, pos).size();
}

// Start of the last line within text[0, len); -1 when len is 0. A final '\n' belongs to the
// last line.
std::ptrdiff_t last_line_start(std::string_view text, std::size_t len) {
  if (len == 0) return -1;
  for (std::ptrdiff_t i = static_cast<std::ptrdiff_t>(len) - 2; i >= 0; --i)
    if (text[static_cast<std::size_t>(i)] == '\n') return i + 1;
  return 0;
}

// Whitespace up to the end of the line (or of the text).
bool is_blank(std::string_view line) {
  for (char c : line) {
    if (c == '\n') return true;
    if (!git_space(c)) return false;
  }
  return true;
}

// Position of the ':' that makes `line` a trailer: a key of [A-Za-z0-9-], then optional spaces
// or tabs, then ':'. -1 when there is none; 0 when the line starts with ':' (not a trailer).
std::ptrdiff_t find_separator(std::string_view line) {
  bool whitespace_found = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == ':') return static_cast<std::ptrdiff_t>(i);
    if (!whitespace_found && (git_alnum(c) || c == '-')) continue;
    if (i != 0 && (c == ' ' || c == '\t')) {
      whitespace_found = true;
      continue;
    }
    break;
  }
  return -1;
}

// pretty.c: the message as %(trailers) sees it starts at the subject.
std::string_view skip_leading_blank_lines(std::string_view msg) {
  while (!msg.empty()) {
    std::string_view line = line_at(msg, 0);
    if (!git_trim(line).empty()) break;
    msg.remove_prefix(line.size());
  }
  return msg;
}

// commit.c wt_status_locate_end(): where a scissors line cuts the message.
std::size_t scissors_cutoff(std::string_view msg) {
  std::string pattern = std::string("\n") + kCommentChar + " " + std::string(kScissors);
  if (msg.substr(0, pattern.size() - 1) == std::string_view(pattern).substr(1)) return 0;
  std::size_t p = msg.find(pattern);
  return p == std::string_view::npos ? msg.size() : p + 1;
}

// commit.c ignore_non_trailer(): the end of the message proper, before trailing comments,
// empty lines and an old "Conflicts:" block.
std::size_t message_end(std::string_view msg) {
  std::size_t cutoff = scissors_cutoff(msg);
  std::size_t boc = 0;  // beginning of the trailing run; 0: none
  bool in_conflicts = false;
  for (std::size_t bol = 0; bol < cutoff; bol = next_line(msg, bol)) {
    char first = msg[bol];
    if (first == kCommentChar || first == '\n') {
      if (!boc) boc = bol;
    } else if (msg.substr(bol, 11) == "Conflicts:\n") {
      in_conflicts = true;
      if (!boc) boc = bol;
    } else if (in_conflicts && first == '\t') {
      // a path in the conflicts block
    } else if (boc) {
      boc = 0;
      in_conflicts = false;
    }
  }
  return boc ? boc : cutoff;
}

// trailer.c find_trailer_start(): the first line of the trailer block in msg[0, len), or len.
std::size_t trailer_block_start(std::string_view msg, std::size_t len) {
  std::size_t end_of_title = 0;
  for (end_of_title = 0; end_of_title < len; end_of_title = next_line(msg, end_of_title)) {
    if (msg[end_of_title] == kCommentChar) continue;
    if (is_blank(line_at(msg, end_of_title))) break;
  }

  bool only_spaces = true;
  bool recognized_prefix = false;
  int trailer_lines = 0, non_trailer_lines = 0, possible_continuation_lines = 0;
  for (std::ptrdiff_t l = last_line_start(msg, len);
       l >= static_cast<std::ptrdiff_t>(end_of_title);
       l = last_line_start(msg, static_cast<std::size_t>(l))) {
    auto pos = static_cast<std::size_t>(l);
    std::string_view line = line_at(msg, pos);
    if (line[0] == kCommentChar) {
      non_trailer_lines += possible_continuation_lines;
      possible_continuation_lines = 0;
      continue;
    }
    if (is_blank(line)) {
      if (only_spaces) continue;
      non_trailer_lines += possible_continuation_lines;
      if (recognized_prefix && trailer_lines * 3 >= non_trailer_lines) return pos + line.size();
      if (trailer_lines && !non_trailer_lines) return pos + line.size();
      return len;
    }
    only_spaces = false;

    bool git_generated = false;
    for (std::string_view prefix : kGitGeneratedPrefixes)
      if (line.substr(0, prefix.size()) == prefix) git_generated = true;
    if (git_generated) {
      ++trailer_lines;
      possible_continuation_lines = 0;
      recognized_prefix = true;
    } else if (find_separator(line) >= 1 && !git_space(line[0])) {
      ++trailer_lines;
      possible_continuation_lines = 0;
    } else if (git_space(line[0])) {
      ++possible_continuation_lines;
    } else {
      non_trailer_lines += 1 + possible_continuation_lines;
      possible_continuation_lines = 0;
    }
  }
  return len;
}

// trailer.c unfold_value(): each line break and the whitespace after it become one space.
std::string unfold(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (std::size_t i = 0; i < value.size();) {
    char c = value[i++];
    if (c == '\n') {
      while (i < value.size() && git_space(value[i])) ++i;
      out += ' ';
    } else {
      out += c;
    }
  }
  return std::string(git_trim(out));
}

}  // namespace

std::vector<Trailer> parse_trailers(std::string_view message) {
  // git reads the message as a C string: nothing after a NUL byte exists for it.
  message = message.substr(0, message.find('\0'));
  std::string_view msg = skip_leading_blank_lines(message);
  std::size_t end = message_end(msg);
  std::size_t start = trailer_block_start(msg, end);

  // Lines of the block; a line starting with whitespace continues the trailer before it.
  std::vector<std::string> lines;
  bool last_is_trailer = false;
  for (std::size_t pos = start; pos < end;) {
    std::string_view line = line_at(msg.substr(0, end), pos);
    pos += line.size();
    if (last_is_trailer && git_space(line[0])) {
      lines.back() += line;
      continue;
    }
    lines.emplace_back(line);
    last_is_trailer = find_separator(line) >= 1;
  }

  std::vector<Trailer> trailers;
  for (const std::string& line : lines) {
    std::ptrdiff_t sep = find_separator(line);
    if (sep < 1) continue;  // `only`: not a key/value line (prose, cherry-pick note, comment)
    auto at = static_cast<std::size_t>(sep);
    std::string_view text = line;
    trailers.push_back(
        Trailer{std::string(git_trim(text.substr(0, at))), unfold(git_trim(text.substr(at + 1)))});
  }
  return trailers;
}

bool trailer_key_is(const Trailer& trailer, std::string_view key) {
  return iequals(trailer.key, key);
}

}  // namespace laneguard
