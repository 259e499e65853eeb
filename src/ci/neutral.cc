#include "ci/neutral.h"

#include <algorithm>

#include "ci/json_file.h"
#include "util/error.h"

namespace laneguard::ci {
namespace {

std::vector<std::string> string_list(const nlohmann::json& input, const char* key, const std::string& source) {
  std::vector<std::string> out;
  const nlohmann::json* list = find_path(input, key);
  if (list == nullptr) return out;
  if (!list->is_array()) throw UsageError(source + ": `" + key + "`: expected a list of strings");
  for (const nlohmann::json& item : *list) {
    if (!item.is_string()) throw UsageError(source + ": `" + key + "`: expected a list of strings");
    std::string value = item.get<std::string>();
    if (!value.empty() && std::find(out.begin(), out.end(), value) == out.end()) out.push_back(value);
  }
  return out;
}

}  // namespace

PullRequest read_neutral(const nlohmann::json& input, const std::string& source) {
  if (!input.is_object()) {
    throw UsageError(source + ": expected a JSON object describing the pull request, found a JSON " +
                     std::string(input.type_name()));
  }
  PullRequest pr;
  pr.provider = "neutral";
  pr.reviews_name_commits = false;
  pr.id = optional_string(input, "id", source);
  if (pr.id.empty()) {
    std::string number = optional_string(input, "number", source);
    if (number.empty()) throw UsageError(source + ": missing `id` or `number`");
    pr.id = "pull request #" + number;
  }
  pr.author = require_string(input, "author", source);
  pr.base = require_string(input, "base", source);
  pr.head = require_string(input, "head", source);
  pr.base_ref = optional_string(input, "base_ref", source);
  pr.title = optional_string(input, "title", source);
  pr.labels = string_list(input, "labels", source);
  pr.pushers = string_list(input, "pushers", source);
  if (const nlohmann::json* reviews = find_path(input, "reviews")) {
    if (!reviews->is_array()) throw UsageError(source + ": `reviews`: expected a list");
    for (const nlohmann::json& item : *reviews) {
      if (!item.is_object()) throw UsageError(source + ": `reviews`: expected objects");
      Review review;
      review.login = require_string(item, "user", source + ": reviews[]");
      review.state = optional_string(item, "state", source);
      if (review.state.empty()) review.state = "APPROVED";
      std::transform(review.state.begin(), review.state.end(), review.state.begin(),
                     [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
      review.commit_id = optional_string(item, "commit", source);
      review.submitted_at = optional_string(item, "submitted_at", source);
      pr.reviews.push_back(std::move(review));
    }
  }
  return pr;
}

}  // namespace laneguard::ci
