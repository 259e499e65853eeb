// prototype-promotion in the evaluator: facts built by hand (the copy evidence the git adapter
// gives), judged under the test team's agreement with a [promotion] table.
#include "core/promotion.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>

#include "core/evaluate.h"
#include "tests/testing.h"
#include "util/error.h"

using namespace laneguard;

namespace {

const Agreement& agreement(int approvals = 1) {
  static std::map<int, Agreement> made;
  auto it = made.find(approvals);
  if (it == made.end())
    it = made.emplace(approvals, parse_agreement(testing::team_agreement({"[promotion]\nfrom_lanes = [\"pm\"]\napprovals = " +
                                                                          std::to_string(approvals)}),
                                                 "test.toml"))
             .first;
  return it->second;
}

CommitFacts copying(std::vector<Trailer> trailers = {}) {
  CommitFacts c;
  c.id = std::string(40, 'a');
  c.subject = "checkout";
  c.author = c.committer = Identity{"Pat", "pat@acme.test", ""};
  c.paths = {"src/cart.js"};
  c.trailers = std::move(trailers);
  CopyEvidence e;
  e.path = "src/cart.js";
  e.added = 30;
  e.matched = 24;
  CopiedRun r;
  r.source = "prototypes/checkout/cart.js";
  r.source_lines = {2, 29};
  r.lines = {4, 31};
  r.length = 22;
  r.added = 22;
  e.runs = {r};
  e.sources = {{"prototypes/checkout/cart.js", 24}};
  c.copies = {e};
  return c;
}

Judgement judge(CommitFacts c, std::vector<Approval> approvals = {}, int need = 1) {
  Change change;
  change.id = c.id;
  change.commits = {std::move(c)};
  change.approvals = std::move(approvals);
  return evaluate(agreement(need), change, Context{});
}

const Finding* promotion(const Judgement& j) {
  for (const Finding& f : j.findings)
    if (f.rule == rule::kPrototypePromotion) return &f;
  return nullptr;
}

Approval trailer_by(const std::string& email) {
  Approval a;
  a.who = Identity{"", email, ""};
  a.note = "Reviewed-by trailer";
  return a;
}

}  // namespace

TEST_CASE("promotion: an undeclared copy blocks, naming the source lines and both ways out") {
  Judgement j = judge(copying());
  const Finding* f = promotion(j);
  REQUIRE(f);
  CHECK(f->severity == Severity::block);
  CHECK(f->paths == std::vector<std::string>{"src/cart.js"});
  CHECK(f->message.find("src/cart.js lines 4-31 copy prototypes/checkout/cart.js lines 2-29 (22 lines)") !=
        std::string::npos);
  CHECK(f->fix.find("Rebuild it") != std::string::npos);
  CHECK(f->fix.find("Promoted-from: prototypes/checkout/") != std::string::npos);
  CHECK(f->fix.find("erin or eli") != std::string::npos);
}

TEST_CASE("promotion: declared but not approved by the destination lane still blocks") {
  Judgement j = judge(copying({{"Promoted-from", "prototypes/checkout/"}}));
  const Finding* f = promotion(j);
  REQUIRE(f);
  CHECK(f->severity == Severity::block);
  CHECK(f->message.find("Declared promotion") != std::string::npos);
  // pat approving his own promotion, or approval by the pm lane, does not count.
  Judgement self = judge(copying({{"Promoted-from", "prototypes/checkout/"}}), {trailer_by("pat@acme.test")});
  REQUIRE(promotion(self));
  CHECK(promotion(self)->severity == Severity::block);
}

TEST_CASE("promotion: declared and approved by engineering is a notice") {
  Judgement j = judge(copying({{"Promoted-from", "prototypes/checkout"}}), {trailer_by("erin@acme.test")});
  const Finding* f = promotion(j);
  REQUIRE(f);
  CHECK(f->severity == Severity::notice);
  CHECK(f->message.find("Promotion accepted") != std::string::npos);
  CHECK(f->message.find("erin") != std::string::npos);
}

