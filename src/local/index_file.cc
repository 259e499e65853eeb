#include "local/index_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>

#include "util/error.h"

namespace laneguard::local {

CacheTreeNode::~CacheTreeNode() {
  // Take the children's children out before they go, level by level: no recursion.
  std::vector<std::vector<CacheTreeNode>> work;
  work.push_back(std::move(children));
  while (!work.empty()) {
    std::vector<CacheTreeNode> level = std::move(work.back());
    work.pop_back();
    for (CacheTreeNode& c : level)
      if (!c.children.empty()) work.push_back(std::move(c.children));
  }
}

const CacheTreeNode* CacheTreeNode::child(std::string_view component) const {
  for (const auto& c : children)
    if (c.name == component) return &c;
  return nullptr;
}

// The index file mapped into memory, as git reads it.
struct IndexFile::Mapping {
  void* base = MAP_FAILED;
  std::size_t size = 0;
  explicit Mapping(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw GitError("cannot read the index " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      int err = errno;
      ::close(fd);
      throw GitError("cannot read the index " + path + ": " + std::strerror(err));
    }
    size = static_cast<std::size_t>(st.st_size);
    if (size > 0) base = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    int err = errno;
    ::close(fd);
    if (size > 0 && base == MAP_FAILED) throw GitError("cannot read the index " + path + ": " + std::strerror(err));
  }
  ~Mapping() {
    if (base != MAP_FAILED) ::munmap(base, size);
  }
  Mapping(const Mapping&) = delete;
  Mapping& operator=(const Mapping&) = delete;
};

namespace {

std::uint32_t be32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}
std::uint16_t be16(const unsigned char* p) { return static_cast<std::uint16_t>((p[0] << 8) | p[1]); }

struct Corrupt : GitError {
  explicit Corrupt(const std::string& path) : GitError("the index " + path + " is corrupt") {}
};

// A decimal number ending in `stop` (git writes entry counts and subtree counts this way); false
// when it is malformed or does not fit in an int.
bool read_number(const unsigned char*& p, const unsigned char* end, char stop, long& out) {
  bool neg = false;
  if (p < end && *p == '-') {
    neg = true;
    ++p;
  }
  long v = 0;
  const unsigned char* start = p;
  while (p < end && *p >= '0' && *p <= '9') {
    v = v * 10 + (*p++ - '0');
    if (v > 0x7fffffff) return false;
  }
  if (p == start || p >= end || *p != stop) return false;
  ++p;
  out = neg ? -v : v;
  return true;
}

// One node of the TREE extension: "name\0<entry_count> <subtrees>\n", then 20 bytes of id when
// valid. Its children follow in pre-order; `children` is sized for them here.
bool parse_cache_tree_node(const unsigned char*& p, const unsigned char* end, CacheTreeNode& node) {
  const unsigned char* nul = static_cast<const unsigned char*>(std::memchr(p, 0, end - p));
  if (!nul) return false;
  node.name.assign(reinterpret_cast<const char*>(p), nul - p);
  p = nul + 1;
  long count = 0, subtrees = 0;
  if (!read_number(p, end, ' ', count) || !read_number(p, end, '\n', subtrees)) return false;
  node.entry_count = static_cast<int>(count);
  if (count >= 0) {
    if (end - p < GIT_OID_RAWSZ) return false;
    std::memcpy(node.id.id, p, GIT_OID_RAWSZ);
    p += GIT_OID_RAWSZ;
  }
  // Every child takes at least 5 bytes ("\0-1 0\n" less the name and sign): a count the rest of
  // the extension cannot hold is corrupt, not an allocation to attempt.
  if (subtrees < 0 || subtrees > (end - p) / 5) return false;
  node.children.resize(static_cast<std::size_t>(subtrees));
  return true;
}

// The whole TREE extension, with an explicit stack (a 200,000-level tree overflowed the call stack).
bool parse_cache_tree(const unsigned char*& p, const unsigned char* end, CacheTreeNode& root) {
  if (!parse_cache_tree_node(p, end, root)) return false;
  std::vector<std::pair<CacheTreeNode*, std::size_t>> stack{{&root, 0}};
  while (!stack.empty()) {
    CacheTreeNode* node = stack.back().first;
    std::size_t next = stack.back().second;
    if (next == node->children.size()) {
      stack.pop_back();
      continue;
    }
    ++stack.back().second;
    CacheTreeNode& child = node->children[next];
    if (!parse_cache_tree_node(p, end, child)) return false;
    stack.emplace_back(&child, 0);
  }
  return true;
}

}  // namespace

