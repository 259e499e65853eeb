// What a ref update lands, computed the same way wherever it is judged: the server's pre-receive,
// the local pre-push preview, CI's base..head and `check A..B`.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "facts/change.h"
#include "git/repository.h"
#include "git/tree_diff.h"

namespace laneguard::git {

// The commits an update of a branch to `new_tip` lands, newest first: `new_tip ^old_tip ^` every
// tip in `protected_tips` (`old_tip` is nullopt for a creation). A commit another protected branch
// already has was judged when it landed there; what no protected branch reaches was never judged,
// whatever other branch already has it.
std::vector<std::string> landed_commits(const Repository& repo, const std::string& new_tip,
                                        const std::optional<std::string>& old_tip,
                                        const std::vector<std::string>& protected_tips);
// The tips landed_commits hides: `protected_tips` and `old_tip`. For a caller that walks through
// a cache of its own (the server's, which often asks the same walk twice in one push).
std::vector<std::string> landed_hidden(const std::optional<std::string>& old_tip,
                                       const std::vector<std::string>& protected_tips);

// A landed range's net effect (SPEC section 2): the paths that differ between the trees of `from`
// (nullopt: the empty tree) and `to` for which `guarded` says yes, less those a judged commit of the
// range explains: a path is explained when a judged commit touched it (as its own change, brought
// in or merged cleanly) and left it with exactly the entry it has at `to`. Commits are added one at
// a time as they are judged, so a streaming caller keeps nothing per commit.
class NetEffect {
 public:
  NetEffect(const Repository& repo, const std::optional<std::string>& from, const std::string& to,
            const std::function<bool(const std::string&)>& guarded);
  // Marks the paths `judged` explains.
  void add(const CommitFacts& judged);
  // What no added commit explains, sorted.
  std::vector<std::string> unexplained() const;

 private:
  const Repository& repo_;
  std::vector<std::string> net_;  // sorted
  std::vector<LeafEntry> want_;   // the entry at `to`, parallel to net_
  std::vector<bool> explained_;
  size_t left_ = 0;
};

// Whether `judged` (commit ids, any order) is exactly one line of single-parent commits from `to`
// down to `from` (nullopt: down to a root commit). Then the net effect needs no diff: a path whose
// entry differs between `from` and `to` was last changed by one of them, whose own diff found it
// with the entry it keeps at `to`, so every such path is explained. The usual push (commits on top
// of the branch, no merges) is such a line; anything else (a merge, a commit judged elsewhere, a
// range that skips one) is not, and gets the full comparison.
bool judged_line(const Repository& repo, const std::optional<std::string>& from, const std::string& to,
                 const std::vector<std::string>& judged);

// NetEffect over `judged` at once (no diff when they are one line from `from` to `to`).
std::vector<std::string> unexplained_paths(const Repository& repo, const std::optional<std::string>& from,
                                           const std::string& to, const std::vector<CommitFacts>& judged,
                                           const std::function<bool(const std::string&)>& guarded);

}  // namespace laneguard::git
