// Reading and validating the agreement file (SPEC section 1). The only I/O in src/agreement is
// load_agreement_file; everything else works on text.
#include <toml++/toml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <map>
#include <stdexcept>

#include "agreement/agreement.h"
#include "agreement/agreement_text.h"
#include "agreement/tiers_load.h"
#include "util/text.h"
#include "util/error.h"

namespace laneguard {
namespace {

constexpr int kMaxApprovals = 20;

SourcePos pos_of(const toml::source_region& r) {
  return {static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

std::string type_name(const toml::node& n) {
  switch (n.type()) {
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a number";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::array: return "an array";
    case toml::node_type::table: return "a table";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

std::string quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// A table's entries in file order (toml++ iterates its keys sorted).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& t) {
  std::vector<std::pair<const toml::key*, const toml::node*>> out;
  for (const auto& [key, node] : t) out.emplace_back(&key, &node);
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) {
    const auto& a = x.first->source().begin;
    const auto& b = y.first->source().begin;
    return a.line != b.line ? a.line < b.line : a.column < b.column;
  });
  return out;
}

// Validates one file; every error names the file, line and column.
class Loader {
 public:
  explicit Loader(std::string source) : source_(std::move(source)) {}

  [[noreturn]] void fail(SourcePos p, const std::string& message) const {
    throw AgreementError(source_, p.line, p.column, message);
  }
  [[noreturn]] void fail(const toml::node& n, const std::string& message) const {
    fail(pos_of(n.source()), message);
  }

  // Every key of `table` must be one of `allowed`; `where` names the table in messages.
  void check_keys(const toml::table& table, std::initializer_list<std::string_view> allowed,
                  const std::string& where) const {
    for (const auto& [key_ptr, node] : in_file_order(table)) {
      (void)node;
      const toml::key& key = *key_ptr;
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string msg = "unknown key " + quoted(key.str()) + " in " + where;
      if (auto s = closest(key.str(), allowed)) msg += "; did you mean " + quoted(*s) + "?";
      else {
        msg += " (valid keys:";
        for (auto a : allowed) msg += " " + std::string(a);
        msg += ")";
      }
      fail(pos_of(key.source()), msg);
    }
  }

  const toml::table* table_at(const toml::table& parent, std::string_view key, const std::string& what) const {
    const toml::node* n = parent.get(key);
    if (!n) return nullptr;
    if (!n->is_table()) fail(*n, what + " must be a table, not " + type_name(*n));
    return n->as_table();
  }

  std::optional<std::string> string_at(const toml::table& t, std::string_view key, const std::string& what) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_string()) fail(*n, what + " must be a string, not " + type_name(*n));
    return n->as_string()->get();
  }

  std::optional<bool> bool_at(const toml::table& t, std::string_view key, const std::string& what) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) fail(*n, what + " must be true or false, not " + type_name(*n));
    return n->as_boolean()->get();
  }

  std::optional<int> int_at(const toml::table& t, std::string_view key, const std::string& what, int lo,
                            int hi) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_integer()) fail(*n, what + " must be an integer, not " + type_name(*n));
    int64_t v = n->as_integer()->get();
    if (v < lo || v > hi)
      fail(*n, what + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", not " +
                   std::to_string(v));
    return static_cast<int>(v);
  }

  // An array of non-empty strings, each with its position.
  struct Item {
    std::string value;
    SourcePos pos;
  };
  std::optional<std::vector<Item>> strings_at(const toml::table& t, std::string_view key,
                                              const std::string& what) const {
    const toml::node* n = t.get(key);
    if (!n) return std::nullopt;
    if (!n->is_array()) fail(*n, what + " must be an array of strings, not " + type_name(*n));
    std::vector<Item> out;
    for (const toml::node& e : *n->as_array()) {
      if (!e.is_string()) fail(e, what + " must contain only strings, not " + type_name(e));
      std::string v = e.as_string()->get();
      if (trim(v).empty()) fail(e, what + " contains an empty string");
      out.push_back({v, pos_of(e.source())});
    }
    return out;
  }

  std::vector<std::string> values(const std::vector<Item>& items) const {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.value);
    return out;
  }

  PathPattern compile_pattern(const Item& item, bool case_sensitive, const std::string& what) const {
    try {
      return PathPattern::compile(item.value, case_sensitive);
    } catch (const std::invalid_argument& e) {
      fail(item.pos, "invalid path pattern " + quoted(item.value) + " in " + what + ": " + e.what());
    }
  }

  Agreement load(std::string_view text);

 private:
  void load_agreement_table(const toml::table& root, Agreement& a);
  void load_people(const toml::table& root, Agreement& a);
  void load_lanes(const toml::table& root, Agreement& a);
  void load_areas(const toml::table& root, Agreement& a);
  void load_ai(const toml::table& root, Agreement& a);
  void load_review(const toml::table& root, Agreement& a);
  void load_override(const toml::table& root, Agreement& a);
  void load_local(const toml::table& root, Agreement& a);
  void load_promotion(const toml::table& root, Agreement& a);

  // A person key referenced at `item`; error when the agreement does not list it.
  void require_person(const Agreement& a, const Item& item, const std::string& where) const {
    if (a.person(item.value)) return;
    std::vector<std::string_view> keys;
    for (const auto& p : a.people) keys.push_back(p.key);
    std::string msg = "unknown person " + quoted(item.value) + " in " + where;
    if (auto s = closest(item.value, keys)) msg += "; did you mean " + quoted(*s) + "?";
    else msg += " (list them under [people." + item.value + "])";
    fail(item.pos, msg);
  }

  std::string source_;
};

