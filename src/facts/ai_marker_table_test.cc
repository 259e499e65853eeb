// The built-in marker table: the data file parses, every line names its tool and source, and the
// binary carries the file as it is in the repository.
#include "facts/ai_marker_table.h"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace laneguard {

TEST_CASE("marker table: the compiled-in table is data/ai-markers.txt, and every entry has a source") {
  std::ifstream in(std::string(LANEGUARD_SOURCE_DIR) + "/data/ai-markers.txt", std::ios::binary);
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == embedded_ai_markers());
  const auto& table = builtin_markers();
  CHECK(table.size() >= 40);
  std::set<std::string> tools;
  for (const MarkerEntry& e : table) {
    CAPTURE(e.line);
    CHECK(!e.source.empty());
    CHECK(!e.value.empty());
    if (!e.tool.empty()) tools.insert(e.tool);
  }
  for (const char* tool : {"Claude", "Copilot", "Codex", "Cursor", "aider", "Devin", "Jules", "Gemini", "Qwen"}) {
    CAPTURE(tool);
    CHECK(tools.count(tool) == 1);
  }
}

TEST_CASE("marker table: one line is one marker, padding and comments ignored") {
  auto t = parse_marker_table(
      "# a comment\n\n"
      "email          | noreply@example.ai   | Example | seen in its docs\n"
      "name_suffix    |  (helper)            | Helper  | its commits\n"
      "reviewer       | review-ai[bot]       | -       | its reviews\r\n");
  REQUIRE(t.size() == 3);
  CHECK(t[0].kind == MarkerKind::email);
  CHECK(t[0].value == "noreply@example.ai");
  CHECK(t[0].tool == "Example");
  CHECK(t[0].source == "seen in its docs");
  CHECK(t[0].line == 3);
  CHECK(t[1].value == " (helper)");  // a name suffix keeps its leading space
  CHECK(t[2].kind == MarkerKind::reviewer);
  CHECK(t[2].tool.empty());
  CHECK(t[2].source == "its reviews");
}

TEST_CASE("marker table: a malformed line is refused with its line number") {
  for (const char* bad : {"email | x@y\n", "mail | x@y | X | src\n", "email |  | X | src\n", "email | x@y | X | \n",
                          "footer | Made by X | - | src\n", "email | a | b | c | d\n"}) {
    CAPTURE(bad);
    try {
      parse_marker_table(std::string("# head\n") + bad);
      FAIL("accepted");
    } catch (const std::runtime_error& e) {
      CHECK(std::string(e.what()).find("data/ai-markers.txt:2:") == 0);
    }
  }
}

}  // namespace laneguard
