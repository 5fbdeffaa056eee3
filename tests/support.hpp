// Shared helpers of the tests: the frames under tests/data and examples/, and error capture.
#pragma once

#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <ari/ari.hpp>

namespace test {

inline std::vector<std::string> lines_of(const std::string& relative_path) {
  std::ifstream in(std::string(ARI_EVENTS_SOURCE_DIR) + "/" + relative_path);
  if (!in) throw std::runtime_error("cannot open " + relative_path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

/// The seed document's example frame of the given type.
inline std::string seed_frame(std::string_view type) {
  for (const auto& line : lines_of("tests/data/seed-examples.jsonl")) {
    if (line.find("\"type\": \"" + std::string(type) + "\"") != std::string::npos) return line;
  }
  throw std::runtime_error("no seed frame of type " + std::string(type));
}

/// The frames recorded from Asterisk 22.10.1 that ship as the example capture.
inline const std::vector<std::string>& capture_frames() {
  static const auto frames = lines_of("examples/asterisk-22-sample.jsonl");
  return frames;
}

/// The error a frame produces; fails the test (by throwing) when it parses.
inline ari::parse_error error_of(std::string_view frame) {
  auto result = ari::try_parse_event(frame);
  if (result)
    throw std::runtime_error("frame parsed, an error was expected: " + std::string(frame));
  return result.error();
}

/// A JSON document edited by `edit`, as text.
template <class Edit>
std::string edited(const std::string& frame, Edit&& edit) {
  auto document = nlohmann::json::parse(frame);
  edit(document);
  return document.dump();
}

inline bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace test
