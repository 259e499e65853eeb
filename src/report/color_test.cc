#include <doctest/doctest.h>

#include "report/color.h"

using laneguard::ColorFacts;
using laneguard::ColorWhen;
using laneguard::decide_color;

namespace {
ColorFacts terminal() {
  ColorFacts f;
  f.terminal = true;
  f.term = "xterm-256color";
  return f;
}
}  // namespace

TEST_CASE("colour: auto means a terminal with a real TERM") {
  CHECK(decide_color(terminal()));
  ColorFacts pipe = terminal();
  pipe.terminal = false;
  CHECK_FALSE(decide_color(pipe));
  ColorFacts dumb = terminal();
  dumb.term = "dumb";
  CHECK_FALSE(decide_color(dumb));
  ColorFacts no_term = terminal();
  no_term.term.reset();
  CHECK_FALSE(decide_color(no_term));  // git: TERM unset is no colour
}

TEST_CASE("colour: NO_COLOR turns auto off, an explicit choice wins over it") {
  ColorFacts f = terminal();
  f.no_color = "1";
  CHECK_FALSE(decide_color(f));
  f.no_color = "";  // no-color.org: an empty value is as if unset
  CHECK(decide_color(f));
  f.no_color = "yes";
  f.flag = ColorWhen::always;
  CHECK(decide_color(f));
  f.flag = ColorWhen::automatic;
  CHECK_FALSE(decide_color(f));
  f.flag.reset();
  f.color_ui = "always";
  CHECK(decide_color(f));
  f.color_ui = "auto";
  CHECK_FALSE(decide_color(f));
}

TEST_CASE("colour: the command line beats color.ui, color.ui beats auto") {
  ColorFacts f = terminal();
  f.color_ui = "never";
  CHECK_FALSE(decide_color(f));
  f.flag = ColorWhen::always;
  CHECK(decide_color(f));
  ColorFacts pipe;
  pipe.color_ui = "always";
  CHECK(decide_color(pipe));  // always colours even into a pipe, as git does
  pipe.flag = ColorWhen::never;
  CHECK_FALSE(decide_color(pipe));
  pipe.flag = ColorWhen::automatic;
  CHECK_FALSE(decide_color(pipe));
}

TEST_CASE("colour: color.ui is read as git reads it") {
  using laneguard::parse_git_color;
  CHECK(parse_git_color("true") == ColorWhen::automatic);  // a truth value means auto, not always
  CHECK(parse_git_color("Yes") == ColorWhen::automatic);
  CHECK(parse_git_color("false") == ColorWhen::never);
  CHECK(parse_git_color("off") == ColorWhen::never);
  CHECK(parse_git_color("ALWAYS") == ColorWhen::always);
  CHECK_FALSE(parse_git_color("sometimes"));
  ColorFacts f = terminal();
  f.color_ui = "true";
  CHECK(decide_color(f));
  f.terminal = false;
  CHECK_FALSE(decide_color(f));
  f.color_ui = "sometimes";  // not a colour setting: auto
  f.terminal = true;
  CHECK(decide_color(f));
  CHECK(laneguard::parse_color_flag("always") == ColorWhen::always);
  CHECK_FALSE(laneguard::parse_color_flag("true"));  // --color takes auto, always or never
}
