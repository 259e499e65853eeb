// What the local hook modes (pre-commit, commit-msg, pre-push) share: when the agreement cannot be
// read they cannot judge, and do what on_error's default says, block, with the way to skip.
#pragma once
#include <iostream>
#include <string>

#include "util/error.h"
#include "local/hook_env.h"

namespace laneguard {

// Runs `judge` (returning the exit status) for hook `mode`; `skip` is git's way past the hook
// ("git commit --no-verify").
template <class Judge>
void run_local_hook(const std::string& mode, const std::string& skip, int& exit_code, Judge judge) {
  try {
    exit_code = judge();
  } catch (const AgreementError& e) {
    std::cerr << "laneguard " << mode << ": agreement-error: " << e.what() << "\n" << local::skip_hint(skip) << "\n";
    exit_code = e.exit_code;  // 2 invalid, 3 unreadable
  }
}

}  // namespace laneguard
