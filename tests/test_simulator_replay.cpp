// The simulator against a real Asterisk 22.10.1: every request of the conversation capture
// (tests/data/conversations.jsonl) is replayed into one simulator on a virtual clock that
// follows the recorded times, and the frames it writes are compared with the real ones, per
// connection and per channel (Asterisk fixes the order of one channel's events, not the
// interleaving of different channels').
#include <ari/testing/simulator.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "catch.hpp"
#include "support.hpp"

namespace {

using nlohmann::json;

// Timestamps match when they are this close: the driver's times are when curl started, and
// Asterisk stamps its events a few ms to tens of ms later. ARI_SIMULATOR_TOLERANCE_MS changes
// it, to see how close the clock really is.
double tolerance_ms() {
  static const double value = [] {
    const char* text = std::getenv("ARI_SIMULATOR_TOLERANCE_MS");
    return text ? std::atof(text) : 300.0;
  }();
  return value;
}

double millis_of(const std::string& text) {
  const auto stamp = ari::Timestamp::parse(text);
  return static_cast<double>(stamp.time_point().time_since_epoch().count());
}

bool is_time_key(const std::string& key) {
  return key == "timestamp" || key == "creationtime";
}

// Equal, with timestamps equal within the tolerance.
bool same(const json& sim, const json& real, const std::string& key = {}) {
  if (sim.type() != real.type()) return false;
  if (sim.is_object()) {
    if (sim.size() != real.size()) return false;
    for (auto it = real.begin(); it != real.end(); ++it) {
      const auto other = sim.find(it.key());
      if (other == sim.end() || !same(*other, *it, it.key())) return false;
    }
    return true;
  }
  if (sim.is_array()) {
    if (sim.size() != real.size()) return false;
    for (std::size_t i = 0; i < sim.size(); ++i) {
      if (!same(sim[i], real[i])) return false;
    }
    return true;
  }
  if (is_time_key(key) && sim.is_string()) {
    return std::fabs(millis_of(sim.get<std::string>()) - millis_of(real.get<std::string>())) <=
           tolerance_ms();
  }
  return sim == real;
}

// Where two frames differ, for the report of differences.
void differences(const json& sim, const json& real, const std::string& path, std::string& out) {
  if (sim.is_object() && real.is_object()) {
    for (auto it = real.begin(); it != real.end(); ++it) {
      const auto other = sim.find(it.key());
      if (other == sim.end()) {
        out += " -" + path + it.key();
      } else {
        differences(*other, *it, path + it.key() + ".", out);
      }
    }
    for (auto it = sim.begin(); it != sim.end(); ++it) {
      if (real.find(it.key()) == real.end()) out += " +" + path + it.key();
    }
    return;
  }
  const std::string key = path.empty() ? path : path.substr(0, path.size() - 1);
  const std::string last = key.substr(key.rfind('.') == std::string::npos ? 0 : key.rfind('.') + 1);
  if (!same(sim, real, last)) out += " " + key + "=" + sim.dump() + "(real " + real.dump() + ")";
}

// Whose sequence an event belongs to: a channel, a playback, a recording, a bridge, a device.
std::string key_of(const json& frame) {
  if (frame.contains("channel")) return "channel " + frame["channel"]["id"].get<std::string>();
  if (frame.contains("peer")) return "channel " + frame["peer"]["id"].get<std::string>();
  if (frame.contains("playback")) return "playback " + frame["playback"]["id"].get<std::string>();
  if (frame.contains("recording")) {
    return "recording " + frame["recording"]["name"].get<std::string>();
  }
  if (frame.contains("bridge")) return "bridge " + frame["bridge"]["id"].get<std::string>();
  if (frame.contains("device_state")) {
    return "device " + frame["device_state"]["name"].get<std::string>();
  }
  return "other";
}

// The longest common subsequence of two event sequences under `same`.
std::size_t matched(const std::vector<json>& sim, const std::vector<json>& real, bool types_only,
                    std::vector<bool>* real_matched = nullptr) {
  const std::size_t n = sim.size();
  const std::size_t m = real.size();
  std::vector<std::vector<std::size_t>> table(n + 1, std::vector<std::size_t>(m + 1, 0));
  auto equal = [&](std::size_t i, std::size_t j) {
    return types_only ? sim[i]["type"] == real[j]["type"] : same(sim[i], real[j]);
  };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      table[i][j] =
          equal(i, j) ? table[i + 1][j + 1] + 1 : std::max(table[i + 1][j], table[i][j + 1]);
    }
  }
  if (real_matched) {
    real_matched->assign(m, false);
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n && j < m) {
      if (equal(i, j)) {
        (*real_matched)[j] = true;
        ++i;
        ++j;
      } else if (table[i + 1][j] >= table[i][j + 1]) {
        ++i;
      } else {
        ++j;
      }
    }
  }
  return table[0][0];
}

