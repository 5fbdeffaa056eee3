// libFuzzer target: the input drives a sequence of requests (well-formed or not), clock moves
// and world events into one ari::testing::simulator, which must never crash nor break its
// invariants: a channel in at most one bridge, no event for a channel after its
// ChannelDestroyed, no two live channels with one id, every answer a valid HTTP status.
//
//   clang++ -std=c++17 -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude \
//     fuzz/simulator_fuzzer.cpp && ./a.out -max_total_time=60
#include <ari/testing/simulator.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

// Reads the input a byte or a string at a time; past its end everything is zero.
struct input {
  const std::uint8_t* data;
  std::size_t size;
  std::size_t at = 0;

  std::uint8_t byte() { return at < size ? data[at++] : 0; }
  template <class T>
  const T& pick(const std::vector<T>& choices) {
    return choices[byte() % choices.size()];
  }
  std::string text(std::size_t max) {
    const std::size_t length = byte() % (max + 1);
    std::string out;
    for (std::size_t i = 0; i < length && at < size; ++i)
      out += static_cast<char>(data[at++]);
    return out;
  }
};

void require(bool condition) {
  if (!condition) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace rq = ari::requests;
  input in{data, size};
  ari::testing::simulator sim;
  auto& socket = sim.connect({"hello"}, in.byte() % 2 == 0);
  const std::vector<std::string> ids = {"c1", "c2", "c3", "c1;2", "x"};
  const std::vector<std::string> bridges = {"b1", "b2"};
  const std::vector<std::string> endpoints = {
      "Local/wait@far",   "Local/busy@far",    "Local/talk@far", "Local/dtmf@far",
      "Local/hangup@far", "Local/ringing@far", "PJSIP/bob",      "nope"};
  const std::vector<std::string> paths = {"channels",
                                          "channels/create",
                                          "channels/{c}",
                                          "channels/{c}/dial",
                                          "channels/{c}/play",
                                          "channels/{c}/record",
                                          "channels/{c}/continue",
                                          "channels/{c}/move",
                                          "channels/{c}/answer",
                                          "channels/{c}/variable",
                                          "channels/{c}/dtmf",
                                          "channels/{c}/snoop",
                                          "channels/{c}/hold",
                                          "bridges/{b}",
                                          "bridges/{b}/addChannel",
                                          "bridges/{b}/removeChannel",
                                          "bridges/{b}/play",
                                          "bridges/{b}/record",
                                          "bridges/{b}/moh",
                                          "bridges/{b}/videoSource/{c}",
                                          "playbacks/p",
                                          "playbacks/p/control",
                                          "recordings/live/r",
                                          "recordings/stored/r/copy",
                                          "applications/hello/subscription",
                                          "applications/hello/eventFilter",
                                          "events/user/E",
                                          "deviceStates/Stasis:d",
                                          "mailboxes/m",
                                          "asterisk/info",
                                          "asterisk/variable",
                                          "{t}"};
  const std::vector<std::string> methods = {"GET", "POST", "PUT", "DELETE", "PATCH"};
  std::set<std::string> destroyed;
  while (in.at < in.size) {
    const std::uint8_t action = in.byte();
    if (action % 8 == 0) {
      sim.advance(std::chrono::milliseconds{in.byte() * 40});
    } else if (action % 8 == 1) {
      sim.hangup_from_far_end(in.pick(ids), in.byte() % 128);
    } else if (action % 8 == 2) {
      socket.send(in.text(200));
    } else {
      std::string path = in.pick(paths);
      for (const auto& [from, to] : std::map<std::string, std::string>{
               {"{c}", in.pick(ids)}, {"{b}", in.pick(bridges)}, {"{t}", in.text(30)}}) {
        const std::size_t at = path.find(from);
        if (at != std::string::npos) path.replace(at, from.size(), to);
      }
      std::string query = "app=hello&channelId=" + in.pick(ids) +
                          "&endpoint=" + in.pick(endpoints) +
                          "&media=sound:beep&name=r&format=wav&channel=" + in.pick(ids) +
                          "&playbackId=p&eventSource=channel:" + in.pick(ids);
      query += "&" + in.text(40);
      ari::http_request request{in.pick(methods), "/ari/" + path + "?" + query, "", ""};
      if (in.byte() % 4 == 0) {
        request.content_type = "application/json";
        request.body = in.text(60);
      }
      const auto response = sim.handle(request);
      require(response.status >= 200 && response.status < 600);
    }
    for (const auto& frame : socket.take()) {
      const auto event = ari::parse_event(frame);  // every frame parses
      const auto document = nlohmann::json::parse(frame);
      if (!document.contains("channel")) continue;
      const std::string channel = document["channel"]["id"].get<std::string>();
      const std::string type = document["type"].get<std::string>();
      if (type == "ChannelCreated") destroyed.erase(channel);
      require(destroyed.count(channel) == 0);
      if (type == "ChannelDestroyed") destroyed.insert(channel);
      (void)event;
    }
    std::map<std::string, int> memberships;
    for (const auto& bridge : sim.send(rq::bridges::list{})) {
      for (const auto& member : bridge.channels)
        require(++memberships[member] == 1);
    }
    std::set<std::string> live;
    for (const auto& channel : sim.send(rq::channels::list{})) {
      require(live.insert(channel.id).second);
    }
  }
  return 0;
}
