#include "ci/json_file.h"

#include <fstream>
#include <sstream>

#include "util/error.h"

namespace laneguard::ci {
namespace {

struct LineColumn {
  int line = 1;
  int column = 1;
};

// 1-based line and column of the byte at `offset` (0-based) in `text`.
LineColumn position_of(std::string_view text, std::size_t offset) {
  LineColumn pos;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++pos.line;
      pos.column = 1;
    } else {
      ++pos.column;
    }
  }
  return pos;
}

std::size_t skip_space(std::string_view text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line 1, column 5: ";
// keep only the reason after the last ": " of that prefix.
std::string reason_of(const nlohmann::json::parse_error& e) {
  std::string what = e.what();
  auto syntax = what.find("syntax error");
  if (syntax != std::string::npos) return what.substr(syntax);
  auto colon = what.find(": ");
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

[[noreturn]] void malformed(std::string_view text, const std::string& source, std::size_t offset,
                            const std::string& reason) {
  LineColumn pos = position_of(text, offset);
  throw UsageError(source + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) +
                   ": malformed JSON: " + reason);
}

}  // namespace

nlohmann::json parse_json(std::string_view text, const std::string& source) {
  std::vector<nlohmann::json> documents;
  std::size_t start = skip_space(text, 0);
  if (start == text.size()) malformed(text, source, start, "the file is empty");
  while (start < text.size()) {
    // Find where the first complete value starting at `start` ends, by parsing growing prefixes
    // would be quadratic; instead parse the rest and, on "unexpected" trailing content, split there.
    std::string_view rest = text.substr(start);
    try {
      documents.push_back(nlohmann::json::parse(rest));
      break;
    } catch (const nlohmann::json::parse_error& e) {
      // e.byte is 1-based: the byte where parsing stopped. A complete value followed by more input
      // fails with "expected end of input"; anything else is a genuine syntax error.
      std::size_t stop = e.byte == 0 ? 0 : e.byte - 1;
      std::string reason = reason_of(e);
      if (reason.find("expected end of input") == std::string::npos || stop == 0) {
        malformed(text, source, start + stop, reason);
      }
      // The last token read (the start of the next document) began at or before `stop`: back up to
      // the first non-space byte after the first value by parsing the prefix alone.
      std::size_t cut = stop;
      while (cut > 0 && !nlohmann::json::accept(rest.substr(0, cut))) --cut;
      if (cut == 0) malformed(text, source, start + stop, reason);
      documents.push_back(nlohmann::json::parse(rest.substr(0, cut)));
      start = skip_space(text, start + cut);
    }
  }
  if (documents.size() == 1) return std::move(documents.front());
  nlohmann::json joined = nlohmann::json::array();
  for (auto& document : documents) {
    if (!document.is_array()) {
      throw UsageError(source + ": several JSON documents in one file; only lists (paginated API "
                                "output) can be joined");
    }
    for (auto& item : document) joined.push_back(std::move(item));
  }
  return joined;
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GitError("cannot read " + path + ": no such file or not readable");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw GitError("cannot read " + path);
  return parse_json(buffer.str(), path);
}

const nlohmann::json* find_path(const nlohmann::json& root, std::string_view dotted) {
  const nlohmann::json* node = &root;
  while (!dotted.empty()) {
    auto dot = dotted.find('.');
    std::string key(dotted.substr(0, dot));
    if (!node->is_object()) return nullptr;
    auto it = node->find(key);
    if (it == node->end() || it->is_null()) return nullptr;
    node = &*it;
    dotted = dot == std::string_view::npos ? std::string_view{} : dotted.substr(dot + 1);
  }
  return node;
}

std::string optional_string(const nlohmann::json& object, std::string_view key, const std::string& where) {
  const nlohmann::json* value = find_path(object, key);
  if (value == nullptr) return {};
  if (value->is_string()) return value->get<std::string>();
  if (value->is_number_integer()) return std::to_string(value->get<long long>());
  throw UsageError(where + ": expected a string at `" + std::string(key) + "`, found " + value->type_name());
}

std::string require_string(const nlohmann::json& object, std::string_view key, const std::string& where) {
  std::string value = optional_string(object, key, where);
  if (value.empty()) throw UsageError(where + ": missing `" + std::string(key) + "`");
  return value;
}

}  // namespace laneguard::ci
