// The frame sets both benchmark programs measure: the complete catalogue frames (every event
// type, every member), the first 200 frames of the Asterisk 22 capture, and the largest and
// smallest frame.
#pragma once

#include <cstddef>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

struct frame_set {
  std::string name;
  std::vector<std::string> frames;
  std::size_t bytes = 0;
};

inline std::vector<std::string> read_lines(const std::string& path, std::size_t limit) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; lines.size() < limit && std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) throw std::runtime_error("no frames in " + path);
  return lines;
}

inline const std::vector<frame_set>& frame_sets() {
  static const std::vector<frame_set> sets = [] {
    const std::string root = ARI_EVENTS_SOURCE_DIR;
    std::vector<frame_set> result;
    result.push_back({"catalogue", read_lines(root + "/tests/data/catalogue-full.jsonl", 1000)});
    result.push_back({"capture", read_lines(root + "/examples/asterisk-22-sample.jsonl", 200)});
    // Small and large ends: ChannelVarset without a channel; BridgeAttendedTransfer with all.
    const auto& catalogue = result[0].frames;
    for (const auto& frame : catalogue) {
      if (frame.find("\"type\":\"BridgeAttendedTransfer\"") != std::string::npos) {
        result.push_back({"largest", {frame}});
      }
    }
    result.push_back(
        {"smallest",
         {R"({"variable":"QUEUE_WAIT","value":"12","type":"ChannelVarset","timestamp":"2026-11-26T14:41:00.000+0900","asterisk_id":"02:fc:00:00:00:01","application":"callcenter"})"}});
    for (auto& set : result) {
      for (const auto& frame : set.frames)
        set.bytes += frame.size();
    }
    return result;
  }();
  return sets;
}

}  // namespace bench
