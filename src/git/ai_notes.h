// The AI attribution notes on commits (issue 16): the notes refs the agreement lists ([ai]
// notes_refs, git-ai's refs/notes/ai by default), read through libgit2 and turned into evidence by
// git/ai_note_formats.h. On the server the notes commits a push brings for those refs are read too:
// notes pushed with the commits count as evidence (never as a label or an approval).
#pragma once
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "facts/change.h"
#include "git/handle.h"

namespace laneguard {
struct AiSettings;
}

namespace laneguard::git {

class AiNotes {
 public:
  // `pushed`: (notes ref, new notes commit id) of a push's updates to notes refs; read besides the
  // refs' current notes (a push cannot hide the notes the server has by rewriting the ref).
  AiNotes(git_repository* repo, const AiSettings& settings,
          const std::vector<std::pair<std::string, std::string>>& pushed = {});
  bool empty() const { return sources_.empty(); }
  // Adds to `c` the evidence (notes_evidence) and the directing humans (agent_humans) of every note
  // on it. A note in a listed ref that is neither format is evidence of AI involvement in the whole
  // commit, saying so: the agreement says that ref records AI authorship.
  void attach(CommitFacts& c) const;

 private:
  struct Source {
    std::string ref;
    CommitPtr notes_commit;
  };
  git_repository* repo_;
  const AiSettings* settings_;
  std::vector<Source> sources_;
};

}  // namespace laneguard::git
