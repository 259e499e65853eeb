#include "git/promotion_scan.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>

#include "git/tree_reader.h"

namespace laneguard::git {
namespace {

constexpr std::size_t kMaxBlobBytes = 4u << 20;  // larger files are data or generated, not a prototype's code
constexpr std::size_t kMaxActiveRuns = 256;
constexpr std::size_t kRunsKept = 5;
constexpr std::size_t kSourcesKept = 3;
constexpr const char* kCacheMagic = "laneguard-promotion-index 1";
// Below this many indexed places (about 12 bytes each, and as much again of lines) nothing is
// pruned: a push or a short range never re-reads a blob.
constexpr std::size_t kPruneFloor = std::size_t(1) << 17;

bool regular_file(std::uint32_t mode) { return mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE; }

// What the index depends on beyond blob contents: which paths are prototype files.
std::string fingerprint(const Agreement& a) {
  std::string s = a.case_sensitive ? "cs" : "ci";
  for (const Lane& l : a.lanes) {
    bool from = std::find(a.promotion.from_lanes.begin(), a.promotion.from_lanes.end(), l.key) !=
                a.promotion.from_lanes.end();
    s += "|" + l.key + (from ? "*" : "");
    for (const PathPattern& p : l.owns) s += "," + p.text();
  }
  return std::to_string(normalised_line_hash(s)) + ":" + std::to_string(std::hash<std::string>{}(s) & 0xffffffffu);
}

}  // namespace

PromotionScanner::PromotionScanner(const Repository& repo, const Agreement& agreement)
    : repo_(repo), agreement_(agreement), active_(agreement.promotion.enabled), paths_(agreement) {
  prune_floor_ = kPruneFloor;
  RootNames roots;
  const auto& from = agreement.promotion.from_lanes;
  for (const Lane& l : agreement.lanes) {
    if (std::find(from.begin(), from.end(), l.key) == from.end()) continue;
    for (const PathPattern& p : l.owns) {
      std::string_view name = p.root_component();
      if (name.empty()) return;  // a prototype file may be anywhere: every directory is opened
      roots.names.emplace_back(name);
    }
  }
  source_roots_ = std::move(roots);
}

bool PromotionScanner::is_source(const std::string& path) {
  Ownership own = paths_.owner_of(path);
  if (!own.lane) return false;
  const auto& from = agreement_.promotion.from_lanes;
  return std::find(from.begin(), from.end(), own.lane->key) != from.end();
}

bool PromotionScanner::is_destination(const std::string& path) {
  Ownership own = paths_.owner_of(path);
  if (!own.lane) return false;
  const auto& from = agreement_.promotion.from_lanes;
  return std::find(from.begin(), from.end(), own.lane->key) == from.end();
}

std::uint32_t PromotionScanner::blob_of(const git_oid& id) {
  auto [at, inserted] = blob_index_.insert(id, static_cast<std::uint32_t>(blobs_.size()), blob_id());
  if (inserted) {
    Blob b;
    b.id = id;
    blobs_.push_back(std::move(b));
  }
  return at;
}

void PromotionScanner::place(const std::string& path, const git_oid& id) {
  std::uint32_t b = blob_of(id);
  sources_[path] = b;
  blobs_[b].where.push_back(path);
  if (blobs_[b].file < 0) unread_.push_back(b);
}

void PromotionScanner::unplace(const std::string& path) {
  auto it = sources_.find(path);
  if (it == sources_.end()) return;
  auto& where = blobs_[it->second].where;
  where.erase(std::remove(where.begin(), where.end(), path), where.end());
  if (where.empty()) std::vector<std::string>().swap(where);  // most blobs, once replaced, for good
  sources_.erase(it);
}

void PromotionScanner::move_to(const std::optional<git_oid>& tree) {
  if (placed_ && at_.has_value() == tree.has_value() && (!tree || git_oid_equal(&*at_, &*tree))) return;
  std::vector<std::string> paths;
  std::vector<LeafEntry> entries;
  const git_oid* to = tree ? &*tree : nullptr;
  const RootNames* roots = source_roots_ ? &*source_roots_ : nullptr;
  diff_tree_paths(repo_.trees(), placed_ && at_ ? &*at_ : nullptr, to, paths, entries, nullptr, roots);
  ++stats_.trees_followed;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    if (!is_source(paths[i])) continue;
    unplace(paths[i]);
    if (regular_file(entries[i].mode)) place(paths[i], entries[i].id);
  }
  at_ = tree;
  placed_ = true;
}

