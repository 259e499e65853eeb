#include "git/pack_reader.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <git2/sys/odb_backend.h>
#include <libdeflate.h>
#include <zlib.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>

namespace laneguard::git {
namespace {

// The kernel maps a file's pages in blocks around the one touched (fault-around, 64 KiB): what a
// mapping adds to this process's memory is counted in such blocks.
constexpr size_t kBlockShift = 16;
constexpr int kMaxChain = 10000;
// Entries up to this size are inflated in one call into a buffer of their declared size; larger
// ones stream through zlib, the buffer growing with what really inflates (a corrupt size claim
// costs no more memory than this).
constexpr uint64_t kWholeInflate = uint64_t(1) << 20;

uint32_t be32(const unsigned char* p) { return (uint32_t(p[0]) << 24) | (uint32_t(p[1]) << 16) | (uint32_t(p[2]) << 8) | p[3]; }
uint64_t be64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return __builtin_bswap64(v);  // the ids are bytes: big-endian order is their order
}

// The memory map of a whole file, read-only: unmapped when the last reader sharing it is gone.
struct Region {
  const unsigned char* data = nullptr;
  size_t size = 0;
  Region() = default;
  Region(const Region&) = delete;
  Region& operator=(const Region&) = delete;
  ~Region() {
    if (data) ::munmap(const_cast<unsigned char*>(data), size);
  }
};

// A file's mapping as one reader uses it: the region (shared by the readers of one process, so a
// page is in its memory once however many read it) and the blocks this reader touched.
struct Mapping {
  std::shared_ptr<const Region> region;
  const unsigned char* data = nullptr;
  size_t size = 0;
  bool open(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return false;
    struct stat st;
    bool ok = ::fstat(fd, &st) == 0 && st.st_size > 0;
    if (ok) {
      void* p = ::mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      ok = p != MAP_FAILED;
      if (ok) {
        auto r = std::make_shared<Region>();
        r->data = static_cast<const unsigned char*>(p);
        r->size = static_cast<size_t>(st.st_size);
        region = r;
        data = r->data;
        size = r->size;
      }
    }
    ::close(fd);
    return ok;
  }
  void share(const Mapping& other) {
    region = other.region;
    data = other.data;
    size = other.size;
  }
  // Hands the resident pages back: they stop counting as this process's memory and come back from
  // the page cache when touched again (the mapping is read-only, so nothing is lost; a reader on
  // another thread sharing the region reads on, its next touch of a page faulting it back in).
  void drop_pages() {
    if (data) ::madvise(const_cast<unsigned char*>(data), size, MADV_DONTNEED);
    std::fill(touched.begin(), touched.end(), 0);
  }
  // Records that [p, p + len) is read; returns how many blocks were not touched before.
  size_t touch(const unsigned char* p, size_t len) {
    if (!data || p < data || len == 0) return 0;
    size_t first = size_t(p - data) >> kBlockShift, last = (size_t(p - data) + len - 1) >> kBlockShift;
    if (touched.empty()) touched.assign(((size >> kBlockShift) >> 6) + 1, 0);
    size_t fresh = 0;
    for (size_t b = first; b <= last && (b >> 6) < touched.size(); ++b) {
      uint64_t bit = uint64_t(1) << (b & 63);
      if (!(touched[b >> 6] & bit)) {
        touched[b >> 6] |= bit;
        ++fresh;
      }
    }
    return fresh;
  }
  std::vector<uint64_t> touched;  // one bit a block since the last drop_pages()
};

// objects/info/alternates: one directory per line, relative ones against the objects directory.
void collect_dirs(const std::string& dir, std::vector<std::string>& out, std::set<std::string>& seen, int depth) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(dir, ec).string();
  if (ec || depth > 5 || !seen.insert(canonical).second) return;
  out.push_back(dir);
  std::ifstream alternates(dir + "/info/alternates");
  for (std::string line; std::getline(alternates, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::string path = line[0] == '/' ? line : dir + "/" + line;
    collect_dirs(path, out, seen, depth + 1);
  }
}

}  // namespace

