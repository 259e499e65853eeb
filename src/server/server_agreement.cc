#include "server/server_agreement.h"

#include "server/append_file.h"
#include "util/error.h"

namespace laneguard::server {
namespace {

std::optional<AgreementChoice> from_config(const git::Repository& repo) {
  auto path = repo.config_string("laneguard.agreement");
  if (!path || path->empty()) return std::nullopt;
  AgreementChoice c;
  c.from_config = true;
  try {
    c.agreement = load_agreement_file(resolve_against(repo.git_dir(), *path));
  } catch (const std::exception& e) {
    c.error = e.what();
  }
  return c;
}

std::string megabytes(std::size_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / 1e6);
  return buf;
}

AgreementChoice parse_file(const AgreementFile& file, const std::string& source_name) {
  AgreementChoice c;
  if (!file.error.empty()) {
    c.error = source_name + ": " + file.error;
    return c;
  }
  try {
    c.agreement = parse_agreement(file.text, source_name);
  } catch (const std::exception& e) {
    c.error = e.what();
  }
  return c;
}

}  // namespace

AgreementFile agreement_file_at(const git::Repository& repo, const std::string& rev) {
  AgreementFile out;
  auto id = repo.resolve_commit(rev);
  if (!id) return out;
  git_oid oid;
  git::check(git_oid_fromstr(&oid, id->c_str()), "bad commit id " + *id);
  git_commit* c = nullptr;
  git::check(git_commit_lookup(&c, repo.get(), &oid), "reading commit " + *id);
  git::CommitPtr commit(c);
  git_tree* t = nullptr;
  git::check(git_commit_tree(&t, c), "reading the tree of commit " + *id);
  git::TreePtr tree(t);
  const git_tree_entry* e = git_tree_entry_byname(t, kAgreementPath);
  if (!e) return out;
  out.present = true;
  switch (git_tree_entry_filemode(e)) {
    case GIT_FILEMODE_BLOB:
    case GIT_FILEMODE_BLOB_EXECUTABLE:
      break;
    case GIT_FILEMODE_LINK:
      out.error = "is a symbolic link, not a file (an agreement must be a regular file)";
      return out;
    case GIT_FILEMODE_COMMIT:
      out.error = "is a submodule, not a file (an agreement must be a regular file)";
      return out;
    default:
      out.error = "is a directory, not a file (an agreement must be a regular file)";
      return out;
  }
  git_blob* b = nullptr;
  git::check(git_blob_lookup(&b, repo.get(), git_tree_entry_id(e)), std::string("reading ") + kAgreementPath);
  git::BlobPtr blob(b);
  auto size = static_cast<std::size_t>(git_blob_rawsize(b));
  if (size > kMaxAgreementBytes) {
    out.error = "is " + megabytes(size) + ", more than the " + megabytes(kMaxAgreementBytes) +
                " an agreement may be (split it, or keep long lists out of it)";
    return out;
  }
  out.text.assign(static_cast<const char*>(git_blob_rawcontent(b)), size);
  return out;
}

AgreementChoice gate_agreement(const git::Repository& repo) {
  if (auto c = from_config(repo)) return *c;
  AgreementFile head = agreement_file_at(repo, "HEAD");
  if (head.present) return parse_file(head, std::string("HEAD:") + kAgreementPath);
  AgreementChoice c;
  c.agreement = load_default_agreement();
  return c;
}

std::vector<AgreementChoice> branch_agreements(const git::Repository& repo, const std::string& branch,
                                               const std::optional<std::string>& old_tip,
                                               const AgreementChoice& gate) {
  std::vector<AgreementChoice> out{gate};
  if (gate.from_config || !old_tip) return out;
  AgreementFile own = agreement_file_at(repo, *old_tip);
  if (!own.present) return out;
  AgreementFile head = agreement_file_at(repo, "HEAD");
  if (head.present && head.error.empty() && own.error.empty() && head.text == own.text) return out;
  AgreementChoice c = parse_file(own, branch + ":" + kAgreementPath);
  if (c.agreement) out.push_back(std::move(c));  // an unreadable old copy adds nothing: the gate's judges
  return out;
}

}  // namespace laneguard::server
