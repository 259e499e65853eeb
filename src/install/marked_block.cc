#include "install/marked_block.h"

#include "util/error.h"

namespace laneguard::install {

std::string block_begin(std::string_view tag) {
  return "# >>> laneguard " + std::string(tag) + " (written by `laneguard install`; `laneguard install --uninstall` removes it)";
}

std::string block_end(std::string_view tag) { return "# <<< laneguard " + std::string(tag); }

std::string make_block(std::string_view tag, std::string_view body, std::size_t indent) {
  std::string pad(indent, ' ');
  std::string out = pad + block_begin(tag) + "\n";
  std::size_t at = 0;
  while (at < body.size()) {
    std::size_t nl = body.find('\n', at);
    std::string_view line = body.substr(at, nl == std::string_view::npos ? std::string_view::npos : nl - at);
    out += (line.empty() ? "" : pad) + std::string(line) + "\n";
    at = nl == std::string_view::npos ? body.size() : nl + 1;
  }
  return out + pad + block_end(tag) + "\n";
}

namespace {

// The line at `at` without its indentation and '\n'; `next` set past the '\n'.
std::string_view line_at(std::string_view text, std::size_t at, std::size_t* next) {
  std::size_t nl = text.find('\n', at);
  *next = nl == std::string_view::npos ? text.size() : nl + 1;
  std::string_view line = text.substr(at, *next - at);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

// The begin marker's words, up to and including the tag, then a space or the end of the line.
bool opens(std::string_view line, std::string_view tag) {
  std::string head = "# >>> laneguard " + std::string(tag);
  return line.substr(0, head.size()) == head && (line.size() == head.size() || line[head.size()] == ' ');
}

}  // namespace

BlockSpan find_block(std::string_view text, std::string_view tag, std::string_view file) {
  BlockSpan span;
  std::string end = block_end(tag);
  for (std::size_t at = 0, next = 0; at < text.size(); at = next) {
    std::string_view line = line_at(text, at, &next);
    if (!span.found()) {
      if (opens(line, tag)) span.begin = at;
    } else if (line == end) {
      span.end = next;
      return span;
    }
  }
  if (span.found())
    throw GitError(std::string(file) + ": laneguard's " + std::string(tag) + " block has no closing `" + end +
                   "` line; remove what laneguard added by hand, then run laneguard install again");
  return span;
}

std::string remove_block(std::string_view text, std::string_view tag, std::string_view file) {
  std::string out(text);
  for (BlockSpan span = find_block(out, tag, file); span.found(); span = find_block(out, tag, file))
    out.erase(span.begin, span.end - span.begin);
  return out;
}

bool empty_of_content(std::string_view text) {
  for (std::size_t at = 0, next = 0; at < text.size(); at = next) {
    std::string_view line = line_at(text, at, &next);
    if (line.empty() || (at == 0 && line.substr(0, 2) == "#!")) continue;
    return false;
  }
  return true;
}

}  // namespace laneguard::install
