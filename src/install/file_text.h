// Reading and replacing the small text files the installer edits.
#pragma once
#include <filesystem>
#include <string>

namespace laneguard::install {

// The whole file; GitError when it cannot be read.
std::string read_text(const std::filesystem::path& p);

// Replaces the file through a temporary beside it (renamed over it), keeping an existing file's
// permissions; a new file gets 0644, or 0755 when `executable`. Executable also adds the execute bits
// to an existing file that lacks them. GitError when it cannot be written.
void write_text(const std::filesystem::path& p, const std::string& content, bool executable);

}  // namespace laneguard::install
