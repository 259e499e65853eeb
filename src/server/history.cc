#include "server/history.h"

#include <algorithm>
#include <set>

namespace laneguard::server {
namespace {

using RefIteratorPtr = git::Handle<git_reference_iterator, git_reference_iterator_free>;

git_oid parse_oid(const std::string& id) {
  git_oid oid;
  git::check(git_oid_fromstr(&oid, id.c_str()), "bad object id " + id);
  return oid;
}

template <typename Accept>
std::vector<std::string> collect_tips(const git::Repository& repo, Accept accept) {
  git_reference_iterator* raw = nullptr;
  git::check(git_reference_iterator_new(&raw, repo.get()), "cannot list refs");
  RefIteratorPtr it(raw);
  std::set<std::string> seen;
  std::vector<std::string> out;
  git_reference* ref_raw = nullptr;
  int rc;
  while ((rc = git_reference_next(&ref_raw, it.get())) == 0) {
    git::ReferencePtr ref(ref_raw);
    if (!accept(git_reference_name(ref.get()))) continue;
    git_object* obj = nullptr;
    if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT) != 0) continue;  // a tag of a blob, a dangling ref
    git::ObjectPtr owned(obj);
    std::string id = git::oid_hex(*git_object_id(owned.get()));
    if (seen.insert(id).second) out.push_back(std::move(id));
  }
  if (rc != GIT_ITEROVER) git::check(rc, "cannot list refs");
  return out;
}

}  // namespace

std::vector<std::string> ref_tips(const git::Repository& repo) {
  return collect_tips(repo, [](const char*) { return true; });
}

std::vector<std::string> branch_tips(const git::Repository& repo,
                                     const std::function<bool(const std::string& branch)>& accept) {
  return collect_tips(repo, [&](const char* name) {
    std::string n(name);
    static const std::string kPrefix = "refs/heads/";
    if (n.compare(0, kPrefix.size(), kPrefix) != 0) return false;
    return accept(n.substr(kPrefix.size()));
  });
}

std::vector<std::pair<std::string, std::string>> branches_by_tip(
    const git::Repository& repo, const std::function<bool(const std::string& branch)>& accept) {
  git_reference_iterator* raw = nullptr;
  git::check(git_reference_iterator_new(&raw, repo.get()), "cannot list refs");
  RefIteratorPtr it(raw);
  std::vector<std::pair<std::string, std::string>> out;
  static const std::string kPrefix = "refs/heads/";
  git_reference* ref_raw = nullptr;
  int rc;
  while ((rc = git_reference_next(&ref_raw, it.get())) == 0) {
    git::ReferencePtr ref(ref_raw);
    std::string name = git_reference_name(ref.get());
    if (name.compare(0, kPrefix.size(), kPrefix) != 0 || !accept(name.substr(kPrefix.size()))) continue;
    git_object* obj = nullptr;
    if (git_reference_peel(&obj, ref.get(), GIT_OBJECT_COMMIT) != 0) continue;
    git::ObjectPtr owned(obj);
    out.emplace_back(git::oid_hex(*git_object_id(owned.get())), name.substr(kPrefix.size()));
  }
  if (rc != GIT_ITEROVER) git::check(rc, "cannot list refs");
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> branch_and_other_tips_except(const git::Repository& repo,
                                                      const std::unordered_set<std::string>& except) {
  return collect_tips(repo, [&](const char* name) { return !except.count(name); });
}

std::string peel_to_commit(const git::Repository& repo, const std::string& id) {
  git_oid oid;
  if (git_oid_fromstr(&oid, id.c_str()) != 0) return "";
  git_object* obj = nullptr;
  if (git_object_lookup(&obj, repo.get(), &oid, GIT_OBJECT_ANY) != 0) return "";
  git::ObjectPtr owned(obj);
  git_object* peeled = nullptr;
  if (git_object_peel(&peeled, owned.get(), GIT_OBJECT_COMMIT) != 0) return "";
  git::ObjectPtr p(peeled);
  return git::oid_hex(*git_object_id(p.get()));
}

bool is_fast_forward(const git::Repository& repo, const std::string& ancestor, const std::string& descendant) {
  if (ancestor == descendant) return true;
  git_oid a = parse_oid(ancestor), d = parse_oid(descendant);
  int rc = git_graph_descendant_of(repo.get(), &d, &a);
  git::check(rc, "cannot compare " + descendant + " with " + ancestor);
  return rc == 1;
}

std::string resolve_symbolic_ref(const git::Repository& repo, const std::string& ref) {
  std::string name = ref;
  for (int depth = 0; depth < 10; ++depth) {  // git gives up after 5 levels; a loop ends here too
    git_reference* raw = nullptr;
    if (git_reference_lookup(&raw, repo.get(), name.c_str()) != 0) {
      git_error_clear();
      return name;
    }
    git::ReferencePtr r(raw);
    if (git_reference_type(r.get()) != GIT_REFERENCE_SYMBOLIC) return name;
    const char* target = git_reference_symbolic_target(r.get());
    if (!target || !*target) return name;
    name = target;
  }
  return name;
}

std::vector<std::string> parents_of(const git::Repository& repo, const std::string& id) {
  git_oid oid = parse_oid(id);
  git_commit* raw = nullptr;
  git::check(git_commit_lookup(&raw, repo.get(), &oid), "missing commit " + id);
  git::CommitPtr commit(raw);
  std::vector<std::string> out;
  for (unsigned i = 0; i < git_commit_parentcount(commit.get()); ++i)
    out.push_back(git::oid_hex(*git_commit_parent_id(commit.get(), i)));
  return out;
}

}  // namespace laneguard::server
