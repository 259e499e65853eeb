// Inline SVG charts for the HTML report (report/report_html.h): stacked columns over periods and
// horizontal bars. Plain markup, no script; colours are CSS classes (series0..series7, and the
// page's stylesheet gives them light and dark values). Every text is escaped. Each bar carries
// data-series, data-label and data-value, so a test reads the drawn values back from the DOM.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace laneguard::report {

// `text` with &, <, >, " and ' as entities (for element content and attribute values alike).
std::string html_escape(std::string_view text);

struct ChartSeries {
  std::string name;
  std::vector<double> values;  // one per label
};

// Stacked columns: one column per label (a period), one segment per series, with a legend.
// `id` becomes the svg element's id; `title` its accessible name.
std::string stacked_columns(const std::string& id, const std::string& title, const std::vector<std::string>& labels,
                            const std::vector<ChartSeries>& series);

// One horizontal bar per label, its value written beside it (`value_text[i]`, or the number).
std::string horizontal_bars(const std::string& id, const std::string& title, const std::vector<std::string>& labels,
                            const std::vector<double>& values, const std::vector<std::string>& value_text = {});

}  // namespace laneguard::report