struct PackReader::Pack {
  Mapping idx, pack;
  uint32_t count = 0;
  const unsigned char* fanout = nullptr;
  const unsigned char* ids = nullptr;
  const unsigned char* offsets = nullptr;
  const unsigned char* large = nullptr;
  size_t large_count = 0;

  bool open(const std::string& idx_path, const std::string& pack_path) {
    return idx.open(idx_path) && pack.open(pack_path) && lay_out();
  }

  // The same files as `other`, their mappings shared; nothing touched yet.
  bool share(const Pack& other) {
    idx.share(other.idx);
    pack.share(other.pack);
    return lay_out();
  }

  // Checks the mapped files' headers and finds the index's tables in them.
  bool lay_out() {
    if (idx.size < 8 + 1024 + 40 || std::memcmp(idx.data, "\377tOc", 4) != 0 || be32(idx.data + 4) != 2) return false;
    if (pack.size < 12 + 20 || std::memcmp(pack.data, "PACK", 4) != 0) return false;
    fanout = idx.data + 8;
    count = be32(fanout + 255 * 4);
    size_t need = 8 + 1024 + size_t(count) * (20 + 4 + 4) + 40;
    if (idx.size < need) return false;
    // The fanout table must never decrease (git: "non-monotonic index"): a corrupt one would send
    // lookups past the object table. Leave such a pack to libgit2.
    for (int i = 1; i < 256; ++i)
      if (be32(fanout + i * 4) < be32(fanout + (i - 1) * 4)) return false;
    ids = fanout + 1024;
    offsets = ids + size_t(count) * 24;  // after the ids and the CRCs
    large = offsets + size_t(count) * 4;
    large_count = (idx.size - need) / 8;
    return true;
  }

  size_t fresh_blocks = 0;  // blocks of either file touched for the first time since the last drop

  std::optional<uint64_t> find(const unsigned char* oid) {
    fresh_blocks += idx.touch(fanout + (oid[0] ? oid[0] - 1 : 0) * 4, 8);
    uint32_t lo = oid[0] ? be32(fanout + (oid[0] - 1) * 4) : 0;
    uint32_t hi = be32(fanout + oid[0] * 4);
    // Ids compare as their first 8 bytes read big-endian, and only on a tie by the other 12.
    const uint64_t want = be64(oid);
    // Ids are uniformly distributed: the first probes interpolate between the keys known to bound
    // the range (at first those of the fanout bucket), so a lookup in a pack of a million objects
    // reads two or three ids rather than twelve (as git's own index lookup does); then halving, so a
    // corrupt index with unsorted ids costs no more than a binary search. Every probe stays inside
    // [lo, hi), which shrinks each step.
    uint64_t lo_key = uint64_t(oid[0]) << 56, hi_key = lo_key | ((uint64_t(1) << 56) - 1);
    for (int step = 0; lo < hi; ++step) {
      uint32_t mid = lo + (hi - lo) / 2;
      if (step < 4 && hi_key > lo_key && want >= lo_key && want <= hi_key) {
        auto span = static_cast<unsigned __int128>(hi - lo);
        auto at = static_cast<uint32_t>(static_cast<unsigned __int128>(want - lo_key) * span /
                                        (static_cast<unsigned __int128>(hi_key - lo_key) + 1));
        mid = lo + std::min(at, hi - lo - 1);
      }
      const unsigned char* at = ids + size_t(mid) * 20;
      fresh_blocks += idx.touch(at, 20);
      const uint64_t have = be64(at);
      int c = have < want ? -1 : have > want ? 1 : std::memcmp(at + 8, oid + 8, 12);
      if (c == 0) return offset_of(mid);
      if (c < 0) {
        lo = mid + 1;
        lo_key = have;
      } else {
        hi = mid;
        hi_key = have;
      }
    }
    return std::nullopt;
  }

