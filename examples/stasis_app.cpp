// stasis_app: a small but complete Stasis application on ari::client. It logs one line per event,
// answers each channel that enters the application, plays a prompt with a playback id of its own,
// hangs up when that prompt has finished, and logs every request and its outcome. The client does
// the rest: deadlines, pings, reconnecting with jittered backoff, and stopping for a refused login,
// an unknown host or ApplicationReplaced, which end the program. Run with --help for the options.
#include <chrono>
#include <cstdlib>
#include <exception>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <ari/ari.hpp>
#include <ari/client.hpp>

#include "command_line.hpp"

namespace rq = ari::requests;

namespace {

constexpr const char* usage = R"(usage: stasis_app [options]

Registers a Stasis application, logs one line per event, answers each channel that enters it,
plays a prompt and hangs up when the prompt has finished, logging each request and its outcome.

  --host HOST, --port PORT    Asterisk's HTTP server (env ARI_HOST, ARI_PORT; 127.0.0.1:8088);
                              an IPv6 literal without brackets (--host ::1)
  --app NAME                  the application (env ARI_APP; default hello)
  --user USER, --password P   ari.conf credentials (env ARI_USER, ARI_PASSWORD; asterisk)
  --subscribe-all             also every event of the system (subscribeAll=true)
  --media URI                 what to play (default sound:hello-world)
  --requests-over-websocket   requests as RESTRequest on the event socket (Asterisk 20.14+)
  --log-only                  only log events; send no requests
  --timeout-ms N              deadline of a connection attempt and of a request (10000)
  --idle-timeout-ms N         ping after N/2 ms of silence, reconnect after N (60000)
  --initial-backoff-ms N      first wait before reconnecting, doubled up to
  --max-backoff-ms N          this (500, 30000); each wait drawn from [wait/2, wait]
  --max-attempts N            give up after N failed attempts in a row (0: never)
  --record FILE               append each event to FILE as ari::to_frame writes it
  --exit-after-events N       exit 0 after N events, once no request is in flight (tests)
  --help                      this text

Exit status: 0 after --exit-after-events; 1 after --max-attempts; 2 for a bad command line,
an unknown host or refused credentials; 3 when another connection took the application over.
)";

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

settings parse_options(ari_examples::command_line& line, int argc, char** argv) {
  settings s;
  ari::client_options& c = s.client;
  c.username = env("ARI_USER", "asterisk");
  c.password = env("ARI_PASSWORD", "asterisk");
  line.text("--host", s.host);
  line.text("--port", s.port);
  line.text("--app", s.app);
  line.text("--user", c.username);
  line.text("--password", c.password);
  line.flag("--subscribe-all", c.subscribe_all);
  line.text("--media", s.media);
  line.flag("--requests-over-websocket", [&] { c.requests = ari::request_transport::websocket; });
  line.flag("--log-only", s.log_only);
  line.milliseconds("--timeout-ms", 1, c.connect_timeout, c.request_timeout);
  line.milliseconds("--idle-timeout-ms", 2, c.idle_timeout);
  line.milliseconds("--initial-backoff-ms", 0, c.initial_backoff);
  line.milliseconds("--max-backoff-ms", 0, c.max_backoff);
  line.number("--max-attempts", c.max_attempts);
  line.text("--record", s.record);
  line.number("--exit-after-events", s.exit_after, 1);
  line.parse(argc, argv);
  const bool ipv6 = s.host.find(':') != std::string::npos;
  c.url = "http://" + (ipv6 ? "[" + s.host + "]" : s.host) + ":" + s.port;
  c.applications = {s.app};
  return s;
}

// The client refuses options it cannot use (--port 0, an empty --host): a bad command line.
ari::client make_client(boost::asio::io_context& io, const ari::client_options& options,
                        const ari_examples::command_line& line) try {
  return {io, options};
} catch (const std::invalid_argument& e) {
  line.fail(e.what());
}

void log(const std::string& line) {
  std::cout << line << std::endl;
}

// " ID ID ...": the channels, bridges, playbacks and recordings an event is about.
std::string ids_of(const ari::Event& event) {
  const ari::related r = ari::related_ids(event);
  std::string text;
  for (const auto* ids : {&r.channels, &r.bridges, &r.playbacks, &r.recordings})
    for (const auto& id : *ids)
      text += " " + id;
  return text;
}

}  // namespace

