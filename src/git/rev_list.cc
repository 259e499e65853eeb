// Repository::rev_list and commits_between: git revision-range syntax over a libgit2 revwalk.
#include <cstring>

#include "git/repository.h"

namespace laneguard::git {
namespace {

RevwalkPtr new_walk(git_repository* repo) {
  git_revwalk* w = nullptr;
  check(git_revwalk_new(&w, repo), "starting a revision walk");
  // git rev-list's default order: newest commit date first.
  check(git_revwalk_sorting(w, GIT_SORT_TIME), "starting a revision walk");
  return RevwalkPtr(w);
}

std::vector<std::string> drain(git_revwalk* walk) {
  std::vector<std::string> out;
  git_oid oid;
  int rc;
  while ((rc = git_revwalk_next(&oid, walk)) == 0) out.push_back(oid_hex(oid));
  if (rc != GIT_ITEROVER) check(rc, "walking the history");
  return out;
}

// Resolves one revision (no range) to a commit id, with messages a person can act on.
git_oid resolve(git_repository* repo, const std::string& rev) {
  git_object* obj = nullptr;
  int rc = git_revparse_single(&obj, repo, rev.c_str());
  if (rc < 0) {
    if (rev.rfind("HEAD", 0) == 0 && git_repository_head_unborn(repo) == 1)
      throw UsageError("HEAD has no commits yet (the current branch is unborn): nothing to list for '" + rev + "'");
    if (rc == GIT_EAMBIGUOUS) throw UsageError("ambiguous revision '" + rev + "'");
    if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC || rc == GIT_EUNBORNBRANCH)
      throw UsageError("unknown revision '" + rev + "'");
    check(rc, "resolving revision '" + rev + "'");
  }
  ObjectPtr owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
    throw UsageError("revision '" + rev + "' is not a commit");
  ObjectPtr commit(peeled);
  return *git_object_id(peeled);
}

class RangeBuilder {
 public:
  RangeBuilder(git_repository* repo, git_revwalk* walk) : repo_(repo), walk_(walk) {}

  void add(const std::string& arg) {
    if (arg == "--not") {
      negated_ = !negated_;
      return;
    }
    if (arg == "--all") return all();
    if (!arg.empty() && arg[0] == '-') throw UsageError("unknown revision '" + arg + "'");
    if (!arg.empty() && arg[0] == '^') return mark(resolve(repo_, arg.substr(1)), !negated_);
    if (auto dots = arg.find(".."); dots != std::string::npos) {
      bool symmetric = arg.compare(dots, 3, "...") == 0;
      std::string left = arg.substr(0, dots);
      std::string right = arg.substr(dots + (symmetric ? 3 : 2));
      git_oid a = resolve(repo_, left.empty() ? "HEAD" : left);
      git_oid b = resolve(repo_, right.empty() ? "HEAD" : right);
      if (!symmetric) {
        mark(a, !negated_);
        mark(b, negated_);
        return;
      }
      mark(a, negated_);
      mark(b, negated_);
      OidArray bases;
      int rc = git_merge_bases(&bases.value, repo_, &a, &b);
      if (rc == GIT_ENOTFOUND) return;
      check(rc, "finding the merge bases of " + arg);
      for (size_t i = 0; i < bases.value.count; ++i) mark(bases.value.ids[i], !negated_);
      return;
    }
    mark(resolve(repo_, arg), negated_);
  }

  bool any_shown() const { return shown_; }

 private:
  void mark(const git_oid& oid, bool hide) {
    if (hide) {
      check(git_revwalk_hide(walk_, &oid), "hiding " + oid_hex(oid));
    } else {
      check(git_revwalk_push(walk_, &oid), "walking from " + oid_hex(oid));
      shown_ = true;
    }
  }

  // Every ref and HEAD, as `git rev-list --all`.
  void all() {
    git_reference_iterator* it = nullptr;
    check(git_reference_iterator_new(&it, repo_), "listing refs");
    std::unique_ptr<git_reference_iterator, Deleter<git_reference_iterator, git_reference_iterator_free>> owned(it);
    git_reference* ref = nullptr;
    while (git_reference_next(&ref, it) == 0) {
      ReferencePtr r(ref);
      git_object* obj = nullptr;
      if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) < 0) continue;  // tags of trees or blobs
      ObjectPtr o(obj);
      mark(*git_object_id(obj), negated_);
    }
    git_oid head;
    if (git_reference_name_to_id(&head, repo_, "HEAD") == 0) mark(head, negated_);
  }

  git_repository* repo_;
  git_revwalk* walk_;
  bool negated_ = false;
  bool shown_ = false;
};

}  // namespace

std::vector<std::string> Repository::rev_list(const std::vector<std::string>& args) const {
  RevwalkPtr walk = new_walk(repo_.get());
  RangeBuilder range(repo_.get(), walk.get());
  if (args.empty()) range.add("HEAD");
  for (const auto& arg : args) range.add(arg);
  if (!range.any_shown()) return {};
  return drain(walk.get());
}

std::vector<std::string> Repository::commits_between(const std::string& tip, const std::vector<std::string>& hidden) const {
  RevwalkPtr walk = new_walk(repo_.get());
  git_oid oid;
  if (git_oid_fromstr(&oid, tip.c_str()) < 0) throw GitError("not a commit id: '" + tip + "'");
  check(git_revwalk_push(walk.get(), &oid), "walking from " + tip);
  for (const auto& h : hidden) {
    git_oid hid;
    git_commit* c = nullptr;
    // A hidden tip the repository does not have hides nothing (it cannot be an ancestor).
    if (git_oid_fromstr(&hid, h.c_str()) < 0 || git_commit_lookup(&c, repo_.get(), &hid) < 0) continue;
    CommitPtr owned(c);
    check(git_revwalk_hide(walk.get(), &hid), "hiding " + h);
  }
  return drain(walk.get());
}

}  // namespace laneguard::git
