// outbound_app: a Stasis application that Asterisk connects to (ARI outbound WebSocket,
// Asterisk 20.15, 21.10, 22.5 and later). It listens; each connection Asterisk makes is a
// session. On each session it answers every channel that enters the application, plays a
// prompt with a playback id of its own, and hangs up when that prompt has finished. The same
// code serves both of Asterisk's forms: connection_type = persistent (one session, every call)
// and per_call_config (one session per call). Run with --help for the options.
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <ari/client.hpp>

#include "command_line.hpp"

namespace rq = ari::requests;

namespace {

constexpr const char* usage = R"(usage: outbound_app [options]

Listens for Asterisk's outbound WebSocket connections; on each, answers every channel that
enters the application, plays a prompt and hangs up when the prompt has finished.

  --address ADDRESS      the address to listen on (default 127.0.0.1; :: or 0.0.0.0 for all)
  --port PORT            the port (default 8765, websocket_client.conf uri; 0: any free one)
  --user USER            the credentials Asterisk presents (websocket_client.conf username
  --password PASSWORD    and password; default none required)
  --media URI            what to play (default sound:hello-world)
  --exit-after-calls N   exit 0 once N calls are hung up (tests)
  --help                 this text

Exit status: 0 after --exit-after-calls; 1 when the port cannot be listened on; 2 for a bad
command line.
)";

void log(const std::string& line) {
  std::cout << line << std::endl;
}

// One log line for a request's outcome: "ok" or Asterisk's refusal.
std::string outcome(const std::exception_ptr& error) {
  if (!error) return "ok";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
}

// The call flow, for each channel that enters the application on `session`.
void serve(ari::outbound_session session, const std::string& media,
           const std::function<void()>& call_done) {
  log("session " + std::to_string(session.id()) + " from " + session.remote());
  // The handlers hold the session (to send from them); it drops them when its connection ends.
  session.on<ari::StasisStart>([session, media, call_done](const ari::StasisStart& e) mutable {
    const std::string channel = e.channel.id;
    log(channel + ": StasisStart (" + e.application + ")");
    rq::channels::answer answer;
    answer.channelId = channel;
    // Sent without waiting: requests reach Asterisk in the order they are made.
    session.async_send(answer, [channel](std::exception_ptr error) {
      log(channel + ": answered: " + outcome(error));
    });

    rq::channels::playWithId play;
    play.channelId = channel;
    play.playbackId = channel + "-hello";  // chosen here, so that its PlaybackFinished is known
    play.media = {media};
    // Armed before the play is sent: a prompt that fails at once finishes before the play's
    // response arrives, and must not be missed.
    session.async_wait<ari::PlaybackFinished>(
        [id = play.playbackId](const ari::PlaybackFinished& f) { return f.playback.id == id; },
        [session, channel, call_done](boost::system::error_code error,
                                      const ari::PlaybackFinished& f) mutable {
          if (error) return log(channel + ": no PlaybackFinished: " + error.message());
          log(channel + ": played (" + std::string(f.playback.state.text()) + ")");
          rq::channels::hangup hangup;
          hangup.channelId = channel;
          session.async_send(hangup, [channel, call_done](std::exception_ptr hangup_error) {
            log(channel + ": hung up: " + outcome(hangup_error));
            call_done();
          });
        });
    session.async_send(play, [channel](std::exception_ptr error, const ari::Playback&) {
      if (error) log(channel + ": play: " + outcome(error));
    });
  });
  session.on_closed([id = session.id()](const boost::system::error_code& error) {
    log("session " + std::to_string(id) + " closed" + (error ? ": " + error.message() : ""));
  });
}

}  // namespace

int main(int argc, char** argv) {
  ari::listener_options options;
  std::string media = "sound:hello-world";
  long exit_after = -1;  // -1: run forever
  ari_examples::command_line line{"outbound_app", usage};
  line.text("--address", options.address);
  line.number("--port", options.port, 0, 65535);
  line.text("--user", options.username);
  line.text("--password", options.password);
  line.text("--media", media);
  line.number("--exit-after-calls", exit_after, 1);
  line.parse(argc, argv);

  boost::asio::io_context io{1};  // run by one thread: the client needs no strand
  ari::outbound_listener listener{io, options};
  // Sessions may run on strands of their own: the count of calls done is posted to the io_context.
  auto calls = std::make_shared<long>(0);
  const std::function<void()> call_done = [&io, &listener, calls, exit_after] {
    boost::asio::post(io, [&listener, calls, exit_after] {
      if (++*calls == exit_after) listener.stop();
    });
  };
  listener.on_session(
      [media, call_done](ari::outbound_session session) { serve(session, media, call_done); });
  try {
    listener.start();
  } catch (const std::exception& e) {
    std::cerr << "outbound_app: cannot listen on " << options.address << ':' << options.port << ": "
              << e.what() << '\n';
    return 1;
  }
  log("listening on " + options.address + ":" + std::to_string(listener.port()));
  io.run();  // returns once the listener has stopped and its sessions have closed
  return 0;
}
