#include "ci/json_file.h"

#include <algorithm>
#include <fstream>
#include <istream>
#include <streambuf>
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

// An input stream over the text itself (no copy per document); tellg() is the offset.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view text) {
    char* p = const_cast<char*>(text.data());
    setg(p, p, p + text.size());
  }
  pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode) override {
    if (off != 0 || dir != std::ios_base::cur) return pos_type(off_type(-1));
    return pos_type(gptr() - eback());
  }
};

// Where the number nlohmann refused as too large (`1e999`) stands: the token it names.
std::size_t overflow_offset(std::string_view text, std::size_t from, const std::string& what) {
  auto open = what.find('\''), close = what.rfind('\'');
  if (open == std::string::npos || close <= open) return from;
  std::size_t at = text.find(what.substr(open + 1, close - open - 1), from);
  return at == std::string_view::npos ? from : at;
}

}  // namespace

nlohmann::json parse_json(std::string_view text, const std::string& source) {
  std::vector<nlohmann::json> documents;
  std::size_t start = skip_space(text, 0);
  if (start == text.size()) malformed(text, source, start, "the file is empty");
  // One pass: operator>> reads exactly one value and leaves the stream after it, so documents
  // printed one after another (older `gh api --paginate`) are read in linear time.
  ViewBuf buf(text);
  std::istream in(&buf);
  while (start < text.size()) {
    nlohmann::json document;
    try {
      in >> document;
    } catch (const nlohmann::json::parse_error& e) {
      // e.byte counts from where this read started (1-based: the byte where parsing stopped).
      std::size_t stop = e.byte == 0 ? 0 : e.byte - 1;
      malformed(text, source, std::min(text.size(), start + stop), reason_of(e));
    } catch (const nlohmann::json::exception& e) {  // 1e999: "number overflow parsing '1e999'"
      std::string what = e.what();
      auto colon = what.find("] ");
      malformed(text, source, overflow_offset(text, start, what),
                colon == std::string::npos ? what : what.substr(colon + 2));
    }
    documents.push_back(std::move(document));
    in.clear();
    auto end = in.tellg();
    std::size_t next = end < 0 ? text.size() : static_cast<std::size_t>(end);
    if (next <= start) malformed(text, source, start, "cannot read past this point");
    start = skip_space(text, next);
    in.ignore(static_cast<std::streamsize>(start - next));  // the next document starts at `start`
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