Agreement Loader::load(std::string_view text) {
  toml::table root;
  try {
    root = toml::parse(text, source_);
  } catch (const toml::parse_error& e) {
    fail(pos_of(e.source()), "invalid TOML: " + std::string(e.description()));
  }

  Agreement a;
  a.source = source_;
  check_keys(root, {"version", "agreement", "people", "lanes", "protected", "tier", "ai", "review", "override",
                    "local", "promotion"},
             "the agreement");
  if (const toml::node* v = root.get("version")) {
    if (!v->is_integer()) fail(*v, "version must be the integer 1, not " + type_name(*v));
    if (v->as_integer()->get() != 1)
      fail(*v, "unsupported agreement version " + std::to_string(v->as_integer()->get()) +
                   " (this laneguard reads version 1)");
    a.version_stated = true;
  }
  a.version = 1;
  load_agreement_table(root, a);
  load_people(root, a);
  load_lanes(root, a);
  load_areas(root, a);
  load_tiers(root.get("tier"), a, source_);
  load_ai(root, a);
  load_review(root, a);
  load_override(root, a);
  load_local(root, a);
  load_promotion(root, a);
  protect_agreement_file(a);
  return a;
}

void Loader::load_agreement_table(const toml::table& root, Agreement& a) {
  const toml::table* t = table_at(root, "agreement", "[agreement]");
  if (t) {
    check_keys(*t, {"name", "protected_branches", "on_error", "case_sensitive", "since"}, "[agreement]");
    if (auto s = string_at(*t, "since", "[agreement] since")) {
      bool hex = (s->size() == 40 || s->size() == 64) &&
                 s->find_first_not_of("0123456789abcdef") == std::string::npos;
      if (!hex)
        fail(*t->get("since"), "[agreement] since must be a full commit id (40 lowercase hex digits), not " + quoted(*s) +
                                   ": a branch or tag name would move. `git rev-parse REV` prints the id");
      a.since = *s;
    }
    if (auto s = string_at(*t, "name", "[agreement] name")) a.name = *s;
    if (auto b = bool_at(*t, "case_sensitive", "[agreement] case_sensitive")) a.case_sensitive = *b;
    if (auto s = string_at(*t, "on_error", "[agreement] on_error")) {
      if (*s == "block") a.on_error = OnError::block;
      else if (*s == "allow") a.on_error = OnError::allow;
      else fail(*t->get("on_error"), "[agreement] on_error must be \"block\" or \"allow\", not " + quoted(*s));
    }
  }
  std::vector<Item> branches;
  if (t) {
    if (auto list = strings_at(*t, "protected_branches", "[agreement] protected_branches")) branches = *list;
    else for (const auto& b : a.protected_branches) branches.push_back({b, {}});
  } else {
    for (const auto& b : a.protected_branches) branches.push_back({b, {}});
  }
  a.protected_branches.clear();
  for (auto item : branches) {
    std::string name = item.value;
    if (name.rfind("refs/heads/", 0) == 0) name = name.substr(11);
    while (!name.empty() && name.front() == '/') name.erase(0, 1);
    if (name.empty()) fail(item.pos, "empty branch name in [agreement] protected_branches");
    a.protected_branches.push_back(name);
    // Anchored: "main" protects "main", never "feature/main". Branch names are case-sensitive.
    item.value = "/" + name;
    a.protected_branch_patterns.push_back(compile_pattern(item, true, "[agreement] protected_branches"));
  }
}

