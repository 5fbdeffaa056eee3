// decode: reads ARI frames, one JSON text per line (from a file, or stdin for - or no FILE), and
// prints one readable line per event, then how many events of each type there were.
//
//   decode [--check] [--summary] [FILE | -]
//
// With --check it also serialises every event back and compares it with the frame, and stops
// with exit status 1 at the first line that does not parse or does not round-trip.
// With --summary it prints only the count per event type.
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <type_traits>

#include <ari/ari.hpp>

namespace {

// The members worth a glance, where an event has them.
template <class T, class = void>
struct has_channel : std::false_type {};
template <class T>
struct has_channel<T, std::void_t<decltype(std::declval<T>().channel)>> : std::true_type {};

void print_channel(std::ostream& out, const ari::Channel& channel) {
  out << " channel=" << channel.id << " (" << channel.name << ", " << channel.state.text()
      << ", caller " << channel.caller.number << ")";
}
void print_channel(std::ostream& out, const std::optional<ari::Channel>& channel) {
  if (channel) print_channel(out, *channel);
}

void print_application(std::ostream& out, const std::string& application) {
  out << " app=" << application;
}
void print_application(std::ostream& out, const std::optional<std::string>& application) {
  if (application) print_application(out, *application);
}

template <class E>
void summarise(std::ostream& out, const E& event) {
  if constexpr (std::is_same_v<E, ari::UnknownEvent>) {
    out << " (unknown to this version of ari-events)";
  } else {
    if constexpr (has_channel<E>::value) {
      if constexpr (!std::is_same_v<std::decay_t<decltype(event.channel)>, std::string>) {
        print_channel(out, event.channel);
      }
    }
    if constexpr (std::is_same_v<E, ari::Dial>) {
      out << " peer=" << event.peer.id << " dialstatus=" << event.dialstatus;
    } else if constexpr (std::is_same_v<E, ari::ChannelDtmfReceived>) {
      out << " digit=" << event.digit << " duration_ms=" << event.duration_ms;
    } else if constexpr (std::is_same_v<E, ari::ChannelVarset>) {
      out << " " << event.variable << "=" << event.value;
    } else if constexpr (std::is_same_v<E, ari::ChannelDestroyed>) {
      out << " cause=" << event.cause << " (" << event.cause_txt << ")";
    } else if constexpr (std::is_same_v<E, ari::ChannelDialplan>) {
      out << " app=" << event.dialplan_app << "(" << event.dialplan_app_data << ")";
    } else if constexpr (std::is_same_v<E, ari::StasisStart>) {
      out << " args=" << nlohmann::json(event.args).dump();
    } else if constexpr (std::is_same_v<E, ari::DeviceStateChanged>) {
      out << " device=" << event.device_state.name << " " << event.device_state.state.text();
    } else if constexpr (std::is_same_v<E, ari::PlaybackStarted> ||
                         std::is_same_v<E, ari::PlaybackContinuing> ||
                         std::is_same_v<E, ari::PlaybackFinished>) {
      out << " playback=" << event.playback.id << " " << event.playback.media_uri << " "
          << event.playback.state.text();
    } else if constexpr (std::is_same_v<E, ari::RecordingStarted> ||
                         std::is_same_v<E, ari::RecordingFinished> ||
                         std::is_same_v<E, ari::RecordingFailed>) {
      out << " recording=" << event.recording.name << " " << event.recording.state.text();
    } else if constexpr (std::is_same_v<E, ari::BridgeCreated> ||
                         std::is_same_v<E, ari::BridgeDestroyed> ||
                         std::is_same_v<E, ari::ChannelEnteredBridge> ||
                         std::is_same_v<E, ari::ChannelLeftBridge>) {
      out << " bridge=" << event.bridge.id << " (" << event.bridge.channels.size() << " channels)";
    }
  }
}

void print_line(std::ostream& out, const ari::Event& event) {
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        if constexpr (!std::is_same_v<E, ari::UnknownEvent>) {
          out << (e.timestamp ? e.timestamp->to_string() : std::string(28, '-')) << ' ';
        }
        out << ari::type_name(event);
        if constexpr (!std::is_same_v<E, ari::UnknownEvent>) {
          // One frame per subscribed application: the application tells copies apart.
          print_application(out, e.application);
        }
        summarise(out, e);
      },
      event);
  out << '\n';
}

constexpr const char* usage_text =
    "usage: decode [--check] [--summary] [FILE | -]\n"
    "  Reads ARI frames, one JSON text per line, from FILE (or stdin for - or no FILE) and prints\n"
    "  one line per event, then the number of events of each type.\n"
    "  --check    also write every event back and compare; stop at the first bad line (status 1)\n"
    "  --summary  print only the number of events of each type\n"
    "  --help     this text\n";

}  // namespace

int main(int argc, char** argv) {
  bool check = false;
  bool summary_only = false;
  std::string file;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--check") {
      check = true;
    } else if (arg == "--summary") {
      summary_only = true;
    } else if (arg == "--help" || arg == "-h") {
      std::cout << usage_text;
      return 0;
    } else if (arg.size() > 1 && arg[0] == '-') {
      std::cerr << "decode: unknown option '" << arg << "'\n" << usage_text;
      return 2;
    } else if (!file.empty()) {
      std::cerr << "decode: one FILE only, got '" << file << "' and '" << arg << "'\n"
                << usage_text;
      return 2;
    } else {
      file = arg;
    }
  }
  std::ifstream file_stream;
  if (!file.empty() && file != "-") {
    file_stream.open(file);
    if (!file_stream) {
      std::cerr << "decode: cannot open " << file << '\n';
      return 2;
    }
  }
  std::istream& in = file_stream.is_open() ? file_stream : std::cin;

  std::size_t line_number = 0;
  std::size_t events = 0;
  std::size_t errors = 0;
  std::map<std::string, std::size_t> per_type;
  for (std::string line; std::getline(in, line);) {
    ++line_number;
    if (line.empty()) continue;
    auto result = ari::try_parse_event(line);
    if (!result) {
      ++errors;
      std::cerr << "line " << line_number << ": " << result.error().what() << '\n';
      if (check) return 1;
      continue;
    }
    ++events;
    ++per_type[std::string(ari::type_name(*result))];
    if (!summary_only) print_line(std::cout, *result);
    if (check && nlohmann::json(*result) != nlohmann::json::parse(line)) {
      std::cerr << "line " << line_number << ": does not round-trip\n  read:    " << line
                << "\n  written: " << nlohmann::json(*result).dump() << '\n';
      return 1;
    }
  }
  std::cout << std::flush;
  for (const auto& [type, count] : per_type)
    std::cerr << "  " << count << ' ' << type << '\n';
  std::cerr << events << " events, " << errors << " errors" << (check ? ", all round-trip" : "")
            << '\n';
  return errors == 0 ? 0 : 1;
}