bool PromotionScanner::step_back(const CommitFacts& commit, const std::optional<git_oid>& parent) {
  if (!placed_ || !at_ || commit.tree.size() != GIT_OID_HEXSZ) return false;
  git_oid tree;
  if (git_oid_fromstr(&tree, commit.tree.c_str()) < 0 || !git_oid_equal(&tree, &*at_)) return false;
  // A walk newest first: the last commit scanned was this one's child, so the sources describe
  // this commit's tree, and its own touched paths are all that differ from its parent's.
  for (std::size_t i = 0; i < commit.paths.size(); ++i) {
    const std::string& path = commit.paths[i];
    if (!is_source(path)) continue;
    unplace(path);
    if (parent) {
      LeafEntry e = entry_before(commit, parent, i);
      if (regular_file(e.mode)) place(path, e.id);
    }
  }
  at_ = parent;
  return true;
}

LeafEntry PromotionScanner::entry_before(const CommitFacts& commit, const std::optional<git_oid>& parent, std::size_t i) {
  if (commit.path_entries_before.size() == commit.paths.size()) {  // the reader's diff saw it
    const PathEntry& known = commit.path_entries_before[i];
    LeafEntry e;
    e.mode = known.mode;
    if (e.mode) git_oid_fromraw(&e.id, known.id.data());
    return e;
  }
  return entry_at(repo_.trees(), &*parent, commit.paths[i]);
}

std::string PromotionScanner::read_blob(const git_oid& id) {
  // The pack reader first (the tree differ's: no libgit2 object to allocate), libgit2 for loose
  // objects and whatever the pack reader cannot read.
  if (std::optional<RawObject> raw = repo_.trees().packs().read(id); raw && raw->type == GIT_OBJECT_BLOB && raw->data)
    return *raw->data;
  if (!odb_) {
    check(git_repository_odb(&odb_, repo_.get()), "opening the object database");
    odb_owner_.reset(odb_);
  }
  git_odb_object* raw = nullptr;
  check(git_odb_read(&raw, odb_, &id), "reading blob " + oid_hex(id));
  OdbObjectPtr obj(raw);
  return std::string(static_cast<const char*>(git_odb_object_data(raw)), git_odb_object_size(raw));
}

LineIndex::FileLines PromotionScanner::lines_of(std::uint32_t b) {
  if (blobs_[b].file < 0) {
    std::string content = read_blob(blobs_[b].id);
    ++stats_.source_blobs_read;
    TextLines lines = content.size() > kMaxBlobBytes ? TextLines{} : text_lines(content);
    if (blobs_[b].counted >= 0) {  // pruned, wanted again: its lines count once
      lines_.restore(static_cast<std::uint32_t>(blobs_[b].counted), std::move(lines));
      blobs_[b].file = blobs_[b].counted;
    } else {
      blobs_[b].file = static_cast<int>(lines_.add(std::move(lines)));
      file_blob_.push_back(b);
    }
  }
  return lines_.file(static_cast<std::uint32_t>(blobs_[b].file));
}

void PromotionScanner::prune() {
  if (lines_.places() < std::max(prune_floor_, 2 * places_after_prune_)) return;
  std::vector<std::uint32_t> files;
  for (Blob& b : blobs_) {
    if (!b.where.empty()) continue;
    if (b.file >= 0) {
      files.push_back(static_cast<std::uint32_t>(b.file));
      b.counted = b.file;
      b.file = -1;
    }
    std::vector<std::string>().swap(b.where);
  }
  lines_.drop(files);
  places_after_prune_ = lines_.places();
}

void PromotionScanner::scan(CommitFacts& commit) {
  if (!active_) return;
  prune();
  std::vector<LeafEntry> after(commit.paths.size());
  if (commit.path_entries.size() == commit.paths.size()) {
    for (std::size_t i = 0; i < after.size(); ++i) {
      after[i].mode = commit.path_entries[i].mode;
      std::memcpy(after[i].id.id, commit.path_entries[i].id.data(), GIT_OID_RAWSZ);
    }
  } else {
    git_oid tree;
    git_oid_fromstr(&tree, commit.tree.c_str());
    for (std::size_t i = 0; i < after.size(); ++i) after[i] = entry_at(repo_.trees(), &tree, commit.paths[i]);
  }
  std::optional<git_oid> parent;
  if (commit.parent_tree.size() == GIT_OID_HEXSZ) {
    git_oid t;
    if (git_oid_fromstr(&t, commit.parent_tree.c_str()) == 0) parent = t;
  }
  if (!parent && !commit.parents.empty()) {
    git_oid p;
    git_oid_fromstr(&p, commit.parents.front().c_str());
    parent = repo_.commit_graph().tree_of(p);
  }
  scan_at(commit, parent, after, step_back(commit, parent));
}

