// stasis_app: a small but complete Stasis application on Boost.Beast. It connects to Asterisk's
// /ari/events WebSocket, turns every text frame into an ari::Event, dispatches it and logs one
// line per event. When the socket drops it reconnects with capped exponential backoff; a frame
// it cannot parse is logged with the frame and skipped. Run with --help for the options.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/ari.hpp>

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr const char* usage = R"(usage: stasis_app [options]

Connects to ws://HOST:PORT/ari/events?app=NAME&api_key=USER:PASS and logs one line per event.

  --host HOST             Asterisk's HTTP server (env ARI_HOST; default 127.0.0.1)
  --port PORT             its port (env ARI_PORT; default 8088)
  --app NAME              Stasis application to register (env ARI_APP; default hello)
  --user USER             ari.conf user (env ARI_USER; default asterisk)
  --password PASS         its password (env ARI_PASSWORD; default asterisk)
  --subscribe-all         also receive every event of the system (subscribeAll=true)
  --initial-backoff-ms N  first wait before reconnecting (default 500)
  --max-backoff-ms N      longest wait; the wait doubles up to it (default 30000)
  --max-attempts N        give up (exit 1) after N failed connection attempts in a row
                          (default: never)
  --record FILE           append every frame received to FILE, one per line (a capture for
                          examples/decode --check)
  --exit-after-events N   exit 0 after N events (for tests; default: run forever)
  --help                  this text
)";

struct options {
  std::string host = "127.0.0.1";
  std::string port = "8088";
  std::string app = "hello";
  std::string user = "asterisk";
  std::string password = "asterisk";
  bool subscribe_all = false;
  std::chrono::milliseconds initial_backoff{500};
  std::chrono::milliseconds max_backoff{30000};
  std::optional<long> max_attempts;
  std::optional<long> exit_after_events;
  std::string record;
};

std::string from_env(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

// A TCP port: 1 to 65535, digits only (a service name would fail later, and forever).
void check_port(const std::string& port) {
  const bool digits = !port.empty() && port.size() <= 5 &&
                      port.find_first_not_of("0123456789") == std::string::npos;
  if (!digits || std::stol(port) < 1 || std::stol(port) > 65535) {
    std::cerr << "stasis_app: --port takes a port number from 1 to 65535, not '" << port << "'\n";
    std::exit(2);
  }
}

// Exits with usage on a bad command line.
options parse_options(int argc, char** argv) {
  options o;
  o.host = from_env("ARI_HOST", o.host);
  o.port = from_env("ARI_PORT", o.port);
  check_port(o.port);
  o.app = from_env("ARI_APP", o.app);
  o.user = from_env("ARI_USER", o.user);
  o.password = from_env("ARI_PASSWORD", o.password);
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) {
        std::cerr << "stasis_app: " << arg << " needs a value\n" << usage;
        std::exit(2);
      }
      return argv[++i];
    };
    const auto number = [&]() -> long {
      const std::string text = value();
      char* end = nullptr;
      const long n = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || n < 0) {
        std::cerr << "stasis_app: " << arg << " takes a whole number, not " << text << '\n';
        std::exit(2);
      }
      return n;
    };
    if (arg == "--help" || arg == "-h") {
      std::cout << usage;
      std::exit(0);
    } else if (arg == "--host") {
      o.host = value();
    } else if (arg == "--port") {
      o.port = value();
      check_port(o.port);
    } else if (arg == "--app") {
      o.app = value();
    } else if (arg == "--user") {
      o.user = value();
    } else if (arg == "--password") {
      o.password = value();
    } else if (arg == "--subscribe-all") {
      o.subscribe_all = true;
    } else if (arg == "--initial-backoff-ms") {
      o.initial_backoff = std::chrono::milliseconds{number()};
    } else if (arg == "--max-backoff-ms") {
      o.max_backoff = std::chrono::milliseconds{number()};
    } else if (arg == "--max-attempts") {
      o.max_attempts = number();
    } else if (arg == "--record") {
      o.record = value();
    } else if (arg == "--exit-after-events") {
      o.exit_after_events = number();
    } else {
      std::cerr << "stasis_app: unknown option " << arg << '\n' << usage;
      std::exit(2);
    }
  }
  return o;
}

// Query values are percent-encoded: passwords may hold any character.
std::string url_encode(const std::string& text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
  }
  return out;
}

std::string target_of(const options& o) {
  std::string target =
      "/ari/events?app=" + url_encode(o.app) + "&api_key=" + url_encode(o.user + ":" + o.password);
  if (o.subscribe_all) target += "&subscribeAll=true";
  return target;
}

void log(const std::string& line) {
  std::cout << line << std::endl;
}

