// Which agreements judge a push on the server (SPEC section 4): never one the push brings, and
// never only an older copy a branch carries.
//   the gate's: git config `laneguard.agreement` (a file on the server; relative to the git dir),
//     else the default branch's (HEAD) current `.laneguard.toml`, else the one compiled in;
//   plus, for an update of an existing branch when the gate's is not from git config, that
//     branch's own `.laneguard.toml` before the push where it differs: every finding of both counts.
// `.laneguard.toml` must be a regular file (not a symlink, a submodule or a directory) of at most
// kMaxAgreementBytes; otherwise it is an agreement that cannot be read.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "agreement/agreement.h"
#include "git/repository.h"

namespace laneguard::server {

inline constexpr const char* kAgreementPath = ".laneguard.toml";
inline constexpr std::size_t kMaxAgreementBytes = 1024 * 1024;

struct AgreementChoice {
  std::optional<Agreement> agreement;  // nullopt: it could not be read
  std::string error;                   // then why: "file:line:column: message"
  bool from_config = false;
};

// `.laneguard.toml` in the tree of commit `rev`.
struct AgreementFile {
  bool present = false;  // false: the tree has no entry of that name (or `rev` does not exist)
  std::string text;      // the content of a regular file
  std::string error;     // not empty: present but unusable ("is a symbolic link", "is 7.6 MB")
};
AgreementFile agreement_file_at(const git::Repository& repo, const std::string& rev);

// The agreement that says which branches are protected and judges every push.
AgreementChoice gate_agreement(const git::Repository& repo);

// The agreements that judge an update of `branch` whose tip before the push is `old_tip` (nullopt:
// the branch is created): `gate` first, then the branch's own differing copy, if any.
std::vector<AgreementChoice> branch_agreements(const git::Repository& repo, const std::string& branch,
                                               const std::optional<std::string>& old_tip,
                                               const AgreementChoice& gate);

}  // namespace laneguard::server