void PromotionScanner::scan(CommitFacts& commit, const std::optional<git_oid>& parent,
                            const std::vector<LeafEntry>& after) {
  scan_at(commit, parent, after, false);
}

void PromotionScanner::scan_at(CommitFacts& commit, const std::optional<git_oid>& parent,
                               const std::vector<LeafEntry>& after, bool stepped) {
  commit.copies.clear();
  if (!active_) return;
  // Destinations: the commit's own changes to files another lane owns.
  std::vector<std::size_t> dests;
  for (std::size_t i = 0; i < commit.paths.size(); ++i)
    if (regular_file(after[i].mode) && commit.is_own(commit.paths[i]) && is_destination(commit.paths[i]))
      dests.push_back(i);
  if (dests.empty()) return;
  if (!stepped) move_to(parent);
  // The commit's own prototype files are sources too, for this commit only.
  std::vector<std::pair<std::uint32_t, std::string>> added_sources;
  for (std::size_t i = 0; i < commit.paths.size(); ++i)
    if (regular_file(after[i].mode) && is_source(commit.paths[i])) {
      std::uint32_t b = blob_of(after[i].id);
      blobs_[b].where.push_back(commit.paths[i]);
      if (blobs_[b].file < 0) unread_.push_back(b);
      added_sources.emplace_back(b, commit.paths[i]);
    }
  // Nothing to copy from: no prototype file here (most repositories), no blob is read.
  if (!added_sources.empty() || !sources_.empty()) find_copies(commit, parent, dests, after);
  for (auto& [b, path] : added_sources) {
    auto& where = blobs_[b].where;
    auto it = std::find(where.rbegin(), where.rend(), path);
    if (it != where.rend()) where.erase(std::next(it).base());
  }
}

