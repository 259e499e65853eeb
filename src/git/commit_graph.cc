#include "git/commit_graph.h"

#include <algorithm>
#include <optional>
#include <queue>
#include <string_view>

#include "git/handle.h"
#include "git/pack_reader.h"

namespace laneguard::git {
namespace {


}  // namespace

std::uint32_t CommitGraph::node(const git_oid& id) {
  auto [at, added] = index_.insert(id, static_cast<std::uint32_t>(nodes_.size()),
                                   [this](std::uint32_t k) -> const git_oid& { return nodes_[k].id; });
  if (added) {
    Node n;
    n.id = id;
    nodes_.push_back(n);
  }
  return at;
}

bool CommitGraph::parse_raw(std::uint32_t n) {
  git_oid id = nodes_[n].id;
  std::optional<RawObject> raw = packs_->read(id);
  if (!raw || raw->type != GIT_OBJECT_COMMIT) return false;
  std::string_view text = *raw->data;
  auto line = [&text](std::string_view key) -> std::optional<std::string_view> {
    if (text.substr(0, key.size()) != key) return std::nullopt;
    std::size_t end = text.find('\n');
    if (end == std::string_view::npos) return std::nullopt;
    std::string_view value = text.substr(key.size(), end - key.size());
    text.remove_prefix(end + 1);
    return value;
  };
  auto hex_id = [](std::string_view hex, git_oid* out) {
    return hex.size() == GIT_OID_HEXSZ && git_oid_fromstrn(out, hex.data(), hex.size()) == 0;
  };
  git_oid tree, scratch;
  if (auto t = line("tree "); !t || !hex_id(*t, &tree)) return false;
  std::vector<git_oid> parents;
  while (auto parent = line("parent ")) {
    if (!hex_id(*parent, &scratch)) return false;
    parents.push_back(scratch);
  }
  if (!line("author ")) return false;
  auto committer = line("committer ");
  if (!committer) return false;
  // "NAME <EMAIL> SECONDS ZONE": the seconds follow the last '>' (libgit2 and git read it there).
  std::size_t gt = committer->rfind('>');
  if (gt == std::string_view::npos || gt + 2 >= committer->size() || (*committer)[gt + 1] != ' ') return false;
  std::string_view rest = committer->substr(gt + 2);
  std::size_t space = rest.find(' ');
  std::string_view seconds = rest.substr(0, space);
  if (seconds.empty() || seconds.size() > 18 ||
      seconds.find_first_not_of("0123456789") != std::string_view::npos)
    return false;
  std::int64_t time = 0;
  for (char c : seconds) time = time * 10 + (c - '0');
  std::vector<std::uint32_t> indices;
  for (const git_oid& p : parents) indices.push_back(node(p));  // may grow nodes_
  Node& node = nodes_[n];
  node.tree = tree;
  node.time = time;
  node.parents = static_cast<std::uint32_t>(parents_.size());
  node.parent_count = static_cast<std::uint32_t>(indices.size());
  node.parsed = true;
  parents_.insert(parents_.end(), indices.begin(), indices.end());
  return true;
}

void CommitGraph::parse(std::uint32_t n) {
  if (nodes_[n].parsed) return;
  if (packs_ && parse_raw(n)) return;
  git_commit* raw = nullptr;
  git_oid id = nodes_[n].id;
  check(git_commit_lookup(&raw, repo_, &id), "reading commit " + oid_hex(id));
  CommitPtr commit(raw);
  unsigned count = git_commit_parentcount(raw);
  std::vector<std::uint32_t> parents;
  for (unsigned i = 0; i < count; ++i) parents.push_back(node(*git_commit_parent_id(raw, i)));  // may grow nodes_
  Node& node = nodes_[n];
  node.tree = *git_commit_tree_id(raw);
  node.time = git_commit_time(raw);
  node.parents = static_cast<std::uint32_t>(parents_.size());
  node.parent_count = count;
  node.parsed = true;
  parents_.insert(parents_.end(), parents.begin(), parents.end());
}

void CommitGraph::mark(std::uint32_t n, std::uint8_t flags) {
  if (!nodes_[n].flags) marked_.push_back(n);
  nodes_[n].flags |= flags;
}

void CommitGraph::clear_flags() {
  for (std::uint32_t n : marked_) nodes_[n].flags = 0, nodes_[n].queued = 0;
  marked_.clear();
}

std::vector<std::uint32_t> CommitGraph::paint(std::uint32_t one, const std::vector<std::uint32_t>& twos) {
  // Newest first (git's order); the order decides how soon the walk ends, not its answer.
  auto older = [this](std::uint32_t a, std::uint32_t b) { return nodes_[a].time < nodes_[b].time; };
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, decltype(older)> queue(older);
  // git walks while some queued commit is not stale: count the queue's entries whose commit is not.
  std::size_t live = 0;
  auto push = [&](std::uint32_t n) {
    queue.push(n);
    ++nodes_[n].queued;
    if (!(nodes_[n].flags & kStale)) ++live;
  };
  auto add_flags = [&](std::uint32_t n, std::uint8_t flags) {
    bool was_stale = nodes_[n].flags & kStale;
    mark(n, flags);
    if (!was_stale && (flags & kStale)) live -= nodes_[n].queued;
  };

  std::vector<std::uint32_t> result;
  parse(one);
  add_flags(one, kParent1);
  push(one);
  for (std::uint32_t two : twos) {
    parse(two);
    add_flags(two, kParent2);
    push(two);
  }
  while (live > 0) {
    std::uint32_t n = queue.top();
    queue.pop();
    --nodes_[n].queued;
    if (!(nodes_[n].flags & kStale)) --live;
    std::uint8_t flags = nodes_[n].flags & (kParent1 | kParent2 | kStale);
    if (flags == (kParent1 | kParent2)) {
      if (!(nodes_[n].flags & kResult)) {
        mark(n, kResult);
        result.push_back(n);
      }
      flags |= kStale;  // what lies below a common ancestor is no better one
    }
    for (std::uint32_t k = 0; k < nodes_[n].parent_count; ++k) {
      std::uint32_t p = parents_[nodes_[n].parents + k];
      if ((nodes_[p].flags & flags) == flags) continue;
      parse(p);
      add_flags(p, flags);
      push(p);
    }
  }
  return result;
}

std::vector<git_oid> CommitGraph::merge_bases(const git_oid& a, const git_oid& b) {
  try {
    return find_merge_bases(a, b);
  } catch (...) {
    clear_flags();  // a commit that cannot be read: the next question starts clean
    throw;
  }
}

void CommitGraph::forget_if_full() {
  // About 80 bytes a commit: 1.3 MiB at the default however long the walk, and a walk newest
  // first rarely asks again about the commits it has passed.
  if (nodes_.size() <= max_commits_) return;
  nodes_.clear();
  parents_.clear();
  index_.clear();
  marked_.clear();
}

git_oid CommitGraph::tree_of(const git_oid& commit) {
  forget_if_full();
  std::uint32_t n = node(commit);
  parse(n);
  return nodes_[n].tree;
}

std::vector<git_oid> CommitGraph::parents_of(const git_oid& commit) {
  forget_if_full();
  std::uint32_t n = node(commit);
  parse(n);
  std::vector<git_oid> out;
  out.reserve(nodes_[n].parent_count);
  for (std::uint32_t k = 0; k < nodes_[n].parent_count; ++k) out.push_back(nodes_[parents_[nodes_[n].parents + k]].id);
  return out;
}

std::vector<git_oid> CommitGraph::find_merge_bases(const git_oid& a, const git_oid& b) {
  forget_if_full();
  std::uint32_t ia = node(a), ib = node(b);
  if (ia == ib) return {a};
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t n : paint(ia, {ib}))
    if (!(nodes_[n].flags & kStale)) candidates.push_back(n);
  clear_flags();
  if (candidates.size() > 1) {
    // A candidate that is an ancestor of another is not a best common ancestor: paint from each
    // candidate (parent 1) and the others (parent 2); who is reached by whom says it.
    std::vector<bool> redundant(candidates.size());
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      if (redundant[i]) continue;
      std::vector<std::uint32_t> others;
      std::vector<std::size_t> at;
      for (std::size_t j = 0; j < candidates.size(); ++j)
        if (j != i && !redundant[j]) {
          others.push_back(candidates[j]);
          at.push_back(j);
        }
      if (others.empty()) break;
      paint(candidates[i], others);
      if (nodes_[candidates[i]].flags & kParent2) redundant[i] = true;
      for (std::size_t k = 0; k < others.size(); ++k)
        if (nodes_[others[k]].flags & kParent1) redundant[at[k]] = true;
      clear_flags();
    }
    std::vector<std::uint32_t> kept;
    for (std::size_t i = 0; i < candidates.size(); ++i)
      if (!redundant[i]) kept.push_back(candidates[i]);
    candidates = std::move(kept);
  }
  std::stable_sort(candidates.begin(), candidates.end(),
                   [this](std::uint32_t x, std::uint32_t y) { return nodes_[x].time > nodes_[y].time; });
  std::vector<git_oid> out;
  for (std::uint32_t n : candidates) out.push_back(nodes_[n].id);
  return out;
}

}  // namespace laneguard::git