  std::optional<uint64_t> offset_of(uint32_t index) {
    fresh_blocks += idx.touch(offsets + size_t(index) * 4, 4);
    uint32_t off = be32(offsets + size_t(index) * 4);
    if (!(off & 0x80000000u)) return off;
    size_t i = off & 0x7fffffffu;
    if (i >= large_count) return std::nullopt;
    const unsigned char* p = large + i * 8;
    fresh_blocks += idx.touch(p, 8);
    return (uint64_t(be32(p)) << 32) | be32(p + 4);
  }
};

struct PackReader::Inflater {
  z_stream z{};
  bool ready = false;
  libdeflate_decompressor* whole = nullptr;  // for entries inflated in one call (kWholeInflate)
  ~Inflater() {
    if (ready) inflateEnd(&z);
    if (whole) libdeflate_free_decompressor(whole);
  }
};

PackReader::PackReader(PackReaderLimits limits) : limits_(limits), inflater_(std::make_unique<Inflater>()) {
  if (limits_.checkpoint == 0) limits_.checkpoint = 1;
}

PackReader::PackReader(const std::vector<std::string>& object_dirs, PackReaderLimits limits) : PackReader(limits) {
  std::vector<std::string> dirs;
  std::set<std::string> seen;
  for (const auto& d : object_dirs) collect_dirs(d, dirs, seen, 0);
  for (const auto& dir : dirs) {
    std::error_code ec;
    std::vector<std::string> idx_files;
    for (const auto& entry : std::filesystem::directory_iterator(dir + "/pack", ec)) {
      std::string name = entry.path().string();
      if (name.size() > 4 && name.compare(name.size() - 4, 4, ".idx") == 0) idx_files.push_back(name);
    }
    std::sort(idx_files.begin(), idx_files.end());
    for (const auto& idx : idx_files) {
      auto pack = std::make_unique<Pack>();
      if (pack->open(idx, idx.substr(0, idx.size() - 4) + ".pack")) packs_.push_back(std::move(pack));
    }
  }
}

PackReader::PackReader(const PackReader& files_of, PackReaderLimits limits) : PackReader(limits) {
  for (const auto& p : files_of.packs_) {
    auto pack = std::make_unique<Pack>();
    if (pack->share(*p)) packs_.push_back(std::move(pack));
  }
}

PackReader::~PackReader() = default;

std::optional<PackReader::Located> PackReader::find(const git_oid& id) {
  for (auto& p : packs_) {
    auto off = p->find(id.id);
    account(*p);
    if (off) return Located{p.get(), *off};
  }
  return std::nullopt;
}

void PackReader::account(Pack& pack) {
  touched_ += pack.fresh_blocks << kBlockShift;
  pack.fresh_blocks = 0;
  if (touched_ < limits_.mapped_bytes) return;
  drop_pages();
  ++drops_;
}

void PackReader::drop_pages() {
  for (auto& p : packs_) {
    p->idx.drop_pages();
    p->pack.drop_pages();
  }
  touched_ = 0;
}

void PackReader::release() {
  bases_ = BaseMap();
  older_bases_ = BaseMap();
  bases_bytes_ = older_bytes_ = 0;
  std::fill(maybe_.begin(), maybe_.end(), 0);
  std::fill(older_maybe_.begin(), older_maybe_.end(), 0);
  drop_pages();
}

std::optional<RawObject> PackReader::read(const git_oid& id) {
  auto where = find(id);
  if (!where) return std::nullopt;
  return read_at(*where->pack, where->offset);
}