std::string ids_of(const ari::Event& event) {
  const auto ids = ari::related_ids(event);
  std::string text;
  const auto add = [&](const char* kind, const std::vector<std::string>& list) {
    for (const auto& id : list)
      text += std::string(" ") + kind + "=" + id;
  };
  add("channel", ids.channels);
  add("bridge", ids.bridges);
  add("playback", ids.playbacks);
  add("recording", ids.recordings);
  add("endpoint", ids.endpoints);
  add("device", ids.devices);
  return text;
}

// The application's reactions. A real one would call the REST API here (answer, play, ...).
ari::dispatcher make_dispatcher() {
  ari::dispatcher events;
  events.on<ari::StasisStart>([](const ari::StasisStart& e) {
    log("  -> channel " + e.channel.id + " entered the application (caller " +
        e.channel.caller.number + ")");
  });
  events.on<ari::StasisEnd>([](const ari::StasisEnd& e) {
    log("  -> channel " + e.channel.id + " left the application");
  });
  events.on<ari::UnknownEvent>([](const ari::UnknownEvent& e) {
    log("  -> an event type this ari-events does not know: " + e.type);
  });
  return events;
}

}  // namespace

int main(int argc, char** argv) {
  const options o = parse_options(argc, argv);
  const ari::dispatcher events = make_dispatcher();
  const std::string target = target_of(o);
  std::ofstream record;
  if (!o.record.empty()) {
    record.open(o.record, std::ios::app);
    if (!record) {
      std::cerr << "stasis_app: cannot write " << o.record << '\n';
      return 2;
    }
  }
  auto backoff = o.initial_backoff;
  long failed_attempts = 0;
  long event_count = 0;

  for (;;) {
    net::io_context io;
    websocket::stream<tcp::socket> ws(io);
    beast::error_code error;
    websocket::response_type response;
    tcp::resolver resolver(io);
    const auto endpoints = resolver.resolve(o.host, o.port, error);
    if (!error) net::connect(ws.next_layer(), endpoints, error);
    if (!error) {
      // The asynchronous handshake, because only it hands back the HTTP response (with its
      // 401) when the server declines the upgrade (Boost 1.74).
      ws.async_handshake(response, o.host + ":" + o.port, target,
                         [&](beast::error_code e) { error = e; });
      io.run();
      io.restart();
    }
    if (error) {
      ++failed_attempts;
      std::string reason = error.message();
      if (error == websocket::error::upgrade_declined) {
        reason += " (HTTP " + std::to_string(response.result_int()) + " " +
                  std::string(response.reason()) + ")";
      }
      log("connect to ws://" + o.host + ":" + o.port + "/ari/events failed: " + reason);
      // Retrying cannot fix a name that does not resolve or credentials that are refused.
      const unsigned status =
          error == websocket::error::upgrade_declined ? response.result_int() : 0U;
      if (error == net::error::host_not_found || status == 401 || status == 403) {
        log(status == 0 ? "not retrying: check --host"
                        : "not retrying: check --user and --password");
        return 2;
      }
    } else {
      failed_attempts = 0;
      backoff = o.initial_backoff;
      log("connected to ws://" + o.host + ":" + o.port + "/ari/events as application " + o.app);
      for (;;) {
        beast::flat_buffer buffer;
        ws.read(buffer, error);
        if (error) break;
        const std::string frame = beast::buffers_to_string(buffer.data());
        if (record.is_open()) {
          // Asterisk pretty-prints when ari.conf says pretty=yes; line breaks can only be
          // whitespace between tokens (JSON escapes them in strings), so one line per frame.
          std::string line = frame;
          line.erase(std::remove(line.begin(), line.end(), '\n'), line.end());
          line.erase(std::remove(line.begin(), line.end(), '\r'), line.end());
          record << line << std::endl;
        }
        auto result = ari::try_parse_event(frame);
        if (!result) {
          log("bad frame skipped: " + std::string(result.error().what()) + "; frame: " + frame);
          continue;
        }
        log("event " + std::string(ari::type_name(*result)) + ids_of(*result));
        try {
          events.dispatch(*result);
        } catch (const std::exception& e) {
          log("handler failed: " + std::string(e.what()));
        }
        if (o.exit_after_events && ++event_count >= *o.exit_after_events) {
          ws.close(websocket::close_code::normal, error);
          log("exiting after " + std::to_string(event_count) + " events");
          return 0;
        }
      }
      log("connection lost: " + error.message());
    }
    if (o.max_attempts && failed_attempts >= *o.max_attempts) {
      log("giving up after " + std::to_string(failed_attempts) + " failed attempts");
      return 1;
    }
    log("reconnecting in " + std::to_string(backoff.count()) + " ms");
    std::this_thread::sleep_for(backoff);
    backoff = std::min(backoff * 2, o.max_backoff);
  }
}
