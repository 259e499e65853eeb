// Running another tool (a hook manager's own installer) with this process's stdin, stdout and stderr.
#pragma once
#include <string>
#include <vector>

namespace laneguard::install {

// `program` as found on PATH (a name without '/'), else empty.
std::string find_on_path(const std::string& program);

// Runs argv[0] (a path) with argv in directory `cwd`, output to this process's stdout and stderr;
// returns its exit status (128 + signal when killed). Failure to start: GitError.
int run_program(const std::vector<std::string>& argv, const std::string& cwd);

}  // namespace laneguard::install
