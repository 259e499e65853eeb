#include "report/report_html.h"

#include <doctest/doctest.h>

#include <sstream>

#include "report/svg_chart.h"

using namespace laneguard;
using namespace laneguard::report;

TEST_CASE("report html: every text from the repository and the audit log is escaped") {
  CHECK(html_escape("<b a=\"x\">'&'</b>") == "&lt;b a=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/b&gt;");
  Aggregator agg({"<area>"}, {"pm"});
  server::AuditEntry d;
  d.time = 1764547200;
  d.pusher = "<img src=x>";
  d.accepted = true;
  d.override_reason = "INC-1: </td><script>alert(1)</script>";
  d.override_accepted = true;
  agg.add_decision(d);
  CommitSample c;
  c.id = std::string(40, 'a');
  c.subject = "<script>x</script>";
  c.author = "pat";
  c.lane = "pm";
  c.author_time = c.committer_time = 1764547200;
  c.areas = {"<area>"};
  agg.add_commit(c);
  ReportContext ctx;
  ctx.repository = "/srv/<repo>";
  ctx.agreement_name = "Team \"A\"";
  ctx.audit_logs = {"audit.log"};
  std::ostringstream out;
  write_report_html(out, agg.finish(), ctx);
  std::string page = out.str();
  CHECK(page.find("<script") == std::string::npos);
  CHECK(page.find("<img") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("&lt;area&gt;") != std::string::npos);
  CHECK(page.find("Team &quot;A&quot;") != std::string::npos);
  CHECK(page.find("<svg id=\"chart-lanes-0\"") != std::string::npos);
  CHECK(page.find("data-series=\"pm\"") != std::string::npos);
  CHECK(page.find("http://") == page.find("http://www.w3.org/2000/svg"));  // the SVG namespace only
}

TEST_CASE("report html: stacked columns draw each value, scaled to a round maximum") {
  std::string svg = stacked_columns("c", "t", {"w1", "w2"}, {{"a", {1, 3}}, {"b", {2, 0}}});
  CHECK(svg.find("data-series=\"a\" data-label=\"w2\" data-value=\"3\"") != std::string::npos);
  CHECK(svg.find("data-series=\"b\" data-label=\"w2\"") == std::string::npos);  // zero: no segment
  CHECK(svg.find(">5</text>") != std::string::npos);  // axis maximum 5 for a peak of 3, in steps of 1
  CHECK(svg.find(">4</text>") != std::string::npos);
  CHECK(svg.find(">1.2") == std::string::npos);
}
