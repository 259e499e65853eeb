#include "report/color.h"

#include <algorithm>
#include <cctype>

namespace laneguard {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

}  // namespace

std::optional<ColorWhen> parse_color_flag(std::string_view value) {
  if (value == "auto") return ColorWhen::automatic;
  if (value == "always") return ColorWhen::always;
  if (value == "never") return ColorWhen::never;
  return std::nullopt;
}

std::optional<ColorWhen> parse_git_color(std::string_view value) {
  std::string v = lower(value);
  if (v == "never") return ColorWhen::never;
  if (v == "always") return ColorWhen::always;
  if (v == "auto") return ColorWhen::automatic;
  // git_config_bool: true/yes/on/1 (and an empty "key" with no value: true) mean auto.
  if (v == "true" || v == "yes" || v == "on" || v == "1" || v.empty()) return ColorWhen::automatic;
  if (v == "false" || v == "no" || v == "off" || v == "0") return ColorWhen::never;
  return std::nullopt;
}

bool decide_color(const ColorFacts& facts) {
  ColorWhen when = ColorWhen::automatic;
  if (facts.flag) when = *facts.flag;
  else if (facts.color_ui)
    when = parse_git_color(*facts.color_ui).value_or(ColorWhen::automatic);
  if (when != ColorWhen::automatic) return when == ColorWhen::always;
  if (facts.no_color && !facts.no_color->empty()) return false;
  return facts.terminal && facts.term && !facts.term->empty() && *facts.term != "dumb";
}

}  // namespace laneguard
