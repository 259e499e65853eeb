// Reading and validating `[[tier]]` (agreement/tiers.h). Small helpers of its own, in the manner of
// agreement_load.cc's: every error names file, line and column, and unknown keys get a suggestion.
#include "agreement/tiers_load.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <stdexcept>

#include "util/error.h"
#include "util/text.h"

namespace laneguard {
namespace {

constexpr int kMaxApprovals = 20;

SourcePos pos_of(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    default: return "a date or time";
  }
}

class TierLoader {
 public:
  TierLoader(Agreement& a, std::string source) : a_(a), source_(std::move(source)) {}

  void load(const toml::node& node) {
    if (node.is_array() && node.as_array()->empty()) return;
    if (!node.is_array_of_tables()) fail(node, "tier must be a list of [[tier]] tables, not " + type_name(node));
    std::map<std::string, int> seen;  // lower-cased name -> line
    int index = 0;
    for (const toml::node& e : *node.as_array()) {
      ++index;
      const toml::table& t = *e.as_table();
      Tier tier;
      SourcePos pos = pos_of(t.source());
      tier.line = pos.line;
      tier.column = pos.column;
      std::string where = "[[tier]] #" + std::to_string(index);
      check_keys(t, {"name", "paths", "review", "done", "size"}, where);
      const toml::node* name = t.get("name");
      if (!name || !name->is_string() || trim(name->as_string()->get()).empty())
        fail(name ? pos_of(name->source()) : pos, where + " needs a name (name = \"production\")");
      tier.name = std::string(trim(name->as_string()->get()));
      where = "tier " + quoted(tier.name);
      auto [it, inserted] = seen.emplace(lower(tier.name), pos_of(name->source()).line);
      if (!inserted)
        fail(*name, "duplicate tier name " + quoted(tier.name) + " (first defined at line " + std::to_string(it->second) + ")");
      auto paths = strings(t, "paths", where + " paths");
      if (paths.empty())
        fail(t.get("paths") ? pos_of(t.get("paths")->source()) : pos,
             where + " has no paths; list the code it covers (paths = [\"src/**\"])");
      for (const auto& item : paths) tier.paths.push_back(pattern(item, where + " paths"));
      if (const toml::node* r = t.get("review")) load_review(*r, where, tier.review);
      if (const toml::node* d = t.get("done")) load_done(*d, where, tier.done);
      if (const toml::node* s = t.get("size")) load_size(*s, where, tier.size);
      a_.tiers.push_back(std::move(tier));
    }
  }

 private:
  struct Item {
    std::string value;
    SourcePos pos;
  };

  [[noreturn]] void fail(SourcePos p, const std::string& message) const {
    throw AgreementError(source_, p.line, p.column, message);
  }
  [[noreturn]] void fail(const toml::node& n, const std::string& message) const { fail(pos_of(n.source()), message); }

  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                  const std::string& where) const {
    std::vector<std::pair<const toml::key*, SourcePos>> keys;
    for (const auto& [key, node] : table) keys.emplace_back(&key, pos_of(key.source()));
    std::stable_sort(keys.begin(), keys.end(), [](const auto& x, const auto& y) {
      return x.second.line != y.second.line ? x.second.line < y.second.line : x.second.column < y.second.column;
    });
    for (const auto& [key, pos] : keys) {
      if (std::find(allowed.begin(), allowed.end(), key->str()) != allowed.end()) continue;
      std::string msg = "unknown key " + quoted(key->str()) + " in " + where;
      if (auto s = closest(key->str(), allowed)) msg += "; did you mean " + quoted(*s) + "?";
      else {
        msg += " (valid keys:";
        for (auto k : allowed) msg += " " + std::string(k);
        msg += ")";
      }
      fail(pos, msg);
    }
  }

  const toml::table& table(const toml::node& n, const std::string& what) const {
    if (!n.is_table()) fail(n, what + " must be a table, not " + type_name(n));
    return *n.as_table();
  }

