// [[tier]] tables: what the loader accepts, what it refuses (file:line:col), and the lookups.
#include <doctest/doctest.h>

#include "agreement/agreement.h"
#include "tests/testing.h"
#include "util/error.h"

using namespace laneguard;

namespace {

Agreement with(const std::string& tiers) { return parse_agreement(testing::team_agreement({tiers}), "t.toml"); }

// The error's "line:col: message" for an agreement that must be refused.
std::string refusal(const std::string& tiers) {
  try {
    with(tiers);
  } catch (const AgreementError& e) {
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.detail;
  }
  return "accepted";
}

const char* kTiers = R"([[tier]]
name = "internal-tool"
paths = ["tools/internal/**"]
[tier.review]
approvals = 1
from = "anyone"
severity = "warn"

[[tier]]
name = "production"
paths = ["**"]
[tier.review]
from = ["engineering"]
[[tier.done]]
companion = ["{dir}/{stem}_test.{ext}", "/tests/**"]
for = ["*.cc"]
except = ["*_test.cc"]
[[tier.done]]
trailer = "Rollback:"
severity = "block"
[[tier.done]]
changelog = ["/CHANGELOG.md"]
severity = "notice"
[tier.size]
lanes = ["pm"]
max_files = 3
max_lines = 10)";

}  // namespace

TEST_CASE("tiers: every key read, defaults where absent") {
  Agreement a = with(kTiers);
  REQUIRE(a.tiers.size() == 2);
  const Tier& tool = a.tiers[0];
  CHECK(tool.name == "internal-tool");
  CHECK(tool.review.anyone);
  CHECK(tool.review.approvals == 1);
  CHECK(tool.review.severity == TierSeverity::warn);
  const Tier& prod = a.tiers[1];
  CHECK(prod.review.approvals == 1);  // default
  CHECK(prod.review.lanes == std::vector<std::string>{"engineering"});
  CHECK(prod.review.severity == TierSeverity::block);
  REQUIRE(prod.done.size() == 3);
  CHECK(prod.done[0].kind == DoneItem::Kind::companion);
  CHECK(prod.done[0].severity == TierSeverity::warn);
  CHECK(prod.done[1].trailer == "Rollback");  // the ':' dropped
  CHECK(prod.done[2].severity == TierSeverity::notice);
  CHECK(prod.size.max_files == 3);
  CHECK(prod.size.max_lines == 10);
  CHECK(prod.size.max_areas == 0);
  CHECK(tiers_count_lines(a.tiers));
}

TEST_CASE("tiers: the most specific pattern decides, the first tier on a tie") {
  Agreement a = with(kTiers);
  CHECK(tier_of(a.tiers, "tools/internal/x.py")->name == "internal-tool");
  CHECK(tier_of(a.tiers, "src/x.cc")->name == "production");
  Agreement b = with(R"([[tier]]
name = "a"
paths = ["src/**"]
[[tier]]
name = "b"
paths = ["src/**"])");
  CHECK(tier_of(b.tiers, "src/x")->name == "a");
  CHECK(tier_of(b.tiers, "docs/x") == nullptr);
}

TEST_CASE("tiers: companion placeholders take the file's own values, escaped and anchored") {
  CHECK(companion_pattern("{dir}/{stem}_test.{ext}", "src/x/foo.cc") == "/src/x/foo_test.cc");
  CHECK(companion_pattern("{dir}/{stem}_test.{ext}", "foo.cc") == "/foo_test.cc");
  CHECK(companion_pattern("{name}.md", "a/b/Makefile") == "/Makefile.md");
  CHECK(companion_pattern("{dir}/{stem}.test{ext}", "a/.hidden") == "/a/.hidden.test");
  CHECK(companion_pattern("/tests/**", "src/x.cc") == "/tests/**");
  CHECK(companion_pattern("tests/**", "src/x.cc") == "tests/**");  // no placeholder: as written
  // A wildcard in a file name is a literal character of the companion, never a wildcard.
  std::string p = companion_pattern("{dir}/{stem}_test.{ext}", "src/a*b[1].cc");
  CHECK(p == "/src/a\\*b\\[1\\]_test.cc");
  PathPattern compiled = PathPattern::compile(p, true);
  CHECK(compiled.matches("src/a*b[1]_test.cc"));
  CHECK_FALSE(compiled.matches("src/aXb1_test.cc"));
  std::string bad;
  CHECK_FALSE(companion_placeholders_valid("{dir}/{base}.cc", &bad));
  CHECK(bad == "{base}");
  CHECK_FALSE(companion_placeholders_valid("{dir", &bad));
}

