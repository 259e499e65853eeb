// Reading the JSON files a CI platform gives us (event payloads, REST responses), with errors
// that name the file and the line and column where the JSON went wrong.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace laneguard::ci {

// Parses `text` as JSON. Several top-level documents in a row (what `gh api --paginate` prints
// for a list endpoint with older gh versions: `[...][...]`) are joined into one array when each
// is an array. Malformed: UsageError "SOURCE:LINE:COLUMN: malformed JSON: ...".
nlohmann::json parse_json(std::string_view text, const std::string& source);

// Reads and parses a file. Unreadable: GitError (exit 3) naming the file.
nlohmann::json read_json_file(const std::string& path);

// Small typed accessors for nested payloads. `where` names the value for messages
// ("event.json: pull_request.user.login"). Missing or wrong type: UsageError naming it.
std::string require_string(const nlohmann::json& object, std::string_view key, const std::string& where);
// Missing or null: empty string. A number is printed ("12"). Other types: UsageError.
std::string optional_string(const nlohmann::json& object, std::string_view key, const std::string& where);
// `a.b.c` through nested objects; nullptr when any step is missing or null.
const nlohmann::json* find_path(const nlohmann::json& root, std::string_view dotted);

}  // namespace laneguard::ci