  // Absent: empty. Present: a non-empty string or an array of non-empty strings.
  std::vector<Item> strings(const toml::table& t, std::string_view key, const std::string& what) const {
    std::vector<Item> out;
    const toml::node* n = t.get(key);
    if (!n) return out;
    if (!n->is_array()) fail(*n, what + " must be an array of strings, not " + type_name(*n));
    for (const toml::node& e : *n->as_array()) {
      if (!e.is_string()) fail(e, what + " must contain only strings, not " + type_name(e));
      std::string v = e.as_string()->get();
      if (trim(v).empty()) fail(e, what + " contains an empty string");
      out.push_back({v, pos_of(e.source())});
    }
    return out;
  }

  int integer(const toml::table& t, std::string_view key, const std::string& what, int lo, int hi, int dflt) const {
    const toml::node* n = t.get(key);
    if (!n) return dflt;
    if (!n->is_integer()) fail(*n, what + " must be an integer, not " + type_name(*n));
    int64_t v = n->as_integer()->get();
    if (v < lo || v > hi)
      fail(*n, what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", not " +
                   std::to_string(v));
    return static_cast<int>(v);
  }

  TierSeverity severity(const toml::table& t, const std::string& what, TierSeverity dflt) const {
    const toml::node* n = t.get("severity");
    if (!n) return dflt;
    std::string s = n->is_string() ? n->as_string()->get() : "";
    if (s == "notice") return TierSeverity::notice;
    if (s == "warn") return TierSeverity::warn;
    if (s == "block") return TierSeverity::block;
    fail(*n, what + " severity must be \"notice\", \"warn\" or \"block\", not " +
                 (n->is_string() ? quoted(s) : type_name(*n)));
  }

  PathPattern pattern(const Item& item, const std::string& what) const {
    try {
      return PathPattern::compile(item.value, a_.case_sensitive);
    } catch (const std::invalid_argument& e) {
      fail(item.pos, "invalid path pattern " + quoted(item.value) + " in " + what + ": " + e.what());
    }
  }

  void require_lane(const Item& item, const std::string& what) const {
    if (a_.lane(item.value)) return;
    std::vector<std::string_view> keys;
    for (const auto& l : a_.lanes) keys.push_back(l.key);
    std::string msg = "unknown lane " + quoted(item.value) + " in " + what;
    if (auto s = closest(item.value, keys)) msg += "; did you mean " + quoted(*s) + "?";
    else msg += " (define it as [lanes." + item.value + "])";
    fail(item.pos, msg);
  }

  void load_review(const toml::node& node, const std::string& tier, TierReview& r) const {
    std::string where = "[tier.review] of " + tier;
    const toml::table& t = table(node, where);
    check_keys(t, {"approvals", "from", "severity"}, where);
    r.approvals = integer(t, "approvals", where + " approvals", 0, kMaxApprovals, 1);
    r.severity = severity(t, where, TierSeverity::block);
    const toml::node* from = t.get("from");
    if (from && from->is_string()) {
      if (from->as_string()->get() != "anyone")
        fail(*from, where + " from must be \"anyone\" or a list of lanes ([\"engineering\"]), not " +
                        quoted(from->as_string()->get()));
      r.anyone = true;
    } else {
      for (const Item& item : strings(t, "from", where + " from")) {
        require_lane(item, where + " from");
        if (std::find(r.lanes.begin(), r.lanes.end(), item.value) == r.lanes.end()) r.lanes.push_back(item.value);
      }
      if (r.approvals > 0 && r.lanes.empty())
        fail(from ? pos_of(from->source()) : pos_of(t.source()),
             where + " needs from: the lanes whose members review ([\"engineering\"]), or \"anyone\" (anyone the "
                     "agreement lists other than the change's authors)");
    }
  }

