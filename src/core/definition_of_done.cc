// Tiers' definitions of done and size limits: (agreement, change) -> findings. Pure.
#include "core/definition_of_done.h"

#include <algorithm>
#include <map>
#include <optional>
#include <unordered_map>

#include "agreement/unicode_fold.h"
#include "core/wording.h"
#include "util/text.h"

namespace laneguard {

Severity severity_of(TierSeverity s) {
  switch (s) {
    case TierSeverity::notice: return Severity::notice;
    case TierSeverity::warn: return Severity::warn;
    case TierSeverity::block: return Severity::block;
  }
  return Severity::block;
}

TierHits tier_hits(const Agreement& agreement, const JudgedPaths& judged) {
  TierHits hits;
  const std::size_t n = agreement.tiers.size();
  hits.paths.assign(n, {});
  if (judged.size() != 1) hits.per_commit.assign(n, std::vector<std::vector<std::string>>(judged.size()));
  if (n == 0) return hits;
  auto tier_index = [&](std::string_view p) {
    const Tier* t = tier_of(agreement.tiers, p);
    return t ? static_cast<int>(t - agreement.tiers.data()) : -1;
  };
  if (judged.size() == 1) {  // one commit: its paths are sorted (CommitFacts::paths), so a repeat is the previous one
    const std::string* previous = nullptr;
    for (const std::string& p : judged[0]) {
      if (previous && *previous == p) continue;
      previous = &p;
      if (int t = tier_index(p); t >= 0) hits.paths[static_cast<std::size_t>(t)].push_back(p);
    }
    return hits;  // sorted already
  } else {
    std::unordered_map<std::string_view, int> memo;  // a path judged in several commits is matched once
    for (std::size_t i = 0; i < judged.size(); ++i)
      for (const std::string& p : judged[i]) {
        auto [it, fresh] = memo.try_emplace(p, -1);
        if (fresh) it->second = tier_index(p);
        if (it->second < 0) continue;
        hits.per_commit[static_cast<std::size_t>(it->second)][i].push_back(p);
        if (fresh) hits.paths[static_cast<std::size_t>(it->second)].push_back(p);
      }
  }
  for (auto& v : hits.paths) std::sort(v.begin(), v.end());
  return hits;
}

namespace {

std::string short_id(const std::string& id) { return id.size() == 40 ? id.substr(0, 12) : id; }

std::string thousands(std::uint64_t n) {
  std::string s = std::to_string(n);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// At most `limit` names, then "and N more".
std::string some(std::span<const std::string> items, std::size_t limit = 5, const std::string& last = "and") {
  if (items.size() <= limit) return join_words(std::vector<std::string>(items.begin(), items.end()), last);
  std::string shown;  // "a, b, c and 40 more"
  for (std::size_t i = 0; i < limit; ++i) shown += (i ? ", " : "") + items[i];
  return shown + " and " + std::to_string(items.size() - limit) + " more";
}

// The changed paths of the whole change: whether each is there after it (a deletion in every commit
// that touches it: not there). A reader that gives no entries leaves every path there. Views of the
// judged paths (which outlive it): a commit of 50,000 files costs no copy of them.
struct ChangedPaths {
  std::vector<std::string_view> present;  // sorted
  std::vector<std::string> lowered;       // present, lower-cased (ASCII), when matching is case-insensitive
  std::vector<std::string_view> folded;   // present or lowered, sorted
  std::vector<std::size_t> order;         // folded[k] is present[order[k]]
};

ChangedPaths changed_paths(const Change& change, const JudgedPaths& judged,
                           bool case_sensitive) {
  std::vector<std::pair<std::string_view, bool>> there;  // (path, there after some commit)
  for (std::size_t i = 0; i < change.commits.size() && i < judged.size(); ++i) {
    const CommitFacts& c = change.commits[i];
    const bool known = c.path_entries.size() == c.paths.size();
    for (const std::string& p : judged[i]) {
      bool here = true;
      if (known) {
        auto at = std::lower_bound(c.paths.begin(), c.paths.end(), p);
        if (at != c.paths.end() && *at == p) here = c.path_entries[static_cast<std::size_t>(at - c.paths.begin())].mode != 0;
      }
      there.emplace_back(p, here);
    }
  }
  // Sorted by path, those there first: the first of each path says whether any commit leaves it.
  // (One commit's paths come sorted and once each: a commit of 50,000 files sorts nothing.)
  auto before = [](const auto& a, const auto& b) { return a.first != b.first ? a.first < b.first : a.second > b.second; };
  if (!std::is_sorted(there.begin(), there.end(), before)) std::sort(there.begin(), there.end(), before);
  ChangedPaths out;
  for (std::size_t k = 0; k < there.size(); ++k)
    if ((k == 0 || there[k].first != there[k - 1].first) && there[k].second) out.present.push_back(there[k].first);
  out.order.resize(out.present.size());
  for (std::size_t k = 0; k < out.order.size(); ++k) out.order[k] = k;
  if (case_sensitive) {
    out.folded = out.present;
    return out;
  }
  out.lowered.reserve(out.present.size());
  for (std::string_view p : out.present) out.lowered.push_back(lower(p));
  auto folded_before = [&](std::size_t a, std::size_t b) {
    return out.lowered[a] != out.lowered[b] ? out.lowered[a] < out.lowered[b] : a < b;
  };
  // Lower-case paths fold to themselves, in the same order: most histories need no sort here.
  if (!std::is_sorted(out.order.begin(), out.order.end(), folded_before))
    std::sort(out.order.begin(), out.order.end(), folded_before);
  for (std::size_t k : out.order) out.folded.push_back(out.lowered[k]);
  return out;
}

// The literal start of a pattern (before its first wildcard or escape), without a leading '/':
// every path a pattern with a '/' inside can match starts with it.
std::string literal_prefix(const std::string& pattern) {
  std::string s = pattern.front() == '/' ? pattern.substr(1) : pattern;
  std::size_t end = s.find_first_of("*?[\\");
  return end == std::string::npos ? s : s.substr(0, end);
}

// Whether a changed path other than `self` matches the companion pattern `text` (placeholders
// filled in). Answers are remembered by text: a pattern without placeholders, or one that depends
// only on {dir}, is asked once per change rather than once per file. A pattern with no wildcard
// and only ASCII is looked up without compiling it: it matches itself and what is below it (case
// folded when matching is case-insensitive); anything else is compiled and asked.
class CompanionLookup {
 public:
  CompanionLookup(const ChangedPaths& changed, bool case_sensitive) : changed_(changed), case_sensitive_(case_sensitive) {}

  // Whether a changed path other than `self` matches `text`: other_than(matches(text), self),
  // with nothing copied for a literal text (asked for each file and each companion).
  bool found(const std::string& text, const std::string& self) {
    if (std::optional<bool> f = literal_found(text, self)) return *f;
    return other_than(matches(text), self);
  }

  // Up to two changed paths `text` matches.
  std::vector<std::string> matches(const std::string& text) {
    // Literal texts and literal directories are answered from the sorted paths directly (most
    // name the file itself, {stem} and all, so remembering them would only cost).
    if (std::optional<std::vector<std::string>> m = literal_matches(text)) return std::move(*m);
    auto it = memo_.find(text);
    if (it == memo_.end()) it = memo_.emplace(text, first_matches(text)).first;
    return it->second;
  }

  static bool other_than(const std::vector<std::string>& m, const std::string& self) {
    return m.size() > 1 || (m.size() == 1 && m.front() != self);
  }

  // Whether a changed path other than `self` (itself a changed path in `dir`) is below `dir`
  // ("a/b" for "a/b/c.py"): when none is, no pattern "{dir}/..." can find a companion. nullopt
  // when it cannot tell without matching (a name that folds beyond ASCII).
  std::optional<bool> others_below(std::string_view dir) {
    if (dir.empty()) return changed_.present.size() > 1;
    if (dir != last_dir_) {
      std::string prefix(dir);
      if (!case_sensitive_) {
        if (!is_ascii(prefix)) return std::nullopt;
        prefix = lower(prefix);
      }
      prefix += '/';
      // The changed paths below `dir`: from `dir/` up to `dir0` ('0' follows '/').
      auto lo = std::lower_bound(changed_.folded.begin(), changed_.folded.end(), std::string_view(prefix));
      prefix.back() = '0';
      auto hi = std::lower_bound(lo, changed_.folded.end(), std::string_view(prefix));
      prefix.back() = '/';
      last_dir_ = std::string(dir);
      last_count_ = static_cast<std::size_t>(hi - lo);
      below_ = prefix;
      below_begin_ = static_cast<std::size_t>(lo - changed_.folded.begin());
      below_end_ = static_cast<std::size_t>(hi - changed_.folded.begin());
    }
    return last_count_ > 1;  // `self` is one of them
  }

 private:

  // Calls `each(k)` for the positions k in `folded` of the changed paths that start with `prefix`,
  // in order, while it returns true. Within the directory others_below() last looked at when
  // `prefix` is below it (a file's own companions: a few paths, not all of a large commit's).
  template <typename Each>
  void scan(const std::string& prefix, Each each) const {
    auto begin = changed_.folded.begin(), end = changed_.folded.end();
    if (!below_.empty() && prefix.size() >= below_.size() && prefix.compare(0, below_.size(), below_) == 0) {
      end = begin + static_cast<std::ptrdiff_t>(below_end_);
      begin += static_cast<std::ptrdiff_t>(below_begin_);
    }
    for (auto it = std::lower_bound(begin, end, std::string_view(prefix));
         it != end && it->substr(0, prefix.size()) == prefix; ++it)
      if (!each(static_cast<std::size_t>(it - changed_.folded.begin()))) return;
  }
  std::string_view present_at(std::size_t k) const { return changed_.present[changed_.order[k]]; }

  // A text with no wildcard (it matches itself and what is below it), or a literal directory
  // followed by `/**` (what is below it), in ASCII and anchored (a '/' before its end): the
  // literal (folded when case-insensitive, without the `**`, or a trailing '/') and whether only
  // what is below it matches; anything else: nullopt (compile it).
  struct Literal {
    std::string text;
    bool below = false;
    bool matches(std::string_view p) const {
      return below ? p.size() > text.size() : p.size() == text.size() || p[text.size()] == '/';
    }
  };
  std::optional<Literal> literal_of(const std::string& text) const {
    if (text.find('/') >= text.size() - 1) return std::nullopt;
    Literal l{text.front() == '/' ? text.substr(1) : text};
    l.below = l.text.size() > 3 && l.text.compare(l.text.size() - 3, 3, "/**") == 0;
    if (l.below) l.text.resize(l.text.size() - 2);  // keep the '/'
    if (l.text.empty() || l.text.front() == '/') return std::nullopt;
    for (char& c : l.text) {  // ASCII and no wildcard or escape (one pass: this runs for every file)
      if (static_cast<unsigned char>(c) >= 0x80 || c == '*' || c == '?' || c == '[' || c == '\\') return std::nullopt;
      if (!case_sensitive_) c = ascii_lower(c);
    }
    if (!l.below)
      while (l.text.size() > 1 && l.text.back() == '/') l.text.pop_back();
    return l;
  }
  // Up to two matches of a literal text, without compiling it.
  std::optional<std::vector<std::string>> literal_matches(const std::string& text) const {
    std::optional<Literal> l = literal_of(text);
    if (!l) return std::nullopt;
    std::vector<std::string> out;
    scan(l->text, [&](std::size_t k) {
      if (l->matches(changed_.folded[k])) out.emplace_back(present_at(k));
      return out.size() < 2;
    });
    return out;
  }
  // Whether a changed path other than `self` matches a literal text.
  std::optional<bool> literal_found(const std::string& text, const std::string& self) const {
    std::optional<Literal> l = literal_of(text);
    if (!l) return std::nullopt;
    bool found = false;
    scan(l->text, [&](std::size_t k) {
      found = l->matches(changed_.folded[k]) && present_at(k) != self;
      return !found;
    });
    return found;
  }

  // Up to two changed paths the pattern matches (two: one of them is not `self`).
  std::vector<std::string> first_matches(const std::string& text) const {
    std::vector<std::string> out;
    std::optional<PathPattern> pattern;
    try {
      pattern = PathPattern::compile(text, case_sensitive_);
    } catch (const std::exception&) {
      return out;  // a file name the pattern cannot hold (validated at load for ordinary names)
    }
    const bool anchored = text.front() == '/' || text.find('/') < text.size() - 1;
    std::string prefix = anchored ? literal_prefix(text) : "";
    if (!case_sensitive_) prefix = lower(prefix);
    for (auto it = std::lower_bound(changed_.folded.begin(), changed_.folded.end(), prefix);
         it != changed_.folded.end() && out.size() < 2 && it->compare(0, prefix.size(), prefix) == 0; ++it) {
      std::string_view p = changed_.present[changed_.order[static_cast<std::size_t>(it - changed_.folded.begin())]];
      if (pattern->matches(p)) out.emplace_back(p);
    }
    return out;
  }

  const ChangedPaths& changed_;
  bool case_sensitive_;
  std::unordered_map<std::string, std::vector<std::string>> memo_;
  std::string last_dir_ = std::string(1, '\0');  // others_below's last question (no path is "\0")
  std::size_t last_count_ = 0;
  // Its answer: the changed paths below that directory (`below_`, folded, with its '/') are
  // folded[below_begin_, below_end_); empty below_: none asked yet.
  std::string below_;
  std::size_t below_begin_ = 0, below_end_ = 0;
};

bool any_pattern(const std::vector<PathPattern>& patterns, std::string_view path) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const PathPattern& p) { return p.matches(path); });
}