bool PackReader::inflate_into(const unsigned char* in, size_t in_len, uint64_t expected, std::string& out, size_t& consumed) {
  if (expected <= kWholeInflate) {
    if (!inflater_->whole && !(inflater_->whole = libdeflate_alloc_decompressor())) return false;
    out.resize(static_cast<size_t>(expected));
    size_t in_used = 0, out_used = 0;
    libdeflate_result rc = libdeflate_zlib_decompress_ex(inflater_->whole, in, in_len, out.data(), out.size(), &in_used, &out_used);
    consumed = in_used;
    return rc == LIBDEFLATE_SUCCESS && out_used == expected;
  }
  z_stream& z = inflater_->z;
  if (!inflater_->ready) {
    if (inflateInit(&z) != Z_OK) return false;
    inflater_->ready = true;
  } else if (inflateReset(&z) != Z_OK) {
    return false;
  }
  // The declared size is a claim (2^40 and 2^62 seen in corrupt packs): the buffer grows with
  // what really inflates, never beyond the claim, and the stream must end exactly there.
  if (expected > out.max_size()) return false;
  out.clear();
  out.resize(static_cast<size_t>(std::min<uint64_t>(expected, 1u << 16)));
  z.next_in = const_cast<unsigned char*>(in);
  z.avail_in = static_cast<uInt>(std::min<size_t>(in_len, UINT32_MAX));
  struct Count {
    z_stream& z;
    size_t& consumed;
    ~Count() { consumed = z.total_in; }
  } count{z, consumed};
  size_t done = 0;
  for (;;) {
    z.next_out = reinterpret_cast<unsigned char*>(out.data()) + done;
    z.avail_out = static_cast<uInt>(std::min<size_t>(out.size() - done, UINT32_MAX));
    size_t before = z.avail_out;
    int rc = inflate(&z, Z_NO_FLUSH);
    done += before - z.avail_out;
    if (rc == Z_STREAM_END) return done == expected && z.avail_out == 0;
    if (rc != Z_OK && rc != Z_BUF_ERROR) return false;
    if (z.avail_out != 0) return false;  // no progress with room left: truncated input
    if (done >= expected) {
      // Full as claimed: the stream must end now (inflate reports it on the next call).
      unsigned char extra;
      z.next_out = &extra;
      z.avail_out = 1;
      rc = inflate(&z, Z_NO_FLUSH);
      return rc == Z_STREAM_END && z.avail_out == 1;
    }
    out.resize(static_cast<size_t>(std::min<uint64_t>(expected, uint64_t(out.size()) * 2)));
  }
}

const PackReader::Cached* PackReader::cached_base(const BaseKey& key) {
  if (!maybe_cached(key)) return nullptr;
  if (const Cached* hit = bases_.find(key)) return hit;
  if (older_bases_.empty()) return nullptr;
  if (std::optional<Cached> c = older_bases_.take(key)) {
    older_bytes_ -= c->object.data->size() + 64;
    remember_base(key, c->object, c->depth);
    return bases_.find(key);
  }
  return nullptr;
}

void PackReader::remember_base(const BaseKey& key, const RawObject& obj, uint32_t depth) {
  if (bases_bytes_ > limits_.cache_bytes / 2) {
    older_bases_ = std::move(bases_);
    older_bytes_ = bases_bytes_;
    bases_ = BaseMap();
    bases_.clear(older_bases_.size());
    bases_bytes_ = 0;
    std::swap(older_maybe_, maybe_);
    std::fill(maybe_.begin(), maybe_.end(), 0);
  }
  if (bases_.insert(key, Cached{obj, depth})) {
    bases_bytes_ += obj.data->size() + 64;
    size_t slot = maybe_slot(key);
    maybe_[slot / 64] |= uint64_t(1) << (slot % 64);
  }
}

