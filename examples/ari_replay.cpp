// ari_replay: a loopback stand-in for Asterisk's ARI, for testing Stasis applications: the
// command-line face of ari_replay::server (replay_server.hpp, which documents the script steps
// and what is printed). It prints "listening on 127.0.0.1:PORT" first (--port 0, the default,
// picks a free port), a line per connection and request, and exits once --connections WebSocket
// connections have ended: 0 when every request was the expected one and the script ran to its
// end, 1 otherwise.
#include <chrono>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>
#include <utility>

#define ARI_REPLAY_SERVER_IMPLEMENTATION
#include "replay_server.hpp"

namespace {

constexpr const char* usage = R"(usage: ari_replay --capture FILE [options]

  --capture FILE     JSONL capture or script, one frame or step per line, in order (required)
  --port N           loopback port to listen on (default 0: any free port)
  --ipv6             listen on [::1] too, on the same port
  --api-key K        the USER:PASS a client must give (default asterisk:asterisk)
  --requests WHERE   where the script's requests arrive: websocket (RESTRequest, default) or
                     http (HTTP requests on the same port, Basic authorization)
  --delay-ms N       pause between frames (default 0)
  --drop-after N     close the first connection abruptly after N frames (default: never)
  --connections N    exit after serving N WebSocket connections (default 1)
  --stall            accept TCP connections and never answer (to test client timeouts)
  --handshake-delay-ms N
                     read the first upgrade request, wait N ms, then complete the handshake
                     if the client is still there (and say whether it was)
  --refuse-status N  answer WebSocket upgrades with HTTP status N (401, 403, 503...)
  --refuse-count N   refuse only the first N upgrades (default 0: every one)
  --body-limit N     largest request body or WebSocket message read (default 1048576)
  --help             this text
)";

[[noreturn]] void bad_usage(const std::string& message) {
  std::cerr << "ari_replay: " << message << '\n' << usage;
  std::exit(2);
}

long number(const std::string& option, const std::string& text, long low, long high) {
  std::size_t used = 0;
  long value = 0;
  try {
    value = std::stol(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || text.empty() || value < low || value > high) {
    bad_usage(option + " takes a number from " + std::to_string(low) + " to " +
              std::to_string(high) + ", not '" + text + "'");
  }
  return value;
}

ari_replay::options parse_options(int argc, char** argv, std::string& capture) {
  ari_replay::options o;
  o.connections = 1;
  constexpr long most = 1L << 30;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) bad_usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help") {
      std::cout << usage;
      std::exit(0);
    } else if (arg == "--capture") {
      capture = value();
    } else if (arg == "--port") {
      o.port = static_cast<unsigned short>(number(arg, value(), 0, 65535));
    } else if (arg == "--ipv6") {
      o.ipv6 = true;
    } else if (arg == "--api-key") {
      o.api_key = value();
    } else if (arg == "--requests") {
      const std::string where = value();
      if (where != "websocket" && where != "http") {
        bad_usage("--requests takes websocket or http, not " + where);
      }
      o.http_requests = where == "http";
    } else if (arg == "--delay-ms") {
      o.delay = std::chrono::milliseconds{number(arg, value(), 0, most)};
    } else if (arg == "--drop-after") {
      o.drop_after = number(arg, value(), 0, most);
    } else if (arg == "--connections") {
      o.connections = number(arg, value(), 1, most);
    } else if (arg == "--stall") {
      o.stall = true;
    } else if (arg == "--handshake-delay-ms") {
      o.handshake_delay = std::chrono::milliseconds{number(arg, value(), 0, most)};
    } else if (arg == "--refuse-status") {
      o.refuse_status = static_cast<int>(number(arg, value(), 100, 999));
    } else if (arg == "--refuse-count") {
      o.refuse_count = number(arg, value(), 0, most);
    } else if (arg == "--body-limit") {
      o.body_limit = static_cast<std::size_t>(number(arg, value(), 1, most));
    } else {
      bad_usage("unknown option " + arg);
    }
  }
  if (capture.empty() && !o.stall) bad_usage("--capture is required");
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  std::string capture;
  ari_replay::options o = parse_options(argc, argv, capture);
  o.echo = [](const std::string& line) { std::cout << line << std::endl; };
  try {
    ari_replay::server server(std::move(o), capture.empty() ? std::vector<std::string>{}
                                                            : ari_replay::read_script(capture));
    server.start();
    while (!server.wait_finished(std::chrono::hours(1))) {
    }
    server.stop();
    return server.succeeded() ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "ari_replay: " << e.what() << '\n';
    return 2;
  }
}
