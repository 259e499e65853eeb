#include <doctest/doctest.h>

#include <string>

#include "agreement/agreement.h"
#include "agreement/agreement_text.h"
#include "util/error.h"

using namespace laneguard;

namespace {
// The AgreementError parse_agreement throws for `text`, or a default one when it throws none.
AgreementError refusal(const std::string& text) {
  try {
    parse_agreement(text, "a.toml");
  } catch (const AgreementError& e) {
    return e;
  }
  return AgreementError("", 0, 0, "accepted");
}
std::string repeat(const std::string& s, int n, const std::string& sep = "") {
  std::string out;
  for (int i = 0; i < n; ++i) out += (i ? sep : "") + s;
  return out;
}
}  // namespace

TEST_CASE("agreement text: a 50,000-part table header or dotted key is refused, not a stack overflow") {
  // Both crashed inside toml++'s recursive parser (SIGSEGV) before the text check.
  auto header = refusal("version = 1\n[" + repeat("a", 50000, ".") + "]\n");
  CHECK(header.line == 2);
  CHECK(header.column == 2 + 2 * 31 + 1);  // the 32nd dot
  CHECK(header.detail.find("more than 32 dotted parts") != std::string::npos);
  auto dotted = refusal("version = 1\n" + repeat("a", 50000, ".") + " = 1\n");
  CHECK(dotted.line == 2);
  CHECK(dotted.detail.find("dotted parts") != std::string::npos);
  // Quoted dots are part of a name, not parts of the key.
  CHECK_NOTHROW(check_agreement_text("[\"" + repeat("a", 100, ".") + "\"]\n", "a.toml"));
  // 32 parts are fine.
  CHECK_NOTHROW(check_agreement_text(repeat("a", 32, ".") + " = 1\n", "a.toml"));
  CHECK_THROWS_AS(check_agreement_text(repeat("a", 33, ".") + " = 1\n", "a.toml"), AgreementError);
  CHECK_NOTHROW(check_agreement_text("x = [1.5, 2.5, 3.5]\nt = 1979-05-27T07:32:00.999\n", "a.toml"));
}

TEST_CASE("agreement text: arrays and inline tables nest at most 32 deep") {
  auto deep = refusal("version = 1\nx = " + repeat("[", 100000) + repeat("]", 100000) + "\n");
  CHECK(deep.line == 2);
  CHECK(deep.column == 5 + 32);
  CHECK(deep.detail.find("nest more than 32") != std::string::npos);
  CHECK_NOTHROW(check_agreement_text("x = " + repeat("[", 32) + repeat("]", 32) + "\n", "a.toml"));
  CHECK_THROWS(check_agreement_text("x = " + repeat("{ a = ", 33) + "1" + repeat(" }", 33) + "\n", "a.toml"));
  // Brackets inside strings and comments do not count.
  CHECK_NOTHROW(check_agreement_text("x = \"" + repeat("[", 100) + "\" # " + repeat("{", 100) + "\n", "a.toml"));
}

TEST_CASE("agreement text: the size limit is 1 MiB") {
  std::string padding = "version = 1\n";
  while (padding.size() <= kMaxAgreementBytes) padding += "# padding padding padding padding padding\n";
  auto big = refusal(padding);
  CHECK(big.detail.find("limit is 1 MiB") != std::string::npos);
  CHECK(big.line > 1);
  std::string exact = "version = 1\n";
  exact += std::string(kMaxAgreementBytes - exact.size() - 1, '#') + "\n";
  CHECK(exact.size() == kMaxAgreementBytes);
  CHECK_NOTHROW(check_agreement_text(exact, "a.toml"));
}

TEST_CASE("agreement text: non-ASCII outside strings and comments is refused before toml++ sees it") {
  // U+FE7F and e-acute reached __builtin_unreachable in toml++ 3.3's whitespace tables.
  auto fe7f = refusal("version = 1\n\xEF\xB9\xBF = 1\n");
  CHECK(fe7f.line == 2);
  CHECK(fe7f.column == 1);
  CHECK(fe7f.detail.find("U+FE7F") != std::string::npos);
  CHECK(fe7f.detail.find("outside a quoted string or comment") != std::string::npos);
  auto after_value = refusal("version = 1\n[agreement]\nprotected_branches = [\"main\"] \xC3\xA9\n");
  CHECK(after_value.line == 3);
  CHECK(after_value.column == 31);
  CHECK(after_value.detail.find("U+00E9") != std::string::npos);
  // ... but welcome in strings (every kind) and comments.
  CHECK_NOTHROW(parse_agreement("version = 1\n# caf\xC3\xA9 \xEF\xB9\xBF\n[agreement]\nname = \"Caf\xC3\xA9 \xEF\xB9\xBF\"\n"
                                "[people.\"ren\xC3\xA9\"]\nemails = ['ren\xC3\xA9@acme.test']\n",
                                "a.toml"));
  CHECK_NOTHROW(check_agreement_text("a = '''\xC3\xA9'''\nb = \"\"\"\n\xC3\xA9\"\"\"\n", "a.toml"));
  // A line-ending backslash in a """ string followed by a non-ASCII character: toml++ classifies it.
  auto ml = refusal("version = 1\nx = \"\"\"a \\\n   \xC3\xA9\"\"\"\n");
  CHECK(ml.line == 3);
  CHECK(ml.column == 4);
  CHECK(ml.detail.find("line-ending backslash") != std::string::npos);
  // Escaped quotes do not end a string early; one or two quotes may stand before the closing """.
  CHECK_NOTHROW(check_agreement_text("a = \"x\\\"\xC3\xA9\"\nb = \"\"\"x\\\"\"\"\xC3\xA9\"\"\"\nc = '''x'' '''\n", "a.toml"));
  CHECK_NOTHROW(check_agreement_text("a = \"\"\"x\"\"\"\"\"\nb = 1\n", "a.toml"));
}

TEST_CASE("agreement text: invalid UTF-8 and NUL bytes, with their position") {
  auto ff = refusal("version = 1\n[agreement]\nname = \"x\xFF\"\n");
  CHECK(ff.line == 3);
  CHECK(ff.column == 10);
  CHECK(ff.detail.find("invalid UTF-8 (byte 0xFF)") != std::string::npos);
  for (std::string bad : {"\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xC3",
                          "\x80"})
    CHECK_THROWS_WITH_AS(check_agreement_text("# " + bad + "\n", "a.toml"), doctest::Contains("invalid UTF-8"),
                         AgreementError);
  auto nul = refusal(std::string("version = 1\nx = 1\0\n", 19));
  CHECK(nul.line == 2);
  CHECK(nul.column == 6);
  CHECK(nul.detail.find("NUL byte") != std::string::npos);
  CHECK_NOTHROW(check_agreement_text("\xEF\xBB\xBFversion = 1\n", "a.toml"));  // a byte order mark
}
