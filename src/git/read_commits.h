// The facts of many commits at once (Repository::commit_facts for each), read on several threads,
// each with its own handle on the repository: the server hook reads every pushed commit before it
// judges any, and reading trees is most of its time.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "facts/change.h"
#include "git/repository.h"

namespace laneguard::git {

// facts[i] is repo.commit_facts(ids[i]), read on up to `threads` threads (this one and threads - 1
// others; 1: this one only). `between` is called before each commit is read, on the thread that
// reads it (a budget check: it must be safe to call from any thread); what it throws stops the
// reading. An error is the one the first failing commit in `ids` order throws, as when read one
// after another.
std::vector<CommitFacts> read_commits(const Repository& repo, const std::vector<std::string>& ids, unsigned threads,
                                      const std::function<void()>& between = {});

}  // namespace laneguard::git
