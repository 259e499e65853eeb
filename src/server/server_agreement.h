// Which agreement judges a push on the server (SPEC section 4): never one the push brings.
//   1. git config `laneguard.agreement` (a file on the server; relative to the git dir);
//   2. `.laneguard.toml` in the protected branch's tree before the push;
//   3. the default branch's (HEAD) `.laneguard.toml` before the push;
//   4. the agreement compiled into laneguard.
#pragma once
#include <optional>
#include <string>

#include "agreement/agreement.h"
#include "git/repository.h"

namespace laneguard::server {

inline constexpr const char* kAgreementPath = ".laneguard.toml";

struct AgreementChoice {
  std::optional<Agreement> agreement;  // nullopt: it could not be read
  std::string error;                   // then why: "file:line:column: message"
  bool from_config = false;
};

// The agreement that says which branches are protected: 1, 3 or 4.
AgreementChoice gate_agreement(const git::Repository& repo);

// The agreement that judges an update of a branch whose tip before the push is `old_tip`
// (nullopt: the branch is created): 1, 2, else `gate`.
AgreementChoice branch_agreement(const git::Repository& repo, const std::string& branch,
                                 const std::optional<std::string>& old_tip, const AgreementChoice& gate);

}  // namespace laneguard::server