void Loader::load_people(const toml::table& root, Agreement& a) {
  const toml::table* people = table_at(root, "people", "[people]");
  if (!people) return;
  std::map<std::string, std::string> email_owner, username_owner;  // lower-cased identity -> person key
  for (const auto& [key_ptr, node_ptr] : in_file_order(*people)) {
    const toml::key& key = *key_ptr;
    const toml::node& node = *node_ptr;
    std::string where = "[people." + std::string(key.str()) + "]";
    if (!node.is_table()) fail(node, where + " must be a table (emails = [...], usernames = [...]), not " + type_name(node));
    const toml::table& t = *node.as_table();
    check_keys(t, {"emails", "usernames", "signing_keys", "bot"}, where);
    Person p;
    p.key = std::string(key.str());
    p.pos = pos_of(key.source());
    if (auto list = strings_at(t, "emails", where + " emails")) {
      for (const auto& item : *list) {
        std::string email = lower(trim(item.value));
        if (email.find('@') == std::string::npos)
          fail(item.pos, where + " emails: " + quoted(item.value) + " is not an email address");
        auto [it, inserted] = email_owner.emplace(email, p.key);
        if (!inserted && it->second != p.key)
          fail(item.pos, "email " + quoted(email) + " is claimed by both " + it->second + " and " + p.key +
                             "; an identity belongs to one person");
        if (std::find(p.emails.begin(), p.emails.end(), email) == p.emails.end()) p.emails.push_back(email);
      }
    }
    if (auto list = strings_at(t, "usernames", where + " usernames")) {
      for (const auto& item : *list) {
        std::string name = std::string(trim(item.value));
        auto [it, inserted] = username_owner.emplace(lower(name), p.key);
        if (!inserted && it->second != p.key)
          fail(item.pos, "username " + quoted(name) + " is claimed by both " + it->second + " and " + p.key +
                             "; an identity belongs to one person");
        if (inserted) p.usernames.push_back(name);
      }
    }
    if (auto list = strings_at(t, "signing_keys", where + " signing_keys")) {
      for (const auto& item : *list) {
        std::string k = std::string(trim(item.value));
        if (k.find(' ') == std::string::npos)
          fail(item.pos, where + " signing_keys: expected \"KEYTYPE BASE64\" (as in ~/.ssh/id_ed25519.pub), got " +
                             quoted(item.value));
        p.signing_keys.push_back(k);
      }
    }
    if (auto b = bool_at(t, "bot", where + " bot")) p.bot = *b;
    a.people.push_back(std::move(p));
  }
}

void Loader::load_lanes(const toml::table& root, Agreement& a) {
  const toml::table* lanes = table_at(root, "lanes", "[lanes]");
  if (!lanes) return;
  for (const auto& [key_ptr, node_ptr] : in_file_order(*lanes)) {
    const toml::key& key = *key_ptr;
    const toml::node& node = *node_ptr;
    std::string where = "[lanes." + std::string(key.str()) + "]";
    if (!node.is_table()) fail(node, where + " must be a table (members = [...], owns = [...]), not " + type_name(node));
    const toml::table& t = *node.as_table();
    check_keys(t, {"members", "owns", "outsider_approvals"}, where);
    Lane lane;
    lane.key = std::string(key.str());
    lane.pos = pos_of(key.source());
    if (auto list = strings_at(t, "members", where + " members")) {
      for (const auto& item : *list) {
        require_person(a, item, where + " members");
        if (std::find(lane.members.begin(), lane.members.end(), item.value) == lane.members.end())
          lane.members.push_back(item.value);
      }
    }
    if (auto list = strings_at(t, "owns", where + " owns")) {
      for (const auto& item : *list) lane.owns.push_back(compile_pattern(item, a.case_sensitive, where + " owns"));
    }
    if (auto n = int_at(t, "outsider_approvals", where + " outsider_approvals", 0, kMaxApprovals))
      lane.outsider_approvals = *n;
    a.lanes.push_back(std::move(lane));
  }
}