// any_pattern(patterns, path) for a run of paths in sorted order (a tier's paths): what depends
// on the directory alone (PathPattern::covers_directory) is asked once per directory, as
// agreement/path_index.h does, and of each path only its name. A path that is not plain ASCII, or
// has an empty component, is matched whole.
class PatternList {
 public:
  explicit PatternList(const std::vector<PathPattern>& patterns) : patterns_(patterns) {
    for (const PathPattern& p : patterns) may_match_name_.push_back(p.may_match_name());
  }
  bool empty() const { return patterns_.empty(); }
  bool any(std::string_view path) {
    if (patterns_.empty()) return false;
    std::optional<std::size_t> split = PathPattern::split_point(path);
    if (!split) return any_pattern(patterns_, path);
    const std::size_t slash = *split;
    std::string_view dir = path.substr(0, slash);
    if (!asked_ || dir != dir_) {
      dir_.assign(dir);
      asked_ = true;
      covered_ = std::any_of(patterns_.begin(), patterns_.end(), [&](const PathPattern& p) { return p.covers_directory(dir); });
    }
    if (covered_) return true;
    for (std::size_t k = 0; k < patterns_.size(); ++k)
      if (may_match_name_[k] && patterns_[k].matches_ascii_name(path, slash)) return true;
    return false;
  }

