// A hash table kept in one array (open addressing, linear probing, deletion by backward shift),
// for the pack reader's delta-base cache: a lookup reads one or two neighbouring slots instead of
// chasing a node per entry, and an insert allocates nothing until the table doubles. Keys need
// `==`; `Hash` must spread its bits (the slot is the hash's low bits). Not a general container:
// no iterators, and a pointer from find() lasts until the next insert or erase.
#pragma once
#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

namespace laneguard::git {

template <class Key, class Value, class Hash>
class FlatTable {
 public:
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }

  Value* find(const Key& key) {
    if (slots_.empty()) return nullptr;
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (!s.used) return nullptr;
      if (s.key == key) return &s.value;
    }
  }

  // Adds key -> value unless key is there already; says whether it added.
  bool insert(const Key& key, Value value) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    for (std::size_t i = slot_of(key);; i = (i + 1) & mask()) {
      Slot& s = slots_[i];
      if (!s.used) {
        s.used = true;
        s.key = key;
        s.value = std::move(value);
        ++size_;
        return true;
      }
      if (s.key == key) return false;
    }
  }

  // Removes key and hands back its value (nullopt: not there).
  std::optional<Value> take(const Key& key) {
    if (slots_.empty()) return std::nullopt;
    std::size_t i = slot_of(key);
    for (;; i = (i + 1) & mask()) {
      if (!slots_[i].used) return std::nullopt;
      if (slots_[i].key == key) break;
    }
    std::optional<Value> value(std::move(slots_[i].value));
    // Backward shift: move up each later entry of the run that may live at the hole, so every
    // entry stays reachable from its home slot without tombstones.
    for (std::size_t j = (i + 1) & mask(); slots_[j].used; j = (j + 1) & mask()) {
      std::size_t home = slot_of(slots_[j].key);
      bool stays = i <= j ? (home > i && home <= j) : (home > i || home <= j);
      if (stays) continue;
      slots_[i] = std::move(slots_[j]);
      i = j;
    }
    slots_[i] = Slot{};
    --size_;
    return value;
  }

  // Empties the table, keeping room for `expected` entries.
  void clear(std::size_t expected = 0) {
    std::size_t want = 16;
    while (want < expected * 2) want *= 2;
    slots_.clear();
    slots_.resize(want);
    size_ = 0;
  }

 private:
  struct Slot {
    bool used = false;
    Key key{};
    Value value{};
  };
  std::vector<Slot> slots_;
  std::size_t size_ = 0;

  std::size_t mask() const { return slots_.size() - 1; }
  std::size_t slot_of(const Key& key) const { return Hash{}(key) & mask(); }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    slots_.clear();
    slots_.resize(old.empty() ? 16 : old.size() * 2);
    size_ = 0;
    for (Slot& s : old)
      if (s.used) insert(s.key, std::move(s.value));
  }
};

}  // namespace laneguard::git
