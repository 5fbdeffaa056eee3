// The frame sets the benchmark programs measure: the complete catalogue frames (every event
// type, every member), the first 200 frames of the Asterisk 22 capture, the largest and
// smallest frame; and, for the comparison with other JSON libraries (peer_bench.cpp), the whole
// capture and the frames of the nine event types of the seed document.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

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

// The nine event types of the seed document the project started from.
inline bool seed_type(std::string_view type) {
  static constexpr std::array<std::string_view, 9> types{
      "ChannelDestroyed", "ChannelDialplan", "ChannelStateChange", "ChannelVarset", "Dial",
      "PlaybackFinished", "PlaybackStarted", "StasisEnd",          "StasisStart"};
  return std::find(types.begin(), types.end(), type) != types.end();
}

// The seed-types set: every frame of those types in the Asterisk 22 capture and in the recorded
// conversations (tests/data/conversations.jsonl, whose events hold their frame as text).
inline std::vector<std::string> seed_type_frames(const std::string& root) {
  std::vector<std::string> frames;
  for (auto& frame : read_lines(root + "/examples/asterisk-22-sample.jsonl", 100000)) {
    if (seed_type(nlohmann::json::parse(frame).at("type").get<std::string>()))
      frames.push_back(std::move(frame));
  }
  for (const auto& line : read_lines(root + "/tests/data/conversations.jsonl", 100000)) {
    const auto record = nlohmann::json::parse(line);
    if (record.at("kind") != "event") continue;
    auto frame = record.at("frame").get<std::string>();
    if (seed_type(nlohmann::json::parse(frame).at("type").get<std::string>()))
      frames.push_back(std::move(frame));
  }
  return frames;
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
    result.push_back({"sample", read_lines(root + "/examples/asterisk-22-sample.jsonl", 100000)});
    result.push_back({"seed-types", seed_type_frames(root)});
    for (auto& set : result) {
      for (const auto& frame : set.frames)
        set.bytes += frame.size();
    }
    return result;
  }();
  return sets;
}

}  // namespace bench
