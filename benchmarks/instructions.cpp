// One operation over one frame set, ROUNDS times, for counting instructions with callgrind:
// benchmarks/run --instructions runs it with two round counts and takes the difference, so
// that reading the frames and setting up are not counted. It prints the heap allocations per
// frame of the rounds after the first.
//
//   ari_events_instructions OPERATION SET ROUNDS
//     OPERATION  nlohmann_parse | ari_decode | nlohmann_dump | ari_encode | ari_encode_reuse
//     SET        catalogue | capture | largest | smallest
#include <cstddef>
#include <cstdlib>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include <ari/ari.hpp>

#include "allocation_counter.hpp"
#include "frames.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: ari_events_instructions OPERATION SET ROUNDS\n";
    return 2;
  }
  const std::string operation = argv[1];
  const bench::frame_set* set = nullptr;
  for (const auto& candidate : bench::frame_sets()) {
    if (candidate.name == argv[2]) set = &candidate;
  }
  const long rounds = std::atol(argv[3]);
  if (set == nullptr || rounds < 1) {
    std::cerr << "ari_events_instructions: unknown frame set or bad round count\n";
    return 2;
  }
  std::vector<nlohmann::json> documents;
  std::vector<ari::Event> events;
  for (const auto& frame : set->frames) {
    documents.push_back(nlohmann::json::parse(frame));
    events.push_back(ari::parse_event(frame));
  }
  std::string reused;
  std::size_t sink = 0;  // printed, so that no result can be optimised away
  // The operation on frame i, chosen before the measured loop.
  using operation_fn =
      void (*)(std::size_t, const bench::frame_set&, const std::vector<nlohmann::json>&,
               const std::vector<ari::Event>&, std::string&, std::size_t&);
  operation_fn run = nullptr;
  if (operation == "nlohmann_parse") {
    run = [](std::size_t i, const bench::frame_set& frames, const auto&, const auto&, auto&,
             std::size_t& total) { total += nlohmann::json::parse(frames.frames[i]).size(); };
  } else if (operation == "ari_decode") {
    run = [](std::size_t i, const bench::frame_set& frames, const auto&, const auto&, auto&,
             std::size_t& total) { total += ari::parse_event(frames.frames[i]).index(); };
  } else if (operation == "nlohmann_dump") {
    run = [](std::size_t i, const bench::frame_set&, const std::vector<nlohmann::json>& dom,
             const auto&, auto&, std::size_t& total) { total += dom[i].dump().size(); };
  } else if (operation == "ari_encode") {
    run = [](std::size_t i, const bench::frame_set&, const auto&,
             const std::vector<ari::Event>& parsed, auto&,
             std::size_t& total) { total += ari::to_frame(parsed[i]).size(); };
  } else if (operation == "ari_encode_reuse") {
    run = [](std::size_t i, const bench::frame_set&, const auto&,
             const std::vector<ari::Event>& parsed, std::string& out, std::size_t& total) {
      ari::to_frame(parsed[i], out);
      total += out.size();
    };
  } else {
    std::cerr << "ari_events_instructions: unknown operation " << operation << '\n';
    return 2;
  }
  // Allocations are counted after the first round, once a reused string has grown.
  std::size_t before = bench::allocations;
  for (long round = 0; round < rounds; ++round) {
    if (round == 1) before = bench::allocations;
    for (std::size_t i = 0; i < set->frames.size(); ++i)
      run(i, *set, documents, events, reused, sink);
  }
  const double frames =
      static_cast<double>(rounds > 1 ? rounds - 1 : 1) * static_cast<double>(set->frames.size());
  std::cout << "allocs/frame " << static_cast<double>(bench::allocations - before) / frames
            << " sink " << sink << '\n';
  return 0;
}
