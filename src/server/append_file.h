// Durable, interleave-free appends to a shared log file (audit log, introducer store).
//
// Every record is written with one write(2) on an O_APPEND descriptor while holding an exclusive
// flock(2), then fsync(2)ed before the call returns: concurrent pushes never interleave or lose a
// line, and a line is on disk before the hook answers. The parent directory is created as needed.
#pragma once
#include <string>

namespace laneguard::server {

// Appends `text` (normally one or more complete lines) to `path`. Throws GitError naming the file
// and the system error when it cannot.
void append_durably(const std::string& path, const std::string& text);

// The whole content of `path` read under a shared flock, or "" when the file does not exist.
// Throws GitError when it exists but cannot be read.
std::string read_locked(const std::string& path);

// `path` made absolute against `base` when relative ("" and absolute paths are returned as is).
std::string resolve_against(const std::string& base, const std::string& path);

}  // namespace laneguard::server
