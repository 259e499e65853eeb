// Writing JSON objects of strings, string arrays, booleans and nulls straight into a string, in
// exactly the layout nlohmann::json::dump gives them (keys in the order written; callers write them
// sorted, as nlohmann's std::map keeps them). `check --format json` over a long history writes
// megabytes of findings: building a nlohmann document per finding and dumping it cost more than
// judging (bench/check.sh: JSON 1.79x git against text's 1.49x).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace laneguard {

// `s` as a JSON string literal, as nlohmann's dump(-1, ' ', false, error_handler_t::replace) writes
// it: '"', '\\' and control characters escaped, everything else as it is (invalid UTF-8 replaced).
void append_json_string(std::string& out, std::string_view s);

class JsonObjectWriter {
 public:
  // indent < 0: compact ({"a":"b"}); else `indent` spaces a level, every line after the first
  // starting with `margin` (the object then sits `margin` deep in an enclosing document).
  JsonObjectWriter(std::string& out, int indent, std::string_view margin = {});
  void member(std::string_view key, std::string_view value);
  void member(std::string_view key, const char* value) { member(key, std::string_view(value)); }  // not bool
  void member(std::string_view key, const std::vector<std::string>& values);
  void member(std::string_view key, bool value);
  void member_null(std::string_view key);
  // `json`, a value written already (compact: an array of objects written with writers of their
  // own), as the member's value, byte for byte.
  void member_raw(std::string_view key, std::string_view json);
  void end();  // closes the object; nothing may be written after

 private:
  void key(std::string_view name);
  void newline(int level);
  std::string& out_;
  int indent_;
  std::string_view margin_;
  bool first_ = true;
  std::string lines_[3];  // newline(level)'s text, made on first use
};

}  // namespace laneguard
