#include "local/staged_commit.h"

namespace laneguard::local {

CommitFacts staged_commit(const StagedChange& staged, const LocalUser& user, std::string_view message) {
  CommitFacts c;
  c.id = kStagedId;
  c.message = std::string(message);
  c.subject = c.message.substr(0, c.message.find('\n'));
  c.author = user.author;
  c.committer = user.committer;
  c.trailers = parse_trailers(c.message);
  for (const Trailer& t : c.trailers)
    if (trailer_key_is(t, "Co-authored-by"))
      if (auto who = parse_identity(t.value)) c.co_authors.push_back(std::move(*who));
  if (staged.head) c.parents.push_back(*staged.head);
  c.paths = staged.paths;
  return c;
}

}  // namespace laneguard::local