void Loader::load_areas(const toml::table& root, Agreement& a) {
  const toml::node* node = root.get("protected");
  if (!node) return;
  if (node->is_array() && node->as_array()->empty()) return;
  if (!node->is_array_of_tables())
    fail(*node, "protected must be a list of [[protected]] tables, not " + type_name(*node));
  std::map<std::string, SourcePos> seen;  // lower-cased area name -> where first defined
  int index = 0;
  for (const toml::node& e : *node->as_array()) {
    ++index;
    const toml::table& t = *e.as_table();
    ProtectedArea area;
    area.pos = pos_of(t.source());
    std::string where = "[[protected]] #" + std::to_string(index);
    check_keys(t, {"name", "paths", "owners", "approvals", "ai", "ai_approvals"}, where);
    auto name = string_at(t, "name", where + " name");
    if (!name || trim(*name).empty()) fail(area.pos, where + " needs a name (name = \"payments\")");
    area.name = std::string(trim(*name));
    where = "protected area " + quoted(area.name);
    auto [it, inserted] = seen.emplace(lower(area.name), pos_of(t.get("name")->source()));
    if (!inserted)
      fail(*t.get("name"), "duplicate protected area name " + quoted(area.name) + " (first defined at line " +
                               std::to_string(it->second.line) + ")");

    auto paths = strings_at(t, "paths", where + " paths");
    if (!paths || paths->empty())
      fail(paths ? pos_of(t.get("paths")->source()) : area.pos,
           where + " has no paths; list what it protects (paths = [\"src/payments/**\"])");
    for (const auto& item : *paths) area.paths.push_back(compile_pattern(item, a.case_sensitive, where + " paths"));

    auto owners = strings_at(t, "owners", where + " owners");
    if (!owners || owners->empty())
      fail(owners ? pos_of(t.get("owners")->source()) : area.pos,
           where + " has no owners; name the lane(s) whose approval it needs (owners = [\"engineering\"])");
    for (const auto& item : *owners) {
      if (!a.lane(item.value)) {
        std::vector<std::string_view> keys;
        for (const auto& l : a.lanes) keys.push_back(l.key);
        std::string msg = "unknown lane " + quoted(item.value) + " in " + where + " owners";
        if (auto s = closest(item.value, keys)) msg += "; did you mean " + quoted(*s) + "?";
        else msg += " (define it as [lanes." + item.value + "])";
        fail(item.pos, msg);
      }
      if (std::find(area.owners.begin(), area.owners.end(), item.value) == area.owners.end())
        area.owners.push_back(item.value);
    }
    if (auto n = int_at(t, "approvals", where + " approvals", 1, kMaxApprovals)) area.approvals = *n;
    if (auto s = string_at(t, "ai", where + " ai")) {
      if (*s == "label") area.ai = AiPolicy::label;
      else if (*s == "forbid") area.ai = AiPolicy::forbid;
      else if (*s == "allow") area.ai = AiPolicy::allow;
      else fail(*t.get("ai"), where + " ai must be \"label\", \"forbid\" or \"allow\", not " + quoted(*s));
    }
    if (auto n = int_at(t, "ai_approvals", where + " ai_approvals", 1, kMaxApprovals)) area.ai_approvals = *n;
    a.areas.push_back(std::move(area));
  }
}

