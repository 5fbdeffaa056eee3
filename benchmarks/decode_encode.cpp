// Decode and encode of ARI frames against nlohmann/json's own parse and dump of the same frames,
// per frame and in MB/s, with heap allocations per frame counted. benchmarks/run prints the
// ratios. The frame sets are in frames.hpp.
#include <atomic>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include <ari/ari.hpp>

#include "allocation_counter.hpp"
#include "frames.hpp"

namespace {

const std::vector<bench::frame_set>& corpora() {
  return bench::frame_sets();
}

template <class Body>
void run(benchmark::State& state, Body&& body) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  state.SetLabel(set.name);
  const std::size_t before = bench::allocations.load();
  std::size_t frames = 0;
  for (auto _ : state) {
    for (std::size_t i = 0; i < set.frames.size(); ++i)
      body(i);
    frames += set.frames.size();
  }
  const auto allocated = bench::allocations.load() - before;
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

void ari_encode_reuse(benchmark::State& state) {
  const auto& set = corpora()[static_cast<std::size_t>(state.range(0))];
  std::vector<ari::Event> events;
  for (const auto& frame : set.frames)
    events.push_back(ari::parse_event(frame));
  std::string out;
  run(state, [&](std::size_t i) {
    ari::to_frame(events[i], out);
    benchmark::DoNotOptimize(out.data());
  });
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
BENCHMARK(ari_encode_reuse)->Apply(corpus_arguments);

BENCHMARK_MAIN();