// Which results of a rebuilt chain are kept. A walk reads the versions of a tree one after another,
// each once as a commit's tree and once as its child's parent tree, newest first. In a pack written
// by `git repack` the newest version is whole and each older one a delta on the next newer: the
// result just read is the next read's base, so keeping the result serves the walk. In a pack written
// by `git fast-import` (or pushed thin and completed) each version is a delta on the previous one,
// 50 deep: reading the newest rebuilds the whole chain, and the walk then wants the versions below
// it, one after another, over many commits. Keeping every one of them is what git does, and costs
// the chain's depth times the tree's size for every directory: hundreds of MiB on a large tree.
// Kept instead: the result, its base (the same tree one version older, the next one read), and one
// version in every `checkpoint` of depth; a later read rebuilds from the checkpoint below it, at
// most `checkpoint` deltas.
std::optional<RawObject> PackReader::read_at(Pack& pack, uint64_t offset) {
  struct Step {
    uint64_t offset;
    const unsigned char* data;  // compressed delta
    uint64_t size;              // inflated delta size (as declared)
  };
  std::vector<Step> chain;
  RawObject base;
  uint32_t depth = 0;  // deltas applied since a whole object, for `base`
  const unsigned char* end = pack.pack.data + pack.pack.size - 20;
  size_t consumed = 0;
  // Walk down the chain to a cached base or a whole object.
  for (int steps = 0;; ++steps) {
    if (steps > kMaxChain || offset < 12 || pack.pack.data + offset >= end) return std::nullopt;
    if (const Cached* cached = cached_base({&pack, offset})) {
      base = cached->object;
      depth = cached->depth;
      break;
    }
    const unsigned char* p = pack.pack.data + offset;
    pack.fresh_blocks += pack.pack.touch(p, 32);
    unsigned c = *p++;
    int type = (c >> 4) & 7;
    uint64_t size = c & 15;
    for (int shift = 4; c & 0x80; shift += 7) {
      if (p >= end || shift > 60) return std::nullopt;
      c = *p++;
      size |= uint64_t(c & 0x7f) << shift;
    }
    if (type == GIT_OBJECT_OFS_DELTA) {
      if (p >= end) return std::nullopt;
      c = *p++;
      uint64_t back = c & 127;
      while (c & 128) {
        if (p >= end || back > (UINT64_MAX >> 8)) return std::nullopt;
        c = *p++;
        back = ((back + 1) << 7) | (c & 127);
      }
      if (back == 0 || back > offset) return std::nullopt;
      chain.push_back({offset, p, size});
      offset -= back;
      continue;
    }
    if (type == GIT_OBJECT_REF_DELTA) {
      if (p + 20 >= end) return std::nullopt;
      auto base_offset = pack.find(p);
      if (!base_offset) return std::nullopt;  // a thin pack's base elsewhere: leave it to libgit2
      chain.push_back({offset, p + 20, size});
      offset = *base_offset;
      continue;
    }
    if (type < GIT_OBJECT_COMMIT || type > GIT_OBJECT_TAG) return std::nullopt;
    auto data = std::make_shared<std::string>();
    bool ok = inflate_into(p, size_t(end - p), size, *data, consumed);
    pack.fresh_blocks += pack.pack.touch(p, consumed);
    account(pack);
    if (!ok) return std::nullopt;
    base = {static_cast<git_object_t>(type), std::move(data)};
    depth = 0;
    remember_base({&pack, offset}, base, depth);
    break;
  }
  // Apply the deltas from the base up, keeping the results named above.
  std::string delta;
  for (size_t i = chain.size(); i-- > 0;) {
    const Step& step = chain[i];
    bool ok = inflate_into(step.data, size_t(end - step.data), step.size, delta, consumed);
    pack.fresh_blocks += pack.pack.touch(step.data, consumed);
    account(pack);
    if (!ok) return std::nullopt;
    auto result = apply_delta(*base.data, reinterpret_cast<const unsigned char*>(delta.data()), delta.size());
    if (!result) return std::nullopt;
    base = {base.type, std::make_shared<std::string>(std::move(*result))};
    ++depth;
    if (i <= 1 || depth % limits_.checkpoint == 0) remember_base({&pack, step.offset}, base, depth);
  }
  return base;
}

