// Who verifiably signed a commit: an SSH signature (gpg.format = ssh) made with a key the
// agreement lists under a person's signing_keys, checked with ssh-keygen. GPG signatures and
// keys the agreement does not list are not verified, so they approve nothing.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "git/repository.h"
#include "server/budget.h"

namespace laneguard::server {

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
  std::vector<std::string> problems_;
};

}  // namespace laneguard::server
