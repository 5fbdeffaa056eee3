// Decode and encode of ARI frames against nlohmann/json's own parse and dump of the same frames,
// per frame and in MB/s, with heap allocations per frame counted. benchmarks/run prints the
// ratios. Frames: the complete catalogue frames (every event type, every member), plus the
// first 200 frames of the Asterisk 22 capture.
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <new>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <ari/ari.hpp>

// Counting allocator: every operator new of the process goes through here.
namespace {
std::atomic<std::size_t> allocations{0};
}  // namespace

void* operator new(std::size_t size) {
  allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept {
  std::free(p);
}
void operator delete(void* p, std::size_t) noexcept {
  std::free(p);
}

namespace {

std::vector<std::string> read_lines(const std::string& path, std::size_t limit) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; lines.size() < limit && std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  if (lines.empty()) throw std::runtime_error("no frames in " + path);
  return lines;
}

// Named sets of frames: one frame kind per benchmark argument.
struct corpus {
  std::string name;
  std::vector<std::string> frames;
  std::size_t bytes = 0;
};

const std::vector<corpus>& corpora() {
  static const std::vector<corpus> sets = [] {
    const std::string root = ARI_EVENTS_SOURCE_DIR;
    std::vector<corpus> result;
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

template <class Body>
void run(benchmark::State& state, Body&& body) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(set.name);
  const std::size_t before = allocations.load();
  std::size_t frames = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < set.frames.size(); ++i)
      body(i);
    frames += set.frames.size();
  }
  const auto allocated = allocations.load() - before;
  state.SetItemsProcessed(static_cast<int64_t>(frames));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * set.bytes));
  state.counters["allocs/frame"] =
      benchmark::Counter(frames == 0 ? 0.0 : double(allocated) / double(frames));
}

void nlohmann_parse(benchmark::State& state) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  run(state,
      [&](std::size_t i) { benchmark::DoNotOptimize(nlohmann::json::parse(set.frames[i])); });
}

void ari_decode(benchmark::State& state) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  run(state, [&](std::size_t i) { benchmark::DoNotOptimize(ari::parse_event(set.frames[i])); });
}

void ari_decode_from_dom(benchmark::State& state) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  std::vector<nlohmann::json> documents;
  for (const auto& frame : set.frames)
    documents.push_back(nlohmann::json::parse(frame));
  run(state, [&](std::size_t i) { benchmark::DoNotOptimize(ari::parse_event(documents[i])); });
}

void nlohmann_dump(benchmark::State& state) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  std::vector<nlohmann::json> documents;
  for (const auto& frame : set.frames)
    documents.push_back(nlohmann::json::parse(frame));
  run(state, [&](std::size_t i) { benchmark::DoNotOptimize(documents[i].dump()); });
}

void ari_encode(benchmark::State& state) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  std::vector<ari::Event> events;
  for (const auto& frame : set.frames)
    events.push_back(ari::parse_event(frame));
  run(state, [&](std::size_t i) { benchmark::DoNotOptimize(ari::to_frame(events[i])); });
}

void corpus_arguments(benchmark::internal::Benchmark* b) {
  for (std::size_t i = 0; i < 4; ++i)
    b->Arg(static_cast<int64_t>(i));
}

}  // namespace

BENCHMARK(nlohmann_parse)->Apply(corpus_arguments);
BENCHMARK(ari_decode)->Apply(corpus_arguments);
BENCHMARK(ari_decode_from_dom)->Apply(corpus_arguments);
BENCHMARK(nlohmann_dump)->Apply(corpus_arguments);
BENCHMARK(ari_encode)->Apply(corpus_arguments);

BENCHMARK_MAIN();