namespace {

struct ReaderBackend {
  git_odb_backend parent;  // first: libgit2 hands back a pointer to it
  std::shared_ptr<PackReader> reader;
};

PackReader& reader_of(git_odb_backend* backend) { return *reinterpret_cast<ReaderBackend*>(backend)->reader; }

int backend_read(void** data, size_t* len, git_object_t* type, git_odb_backend* backend, const git_oid* id) {
  std::optional<RawObject> obj;
  try {
    obj = reader_of(backend).read(*id);
  } catch (const std::bad_alloc&) {
    return GIT_ENOTFOUND;  // libgit2's own backend tries with its own limits
  }
  if (!obj) return GIT_ENOTFOUND;
  void* buf = git_odb_backend_data_alloc(backend, obj->data->size());
  if (!buf && !obj->data->empty()) return GIT_ENOTFOUND;
  if (!obj->data->empty()) std::memcpy(buf, obj->data->data(), obj->data->size());
  *data = buf;
  *len = obj->data->size();
  *type = obj->type;
  return 0;
}

int backend_read_header(size_t* len, git_object_t* type, git_odb_backend* backend, const git_oid* id) {
  std::optional<RawObject> obj;
  try {
    obj = reader_of(backend).read(*id);
  } catch (const std::bad_alloc&) {
    return GIT_ENOTFOUND;
  }
  if (!obj) return GIT_ENOTFOUND;
  *len = obj->data->size();
  *type = obj->type;
  return 0;
}

int backend_exists(git_odb_backend* backend, const git_oid* id) { return reader_of(backend).has(*id) ? 1 : 0; }

void backend_free(git_odb_backend* backend) { delete reinterpret_cast<ReaderBackend*>(backend); }

}  // namespace

void add_pack_reader_backend(git_odb* odb, std::shared_ptr<PackReader> reader) {
  auto* b = new ReaderBackend{};
  if (git_odb_init_backend(&b->parent, GIT_ODB_BACKEND_VERSION) < 0) {
    delete b;
    return;  // libgit2 reads alone, as before
  }
  b->reader = std::move(reader);
  b->parent.read = backend_read;
  b->parent.read_header = backend_read_header;
  b->parent.exists = backend_exists;
  b->parent.free = backend_free;
  // libgit2's loose backend has priority 1 and its pack backend 2; higher goes first.
  if (git_odb_add_backend(odb, &b->parent, 10) < 0) {
    git_error_clear();
    delete b;
  }
}

std::optional<std::string> apply_delta(const std::string& base, const unsigned char* d, size_t len) {
  const unsigned char* end = d + len;
  auto varint = [&](uint64_t& out) {
    out = 0;
    for (int shift = 0; d < end && shift < 64; shift += 7) {
      unsigned c = *d++;
      out |= uint64_t(c & 0x7f) << shift;
      if (!(c & 0x80)) return true;
    }
    return false;
  };
  uint64_t src_size, dst_size;
  if (!varint(src_size) || !varint(dst_size) || src_size != base.size()) return std::nullopt;
  // dst_size is a claim too: reserve what is plausible, grow as the delta really writes.
  std::string out;
  out.reserve(static_cast<size_t>(std::min<uint64_t>(dst_size, base.size() + len * 128)));
  uint64_t pos = 0;
  while (d < end) {
    unsigned cmd = *d++;
    if (cmd & 0x80) {
      uint64_t off = 0, size = 0;
      for (int i = 0; i < 4; ++i)
        if (cmd & (1u << i)) {
          if (d >= end) return std::nullopt;
          off |= uint64_t(*d++) << (8 * i);
        }
      for (int i = 0; i < 3; ++i)
        if (cmd & (0x10u << i)) {
          if (d >= end) return std::nullopt;
          size |= uint64_t(*d++) << (8 * i);
        }
      if (size == 0) size = 0x10000;
      if (off + size > base.size() || pos + size > dst_size) return std::nullopt;
      out.append(base, static_cast<size_t>(off), static_cast<size_t>(size));
      pos += size;
    } else if (cmd) {
      if (d + cmd > end || pos + cmd > dst_size) return std::nullopt;
      out.append(reinterpret_cast<const char*>(d), cmd);
      d += cmd;
      pos += cmd;
    } else {
      return std::nullopt;
    }
  }
  if (pos != dst_size) return std::nullopt;
  return out;
}

}  // namespace laneguard::git
