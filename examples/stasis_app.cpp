// stasis_app: a small but complete Stasis application on ari::client. It logs one line per event,
// answers each channel that enters the application, plays a prompt with a playback id of its own,
// hangs up when that prompt has finished, and logs every request and its outcome. The client does
// the rest: deadlines, pings, reconnecting with jittered backoff, and stopping for a refused login,
// an unknown host or ApplicationReplaced, which end the program. Run with --help for the options.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <ari/ari.hpp>
#include <ari/client.hpp>

namespace rq = ari::requests;

namespace {

constexpr const char* usage = R"(usage: stasis_app [options]

Connects to ws://HOST:PORT/ari/events?app=NAME, logs one line per event, and answers every
channel that enters the application, plays a prompt to it and hangs it up when the prompt has
finished, logging each request and its outcome.

  --host HOST                 Asterisk's HTTP server (env ARI_HOST; default 127.0.0.1); an
                              IPv6 literal is written without brackets (--host ::1)
  --port PORT                 its port (env ARI_PORT; default 8088)
  --app NAME                  Stasis application to register (env ARI_APP; default hello)
  --user USER                 ari.conf user (env ARI_USER; default asterisk)
  --password PASS             its password (env ARI_PASSWORD; default asterisk)
  --subscribe-all             also receive every event of the system (subscribeAll=true)
  --media URI                 what to play (default sound:hello-world)
  --requests-over-websocket   send requests as RESTRequest messages on the event WebSocket
                              (Asterisk 20.14, 21.9, 22.4 and later) instead of over HTTP
  --log-only                  only log events; send no requests
  --timeout-ms N              deadline of a connection attempt and of a request (default 10000)
  --idle-timeout-ms N         ping after half of N ms without traffic, reconnect after N ms
                              without any (default 60000)
  --initial-backoff-ms N      first wait before reconnecting (default 500)
  --max-backoff-ms N          longest wait; the wait doubles up to it (default 30000). Each
                              wait is drawn between half of it and all of it.
  --max-attempts N            give up (exit 1) after N failed connection attempts in a row
                              (default 0: never)
  --record FILE               append every event received to FILE, one frame per line, as
                              ari::to_frame writes it (a capture for examples/decode --check)
  --exit-after-events N       exit 0 after N events (RESTResponse not counted) once the requests
                              in flight are answered (for tests; default: run forever)
  --help                      this text

Exit status: 0 after --exit-after-events, 1 after --max-attempts, 2 for a bad command line, an
unknown host or refused credentials (HTTP 401/403), 3 when another connection took the
application over (ApplicationReplaced).
)";

[[noreturn]] void bad_usage(const std::string& why) {
  std::cerr << "stasis_app: " << why << '\n' << usage;
  std::exit(2);
}

using ms = std::chrono::milliseconds;

std::string env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

struct settings {
  std::string host = env("ARI_HOST", "127.0.0.1"), port = env("ARI_PORT", "8088");
  std::string app = env("ARI_APP", "hello"), media = "sound:hello-world", record;
  bool log_only = false;
  long exit_after = -1;  // -1: run forever
  ari::client_options client;
};