 private:
  const std::vector<PathPattern>& patterns_;
  std::vector<bool> may_match_name_;
  std::string dir_;  // the last path's directory, and whether a pattern covers it
  bool asked_ = false, covered_ = false;
};

Finding base_finding(const char* rule, const Tier& tier, TierSeverity severity, const std::string& commit,
                     const DoneAuthors& authors) {
  Finding f;
  f.rule = rule;
  f.severity = severity_of(severity);
  f.commit = commit;
  f.area = "tier " + tier.name;
  f.people = *authors.labels;
  return f;
}

void judge_trailer(const Tier& tier, std::size_t t, const DoneItem& item, const Change& change, const TierHits& hits,
                   const DoneAuthors& authors, std::vector<Finding>& out) {
  for (std::size_t i = 0; i < change.commits.size(); ++i) {
    const std::vector<std::string>& paths = hits.of_commit(t, i);
    if (paths.empty()) continue;
    const CommitFacts& c = change.commits[i];
    bool has = std::any_of(c.trailers.begin(), c.trailers.end(), [&](const Trailer& t) {
      return trailer_key_is(t, item.trailer) && !trim(t.value).empty();
    });
    if (has) continue;
    Finding f = base_finding(rule::kDefinitionOfDone, tier, item.severity, c.id, authors);
    f.paths = paths;
    f.message = "tier " + tier.name + "'s definition of done: " + done_item_text(item) + ". Commit " +
                short_id(c.id) + " changes " + tier.name + " code (" + some(f.paths, 3) + ") and carries no " +
                item.trailer + ": trailer.";
    f.fix = "Add a `" + item.trailer + ": ...` trailer to the commit's message, in its last paragraph (git commit "
            "--amend, or git rebase -i to reword an older commit).";
    out.push_back(std::move(f));
  }
}

