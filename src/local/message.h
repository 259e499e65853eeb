// The commit message as git will store it. The commit-msg hook sees the file before git cleans it:
// comment lines, the scissors line of `git commit -v` and the diff below it are still there.
// This mirrors git's cleanup (sequencer.c cleanup_message, strbuf_stripspace, wt_status_locate_end).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace laneguard::local {

enum class Cleanup {
  strip,       // drop comment lines and the scissors part, then whitespace
  whitespace,  // trailing spaces, blank lines at the ends, runs of blank lines
  verbatim,    // nothing
  scissors,    // cut at the scissors line, then whitespace
};

struct MessageCleanup {
  Cleanup mode = Cleanup::strip;
  char comment = '#';       // core.commentChar
  bool cut_at_scissors = true;
};

// git stripspace (with `comment` set: git stripspace --strip-comments).
std::string strip_space(std::string_view text, std::optional<char> comment);

// The message up to git's scissors line ("# ------------------------ >8 ------------------------").
std::string_view cut_at_scissors(std::string_view text, char comment);

// How git will clean the message, from what the hook can see:
//   commit.cleanup ("default", "strip", "whitespace", "verbatim", "scissors"; nullopt: default),
//   core.commentChar (nullopt: '#'; "auto": recognised from git's own comment lines in `raw`),
//   whether an editor was used (git sets GIT_EDITOR=: for hooks when it was not).
// The "default" mode is strip with an editor, whitespace without; the scissors line is honoured
// whenever an editor was used (git commit -v is invisible to hooks).
MessageCleanup cleanup_for(const std::optional<std::string>& commit_cleanup,
                           const std::optional<std::string>& comment_char, bool editor_used, std::string_view raw);

std::string clean_message(std::string_view raw, const MessageCleanup& cleanup);

}  // namespace laneguard::local
