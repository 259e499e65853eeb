// Who verifiably signed a commit: an SSH signature (gpg.format = ssh) made with a key the
// agreement lists under a person's signing_keys, checked with ssh-keygen. GPG signatures and
// keys the agreement does not list are not verified, so they approve nothing. Both signature
// headers are read: `gpgsig` and `gpgsig-sha256`.
//
// What a signature means is the gate's business (SPEC section 4): the signer of a commit is one of
// its authors; a verified signature on a merge approves what the merge brings in.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "agreement/agreement.h"
#include "git/repository.h"
#include "server/budget.h"

namespace laneguard::server {

// A raw commit object split as git verifies it: every signature header's value (continuation
// spaces removed), and the payload that was signed (the commit without any signature header).
struct SignedCommitText {
  std::vector<std::string> signatures;
  std::string payload;
};
SignedCommitText split_signed_commit(std::string_view raw_commit);

class CommitSigners {
 public:
  CommitSigners(const Agreement& agreement, const git::Repository& repo, const Budget& budget)
      : agreement_(agreement), repo_(repo), budget_(budget) {}

  // The person whose listed key verifiably signed the commit, or nullptr. Cached per commit.
  const Person* signer(const std::string& commit_id);

  // Why signatures could not be checked ("ssh-keygen not found ..."), once each, for the pusher.
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  const Person* verify(const std::string& commit_id);
  void note(const std::string& problem);

  const Agreement& agreement_;
  const git::Repository& repo_;
  const Budget& budget_;
  std::map<std::string, const Person*> cache_;
  git::OdbPtr odb_;
  std::vector<std::string> problems_;
};

}  // namespace laneguard::server
