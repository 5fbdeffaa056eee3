// hello_coroutine: a Stasis application with a C++20 coroutine per call, on ari::client. Each
// channel that enters the application is answered, hears a prompt and is hung up once the prompt
// has finished, and the coroutine reads as that call flow.
//
//   hello_coroutine [--url URL] [--user USER] [--password PASS] [--app NAME] [--media URI]
//                   [--requests-over-websocket] [--calls N]
//
// It needs C++20 coroutines (configure with -DCMAKE_CXX_STANDARD=20); in C++17 it builds to a
// program that says so and exits 77 (what CTest counts as a skipped test).
#include <cstdlib>
#include <exception>
#include <iostream>
#include <string>

#include <boost/asio/io_context.hpp>

#include <ari/client.hpp>

#include "command_line.hpp"

#if defined(BOOST_ASIO_HAS_CO_AWAIT)

#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/use_awaitable.hpp>

namespace rq = ari::requests;
using boost::asio::use_awaitable;

namespace {

constexpr const char* usage = R"(usage: hello_coroutine [options]

Answers every channel that enters the application, plays a prompt to it and hangs it up when the
prompt has finished.

  --url URL                  Asterisk's HTTP server (default http://127.0.0.1:8088)
  --user USER                ari.conf user (default asterisk)
  --password PASS            its password (default asterisk)
  --app NAME                 Stasis application to register (default hello)
  --media URI                what to play (default sound:hello-world)
  --requests-over-websocket  send requests as RESTRequest messages on the event WebSocket
  --calls N                  exit after N calls (default: run forever)
  --help                     this text
)";

// One call, from StasisStart to hang-up.
boost::asio::awaitable<void> call(ari::client& client, std::string channel, std::string media) {
  try {
    rq::channels::answer answer;
    answer.channelId = channel;
    co_await client.async_send(answer, use_awaitable);

    rq::channels::playWithId play;
    play.channelId = channel;
    play.playbackId = channel + "-hello";  // ours, so that we know its events
    play.media = {media};
    // Taken before the play: a prompt that fails at once sends PlaybackFinished before the play's
    // response, and the wait below still sees it.
    const ari::mark since = client.mark();
    co_await client.async_send(play, use_awaitable);
    co_await client.async_wait<ari::PlaybackFinished>(
        [&](const ari::PlaybackFinished& e) { return e.playback.id == play.playbackId; }, {&since},
        use_awaitable);

    rq::channels::hangup hangup;
    hangup.channelId = channel;
    co_await client.async_send(hangup, use_awaitable);
    std::cout << channel << ": answered, played " << media << ", hung up" << std::endl;
  } catch (const ari::request_error& e) {
    // Asterisk's refusal: most often 404, the caller hung up first.
    std::cout << channel << ": " << e.what() << std::endl;
  } catch (const boost::system::system_error& e) {
    // No answer at all: timed out, disconnected, stopped.
    std::cout << channel << ": " << e.what() << std::endl;
  }
}

}  // namespace

int main(int argc, char** argv) {
  ari::client_options options;
  options.username = options.password = "asterisk";
  options.applications = {"hello"};
  std::string media = "sound:hello-world";
  long calls = 0;
  ari_examples::command_line line{"hello_coroutine", usage};
  line.text("--url", options.url);
  line.text("--user", options.username);
  line.text("--password", options.password);
  line.with_value("--app", [&](const std::string& app) { options.applications = {app}; });
  line.text("--media", media);
  line.flag("--requests-over-websocket",
            [&] { options.requests = ari::request_transport::websocket; });
  line.number("--calls", calls, 1);
  line.parse(argc, argv);

  boost::asio::io_context io{1};  // run by one thread: the client needs no strand
  int status = 0;
  try {
    ari::client client{io, options};
    long ended = 0;
    client.on<ari::StasisStart>([&](const ari::StasisStart& e) {
      std::cout << e.channel.id << ": entered (caller " << e.channel.caller.number << ")"
                << std::endl;
      // On the client's strand, like the handlers: the calls need no locks.
      boost::asio::co_spawn(client.get_executor(), call(client, e.channel.id, media),
                            [&](std::exception_ptr error) {
                              if (error) std::rethrow_exception(error);  // a bug: let it out
                              if (++ended == calls) client.stop();
                            });
    });
    client.on_stopped([&](ari::stop_reason why, const std::string& detail) {
      if (why == ari::stop_reason::requested) return;
      std::cerr << "hello_coroutine: stopped: " << detail << std::endl;
      status = 1;
    });
    client.start();
    io.run();
  } catch (const std::invalid_argument& e) {  // options the client cannot use
    line.fail(e.what());
  }
  return status;
}

#else

int main() {
  std::cerr << "hello_coroutine: needs C++20 coroutines (configure with -DCMAKE_CXX_STANDARD=20)"
            << std::endl;
  return 77;
}

#endif