struct scenario_result {
  std::string name;
  std::size_t real = 0;
  std::size_t simulated = 0;
  std::size_t types = 0;
  std::size_t events = 0;
  std::size_t statuses = 0;
  std::size_t requests = 0;
  std::size_t bodies = 0;  // JSON bodies that match Asterisk's
  std::size_t json_bodies = 0;
};

// sequences[scenario][connection + key] -> frames in order
using sequences = std::map<std::string, std::map<std::string, std::vector<json>>>;

// A frame's member names in the order of its text.
std::vector<std::string> keys_of(const std::string& frame) {
  const auto document = nlohmann::ordered_json::parse(frame);
  std::vector<std::string> keys;
  for (const auto& item : document.items())
    keys.push_back(item.key());
  return keys;
}

// Whether two frames put the members they both have in the same order.
bool same_order(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const auto shared = [](const std::vector<std::string>& from, const std::vector<std::string>& in) {
    std::vector<std::string> keys;
    for (const auto& key : from)
      if (std::find(in.begin(), in.end(), key) != in.end()) keys.push_back(key);
    return keys;
  };
  return shared(a, b) == shared(b, a);
}

// The member orders of the frames, per type: Asterisk's and the simulator's.
struct member_orders {
  std::map<std::string, std::set<std::vector<std::string>>> real;  // each order once
  std::vector<std::pair<std::string, std::vector<std::string>>> simulated;
};

