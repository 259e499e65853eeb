// Approvals by push a remote holds (`laneguard approve`: refs/laneguard/approvals/<who>/<commit>),
// for pre-push to predict the server's verdict. Read with `git ls-remote` only when first asked
// (a push that would pass without them never asks). Each ref approves, as far as this clone can
// tell, the commits its commit has that the remote's protected branches do not: never more than
// the server recorded, since protected branches only move forward.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "facts/change.h"
#include "git/repository.h"

namespace laneguard::local {

class RemoteApprovals {
 public:
  // `protected_tips`: the remote-tracking tips of the remote's protected branches.
  RemoteApprovals(const git::Repository& repo, const Agreement& agreement, std::string remote,
                  std::vector<std::string> protected_tips);

  // The approvals pushed for `commit` (authenticated, source push).
  std::vector<Approval> of(const std::string& commit);
  // Why they could not be read ("git ls-remote origin failed: ..."); empty when they could.
  const std::string& problem() const { return problem_; }

 private:
  void load();
  const git::Repository& repo_;
  const Agreement& agreement_;
  std::string remote_;
  std::vector<std::string> protected_tips_;
  bool loaded_ = false;
  std::map<std::string, std::vector<std::string>> approvers_;  // commit -> who (as the ref names them)
  std::string problem_;
};

}  // namespace laneguard::local
