// What `check` and `report` share to judge the commits of a range the same way: the default range
// after the agreement's baseline, the adoption commit's exemption, and a commit's approvals.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "facts/change.h"
#include "git/repository.h"
#include "server/approval_store.h"

namespace laneguard {

// With no revision given and an [agreement] since, the default range is what came after the
// baseline (HEAD ^since): adopting the agreement on an old repository does not judge its past.
// Returns the words for the report's hint.
std::string baseline_range(const git::Repository& repo, const Agreement& agreement, std::vector<std::string>& revisions);

// The agreement file's path inside the repository when the judging agreement is that file
// (.laneguard.toml at the root, or --agreement pointing into the work tree).
std::optional<std::string> agreement_path_in_repo(const git::Repository& repo, const Agreement& agreement);

// The commit that adds the agreement is not judged by the agreement it adds: its creation of the
// file (absent from the first parent) is taken out of what the commit is judged on. Every later
// change to the file is judged as usual.
void exempt_adoption(const git::Repository& repo, const std::string& path, CommitFacts& c);

// On the server (a record database beside the repository): the store of approvals given by push.
std::optional<server::ApprovalStore> pushed_approvals(const git::Repository& repo);

// A commit's approvals: its trailers, and the approvals by push `pushed` holds for it.
std::vector<Approval> commit_approvals(const CommitFacts& c, const Agreement& agreement,
                                       const std::optional<server::ApprovalStore>& pushed);

}  // namespace laneguard
