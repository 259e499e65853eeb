// The ref updates a server hook reads on stdin: one "<old> <new> <ref>" line each.
#pragma once
#include <istream>
#include <optional>
#include <string>
#include <vector>

namespace laneguard::server {

struct RefUpdate {
  std::string old_id;  // all zeros: the ref is created
  std::string new_id;  // all zeros: the ref is deleted
  std::string ref;     // "refs/heads/main"

  bool creates() const;
  bool deletes() const;
  // "main" for "refs/heads/main"; nullopt for tags, notes and other refs.
  std::optional<std::string> branch() const;
};

bool is_zero_id(const std::string& id);

// Throws UsageError naming the line when a line is malformed. Blank lines are skipped.
std::vector<RefUpdate> parse_ref_updates(std::istream& in);

}  // namespace laneguard::server
