// Errors that carry context and the exit status the command line gives them (SPEC section 5).
#pragma once
#include <stdexcept>
#include <string>

namespace laneguard {

enum ExitCode { kExitOk = 0, kExitBlocked = 1, kExitUsage = 2, kExitGit = 3 };

// Base: a message a person can act on, and the exit status that goes with it.
struct Error : std::runtime_error {
  int exit_code;
  Error(const std::string& message, int code) : std::runtime_error(message), exit_code(code) {}
};

// Bad command-line usage (exit 2).
struct UsageError : Error {
  explicit UsageError(const std::string& message) : Error(message, kExitUsage) {}
};

// The agreement is invalid (exit 2) or cannot be read (exit 3: an I/O failure, as for any other
// file named on the command line). what() is "file:line:column: message".
struct AgreementError : Error {
  std::string file;
  int line = 0, column = 0;
  std::string detail;
  AgreementError(std::string file_, int line_, int column_, std::string detail_)
      : Error(format(file_, line_, column_, detail_), kExitUsage),
        file(std::move(file_)), line(line_), column(column_), detail(std::move(detail_)) {}
  // The file cannot be opened or read (missing, unreadable, a directory): exit 3.
  static AgreementError unreadable(std::string file_, std::string detail_) {
    AgreementError e(std::move(file_), 0, 0, std::move(detail_));
    e.exit_code = kExitGit;
    return e;
  }
  static std::string format(const std::string& f, int l, int c, const std::string& d) {
    std::string s = f;
    if (l > 0) s += ":" + std::to_string(l) + (c > 0 ? ":" + std::to_string(c) : "");
    return s + ": " + d;
  }
};

// A Git or I/O failure (exit 3).
struct GitError : Error {
  explicit GitError(const std::string& message) : Error(message, kExitGit) {}
};

}  // namespace laneguard
