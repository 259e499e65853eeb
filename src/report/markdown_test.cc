#include <doctest/doctest.h>

#include <sstream>

#include "report/report.h"
#include "report/report_fixture_test.h"

namespace {
std::string markdown_of(const laneguard::Report& report, const std::string& title = "laneguard ci: pull request #12") {
  std::ostringstream out;
  laneguard::ReportOptions options;
  options.title = title;
  laneguard::write_markdown(out, report, options);
  return out.str();
}
bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("markdown: verdict heading, the areas table, then findings with their fixes") {
  std::string md = markdown_of(laneguard::testing::sample_report());
  CHECK(md.rfind("## ❌ blocked: laneguard ci: pull request \\#12\n", 0) == 0);
  CHECK(has(md, "3 commits and 4 paths judged; 1 blocking, 1 warning, 1 notice."));
  CHECK(has(md, "| area | requirement | approved by | missing |\n| --- | --- | --- | --- |\n"));
  CHECK(has(md, "| payments<br>`src/payments/charge.py` | 1 approval from engineering (2 when AI-assisted) | nobody<br>not "
                "counted: pat (an author of the change) | ❌ 1 more approval from engineering |\n"));
  // A pipe in an area name does not open a new column.
  CHECK(has(md, "| auth\\|n<br>`src/auth/login.py` | 1 approval from engineering | erin | ✅ nothing |\n"));
  CHECK(has(md, "### Findings\n"));
  CHECK(has(md, "- 🛑 **block** `self-approval` in **payments**: payments needs 1 approval"));
  CHECK(has(md, "  - **fix:** Ask erin or eli (not pat) to approve the pull request.\n"));
  CHECK(has(md, "  - paths: `src/payments/charge.py`, `src/payments/my file,v2:%.py`\n"));
}

TEST_CASE("markdown: text from the repository renders as text, not HTML or Markdown") {
  std::string md = markdown_of(laneguard::testing::sample_report());
  CHECK_FALSE(has(md, "<script>"));
  CHECK(has(md, "\\<script\\>alert(1)\\</script\\> \\*bold\\* 100%"));
  CHECK(has(md, "people: Mallory \\<m@evil.test\\>"));
  CHECK(has(md, "line one line two  ::set-env"));  // line breaks cannot start a new block
  laneguard::Report odd;
  laneguard::Finding f;
  f.rule = "unlabeled-ai";
  f.paths = {"we`ird.py"};
  odd.findings.push_back(f);
  CHECK(has(markdown_of(odd), "paths: ``we`ird.py``"));
  // Quoted commands in messages and fixes stay code; an unmatched backtick is escaped.
  odd.findings[0].message = "it shows `Claude <noreply@anthropic.com>` and a stray ` here";
  odd.findings[0].fix = "add `Assisted-by: Claude:opus-4` to <the> message";
  std::string md2 = markdown_of(odd);
  CHECK(has(md2, ": it shows `Claude <noreply@anthropic.com>` and a stray \\` here\n"));
  CHECK(has(md2, "**fix:** add `Assisted-by: Claude:opus-4` to \\<the\\> message\n"));
}

TEST_CASE("markdown: a clean report says so") {
  laneguard::Report clean;
  clean.commits = 1;
  clean.paths = 1;
  std::string md = markdown_of(clean, "laneguard ci");
  CHECK(md.rfind("## ✅ passes: laneguard ci\n", 0) == 0);
  CHECK(has(md, "No protected area is touched."));
  CHECK(has(md, "No findings."));
  clean.findings.push_back({"unverified-approval", laneguard::Severity::warn, "x", "", {}, {}, "m", "f"});
  CHECK(markdown_of(clean, "t").rfind("## ⚠️ passes with warnings: t\n", 0) == 0);
}

TEST_CASE("markdown: in a merge group each area row names the pull request it belongs to") {
  laneguard::Report report;
  laneguard::AreaStatus a, b;
  a.change = "pull request #101";
  a.area = "authentication";
  a.paths = {"src/auth/login.py"};
  b = a;
  b.change = "pull request #102";
  b.satisfied = true;
  report.areas = {a, b};
  laneguard::ReportOptions options;
  std::ostringstream plain;
  laneguard::write_markdown(plain, report, options);
  CHECK_FALSE(has(plain.str(), "<br>in "));
  options.area_changes = true;
  std::ostringstream grouped;
  laneguard::write_markdown(grouped, report, options);
  CHECK(has(grouped.str(), "| authentication<br>`src/auth/login.py`<br>in pull request \\#101 |"));
  CHECK(has(grouped.str(), "| authentication<br>`src/auth/login.py`<br>in pull request \\#102 |"));
}