std::vector<scenario_result> replay(bool print_differences, member_orders& orders) {
  const auto lines = test::lines_of("tests/data/conversations.jsonl");
  std::vector<json> records;
  for (const auto& line : lines)
    records.push_back(json::parse(line));

  ari::testing::simulator_options options;
  const double first_t = records.front()["t"].get<double>();
  // Asterisk started 8.555 s before the first line (startup_time of its asterisk/info).
  const std::chrono::milliseconds up{8555};
  options.start_time = ari::testing::simulator::time_point{
      std::chrono::milliseconds{static_cast<std::int64_t>(std::floor(first_t * 1000.0))} - up};
  // ari.conf had an outbound WebSocket application.
  options.registered_applications = {"outapp"};
  ari::testing::simulator sim(options);
  sim.advance(up);

  std::map<std::string, ari::testing::event_socket*> sockets;
  sequences real;
  sequences simulated;
  std::vector<scenario_result> results;
  std::map<std::string, std::size_t> index;
  std::string current;

  auto collect = [&](const std::string& scenario) {
    for (auto& [name, socket] : sockets) {
      for (const auto& frame : socket->take()) {
        const json parsed = json::parse(frame);
        simulated[scenario][name + " " + key_of(parsed)].push_back(parsed);
        orders.simulated.emplace_back(parsed["type"].get<std::string>(), keys_of(frame));
        ++results[index[scenario]].simulated;
      }
    }
  };

  for (const auto& record : records) {
    const std::string scenario = record["scenario"].get<std::string>();
    if (index.count(scenario) == 0) {
      index[scenario] = results.size();
      results.push_back(scenario_result{scenario});
    }
    const double t = record["t"].get<double>();
    const auto target = ari::testing::simulator::time_point{
        std::chrono::milliseconds{static_cast<std::int64_t>(std::floor(t * 1000.0))}};
    if (target > sim.now()) sim.advance(target - sim.now());
    // Frames that came before this record carry the label that was current then.
    collect(current.empty() ? scenario : current);
    const std::string kind = record["kind"].get<std::string>();
    if (kind == "action") {
      const std::string text = record["text"].get<std::string>();
      if (text.rfind("WS open ", 0) == 0) {
        // "WS open <name> app=a,b&subscribeAll=true&api_key=... -> open"
        const std::string rest = text.substr(8);
        const std::string name = rest.substr(0, rest.find(' '));
        const std::string query =
            rest.substr(name.size() + 1, rest.find(' ', name.size() + 1) - name.size() - 1);
        std::vector<std::string> apps;
        bool all = false;
        for (const auto& pair : ari::testing::sim_detail::split(query, '&')) {
          if (pair.rfind("app=", 0) == 0)
            apps = ari::testing::sim_detail::split(pair.substr(4), ',');
          if (pair == "subscribeAll=true") all = true;
        }
        sockets[name] = &sim.connect(apps, all);
      }
      // "sleep N": the clock follows the recorded times, so nothing to do.
    } else if (kind == "request") {
      // Asterisk handled the request shortly before curl exited (t_response includes curl's
      // own overhead): its events carry times close to that.
      const double handled = std::max(t, record["t_response"].get<double>() - 0.008);
      const auto when = ari::testing::simulator::time_point{
          std::chrono::milliseconds{static_cast<std::int64_t>(std::floor(handled * 1000.0))}};
      if (when > sim.now()) sim.advance(when - sim.now());
      ari::http_request request;
      request.method = record["method"].get<std::string>();
      request.target = record["path"].get<std::string>();
      if (!record["body"].is_null()) {
        // The body as sent: key order kept.
        const auto at = lines[static_cast<std::size_t>(&record - records.data())];
        request.body = nlohmann::ordered_json::parse(at)["body"].dump();
        request.content_type = "application/json";
      }
      const auto response = sim.handle(request);
      auto& result = results[index[scenario]];
      ++result.requests;
      if (!record["response"].is_null()) {
        ++result.json_bodies;
        const bool equal =
            !response.body.empty() && same(json::parse(response.body), record["response"]);
        if (equal) {
          ++result.bodies;
        } else if (print_differences) {
          std::printf("  %s: %s %s body %s, Asterisk %s\n", scenario.c_str(),
                      request.method.c_str(), request.target.c_str(),
                      response.body.substr(0, 300).c_str(),
                      record["response"].dump().substr(0, 300).c_str());
        }
      }
      if (response.status == record["status"].get<int>()) {
        ++result.statuses;
      } else if (print_differences) {
        std::printf("  %s: %s %s -> %d, Asterisk %d\n", scenario.c_str(), request.method.c_str(),
                    request.target.c_str(), response.status, record["status"].get<int>());
      }
    } else {
      const json frame = json::parse(record["frame"].get<std::string>());
      orders.real[frame["type"].get<std::string>()].insert(
          keys_of(record["frame"].get<std::string>()));
      real[scenario][record["connection"].get<std::string>() + " " + key_of(frame)].push_back(
          frame);
      ++results[index[scenario]].real;
    }
    current = scenario;
  }
  sim.advance(std::chrono::seconds{5});
  collect(current);

  for (auto& result : results) {
    auto& real_sequences = real[result.name];
    auto& sim_sequences = simulated[result.name];
    for (auto& [key, frames] : real_sequences) {
      const auto& mine = sim_sequences[key];
      result.types += matched(mine, frames, true);
      std::vector<bool> hit;
      result.events += matched(mine, frames, false, &hit);
      if (!print_differences) continue;
      for (std::size_t j = 0; j < frames.size(); ++j) {
        if (hit[j]) continue;
        // The closest simulated frame of the same type, if any.
        std::string best;
        for (const auto& candidate : mine) {
          if (candidate["type"] != frames[j]["type"]) continue;
          std::string text;
          differences(candidate, frames[j], "", text);
          if (best.empty() || text.size() < best.size()) best = text;
        }
        std::printf("  %s %s: %s %s\n", result.name.c_str(), key.c_str(),
                    frames[j]["type"].get<std::string>().c_str(),
                    best.empty() ? "missing" : best.substr(0, 400).c_str());
      }
    }
    if (!print_differences) continue;
    for (auto& [key, frames] : sim_sequences) {
      const auto& theirs = real_sequences[key];
      std::vector<bool> hit;
      matched(theirs, frames, false, &hit);
      for (std::size_t j = 0; j < frames.size(); ++j) {
        if (!hit[j]) {
          std::printf("  %s %s: extra %s\n", result.name.c_str(), key.c_str(),
                      frames[j]["type"].get<std::string>().c_str());
        }
      }
    }
  }
  return results;
}

}  // namespace