settings parse_options(int argc, char** argv) {
  settings s;
  ari::client_options& c = s.client;
  c.username = env("ARI_USER", "asterisk");
  c.password = env("ARI_PASSWORD", "asterisk");
  int i = 1;
  const auto value = [&]() -> std::string {
    if (i + 1 >= argc) bad_usage(std::string(argv[i]) + " needs a value");
    return argv[++i];
  };
  const auto number = [&](long least) -> long {
    const std::string option = argv[i], text = value();
    char* end = nullptr;
    const long n = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || n < 0) bad_usage(option + " takes a whole number: " + text);
    return std::max(least, n);
  };
  const std::map<std::string, std::function<void()>> actions{
      {"--help",
       [] {
         std::cout << usage;
         std::exit(0);
       }},
      {"--host", [&] { s.host = value(); }},
      {"--port", [&] { s.port = value(); }},
      {"--app", [&] { s.app = value(); }},
      {"--user", [&] { c.username = value(); }},
      {"--password", [&] { c.password = value(); }},
      {"--subscribe-all", [&] { c.subscribe_all = true; }},
      {"--media", [&] { s.media = value(); }},
      {"--requests-over-websocket", [&] { c.requests = ari::request_transport::websocket; }},
      {"--log-only", [&] { s.log_only = true; }},
      {"--timeout-ms", [&] { c.connect_timeout = c.request_timeout = ms{number(1)}; }},
      {"--idle-timeout-ms", [&] { c.idle_timeout = ms{number(2)}; }},
      {"--initial-backoff-ms", [&] { c.initial_backoff = ms{number(0)}; }},
      {"--max-backoff-ms", [&] { c.max_backoff = ms{number(0)}; }},
      {"--max-attempts", [&] { c.max_attempts = static_cast<unsigned>(number(0)); }},
      {"--record", [&] { s.record = value(); }},
      {"--exit-after-events", [&] { s.exit_after = number(0); }},
  };
  for (; i < argc; ++i) {
    const auto action = actions.find(argv[i] == std::string("-h") ? "--help" : argv[i]);
    if (action == actions.end()) bad_usage(std::string("unknown option ") + argv[i]);
    action->second();
  }
  const bool ipv6 = s.host.find(':') != std::string::npos;
  c.url = "http://" + (ipv6 ? "[" + s.host + "]" : s.host) + ":" + s.port;
  c.applications = {s.app};
  return s;
}

// The client refuses options it cannot use (--port 0, an empty --host): a bad command line.
ari::client make_client(boost::asio::io_context& io, const ari::client_options& options) try {
  return {io, options};
} catch (const std::invalid_argument& e) {
  bad_usage(e.what());
}

void log(const std::string& line) {
  std::cout << line << std::endl;
}