int main(int argc, char** argv) {
  ari_examples::command_line line{"stasis_app", usage};
  const settings s = parse_options(line, argc, argv);
  std::ofstream record(s.record, std::ios::app);  // none without --record
  if (!s.record.empty() && !record) line.fail("cannot write " + s.record);
  boost::asio::io_context io{1};  // run by one thread: the client needs no strand
  ari::client client = make_client(io, s.client, line);
  const std::string where = "ws://" + s.client.url.substr(7) + "/ari/events";
  const char* form = s.client.requests == ari::request_transport::websocket ? " (RESTRequest)" : "";
  int status = 0;
  long events = 0, requests = 0, in_flight = 0, prompts = 0;
  bool exiting = false;  // --exit-after-events reached: stop once nothing is in flight
  const auto stop_when_idle = [&] {
    if (exiting && in_flight == 0) client.stop();
  };

  // Sends a request, logs it and its outcome, and gives its response (if any) to on_success.
  const auto send = [&](auto request, auto on_success) {
    const std::string id = "rq-" + std::to_string(++requests);
    const ari::http_request http = ari::to_http(request);
    log("request " + id + ": " + http.method + " " + http.target + form);
    ++in_flight;
    client.async_send(request, [=, &in_flight](std::exception_ptr error, auto&&... response) {
      --in_flight;
      try {
        if (error) std::rethrow_exception(error);
        log("response " + id + ": ok");
        on_success(response...);
      } catch (const std::exception& e) {
        log("request " + id + " failed: " + e.what());
      }
      stop_when_idle();
    });
  };

  const auto seen = [&](const ari::Event& event) {
    if (record.is_open()) record << ari::to_frame(event) << std::endl;
    log("event " + std::string(ari::type_name(event)) + ids_of(event));
    if (std::holds_alternative<ari::RESTResponse>(event) || ++events != s.exit_after) return;
    log("exiting after " + std::to_string(events) + " events");
    exiting = true;
    boost::asio::post(client.get_executor(), stop_when_idle);  // after this event's handlers
  };
  client.otherwise(seen);

  // The call: answer, play with an id chosen here, hang up when that playback has finished.
  // The wait is armed before the play is sent: a prompt that fails at once sends its
  // PlaybackFinished before the play's response.
  const auto play_then_hang_up = [&](const std::string& channel) {
    rq::channels::playWithId play;
    play.channelId = channel;
    play.playbackId = channel + "-prompt-" + std::to_string(++prompts);
    play.media = {s.media};
    client.async_wait<ari::PlaybackFinished>(
        [id = play.playbackId](const ari::PlaybackFinished& e) { return e.playback.id == id; },
        ari::wait_options{nullptr, std::chrono::minutes(10)},
        [&, channel](boost::system::error_code error, const ari::PlaybackFinished&) {
          if (error) log("  -> no PlaybackFinished for " + channel + ": " + error.message());
          if (error == ari::client_errc::stopped) return;
          rq::channels::hangup hangup;
          hangup.channelId = channel;
          send(hangup, [] {});
        });
    send(play, [](const ari::Playback&) {});
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
    const std::string status_text =
        d.http_status != 0 ? " (HTTP " + std::to_string(d.http_status) + ")" : "";
    log(d.connection != 0 ? "connection lost: " + d.error.message()
                          : "connect to " + where + " failed: " + d.error.message() + status_text);
    log("reconnecting in " + std::to_string(d.retry_in.count()) + " ms");
  });
  client.on_bad_frame([](const ari::bad_frame& f) {
    log("bad frame skipped: " + f.what + "; frame: " + f.excerpt);
  });
  client.on_stopped([&](ari::stop_reason why, const std::string& detail) {
    using reason = ari::stop_reason;
    if (why == reason::requested) return;
    status = why == reason::application_replaced ? 3 : why == reason::attempts_exhausted ? 1 : 2;
    if (status == 3)
      return log("application " + s.app +
                 " was taken over by another connection (ApplicationReplaced): exiting");
    log("connect to " + where + " failed" + (status == 1 ? ", giving up: " : ": ") + detail);
    if (why == reason::unauthorized) log("not retrying: check --user and --password");
    if (why == reason::unknown_host) log("not retrying: check --host");
  });

  client.start();
  io.run();
  return status;
}
