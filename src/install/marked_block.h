// Text laneguard adds to a file someone else owns (a husky script, a lefthook config), between two
// comment lines that name it, so that a reinstall replaces it and an uninstall removes exactly it.
#pragma once
#include <string>
#include <string_view>

namespace laneguard::install {

// "# >>> laneguard TAG (...)": the line opening a block; "# <<< laneguard TAG": the one closing it.
std::string block_begin(std::string_view tag);
std::string block_end(std::string_view tag);

// `body` (lines ending in '\n') between TAG's markers, each line indented by `indent` spaces.
std::string make_block(std::string_view tag, std::string_view body, std::size_t indent = 0);

// Where TAG's block starts and ends in `text` (offsets of its first line and just past its last),
// npos when there is none. A begin marker without an end: GitError naming `file`.
struct BlockSpan {
  std::size_t begin = std::string_view::npos;
  std::size_t end = std::string_view::npos;
  bool found() const { return begin != std::string_view::npos; }
};
BlockSpan find_block(std::string_view text, std::string_view tag, std::string_view file);

// `text` without TAG's block.
std::string remove_block(std::string_view text, std::string_view tag, std::string_view file);

// True when nothing but blank lines and an interpreter line (#!...) is left: the file holds nothing
// of anyone's.
bool empty_of_content(std::string_view text);

}  // namespace laneguard::install