TEST_CASE("promotion: a declaration must cover the source it names") {
  for (const char* other : {"prototypes/check", "prototypes/checkout/other.js", "src/", "prototypes/checkoutx"}) {
    Judgement j = judge(copying({{"Promoted-from", other}}), {trailer_by("erin@acme.test")});
    REQUIRE(promotion(j));
    CHECK_MESSAGE(promotion(j)->severity == Severity::block, other);
    CHECK(promotion(j)->message.find("Production is a rebuild") != std::string::npos);
  }
}

TEST_CASE("promotion: below the measure is not a promotion, at it is") {
  PromotionSettings s;
  s.min_lines = 6;
  s.min_share = 0.6;
  CopyEvidence e;
  e.path = "src/x.js";
  e.added = 40;
  e.matched = 10;
  CopiedRun r;
  r.length = 5;
  r.added = 5;
  e.runs = {r};
  CHECK_FALSE(is_promotion(s, e));
  e.runs[0].length = 6;
  CHECK(is_promotion(s, e));
  e.runs.clear();
  e.matched = 24;  // 60% of 40
  CHECK(is_promotion(s, e));
  e.matched = 23;
  CHECK_FALSE(is_promotion(s, e));
  e.added = 5;  // a small file: the share alone does not decide
  e.matched = 5;
  CHECK_FALSE(is_promotion(s, e));
  e.exact_source = "prototypes/a.js";
  CHECK(is_promotion(s, e));
}

TEST_CASE("promotion: approvals = 0 accepts a declared promotion without review") {
  Judgement j = judge(copying({{"Promoted-from", "prototypes/checkout/cart.js"}}), {}, 0);
  REQUIRE(promotion(j));
  CHECK(promotion(j)->severity == Severity::notice);
}

TEST_CASE("promotion: no finding without a [promotion] table or for a net effect") {
  Agreement plain = parse_agreement(testing::team_agreement(), "test.toml");
  Change change;
  change.id = std::string(40, 'a');
  change.commits = {copying()};
  for (const Finding& f : evaluate(plain, change, Context{}).findings) CHECK(f.rule != rule::kPrototypePromotion);
  change.net_effect = true;
  for (const Finding& f : evaluate(agreement(), change, Context{}).findings) CHECK(f.rule != rule::kPrototypePromotion);
}

TEST_CASE("promotion: the agreement's table is validated") {
  auto error_of = [](const std::string& table) {
    try {
      parse_agreement(testing::team_agreement({table}), "t.toml");
    } catch (const AgreementError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  CHECK(error_of("[promotion]\nmin_lines = 6").find("needs from_lanes") != std::string::npos);
  CHECK(error_of("[promotion]\nfrom_lanes = [\"pmm\"]").find("did you mean \"pm\"") != std::string::npos);
  CHECK(error_of("[promotion]\nfrom_lanes = [\"pm\", \"engineering\"]").find("no lane is left") != std::string::npos);
  CHECK(error_of("[promotion]\nfrom_lanes = [\"pm\"]\nmin_share = 1.5").find("between 0.05 and 1") != std::string::npos);
  CHECK(error_of("[promotion]\nfrom_lanes = [\"pm\"]\nseverity = \"fatal\"").find("\"block\", \"warn\"") != std::string::npos);
  CHECK(error_of("[promotion]\nfrom_lanes = [\"pm\"]\ntrailer = \"Promoted from\"").find("not a trailer key") !=
        std::string::npos);
  CHECK(error_of("[promotion]\nfrom_lanes = [\"pm\"]\nmin_line = 3").find("did you mean \"min_lines\"") !=
        std::string::npos);
  Agreement a = parse_agreement(testing::team_agreement({"[promotion]\nfrom_lanes = [\"pm\"]\nmin_share = 1\nseverity = \"warn\""}), "t.toml");
  CHECK(a.promotion.enabled);
  CHECK(a.promotion.min_share == 1.0);
  CHECK(a.promotion.severity == PromotionSettings::Level::warn);
  Agreement off = parse_agreement(testing::team_agreement({"[promotion]\nfrom_lanes = [\"pm\"]\nenabled = false"}), "t.toml");
  CHECK_FALSE(off.promotion.enabled);
  CHECK(load_default_agreement().promotion.enabled);
  CHECK(load_default_agreement().promotion.from_lanes == std::vector<std::string>{"pm"});
}