void judge_companion(const Agreement& agreement, const Tier& tier, const DoneItem& item, const Change& change,
                     const std::vector<std::string>& tier_paths, const ChangedPaths& changed, const DoneAuthors& authors,
                     std::vector<Finding>& out) {
  std::vector<std::string> missing;
  std::vector<std::string> wanted;  // for the first file: what would do
  CompanionLookup lookup(changed, agreement.case_sensitive);
  // A companion without placeholders ("/tests/**") is the same text for every file: matched once.
  // One that starts with "{dir}/" can only match below the file's directory: when nothing else
  // changed there, it is not looked for (a commit of one file per directory asks no pattern).
  const std::size_t n = item.companions.size();
  std::vector<char> constant(n), below_dir(n);
  std::vector<std::optional<std::vector<std::string>>> constant_matches(n);
  PatternList subjects(item.for_paths), exempt(item.except);
  for (std::size_t k = 0; k < n; ++k) {
    constant[k] = item.companions[k].find('{') == std::string::npos;
    below_dir[k] = item.companions[k].rfind("{dir}/", 0) == 0;
  }
  for (const std::string& p : tier_paths) {
    if (!std::binary_search(changed.present.begin(), changed.present.end(), p)) continue;  // deleted: needs none
    if (!subjects.empty() && !subjects.any(p)) continue;
    if (exempt.any(p)) continue;
    std::size_t slash = p.rfind('/');
    std::optional<bool> others = lookup.others_below(slash == std::string::npos ? std::string_view()
                                                                                : std::string_view(p).substr(0, slash));
    bool found = false;
    for (std::size_t k = 0; k < n && !found; ++k) {
      if (constant[k]) {
        if (!constant_matches[k]) constant_matches[k] = lookup.matches(companion_pattern(item.companions[k], p));
        found = CompanionLookup::other_than(*constant_matches[k], p);
      } else if (below_dir[k] && others && !*others) {
        continue;
      } else {
        found = lookup.found(companion_pattern(item.companions[k], p), p);
      }
    }
    if (found) continue;
    if (missing.empty())
      for (const std::string& c : item.companions) wanted.push_back(companion_pattern(c, p));
    missing.push_back(p);
  }
  if (missing.empty()) return;
  Finding f = base_finding(rule::kDefinitionOfDone, tier, item.severity, change.id, authors);
  for (std::string& w : wanted)
    if (w.size() > 1 && w.front() == '/') w.erase(0, 1);
  f.message = "tier " + tier.name + "'s definition of done: " + done_item_text(item) + ". " +
              std::to_string(missing.size()) + " changed file" + (missing.size() == 1 ? "" : "s") + " of " +
              tier.name + " came without " + (missing.size() == 1 ? "its" : "their") + " companion: " +
              missing.front() + " needs a changed " + join_words(wanted, "or") +
              (missing.size() > 1 ? " (and " + some(std::span<const std::string>(missing).subspan(1), 4) +
                                        " theirs)"
                                  : "") +
              ".";
  f.fix = "Change the companion files in the same " + std::string(change.commits.size() > 1 ? "change" : "commit") +
          " (for example add or update " + join_words(wanted, "or") +
          "); a deleted file is no companion, and a file never counts as its own.";
  f.paths = std::move(missing);
  out.push_back(std::move(f));
}