void Loader::load_ai(const toml::table& root, Agreement& a) {
  const toml::table* t = table_at(root, "ai", "[ai]");
  if (!t) return;
  check_keys(*t,
             {"label_trailers", "none_values", "require_declaration", "pr_labels", "marker_emails", "marker_names",
              "marker_text", "notes_refs"},
             "[ai]");
  if (auto l = strings_at(*t, "label_trailers", "[ai] label_trailers")) {
    for (const auto& item : *l) {
      for (char c : item.value)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-'))
          fail(item.pos, "[ai] label_trailers: " + quoted(item.value) +
                             " is not a trailer key (letters, digits and '-' only, without the ':')");
    }
    a.ai.label_trailers = values(*l);
  }
  if (auto l = strings_at(*t, "none_values", "[ai] none_values")) a.ai.none_values = values(*l);
  if (auto b = bool_at(*t, "require_declaration", "[ai] require_declaration")) a.ai.require_declaration = *b;
  if (auto l = strings_at(*t, "pr_labels", "[ai] pr_labels")) a.ai.pr_labels = values(*l);
  if (auto l = strings_at(*t, "marker_emails", "[ai] marker_emails")) {
    a.ai.marker_emails.clear();
    for (const auto& item : *l) a.ai.marker_emails.push_back(lower(trim(item.value)));
  }
  if (auto l = strings_at(*t, "marker_names", "[ai] marker_names")) a.ai.marker_names = values(*l);
  if (auto l = strings_at(*t, "marker_text", "[ai] marker_text")) a.ai.marker_text = values(*l);
  if (auto l = strings_at(*t, "notes_refs", "[ai] notes_refs")) {
    for (const auto& item : *l)
      if (item.value.rfind("refs/notes/", 0) != 0 || item.value.size() <= 11 ||
          item.value.find_first_of(" \t\n~^:?*[\\") != std::string::npos || item.value.find("..") != std::string::npos)
        fail(item.pos, "[ai] notes_refs: " + quoted(item.value) + " is not a notes ref (refs/notes/NAME, e.g. refs/notes/ai)");
    a.ai.notes_refs = values(*l);
  }
}

void Loader::load_review(const toml::table& root, Agreement& a) {
  const toml::table* t = table_at(root, "review", "[review]");
  if (!t) return;
  check_keys(*t, {"approval_trailers", "dismiss_stale"}, "[review]");
  if (auto l = strings_at(*t, "approval_trailers", "[review] approval_trailers")) {
    for (const auto& item : *l) {
      for (char c : item.value)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-'))
          fail(item.pos, "[review] approval_trailers: " + quoted(item.value) +
                             " is not a trailer key (letters, digits and '-' only, without the ':')");
    }
    a.review.approval_trailers = values(*l);
  }
  if (auto b = bool_at(*t, "dismiss_stale", "[review] dismiss_stale")) a.review.dismiss_stale = *b;
}

void Loader::load_override(const toml::table& root, Agreement& a) {
  const toml::table* t = table_at(root, "override", "[override]");
  if (!t) return;
  check_keys(*t, {"people"}, "[override]");
  if (auto l = strings_at(*t, "people", "[override] people")) {
    for (const auto& item : *l) {
      require_person(a, item, "[override] people");
      a.override_.people.push_back(item.value);
    }
  }
}

void Loader::load_local(const toml::table& root, Agreement& a) {
  const toml::table* t = table_at(root, "local", "[local]");
  if (!t) return;
  check_keys(*t, {"mode"}, "[local]");
  if (auto s = string_at(*t, "mode", "[local] mode")) {
    if (*s == "warn") a.local_mode = LocalMode::warn;
    else if (*s == "block") a.local_mode = LocalMode::block;
    else fail(*t->get("mode"), "[local] mode must be \"warn\" or \"block\", not " + quoted(*s));
  }
}