TEST_CASE("the simulator replays the conversation capture of Asterisk 22.10.1") {
  const bool differences = std::getenv("ARI_SIMULATOR_DIFFERENCES") != nullptr;
  member_orders orders;
  const auto results = replay(differences, orders);

  // The counts reached so far: a regression fails. Raise them as the model improves.
  const std::map<std::string, std::size_t> at_least = {
      {"01-originate-basic", 30},
      {"02-variables-callerid", 14},
      {"04-dtmf-send", 10},
      {"05-playback", 32},
      {"06-recording", 14},
      {"07-userevent", 5},
      {"08-snoop", 16},
      {"09-continue-to-dialplan", 33},
      {"10-dtmf-received", 47},
      {"11-hangup-causes", 563},
      {"12-create-and-dial", 218},
      {"13-bridge-mixing", 161},
      {"14-bridge-holding", 91},
      {"15-bridge-dtmf-events-and-hangup-in-bridge", 109},
      {"16-move-redirect", 50}};

  std::printf("%-44s %6s %6s %6s %6s %8s %7s\n", "scenario", "real", "sim", "types", "events",
              "statuses", "bodies");
  std::size_t real = 0;
  std::size_t events = 0;
  for (const auto& result : results) {
    std::printf("%-44s %6zu %6zu %6zu %6zu %4zu/%-3zu %3zu/%-3zu\n", result.name.c_str(),
                result.real, result.simulated, result.types, result.events, result.statuses,
                result.requests, result.bodies, result.json_bodies);
    real += result.real;
    events += result.events;
    const auto floor = at_least.find(result.name);
    if (floor != at_least.end()) CHECK(result.events >= floor->second);
    CHECK(result.statuses == result.requests);
    CHECK(result.bodies == result.json_bodies);
  }
  std::printf("%-44s %6zu %6s %6s %6zu\n", "total", real, "", "", events);
  CHECK(real == 1405);
  CHECK(events >= 1393);

  // The simulator writes through to_frame, so its frames have Asterisk's member order: each puts
  // the members it shares with every real frame of its type in that frame's order.
  std::size_t compared = 0;
  std::map<std::string, int> out_of_order;
  for (const auto& [type, keys] : orders.simulated) {
    const auto real_orders = orders.real.find(type);
    if (real_orders == orders.real.end()) continue;
    ++compared;
    for (const auto& real_keys : real_orders->second) {
      if (!same_order(keys, real_keys)) {
        ++out_of_order[type];
        break;
      }
    }
  }
  CHECK(compared >= 1393);
  CHECK(out_of_order.empty());
  for (const auto& [type, count] : out_of_order)
    std::printf("%d simulated %s frames not in Asterisk's member order\n", count, type.c_str());
}
