// pre-push: the ref updates git hands the hook on stdin, and what each brings to the remote.
#pragma once
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "git/repository.h"

namespace laneguard::local {

struct PushUpdate {
  std::string local_ref, local_sha, remote_ref, remote_sha;
  bool deletes() const { return local_sha.find_first_not_of('0') == std::string::npos; }
  bool creates() const { return remote_sha.find_first_not_of('0') == std::string::npos; }
  // "main" for refs/heads/main; nullopt for tags and other refs.
  std::optional<std::string> remote_branch() const;
};

// Lines `<local ref> <local sha> <remote ref> <remote sha>`; blank lines skipped. Malformed: UsageError.
std::vector<PushUpdate> parse_push_updates(std::istream& in);

// The pre-commit framework runs pre-push hooks without stdin, with PRE_COMMIT_* variables instead.
std::optional<PushUpdate> push_update_from_pre_commit_env();

// Tips of refs/remotes/REMOTE/* (REMOTE a remote's name; none when it is a URL), as 40-hex ids;
// and the same with each branch's name on the remote ("main", "release/1").
std::vector<std::string> remote_tracking_tips(const git::Repository& repo, const std::string& remote);
std::vector<std::pair<std::string, std::string>> remote_tracking_branches(const git::Repository& repo,
                                                                          const std::string& remote);

// The commits the update lands on the remote's branch, computed as the server computes them
// (git/landed.h): local ^remote-tip ^ the remote-tracking tips of the protected branches
// (`is_protected` on the remote's branch names); when the remote's tip is not known here (a remote
// not fetched lately), local ^ every refs/remotes/REMOTE/*.
std::vector<std::string> pushed_commits(const git::Repository& repo, const PushUpdate& update, const std::string& remote,
                                        const std::function<bool(const std::string&)>& is_protected);

// Of `commits`, those no refs/remotes/REMOTE/* reaches: the push introduces them to the server.
std::vector<std::string> new_to_remote(const git::Repository& repo, const PushUpdate& update, const std::string& remote);

// True when the update would rewrite the remote's branch: its tip is known here and is not an
// ancestor of what is pushed. Unknown tips give false (git itself refuses a non-forced push then).
bool rewrites_history(const git::Repository& repo, const PushUpdate& update);

}  // namespace laneguard::local