void Loader::load_promotion(const toml::table& root, Agreement& a) {
  const toml::table* t = table_at(root, "promotion", "[promotion]");
  if (!t) return;
  check_keys(*t, {"enabled", "from_lanes", "min_lines", "min_share", "severity", "approvals", "trailer"},
             "[promotion]");
  PromotionSettings& p = a.promotion;
  p.enabled = bool_at(*t, "enabled", "[promotion] enabled").value_or(true);
  p.line = pos_of(t->source()).line;
  auto lanes = strings_at(*t, "from_lanes", "[promotion] from_lanes");
  if (!lanes || lanes->empty())
    fail(lanes ? pos_of(t->get("from_lanes")->source()) : pos_of(t->source()),
         "[promotion] needs from_lanes: the lanes whose files are prototypes (from_lanes = [\"pm\"])");
  for (const auto& item : *lanes) {
    if (!a.lane(item.value)) {
      std::vector<std::string_view> keys;
      for (const auto& l : a.lanes) keys.push_back(l.key);
      std::string msg = "unknown lane " + quoted(item.value) + " in [promotion] from_lanes";
      if (auto s = closest(item.value, keys)) msg += "; did you mean " + quoted(*s) + "?";
      else msg += " (define it as [lanes." + item.value + "])";
      fail(item.pos, msg);
    }
    if (std::find(p.from_lanes.begin(), p.from_lanes.end(), item.value) == p.from_lanes.end())
      p.from_lanes.push_back(item.value);
  }
  if (p.from_lanes.size() == a.lanes.size())
    fail(*t->get("from_lanes"), "[promotion] from_lanes names every lane: no lane is left to promote into");
  if (auto n = int_at(*t, "min_lines", "[promotion] min_lines", 2, 10000)) p.min_lines = *n;
  if (const toml::node* n = t->get("min_share")) {
    double v = 0;
    if (n->is_floating_point()) v = n->as_floating_point()->get();
    else if (n->is_integer()) v = static_cast<double>(n->as_integer()->get());
    else fail(*n, "[promotion] min_share must be a number between 0.05 and 1 (a share of the added lines), not " +
                      type_name(*n));
    if (!(v >= 0.05 && v <= 1.0))
      fail(*n, "[promotion] min_share must be between 0.05 and 1 (a share of the added lines, 0.6 is 60%), not " +
                   std::to_string(v));
    p.min_share = v;
  }
  if (auto s = string_at(*t, "severity", "[promotion] severity")) {
    if (*s == "block") p.severity = PromotionSettings::Level::block;
    else if (*s == "warn") p.severity = PromotionSettings::Level::warn;
    else if (*s == "notice") p.severity = PromotionSettings::Level::notice;
    else fail(*t->get("severity"), "[promotion] severity must be \"block\", \"warn\" or \"notice\", not " + quoted(*s));
  }
  if (auto n = int_at(*t, "approvals", "[promotion] approvals", 0, kMaxApprovals)) p.approvals = *n;
  if (auto s = string_at(*t, "trailer", "[promotion] trailer")) {
    if (s->empty()) fail(*t->get("trailer"), "[promotion] trailer is empty");
    for (char c : *s)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-'))
        fail(*t->get("trailer"), "[promotion] trailer: " + quoted(*s) +
                                     " is not a trailer key (letters, digits and '-' only, without the ':')");
    p.trailer = *s;
  }
}

}  // namespace

Agreement parse_agreement(std::string_view toml_text, const std::string& source_name) {
  check_agreement_text(toml_text, source_name);  // before toml++ sees it: size, UTF-8, depth
  return Loader(source_name).load(toml_text);
}

Agreement load_agreement_file(const std::string& path) {
  auto fail = [&](int err) {
    throw AgreementError::unreadable(path, std::string("cannot read the agreement: ") + std::strerror(err));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) fail(errno);
  std::string text;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    fail(EISDIR);
  }
  if (S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > kMaxAgreementBytes) {
    ::close(fd);
    throw AgreementError(path, 0, 0, "the agreement is " + std::to_string(st.st_size) +
                                         " bytes; the limit is 1 MiB (" + std::to_string(kMaxAgreementBytes) +
                                         " bytes): an agreement lists people, lanes and patterns, never data");
  }
  char buf[65536];
  for (;;) {
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      fail(err);
    }
    if (n == 0) break;
    text.append(buf, static_cast<size_t>(n));
    if (text.size() > kMaxAgreementBytes) break;  // a pipe or device: enough to refuse it
  }
  ::close(fd);
  return parse_agreement(text, path);
}

Agreement load_named_agreement(const std::string& path, const std::string& named_by) {
  try {
    return load_agreement_file(path);
  } catch (AgreementError& e) {
    if (e.exit_code != kExitGit) throw;
    std::string detail = e.detail;
    const std::string head = "cannot read the agreement";
    if (detail.rfind(head, 0) == 0) detail.insert(head.size(), " " + named_by);
    throw AgreementError::unreadable(e.file, detail);
  }
}

Agreement load_default_agreement() { return parse_agreement(embedded_default_agreement(), "<embedded default>"); }

}  // namespace laneguard
