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

#include "command_line.hpp"
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

ari_replay::options parse_options(int argc, char** argv, std::string& capture) {
  ari_replay::options o;
  o.connections = 1;
  ari_examples::command_line line{"ari_replay", usage};
  line.text("--capture", capture);
  line.number("--port", o.port, 0, 65535);
  line.flag("--ipv6", o.ipv6);
  line.text("--api-key", o.api_key);
  line.with_value("--requests", [&](const std::string& where) {
    if (where != "websocket" && where != "http") {
      line.fail("--requests takes websocket or http, not " + where);
    }
    o.http_requests = where == "http";
  });
  line.milliseconds("--delay-ms", 0, o.delay);
  line.number("--drop-after", o.drop_after);
  line.number("--connections", o.connections, 1);
  line.flag("--stall", o.stall);
  line.milliseconds("--handshake-delay-ms", 0, o.handshake_delay);
  line.number("--refuse-status", o.refuse_status, 100, 999);
  line.number("--refuse-count", o.refuse_count);
  line.number("--body-limit", o.body_limit, 1);
  line.parse(argc, argv);
  if (capture.empty() && !o.stall) line.fail("--capture is required");
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
