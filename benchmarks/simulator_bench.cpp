// simulator_bench: how ari::testing::simulator scales (benchmarks/README.md, "Simulator"). Its
// own timing and heap readings; asserts nothing.
//
//   simulator_bench [--calls N] [--channels N...]
//
// calls: N concurrent calls of examples/hello_app (answer, play a 1 s prompt, hang up), the
// application's real code on an ari::client over simulated_transport: every call enters at once,
// then the clock moves 1 s and every prompt finishes. Events, requests, wall time, and the heap
// per call while all N are up.
// channels: N channels enter an application's Stasis at once (a WebSocket connection, no
// client), each is answered and then hung up by its far end: events per second and heap per
// channel for each N given, so that a cost that grows with the number of channels shows as
// falling events per second.
#include <malloc.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>

#include <ari/testing/simulated_transport.hpp>
#include <ari/testing/simulator.hpp>

#include "command_line.hpp"
#include "hello_app.hpp"

namespace {

using steady = std::chrono::steady_clock;

constexpr const char* usage = R"(usage: simulator_bench [--calls N] [--channels N]...

  --calls N      concurrent calls of examples/hello_app on ari::client (default 1000)
  --channels N   channels in Stasis at once, without a client (repeatable; default 1000 and 10000)
  --help         this text
)";

double heap_in_use() {
  return static_cast<double>(mallinfo2().uordblks);
}

double seconds_since(steady::time_point start) {
  return std::chrono::duration<double>(steady::now() - start).count();
}

void app_calls(long calls) {
  ari::testing::simulator sim;
  boost::asio::io_context io;
  ari::client_options options;
  options.applications = {"hello"};
  ari::client client{io.get_executor(), options, ari::testing::simulated_transport::on(sim)};
  std::uint64_t events = 0;
  client.otherwise([&](const ari::Event&) { ++events; });  // all but hello_app's StasisStart
  hello_app(client, "sound:ari-test");
  client.start();
  io.poll();

  const double heap_before = heap_in_use();
  const auto start = steady::now();
  for (long i = 0; i < calls; ++i)
    sim.incoming_call("hello");
  io.poll();  // every call answered and playing
  const double heap_up = heap_in_use();
  sim.advance(std::chrono::seconds(1));  // every prompt finishes
  io.poll();                             // every call hung up
  const double seconds = seconds_since(start);
  events += static_cast<std::uint64_t>(calls);  // the StasisStarts
  const auto requests = sim.requests().size();
  std::cout << "calls " << calls << ": " << events << " events and " << requests << " requests in "
            << seconds * 1000 << " ms: " << static_cast<double>(events) / seconds
            << " events/s; heap " << (heap_up - heap_before) / static_cast<double>(calls)
            << " bytes per call up (requests log included)\n";
}

void channels_in_stasis(long count) {
  ari::testing::simulator sim;
  auto& socket = sim.connect({"load"});
  std::uint64_t frames = 0;
  const auto drain = [&] { frames += socket.take().size(); };
  const double heap_before = heap_in_use();
  const auto start = steady::now();
  std::vector<std::string> ids;
  ids.reserve(static_cast<std::size_t>(count));
  for (long i = 0; i < count; ++i) {
    ids.push_back(sim.incoming_call("load"));
    drain();
  }
  for (const auto& id : ids) {
    ari::requests::channels::answer answer;
    answer.channelId = id;
    sim.send(answer);
    drain();
  }
  const double heap_up = heap_in_use();
  for (const auto& id : ids) {
    sim.hangup_from_far_end(id);
    drain();
  }
  sim.advance(std::chrono::seconds(1));
  drain();
  const double seconds = seconds_since(start);
  std::cout << "channels " << count << ": " << frames << " events in " << seconds * 1000
            << " ms: " << static_cast<double>(frames) / seconds << " events/s, "
            << seconds * 1e9 / static_cast<double>(frames) << " ns/event; heap "
            << (heap_up - heap_before) / static_cast<double>(count)
            << " bytes per channel up (requests log included)\n";
}

}  // namespace

int main(int argc, char** argv) {
  long calls = 1000;
  std::vector<long> channels;
  ari_examples::command_line line{"simulator_bench", usage};
  line.number("--calls", calls, 1);
  line.with_value("--channels", [&](const std::string& text) {
    const auto n = ari_examples::number_in(text, 1, 1L << 24);
    if (!n) line.fail("--channels takes a number from 1 to 16777216, not '" + text + "'");
    channels.push_back(*n);
  });
  line.parse(argc, argv);
  if (channels.empty()) channels = {1000, 10000};
  app_calls(calls);
  for (const long count : channels)
    channels_in_stasis(count);
}
