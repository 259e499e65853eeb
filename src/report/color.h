// When to colour output, decided the way git decides (pure: the facts are gathered by the caller,
// modes/output.cc). `--color=WHEN` on the command line wins; else git's `color.ui`; else `auto`:
// colour only on a terminal whose TERM is set and not "dumb", and not when NO_COLOR is set (to
// anything but the empty string, as no-color.org asks). `always` from the command line or from
// color.ui overrides NO_COLOR (a setting the user made wins over a convention).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace laneguard {

enum class ColorWhen { automatic, always, never };

// "auto", "always", "never" (the --color values). nullopt for anything else.
std::optional<ColorWhen> parse_color_flag(std::string_view value);
// A git colour setting (color.ui) as git reads it: never/always/auto, else a boolean where true
// means auto and false means never. nullopt when it is not one (git would refuse it; laneguard
// falls back to auto).
std::optional<ColorWhen> parse_git_color(std::string_view value);

struct ColorFacts {
  std::optional<ColorWhen> flag;              // --color on the command line
  std::optional<std::string> color_ui;        // git config color.ui, when set
  std::optional<std::string> no_color;        // $NO_COLOR, when set
  std::optional<std::string> term;            // $TERM, when set
  bool terminal = false;                      // the output stream is a terminal
};

bool decide_color(const ColorFacts& facts);

}  // namespace laneguard