TEST_CASE("tiers: refusals name the line and column") {
  CHECK(refusal("[[tier]]\npaths = [\"x/**\"]") == "34:1: [[tier]] #1 needs a name (name = \"production\")");
  CHECK(refusal("[[tier]]\nname = \"a\"") == "34:1: tier \"a\" has no paths; list the code it covers (paths = [\"src/**\"])");
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[[tier]]\nname = \"A\"\npaths = [\"y\"]")
            .find("duplicate tier name \"A\" (first defined at line 35)") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\npath = 1").find("unknown key \"path\" in [[tier]] #1; did you mean \"paths\"?") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[tier.review]\napprovals = 1")
            .find("needs from: the lanes whose members review") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[tier.review]\nfrom = [\"engineers\"]")
            .find("unknown lane \"engineers\" in [tier.review] of tier \"a\" from; did you mean \"engineering\"?") !=
        std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[tier.review]\nfrom = \"everyone\"")
            .find("from must be \"anyone\" or a list of lanes") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[[tier.done]]\ntrailer = \"Refs\"\nchangelog = [\"C\"]")
            .find("needs exactly one of companion") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[[tier.done]]\ncompanion = [\"{dir}/{base}_test\"]") ==
        "38:14: unknown placeholder \"{base}\" in [[tier.done]] #1 of tier \"a\" companion (placeholders: {dir}, "
        "{name}, {stem}, {ext})");
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[[tier.done]]\ntrailer = \"Roll back\"")
            .find("trailer must be a trailer key") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[[tier.done]]\nchangelog = [\"C\"]\nfor = [\"*.cc\"]")
            .find("for and except choose which files need a companion") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[[tier.done]]\ntrailer = \"Refs\"\nseverity = \"error\"")
            .find("severity must be \"notice\", \"warn\" or \"block\", not \"error\"") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[tier.size]\nmax_files = 3")
            .find("needs lanes: whose changes the limits apply to") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[tier.size]\nlanes = [\"pm\"]")
            .find("sets no limit") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"x\"]\n[tier.size]\nlanes = [\"pm\"]\nmax_files = -1")
            .find("max_files must be between 0 and") != std::string::npos);
  CHECK(refusal("[[tier]]\nname = \"a\"\npaths = [\"src//x\"]").find("invalid path pattern \"src//x\"") != std::string::npos);
  try {
    parse_agreement("version = 1\ntier = 3\n", "t.toml");
    FAIL("accepted");
  } catch (const AgreementError& e) {
    CHECK(std::string(e.what()) == "t.toml:2:8: tier must be a list of [[tier]] tables, not an integer");
  }
}

TEST_CASE("tiers: the default agreement has prototype, internal-tool and production, none blocking") {
  Agreement a = load_default_agreement();
  REQUIRE(a.tiers.size() == 3);
  CHECK(a.tiers[0].name == "prototype");
  CHECK(a.tiers[0].review.approvals == 0);
  CHECK(a.tiers[1].name == "internal-tool");
  CHECK(a.tiers[1].review.anyone);
  CHECK(a.tiers[2].name == "production");
  for (const Tier& t : a.tiers) {
    if (t.review.approvals > 0) CHECK(t.review.severity != TierSeverity::block);
    for (const DoneItem& d : t.done) CHECK(d.severity != TierSeverity::block);
    if (t.size.any()) CHECK(t.size.severity != TierSeverity::block);
  }
  CHECK(tier_of(a.tiers, "prototypes/checkout/app.py")->name == "prototype");
  CHECK(tier_of(a.tiers, "tools/internal/report.py")->name == "internal-tool");
  CHECK(tier_of(a.tiers, "src/payments/charge.py")->name == "production");
}