void PromotionScanner::find_copies(CommitFacts& commit, const std::optional<git_oid>& parent,
                                   const std::vector<std::size_t>& dests, const std::vector<LeafEntry>& after) {
  bool sources_read = false;
  auto live = [&](std::uint32_t file) { return !blobs_[file_blob_[file]].where.empty(); };
  auto source_name = [&](std::uint32_t blob) {
    const auto& where = blobs_[blob].where;
    return *std::min_element(where.begin(), where.end());
  };
  for (std::size_t i : dests) {
    const std::string& path = commit.paths[i];
    std::string content = read_blob(after[i].id);
    ++stats_.destination_blobs_read;
    if (content.size() > kMaxBlobBytes || looks_binary(content)) continue;
    TextLines now = text_lines(content);
    if (now.hashes.empty()) continue;
    if (!sources_read) {  // the prototype files not read yet (each blob once for the whole walk)
      for (std::uint32_t b : unread_)
        if (!blobs_[b].where.empty()) lines_of(b);
      unread_.erase(std::remove_if(unread_.begin(), unread_.end(),
                                   [&](std::uint32_t b) { return blobs_[b].file >= 0 || blobs_[b].where.empty(); }),
                    unread_.end());
      sources_read = true;
    }
    // Most changed files have no line of any prototype file: their old content is not read.
    bool exact = false;
    if (auto at = blob_index_.find(after[i].id, blob_id()); at && !blobs_[*at].where.empty()) exact = true;
    bool any = exact;
    for (std::size_t k = 0; k < now.hashes.size() && !any; ++k)
      lines_.each(now.hashes[k], [&](const LineIndex::Posting& at) { any = any || live(at.file); });
    if (!any) continue;
    // Added lines: those the old file does not have as many times (a line moved within the file
    // is not added).
    std::vector<bool> added(now.hashes.size(), true);
    if (parent) {
      LeafEntry before = entry_before(commit, parent, i);
      if (regular_file(before.mode)) {
        if (git_oid_equal(&before.id, &after[i].id)) continue;
        ++stats_.destination_blobs_read;
        TextLines old = text_lines(read_blob(before.id));
        std::unordered_map<std::uint64_t, int> have;
        for (std::uint64_t h : old.hashes) ++have[h];
        for (std::size_t k = 0; k < now.hashes.size(); ++k)
          if (auto it = have.find(now.hashes[k]); it != have.end() && it->second > 0) {
            --it->second;
            added[k] = false;
          }
      }
    }
    if (std::find(added.begin(), added.end(), true) == added.end()) continue;
    CopyEvidence ev;
    ev.path = path;
    // The lines compared: kept lines that are not the prototypes' boilerplate.
    std::vector<std::uint32_t> seq;
    for (std::uint32_t k = 0; k < now.hashes.size(); ++k)
      if (!lines_.common(now.hashes[k])) seq.push_back(k);
    if (seq.empty()) continue;
    if (auto at = blob_index_.find(after[i].id, blob_id()); at && !blobs_[*at].where.empty()) {
      const auto& where = blobs_[*at].where;
      ev.exact_source = *std::min_element(where.begin(), where.end());
      for (const std::string& w : where) {  // deleted by this very commit: a move
        auto at = std::lower_bound(commit.paths.begin(), commit.paths.end(), w);
        if (at != commit.paths.end() && *at == w && after[static_cast<std::size_t>(at - commit.paths.begin())].mode == 0) {
          ev.exact_source = w;
          ev.moved = true;
          break;
        }
      }
    }

    std::map<std::uint32_t, int> per_source;  // blob -> matched added lines
    struct Run {
      std::uint32_t file, pos;  // where the run is in the source now
      std::uint32_t src_first;
      std::uint32_t first;      // index into seq
      int length, added;
    };
    std::vector<CopiedRun> found;
    auto finish = [&](const Run& r, std::uint32_t end) {
      if (r.length < 2 || r.added == 0) return;
      LineIndex::FileLines src = lines_.file(r.file);
      CopiedRun c;
      c.source = source_name(file_blob_[r.file]);
      c.source_lines = {static_cast<int>(src.numbers[r.src_first]), static_cast<int>(src.numbers[r.pos])};
      c.lines = {static_cast<int>(now.numbers[seq[r.first]]), static_cast<int>(now.numbers[seq[end]])};
      c.length = r.length;
      c.added = r.added;
      found.push_back(std::move(c));
    };
    std::vector<Run> active, next;
    std::vector<std::uint32_t> holders;
    for (std::uint32_t s = 0; s < seq.size(); ++s) {
      std::uint64_t h = now.hashes[seq[s]];
      bool is_added = added[seq[s]];
      next.clear();
      for (Run r : active) {
        LineIndex::FileLines src = lines_.file(r.file);
        std::uint32_t p = r.pos + 1;
        while (p < src.hashes.size() && lines_.common(src.hashes[p])) ++p;
        if (p < src.hashes.size() && src.hashes[p] == h) {
          r.pos = p;
          ++r.length;
          r.added += is_added;
          next.push_back(r);
        } else {
          finish(r, s - 1);
        }
      }
      holders.clear();
      lines_.each(h, [&](const LineIndex::Posting& at) {
        if (!live(at.file)) return;
        holders.push_back(file_blob_[at.file]);
        bool continued = std::any_of(next.begin(), next.end(),
                                     [&](const Run& r) { return r.file == at.file && r.pos == at.line; });
        if (!continued && next.size() < kMaxActiveRuns) next.push_back({at.file, at.line, at.line, s, 1, is_added});
      });
      if (is_added) {
        ++ev.added;
        if (!holders.empty()) {
          ++ev.matched;
          std::sort(holders.begin(), holders.end());
          holders.erase(std::unique(holders.begin(), holders.end()), holders.end());
          for (std::uint32_t b : holders) ++per_source[b];
        }
      }
      std::swap(active, next);
    }
    for (const Run& r : active) finish(r, static_cast<std::uint32_t>(seq.size() - 1));
    if (ev.exact_source.empty() && found.empty() && ev.matched < 2) continue;

    // The longest runs, each part of the file named once.
    std::stable_sort(found.begin(), found.end(), [](const CopiedRun& a, const CopiedRun& b) { return a.length > b.length; });
    for (CopiedRun& r : found) {
      bool overlaps = std::any_of(ev.runs.begin(), ev.runs.end(), [&](const CopiedRun& k) {
        return r.lines.first <= k.lines.last && k.lines.first <= r.lines.last;
      });
      if (!overlaps) ev.runs.push_back(std::move(r));
      if (ev.runs.size() == kRunsKept) break;
    }
    std::vector<std::pair<std::string, int>> sources;
    for (auto& [b, n] : per_source) sources.emplace_back(source_name(b), n);
    std::stable_sort(sources.begin(), sources.end(), [](const auto& a, const auto& b) {
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    if (sources.size() > kSourcesKept) sources.resize(kSourcesKept);
    ev.sources = std::move(sources);
    commit.copies.push_back(std::move(ev));
  }
}

// Cache file: the magic line, the agreement fingerprint, the tree id, then per prototype path:
// "path\0" oid(20) n(u32) then n hashes (u64) and n line numbers (u32), or n = 0xffffffff for a
// blob not read yet.
void PromotionScanner::load(const std::string& file) {
  if (!active_ || placed_) return;
  std::ifstream in(file, std::ios::binary);
  if (!in) return;
  std::string magic, print, tree_hex;
  if (!std::getline(in, magic) || magic != kCacheMagic || !std::getline(in, print) || print != fingerprint(agreement_) ||
      !std::getline(in, tree_hex))
    return;
  git_oid tree;
  if (tree_hex.size() != GIT_OID_HEXSZ || git_oid_fromstr(&tree, tree_hex.c_str()) < 0) return;
  try {  // the tree must still be here (a cache never decides anything, nor fails a push)
    repo_.trees().tree(tree);
  } catch (const std::exception&) {
    return;
  }
  struct Entry {
    std::string path;
    git_oid id;
    bool read;
    TextLines lines;
  };
  std::vector<Entry> entries;
  for (;;) {
    Entry e;
    if (!std::getline(in, e.path, '\0')) break;
    std::uint32_t n = 0;
    if (!in.read(reinterpret_cast<char*>(e.id.id), GIT_OID_RAWSZ) || !in.read(reinterpret_cast<char*>(&n), sizeof n))
      return;  // truncated: ignore the whole file
    e.read = n != 0xffffffffu;
    if (e.read) {
      if (n > (64u << 20)) return;
      e.lines.hashes.resize(n);
      e.lines.numbers.resize(n);
      if (!in.read(reinterpret_cast<char*>(e.lines.hashes.data()), static_cast<std::streamsize>(n * 8)) ||
          !in.read(reinterpret_cast<char*>(e.lines.numbers.data()), static_cast<std::streamsize>(n * 4)))
        return;
    }
    entries.push_back(std::move(e));
  }
  for (Entry& e : entries) {
    std::uint32_t b = blob_of(e.id);
    if (e.read && blobs_[b].file < 0) {
      blobs_[b].file = static_cast<int>(lines_.add(std::move(e.lines)));
      file_blob_.push_back(b);
    }
    place(e.path, e.id);
  }
  at_ = tree;
  placed_ = true;
}

void PromotionScanner::save(const std::string& file, const git_oid& at) {
  if (!active_) return;
  move_to(at);
  std::string tmp = file + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return;  // a cache: failing to write it costs time, never a verdict
    out << kCacheMagic << "\n" << fingerprint(agreement_) << "\n" << oid_hex(at) << "\n";
    std::vector<const std::pair<const std::string, std::uint32_t>*> sorted;
    for (const auto& e : sources_) sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (auto* e : sorted) {
      const Blob& b = blobs_[e->second];
      out.write(e->first.data(), static_cast<std::streamsize>(e->first.size()));
      out.put('\0');
      out.write(reinterpret_cast<const char*>(b.id.id), GIT_OID_RAWSZ);
      if (b.file < 0) {
        std::uint32_t n = 0xffffffffu;
        out.write(reinterpret_cast<const char*>(&n), sizeof n);
        continue;
      }
      LineIndex::FileLines l = lines_.file(static_cast<std::uint32_t>(b.file));
      auto n = static_cast<std::uint32_t>(l.hashes.size());
      out.write(reinterpret_cast<const char*>(&n), sizeof n);
      out.write(reinterpret_cast<const char*>(l.hashes.data()), static_cast<std::streamsize>(n * 8));
      out.write(reinterpret_cast<const char*>(l.numbers.data()), static_cast<std::streamsize>(n * 4));
    }
    if (!out) {
      std::remove(tmp.c_str());
      return;
    }
  }
  if (std::rename(tmp.c_str(), file.c_str()) != 0) std::remove(tmp.c_str());
}

}  // namespace laneguard::git