void judge_changelog(const Tier& tier, const DoneItem& item, const Change& change,
                     const std::vector<std::string>& tier_paths, const ChangedPaths& changed, const DoneAuthors& authors,
                     std::vector<Finding>& out) {
  for (std::string_view p : changed.present)
    if (any_pattern(item.changelog, p)) return;
  Finding f = base_finding(rule::kDefinitionOfDone, tier, item.severity, change.id, authors);
  f.paths = tier_paths;
  if (f.paths.size() > 20) f.paths.resize(20);
  std::vector<std::string> where;
  for (const PathPattern& p : item.changelog) where.push_back(p.text());
  f.message = "tier " + tier.name + "'s definition of done: " + done_item_text(item) + ". The change touches " +
              tier.name + " code (" + some(tier_paths, 3) + ") and no changelog path (" + join_words(where, "or") +
              ").";
  f.fix = "Add an entry to " + join_words(where, "or") + " in the same change, saying what changed for its users.";
  out.push_back(std::move(f));
}

void judge_size(const Agreement& agreement, const Tier& tier, const Change& change,
                const std::vector<std::string>& tier_paths, const DoneAuthors& authors, PathIndex& index,
                std::vector<Finding>& out) {
  const TierSize& size = tier.size;
  std::vector<std::string> by;  // the limited lanes' members among the authors
  for (const std::string& key : size.lanes)
    if (const Lane* lane = agreement.lane(key))
      for (const std::string& m : lane->members)
        if (authors.people->count(m) && std::find(by.begin(), by.end(), m) == by.end()) by.push_back(m);
  if (by.empty()) return;
  std::vector<std::string> over;
  if (size.max_files > 0 && tier_paths.size() > static_cast<std::size_t>(size.max_files))
    over.push_back(thousands(tier_paths.size()) + " files (limit " + thousands(static_cast<std::uint64_t>(size.max_files)) + ")");
  if (size.max_lines > 0 && change.lines_counted) {
    std::uint64_t lines = 0;
    for (const PathLines& l : change.lines)
      if (std::binary_search(tier_paths.begin(), tier_paths.end(), l.path)) lines += l.lines;
    if (lines > static_cast<std::uint64_t>(size.max_lines))
      over.push_back(thousands(lines) + " changed lines (limit " + thousands(static_cast<std::uint64_t>(size.max_lines)) + ")");
  }
  if (size.max_areas > 0) {
    std::vector<std::size_t> in;
    std::vector<bool> touched(agreement.areas.size(), false);
    for (const std::string& p : tier_paths) {
      in.clear();
      index.area_indices(p, in);
      for (std::size_t a : in) touched[a] = true;
    }
    std::vector<std::string> names;
    for (std::size_t a = 0; a < touched.size(); ++a)
      if (touched[a]) names.push_back(agreement.areas[a].name);
    if (names.size() > static_cast<std::size_t>(size.max_areas))
      over.push_back(std::to_string(names.size()) + " protected areas, " + join_words(names) + " (limit " +
                     std::to_string(size.max_areas) + ")");
  }
  if (over.empty()) return;
  Finding f = base_finding(rule::kOversizedChange, tier, size.severity, change.id, authors);
  f.paths = tier_paths;
  if (f.paths.size() > 20) f.paths.resize(20);
  std::vector<std::string> lanes = size.lanes;
  f.message = "change by " + join_words(by) + " (" + join_words(lanes, "or") + ") to tier " + tier.name +
              " is too large to review as one thing: " + join_words(over) + ". Keep changes small and scoped to one thing.";
  f.fix = "Split it into smaller " + std::string(change.commits.size() > 1 ? "changes" : "commits") +
          " that each do one thing and land them one at a time (several commits in one push or pull request are "
          "still one change), or hand it over to the lane that owns " + tier.name + " code.";
  out.push_back(std::move(f));
}

}  // namespace

