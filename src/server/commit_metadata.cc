#include "server/commit_metadata.h"

namespace laneguard::server {
namespace {

Identity identity_of(const git_signature* sig) {
  Identity id;
  if (sig) {
    id.name = sig->name ? sig->name : "";
    id.email = sig->email ? sig->email : "";
  }
  return id;
}

std::string first_line(const std::string& message) {
  std::size_t start = message.find_first_not_of('\n');
  if (start == std::string::npos) return "";
  std::size_t end = message.find('\n', start);
  std::string line = message.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

CommitFacts commit_metadata(const git::Repository& repo, const std::string& id) {
  git_oid oid;
  git::check(git_oid_fromstr(&oid, id.c_str()), "bad commit id " + id);
  git_commit* raw = nullptr;
  git::check(git_commit_lookup(&raw, repo.get(), &oid), "reading commit " + id);
  git::CommitPtr commit(raw);
  CommitFacts facts;
  facts.id = git::oid_hex(oid);
  const char* message = git_commit_message(raw);
  facts.message = message ? message : "";
  facts.subject = first_line(facts.message);
  facts.author = identity_of(git_commit_author(raw));
  facts.committer = identity_of(git_commit_committer(raw));
  facts.trailers = parse_trailers(facts.message);
  for (const auto& t : facts.trailers)
    if (trailer_key_is(t, "Co-authored-by"))
      if (auto who = parse_identity(t.value)) facts.co_authors.push_back(std::move(*who));
  for (unsigned i = 0; i < git_commit_parentcount(raw); ++i)
    facts.parents.push_back(git::oid_hex(*git_commit_parent_id(raw, i)));
  return facts;
}

}  // namespace laneguard::server