std::optional<IndexFile> IndexFile::read(const std::string& path) {
  IndexFile f;
  f.data_ = std::make_shared<Mapping>(path);
  const auto* base = static_cast<const unsigned char*>(f.data_->base);
  const std::size_t size = f.data_->size;
  constexpr std::size_t kHash = GIT_OID_RAWSZ;
  if (size < 12 + kHash || std::memcmp(base, "DIRC", 4) != 0) throw Corrupt(path);
  std::uint32_t version = be32(base + 4);
  if (version < 2 || version > 4) return std::nullopt;
  std::uint32_t count = be32(base + 8);
  const unsigned char* p = base + 12;
  const unsigned char* end = base + size - kHash;
  // An entry takes at least 62 bytes: a count the file cannot hold is corruption, not a reservation.
  if (static_cast<std::ptrdiff_t>(count) > (end - p) / 62) throw Corrupt(path);
  f.entries_.reserve(count);
  std::string previous;  // version 4: paths are prefix-compressed against the previous one
  for (std::uint32_t i = 0; i < count; ++i) {
    const unsigned char* entry = p;
    if (end - p < 62) throw Corrupt(path);
    IndexEntry e;
    e.mode = be32(p + 24);
    std::memcpy(e.id.id, p + 40, kHash);
    std::uint16_t flags = be16(p + 60);
    e.stage = (flags >> 12) & 3;
    p += 62;
    std::uint16_t extended = 0;
    if (flags & 0x4000) {
      if (version < 3 || end - p < 2) throw Corrupt(path);
      extended = be16(p);
      p += 2;
    }
    if (version == 4) {
      std::size_t strip = 0;  // git's offset varint
      unsigned char c = 0;
      if (p >= end) throw Corrupt(path);
      c = *p++;
      strip = c & 0x7f;
      for (int bytes = 1; c & 0x80; ++bytes) {
        if (p >= end || bytes > 8) throw Corrupt(path);
        c = *p++;
        strip = ((strip + 1) << 7) | (c & 0x7f);
      }
      const unsigned char* nul = static_cast<const unsigned char*>(std::memchr(p, 0, end - p));
      if (!nul || strip > previous.size()) throw Corrupt(path);
      previous.resize(previous.size() - strip);
      previous.append(reinterpret_cast<const char*>(p), nul - p);
      p = nul + 1;
      f.v4_paths_.push_back(std::make_unique<std::string>(previous));
      e.path = *f.v4_paths_.back();
    } else {
      const unsigned char* nul = static_cast<const unsigned char*>(std::memchr(p, 0, end - p));
      if (!nul) throw Corrupt(path);
      e.path = std::string_view(reinterpret_cast<const char*>(p), nul - p);
      std::size_t entry_len = static_cast<std::size_t>(nul - entry);  // without the NUL
      p = entry + ((entry_len + 8) & ~std::size_t{7});
      if (p > end) throw Corrupt(path);
    }
    if (extended & 0x2000) continue;  // intent-to-add: invisible to git diff --cached
    if ((e.mode & 0170000) == 0040000) return std::nullopt;  // sparse directory entry
    f.entries_.push_back(e);
  }
  while (end - p >= 8) {
    std::string_view sig(reinterpret_cast<const char*>(p), 4);
    std::uint32_t len = be32(p + 4);
    p += 8;
    if (static_cast<std::size_t>(end - p) < len) throw Corrupt(path);
    if (sig == "link" || sig == "sdir") return std::nullopt;
    if (sig == "TREE") {
      const unsigned char* q = p;
      auto root = std::make_unique<CacheTreeNode>();
      if (len > 0 && parse_cache_tree(q, p + len, *root)) f.cache_tree_ = std::move(root);
    }
    p += len;
  }
  return f;
}

}  // namespace laneguard::local
