#include "report/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace laneguard::report {

namespace {

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  std::string s = buf;
  if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
  return s;
}

// A round axis maximum at or above `v`: 5, 10, 20, 50, 100...
double nice_max(double v) {
  if (v <= 5) return 5;  // counts: whole steps
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

// Grid lines that fall on round values: 5 for 1, 5, 10, 50...; 4 for 2, 20... (steps of 0.5, 5...).
int ticks_for(double max) {
  double lead = max / std::pow(10.0, std::floor(std::log10(max)));
  return lead > 1.5 && lead < 2.5 ? 4 : 5;
}

}  // namespace

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string stacked_columns(const std::string& id, const std::string& title, const std::vector<std::string>& labels,
                            const std::vector<ChartSeries>& series) {
  const double left = 40, top = 10, plot_h = 160, bottom = 46, legend_h = 22 * ((series.size() + 3) / 4);
  const double col_w = std::clamp(560.0 / std::max<std::size_t>(labels.size(), 1), 6.0, 48.0);
  const double width = left + col_w * static_cast<double>(labels.size()) + 20;
  const double w = std::max(width, left + 4 * 130.0 + 10), height = top + plot_h + bottom + legend_h;
  double peak = 0;
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double sum = 0;
    for (const ChartSeries& s : series) sum += i < s.values.size() ? s.values[i] : 0;
    peak = std::max(peak, sum);
  }
  const double max = nice_max(peak);
  std::string o = "<svg id=\"" + html_escape(id) + "\" class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(w) + " " +
                  num(height) + "\" width=\"" + num(w) + "\" height=\"" + num(height) +
                  "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + html_escape(title) + "</title>";
  const int ticks = ticks_for(max);
  for (int g = 0; g <= ticks; ++g) {  // grid lines and axis values
    double y = top + plot_h - plot_h * g / ticks;
    o += "<line class=\"grid\" x1=\"" + num(left) + "\" x2=\"" + num(w - 10) + "\" y1=\"" + num(y) + "\" y2=\"" + num(y) + "\"/>";
    o += "<text class=\"axis\" x=\"" + num(left - 4) + "\" y=\"" + num(y + 4) + "\" text-anchor=\"end\">" + num(max * g / ticks) + "</text>";
  }
  const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(44.0 / col_w)));
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double x = left + col_w * static_cast<double>(i), y = top + plot_h;
    for (std::size_t k = 0; k < series.size(); ++k) {
      double v = i < series[k].values.size() ? series[k].values[i] : 0;
      if (v <= 0) continue;
      double h = plot_h * v / max;
      y -= h;
      o += "<rect class=\"series" + std::to_string(k % 8) + "\" x=\"" + num(x + 1) + "\" y=\"" + num(y) + "\" width=\"" +
           num(std::max(col_w - 2, 1.0)) + "\" height=\"" + num(h) + "\" data-series=\"" + html_escape(series[k].name) +
           "\" data-label=\"" + html_escape(labels[i]) + "\" data-value=\"" + num(v) + "\"><title>" +
           html_escape(series[k].name + ", " + labels[i] + ": " + num(v)) + "</title></rect>";
    }
    if (i % every == 0)
      o += "<text class=\"axis\" x=\"" + num(x + col_w / 2) + "\" y=\"" + num(top + plot_h + 14) +
           "\" text-anchor=\"end\" transform=\"rotate(-35 " + num(x + col_w / 2) + " " + num(top + plot_h + 14) + ")\">" +
           html_escape(labels[i]) + "</text>";
  }
  for (std::size_t k = 0; k < series.size(); ++k) {  // legend
    double lx = left + static_cast<double>(k % 4) * 130.0, ly = top + plot_h + bottom + 22 * static_cast<double>(k / 4);
    o += "<rect class=\"series" + std::to_string(k % 8) + "\" x=\"" + num(lx) + "\" y=\"" + num(ly) +
         "\" width=\"12\" height=\"12\"/><text class=\"legend\" x=\"" + num(lx + 16) + "\" y=\"" + num(ly + 11) + "\">" +
         html_escape(series[k].name) + "</text>";
  }
  return o + "</svg>";
}

std::string horizontal_bars(const std::string& id, const std::string& title, const std::vector<std::string>& labels,
                            const std::vector<double>& values, const std::vector<std::string>& value_text) {
  const double label_w = 170, bar_w = 300, row = 24, top = 6;
  const double w = label_w + bar_w + 70, height = top * 2 + row * static_cast<double>(std::max<std::size_t>(labels.size(), 1));
  double peak = 0;
  for (double v : values) peak = std::max(peak, v);
  std::string o = "<svg id=\"" + html_escape(id) + "\" class=\"chart\" role=\"img\" viewBox=\"0 0 " + num(w) + " " +
                  num(height) + "\" width=\"" + num(w) + "\" height=\"" + num(height) +
                  "\" xmlns=\"http://www.w3.org/2000/svg\"><title>" + html_escape(title) + "</title>";
  for (std::size_t i = 0; i < labels.size(); ++i) {
    double v = i < values.size() ? values[i] : 0, y = top + row * static_cast<double>(i);
    double len = peak > 0 ? bar_w * v / peak : 0;
    std::string shown = i < value_text.size() ? value_text[i] : num(v);
    o += "<text class=\"label\" x=\"" + num(label_w - 6) + "\" y=\"" + num(y + 16) + "\" text-anchor=\"end\">" +
         html_escape(labels[i]) + "</text>";
    o += "<rect class=\"series" + std::to_string(i % 8) + "\" x=\"" + num(label_w) + "\" y=\"" + num(y + 4) + "\" width=\"" +
         num(std::max(len, v > 0 ? 2.0 : 0.0)) + "\" height=\"" + num(row - 8) + "\" data-series=\"" + html_escape(title) +
         "\" data-label=\"" + html_escape(labels[i]) + "\" data-value=\"" + num(v) + "\"><title>" +
         html_escape(labels[i] + ": " + shown) + "</title></rect>";
    o += "<text class=\"value\" x=\"" + num(label_w + std::max(len, 2.0) + 6) + "\" y=\"" + num(y + 16) + "\">" +
         html_escape(shown) + "</text>";
  }
  return o + "</svg>";
}

}  // namespace laneguard::report