void judge_definition_of_done(const Agreement& agreement, const Change& change,
                              const JudgedPaths& judged, const TierHits& hits,
                              const DoneAuthors& authors, PathIndex& index, bool message_known,
                              std::vector<Finding>& out) {
  if (change.net_effect || agreement.tiers.empty()) return;
  const bool per_commit = change.extent != Extent::landing;
  const bool of_whole = change.extent != Extent::commit;
  std::optional<ChangedPaths> changed;
  for (std::size_t t = 0; t < agreement.tiers.size(); ++t) {
    const Tier& tier = agreement.tiers[t];
    const std::vector<std::string>& paths = hits.paths[t];
    if (paths.empty()) continue;
    for (const DoneItem& item : tier.done) {
      if (item.kind == DoneItem::Kind::trailer) {
        if (per_commit && message_known) judge_trailer(tier, t, item, change, hits, authors, out);
        continue;
      }
      if (!of_whole) continue;
      if (!changed) changed = changed_paths(change, judged, agreement.case_sensitive);
      if (item.kind == DoneItem::Kind::companion)
        judge_companion(agreement, tier, item, change, paths, *changed, authors, out);
      else
        judge_changelog(tier, item, change, paths, *changed, authors, out);
    }
    if (of_whole && tier.size.any()) judge_size(agreement, tier, change, paths, authors, index, out);
  }
}

}  // namespace laneguard
