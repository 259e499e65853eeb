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

std::optional<AgreementChoice> from_tree(const git::Repository& repo, const std::string& rev,
                                         const std::string& source_name) {
  auto text = repo.read_file_at(rev, kAgreementPath);
  if (!text) return std::nullopt;
  AgreementChoice c;
  try {
    c.agreement = parse_agreement(*text, source_name);
  } catch (const std::exception& e) {
    c.error = e.what();
  }
  return c;
}

}  // namespace

AgreementChoice gate_agreement(const git::Repository& repo) {
  if (auto c = from_config(repo)) return *c;
  if (auto c = from_tree(repo, "HEAD", std::string("HEAD:") + kAgreementPath)) return *c;
  AgreementChoice c;
  c.agreement = load_default_agreement();
  return c;
}

AgreementChoice branch_agreement(const git::Repository& repo, const std::string& branch,
                                 const std::optional<std::string>& old_tip, const AgreementChoice& gate) {
  if (gate.from_config) return gate;
  if (old_tip) {
    if (auto c = from_tree(repo, *old_tip, branch + ":" + kAgreementPath)) return *c;
  }
  return gate;
}

}  // namespace laneguard::server