std::string ids_of(const ari::Event& event) {
  const ari::related ids = ari::related_ids(event);
  std::string text;
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"channel", &ids.channels},     {"bridge", &ids.bridges},     {"playback", &ids.playbacks},
      {"recording", &ids.recordings}, {"endpoint", &ids.endpoints}, {"device", &ids.devices}};
  for (const auto& [kind, list] : lists) {
    for (const auto& id : *list)
      text += std::string(" ") + kind + "=" + id;
  }
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  const settings s = parse_options(argc, argv);
  std::ofstream record(s.record, std::ios::app);  // none without --record
  if (!s.record.empty() && !record) {
    std::cerr << "stasis_app: cannot write " << s.record << '\n';
    return 2;
  }
  boost::asio::io_context io;
  ari::client client = make_client(io, s.client);
  const std::string where = "ws://" + s.client.url.substr(7) + "/ari/events";
  const bool over_websocket = s.client.requests == ari::request_transport::websocket;
  int status = 0;
  long events = 0, requests = 0, in_flight = 0, prompts = 0;
  bool exiting = false;  // --exit-after-events reached: stop once nothing is in flight
  const auto stop_when_idle = [&] {
    if (exiting && in_flight == 0) client.stop();
  };

  // Sends a request, logs it and its outcome, and gives its response (if any) to on_success.
  const auto send = [&](auto request, auto on_success) {
    const std::string id = "rq-" + std::to_string(++requests);
    const ari::http_request form = ari::to_http(request);
    log("request " + id + ": " + form.method + " " + form.target +
        (over_websocket ? " (RESTRequest)" : ""));
    ++in_flight;
    client.async_send(request, [=, &in_flight](std::exception_ptr error, auto&&... response) {
      --in_flight;
      try {
        if (error) std::rethrow_exception(error);
      } catch (const std::exception& e) {
        log("request " + id + " failed: " + e.what());
        return stop_when_idle();
      }
      log("response " + id + ": ok");
      on_success(response...);
      stop_when_idle();
    });
  };

  const auto seen = [&](const ari::Event& event) {
    if (record.is_open()) record << ari::to_frame(event) << std::endl;
    log("event " + std::string(ari::type_name(event)) + ids_of(event));
    if (std::holds_alternative<ari::RESTResponse>(event) || ++events != s.exit_after) return;
    log("exiting after " + std::to_string(events) + " events");
    exiting = true;
    // After this event's handlers, which may send requests still.
    boost::asio::post(client.get_executor(), stop_when_idle);
  };
  client.otherwise(seen);

  // The call: answer, play with an id chosen here, wait for that PlaybackFinished, hang up.
  const auto play_then_hang_up = [&](const std::string& channel) {
    rq::channels::playWithId play;
    play.channelId = channel;
    play.playbackId = channel + "-prompt-" + std::to_string(++prompts);
    play.media = {s.media};
    // Taken before sending: a prompt that fails at once sends its PlaybackFinished before the
    // play's response, and the wait armed after the response still finds it.
    auto since = std::make_shared<ari::mark>(client.mark());
    send(play, [&, channel, since, id = play.playbackId](const ari::Playback&) {
      client.async_wait<ari::PlaybackFinished>(
          [id](const ari::PlaybackFinished& e) { return e.playback.id == id; },
          ari::wait_options{since.get()},
          [&, channel, since](boost::system::error_code error, const ari::PlaybackFinished&) {
            if (error) log("  -> no PlaybackFinished for " + channel + ": " + error.message());
            if (error == ari::client_errc::stopped) return;
            rq::channels::hangup hangup;
            hangup.channelId = channel;
            send(hangup, [] {});
          });
    });
  };
  client.on<ari::StasisStart>([&](const ari::StasisStart& e) {
    seen(e);
    log("  -> channel " + e.channel.id + " entered the application (caller " +
        e.channel.caller.number + ")");
    if (s.log_only || e.application != s.app) return;
    rq::channels::answer answer;
    answer.channelId = e.channel.id;
    send(answer, [&, channel = e.channel.id] { play_then_hang_up(channel); });
  });

  client.on_connected([&](const ari::connection_info& c) {
    log("connected to " + where + " as application " + s.app);
    if (!c.reconnect || s.log_only) return;
    // Asterisk does not resend what happened while the application was away: ask.
    log("reconnected: events sent while disconnected are lost; reading the current state");
    send(rq::channels::list{}, [&](const std::vector<ari::Channel>& channels) {
      log("  -> " + std::to_string(channels.size()) + " channels exist");
      send(rq::bridges::list{}, [](const std::vector<ari::Bridge>& bridges) {
        log("  -> " + std::to_string(bridges.size()) + " bridges exist");
      });
    });
  });
  client.on_disconnected([&](const ari::disconnect_info& d) {
    if (d.connection != 0) {
      log("connection lost: " + d.error.message());
    } else {
      log("connect to " + where + " failed: " + d.error.message() +
          (d.http_status != 0 ? " (HTTP " + std::to_string(d.http_status) + ")" : ""));
    }
    log("reconnecting in " + std::to_string(d.retry_in.count()) + " ms");
  });
  client.on_bad_frame([](const ari::bad_frame& f) {
    log("bad frame skipped: " + f.what + "; frame: " + f.excerpt);
  });
  client.on_stopped([&](ari::stop_reason why, const std::string& detail) {
    if (why == ari::stop_reason::application_replaced) {
      log("application " + s.app +
          " was taken over by another connection (ApplicationReplaced): exiting");
      status = 3;
    } else if (why != ari::stop_reason::requested) {
      const bool exhausted = why == ari::stop_reason::attempts_exhausted;
      log("connect to " + where + " failed" + (exhausted ? ", giving up: " : ": ") + detail);
      if (!exhausted) {
        log(why == ari::stop_reason::unauthorized ? "not retrying: check --user and --password"
                                                  : "not retrying: check --host");
      }
      status = exhausted ? 1 : 2;
    }
  });

  client.start();
  io.run();
  return status;
}
