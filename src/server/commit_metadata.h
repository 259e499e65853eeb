// A commit's facts except its touched paths (see git_paths.h for those): message, subject,
// author, committer, trailers, co-authors and parents, read exactly as Repository::commit_facts
// reads them.
#pragma once
#include <string>

#include "facts/change.h"
#include "git/repository.h"

namespace laneguard::server {

// Throws GitError when the commit is missing.
CommitFacts commit_metadata(const git::Repository& repo, const std::string& id);

}  // namespace laneguard::server