  void load_done(const toml::node& node, const std::string& tier, std::vector<DoneItem>& out) const {
    if (node.is_array() && node.as_array()->empty()) return;
    if (!node.is_array_of_tables())
      fail(node, "done of " + tier + " must be a list of [[tier.done]] tables, not " + type_name(node));
    int index = 0;
    for (const toml::node& e : *node.as_array()) {
      ++index;
      const toml::table& t = *e.as_table();
      std::string where = "[[tier.done]] #" + std::to_string(index) + " of " + tier;
      check_keys(t, {"name", "companion", "for", "except", "trailer", "changelog", "severity"}, where);
      DoneItem item;
      SourcePos pos = pos_of(t.source());
      item.line = pos.line;
      item.column = pos.column;
      int kinds = (t.get("companion") ? 1 : 0) + (t.get("trailer") ? 1 : 0) + (t.get("changelog") ? 1 : 0);
      if (kinds != 1)
        fail(pos, where + " needs exactly one of companion (paths that must change with the code), trailer (a "
                          "trailer every commit carries) or changelog (a path that must change)");
      if (const toml::node* n = t.get("name")) {
        if (!n->is_string() || trim(n->as_string()->get()).empty()) fail(*n, where + " name must be a non-empty string");
        item.name = std::string(trim(n->as_string()->get()));
      }
      item.severity = severity(t, where, TierSeverity::warn);
      if (!t.get("companion") && (t.get("for") || t.get("except"))) {
        const toml::node* n = t.get("for") ? t.get("for") : t.get("except");
        fail(*n, where + ": for and except choose which files need a companion; they go with companion");
      }
      if (t.get("companion")) {
        item.kind = DoneItem::Kind::companion;
        auto companions = strings(t, "companion", where + " companion");
        if (companions.empty()) fail(*t.get("companion"), where + " companion is empty: list the paths that must change");
        for (const Item& c : companions) {
          std::string bad;
          if (!companion_placeholders_valid(c.value, &bad))
            fail(c.pos, "unknown placeholder " + quoted(bad) + " in " + where +
                            " companion (placeholders: {dir}, {name}, {stem}, {ext})");
          pattern({companion_pattern(c.value, "sample/dir/file.ext"), c.pos}, where + " companion");
          item.companions.push_back(c.value);
        }
        for (const Item& f : strings(t, "for", where + " for")) item.for_paths.push_back(pattern(f, where + " for"));
        for (const Item& f : strings(t, "except", where + " except"))
          item.except.push_back(pattern(f, where + " except"));
      } else if (const toml::node* n = t.get("trailer")) {
        item.kind = DoneItem::Kind::trailer;
        std::string key = n->is_string() ? n->as_string()->get() : "";
        if (!key.empty() && key.back() == ':') key.pop_back();
        bool valid = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
          return std::isalnum(static_cast<unsigned char>(c)) || c == '-';
        });
        if (!valid)
          fail(*n, where + " trailer must be a trailer key (letters, digits and '-', for example \"Rollback\"), not " +
                       (n->is_string() ? quoted(n->as_string()->get()) : type_name(*n)));
        item.trailer = key;
      } else {
        item.kind = DoneItem::Kind::changelog;
        auto paths = strings(t, "changelog", where + " changelog");
        if (paths.empty()) fail(*t.get("changelog"), where + " changelog is empty: list the changelog's paths");
        for (const Item& p : paths) item.changelog.push_back(pattern(p, where + " changelog"));
      }
      out.push_back(std::move(item));
    }
  }

  void load_size(const toml::node& node, const std::string& tier, TierSize& s) const {
    std::string where = "[tier.size] of " + tier;
    const toml::table& t = table(node, where);
    check_keys(t, {"lanes", "max_files", "max_lines", "max_areas", "severity"}, where);
    for (const Item& item : strings(t, "lanes", where + " lanes")) {
      require_lane(item, where + " lanes");
      if (std::find(s.lanes.begin(), s.lanes.end(), item.value) == s.lanes.end()) s.lanes.push_back(item.value);
    }
    s.max_files = integer(t, "max_files", where + " max_files", 0, 1000000, 0);
    s.max_lines = integer(t, "max_lines", where + " max_lines", 0, 100000000, 0);
    s.max_areas = integer(t, "max_areas", where + " max_areas", 0, 1000, 0);
    s.severity = severity(t, where, TierSeverity::warn);
    if (s.any() && s.lanes.empty())
      fail(pos_of(t.source()), where + " needs lanes: whose changes the limits apply to (lanes = [\"pm\"])");
    if (!s.any() && !s.lanes.empty())
      fail(pos_of(t.source()), where + " sets no limit: give max_files, max_lines or max_areas");
  }

  Agreement& a_;
  std::string source_;
};

}  // namespace

void load_tiers(const toml::node* node, Agreement& agreement, const std::string& source) {
  if (node) TierLoader(agreement, source).load(*node);
}

}  // namespace laneguard
