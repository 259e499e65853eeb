#include "git/ai_note_formats.h"

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "agreement/agreement.h"
#include "facts/ai_markers.h"
#include "util/text.h"

namespace laneguard::git {
namespace {

using nlohmann::json;

// Lines in "1-4,9-10,12" (1-indexed, inclusive); -1 when malformed.
long long count_lines(std::string_view ranges) {
  long long total = 0;
  while (!ranges.empty()) {
    std::size_t comma = ranges.find(',');
    std::string_view part = ranges.substr(0, comma);
    ranges.remove_prefix(comma == std::string_view::npos ? ranges.size() : comma + 1);
    std::size_t dash = part.find('-');
    auto number = [](std::string_view s) -> long long {
      if (s.empty() || s.size() > 9) return -1;
      long long n = 0;
      for (char c : s) {
        if (c < '0' || c > '9') return -1;
        n = n * 10 + (c - '0');
      }
      return n >= 1 ? n : -1;
    };
    long long from = number(part.substr(0, dash));
    long long to = dash == std::string_view::npos ? from : number(part.substr(dash + 1));
    if (from < 0 || to < from) return -1;
    total += to - from + 1;
  }
  return total;
}

std::string string_at(const json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// The tool as a label names it: "claude" -> "Claude", "claude-code" -> "Claude", "cursor" -> "Cursor";
// a tool the marker table does not know keeps its own name.
std::string label_tool(std::string tool, const AiSettings& settings) {
  std::string spaced = tool;
  for (char& c : spaced)
    if (c == '-' || c == '_') c = ' ';
  std::string known = named_ai_tool(spaced, settings);
  return known.empty() ? tool : known;
}

struct Agent {
  std::string tool, model;
  bool operator<(const Agent& o) const { return std::tie(tool, model) < std::tie(o.tool, o.model); }
};

// Lines per (file, agent), in file order, then made into evidence.
struct Tally {
  std::vector<std::string> files;
  std::map<std::string, std::map<Agent, long long>> lines;
  void add(const std::string& file, const Agent& agent, long long n) {
    if (!lines.count(file)) files.push_back(file);
    lines[file][agent] += n;
  }
  std::vector<AiEvidence> evidence(const std::string& format, const AiSettings& settings) const {
    std::vector<AiEvidence> out;
    for (const std::string& file : files)
      for (const auto& [agent, n] : lines.at(file)) {
        if (n <= 0) continue;
        AiEvidence e;
        e.source = format;
        std::string by = agent.tool.empty() ? "an AI agent" : agent.tool;
        if (!agent.model.empty()) by += " (" + agent.model + ")";
        e.text = format + ": " + std::to_string(n) + (n == 1 ? " line of " : " lines of ") + file + " by " + by;
        e.tool = agent.tool.empty() ? std::string() : label_tool(agent.tool, settings);
        e.model = agent.model;
        e.paths = {file};
        out.push_back(std::move(e));
      }
    return out;
  }
};

void add_human(const std::string& text, std::vector<Identity>& humans) {
  if (text.empty()) return;
  Identity who;
  if (auto parsed = parse_identity(text)) who = *parsed;
  else if (text.find('@') != std::string::npos) who.email = std::string(trim(text));
  else who.username = std::string(trim(text));
  for (const Identity& h : humans)
    if (iequals(h.email, who.email) && iequals(h.username, who.username)) return;
  humans.push_back(who);
}

// git-ai's authorship log (standard v3.0.0, schema "authorship/3.0.0").
bool read_git_ai(std::string_view text, const AiSettings& settings, AiNoteReading& out) {
  // The divider: a line that is exactly `---`.
  std::size_t at = std::string_view::npos;
  for (std::size_t pos = 0; pos <= text.size();) {
    std::size_t nl = text.find('\n', pos);
    std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (line == "---" || line == "---\r") {
      at = pos;
      break;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  if (at == std::string_view::npos) return false;
  std::string_view attestation = text.substr(0, at);
  std::size_t meta_start = text.find('\n', at);
  json meta = json::parse(meta_start == std::string_view::npos ? std::string_view() : text.substr(meta_start + 1),
                          nullptr, false);
  if (!meta.is_object() || string_at(meta, "schema_version").rfind("authorship/", 0) != 0) return false;
  auto agent_of = [&](const char* map, const std::string& key) {
    Agent a;
    auto m = meta.find(map);
    if (m == meta.end() || !m->is_object()) return a;
    auto r = m->find(key);
    if (r == m->end() || !r->is_object()) return a;
    auto id = r->find("agent_id");
    if (id != r->end()) {
      a.tool = string_at(*id, "tool");
      a.model = string_at(*id, "model");
    }
    return a;
  };
  for (const char* map : {"sessions", "prompts"})
    if (auto m = meta.find(map); m != meta.end() && m->is_object())
      for (const auto& [key, record] : m->items()) add_human(string_at(record, "human_author"), out.humans);

  Tally tally;
  std::string file;
  while (!attestation.empty()) {
    std::size_t nl = attestation.find('\n');
    std::string_view line = attestation.substr(0, nl);
    attestation.remove_prefix(nl == std::string_view::npos ? attestation.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    if (line.rfind("  ", 0) != 0) {  // a file path, quoted when it holds spaces
      file = std::string(line);
      if (file.size() >= 2 && file.front() == '"' && file.back() == '"') file = file.substr(1, file.size() - 2);
      continue;
    }
    std::string_view entry = line.substr(2);
    std::size_t space = entry.find(' ');
    if (space == std::string_view::npos || file.empty()) return false;
    std::string key(entry.substr(0, space));
    long long n = count_lines(entry.substr(space + 1));
    if (n < 0) return false;
    if (key.rfind("h_", 0) == 0) continue;  // a known human's lines
    Agent agent = key.rfind("s_", 0) == 0 ? agent_of("sessions", key.substr(0, key.find("::")))
                                          : agent_of("prompts", key);
    tally.add(file, agent, n);
  }
  out.format = "git-ai";
  out.evidence = tally.evidence("git-ai", settings);
  return true;
}

// Agent Trace v0.1.0: one trace record, a list of them, or one per line (JSON Lines).
bool read_agent_trace(std::string_view text, const AiSettings& settings, AiNoteReading& out) {
  std::vector<json> records;
  json whole = json::parse(text, nullptr, false);
  if (whole.is_object()) records.push_back(std::move(whole));
  else if (whole.is_array()) records = whole.get<std::vector<json>>();
  else {
    while (!text.empty()) {
      std::size_t nl = text.find('\n');
      std::string_view line = trim(text.substr(0, nl));
      text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
      if (line.empty()) continue;
      json record = json::parse(line, nullptr, false);
      if (!record.is_object()) return false;
      records.push_back(std::move(record));
    }
  }
  if (records.empty()) return false;
  Tally tally;
  for (const json& record : records) {
    auto files = record.is_object() ? record.find("files") : record.end();
    if (!record.is_object() || files == record.end() || !files->is_array() || string_at(record, "version").empty())
      return false;
    std::string tool;
    if (auto t = record.find("tool"); t != record.end()) tool = string_at(*t, "name");
    for (const json& f : *files) {
      std::string path = string_at(f, "path");
      auto conversations = f.is_object() ? f.find("conversations") : f.end();
      if (path.empty() || conversations == f.end() || !conversations->is_array()) return false;
      for (const json& conv : *conversations) {
        json contributor = conv.is_object() && conv.contains("contributor") ? conv["contributor"] : json();
        auto ranges = conv.is_object() ? conv.find("ranges") : conv.end();
        if (ranges == conv.end() || !ranges->is_array()) return false;
        for (const json& r : *ranges) {
          const json& who = r.is_object() && r.contains("contributor") ? r["contributor"] : contributor;
          std::string type = string_at(who, "type");
          if (type != "ai" && type != "mixed") continue;  // human, unknown: no AI evidence
          if (!r.is_object() || !r.contains("start_line") || !r.contains("end_line") ||
              !r["start_line"].is_number_integer() || !r["end_line"].is_number_integer())
            return false;
          long long from = r["start_line"].get<long long>(), to = r["end_line"].get<long long>();
          if (from < 1 || to < from) return false;
          std::string model = string_at(who, "model_id");
          if (auto slash = model.find('/'); slash != std::string::npos) model = model.substr(slash + 1);
          tally.add(path, Agent{tool, model}, to - from + 1);
        }
      }
    }
  }
  out.format = "agent-trace";
  out.evidence = tally.evidence("agent-trace", settings);
  return true;
}

}  // namespace

AiNoteReading read_ai_note(std::string_view text, const AiSettings& settings) {
  for (auto* reader : {read_git_ai, read_agent_trace}) {
    AiNoteReading out;
    if (reader(text, settings, out)) {
      out.readable = true;
      return out;
    }
  }
  return AiNoteReading{};
}

}  // namespace laneguard::git
