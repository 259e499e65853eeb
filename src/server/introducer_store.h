// Who first brought each commit to the server (SPEC section 2: introducers are authors).
//
// An append-only file under the repository (default GIT_DIR/laneguard/introducers, or git config
// `laneguard.introducers`), one line per commit: "<commit id> <pusher> <unix time>". It is not an
// object or a ref, so gc and repacks never touch it; appends go through append_durably, so
// concurrent pushes never interleave. The first line for a commit wins: later pushes of the same
// commit by someone else never rewrite who introduced it.
#pragma once
#include <ctime>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace laneguard::server {

class IntroducerStore {
 public:
  explicit IntroducerStore(std::string path) : path_(std::move(path)) {}

  // The default location for a repository whose git dir is `git_dir`.
  static std::string default_path(const std::string& git_dir);

  const std::string& path() const { return path_; }

  // The recorded introducer of each of `ids` that has one (commit id -> pusher).
  std::unordered_map<std::string, std::string> lookup(const std::unordered_set<std::string>& ids) const;

  // Records `pusher` as the introducer of every id in `ids` that has no introducer yet.
  // Returns how many lines were appended.
  std::size_t record(const std::vector<std::string>& ids, const std::string& pusher,
                     std::time_t when = std::time(nullptr)) const;

 private:
  std::string path_;
};

}  // namespace laneguard::server
