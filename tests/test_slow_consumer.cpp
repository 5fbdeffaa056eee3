// A slow consumer: the server streams thousands of frames while the application's handler is
// slow. What the client should do, decided here:
//
//   The client reads one frame, delivers it to the handlers on its strand, and only then reads
//   the next, so a handler that is slow holds reading back and the socket's buffers in the
//   kernel push back on the server (TCP flow control). It keeps no queue of its own: memory
//   stays at one frame (plus Beast's read buffer) however far behind the handler is, and
//   nothing is dropped or reordered. The alternative, reading ahead into a queue, would not
//   save a consumer that stays slow: Asterisk waits at most websocket_write_timeout (ari.conf,
//   100 ms by default) for a write that does not fit in the socket's buffers and then closes
//   the connection (code 1011), so a queue would only trade that for unbounded memory or, if
//   bounded, postpone it. A handler that has long work to do posts it elsewhere and returns;
//   a burst the kernel buffers cannot absorb fast enough ends in a reconnect, and on_connected
//   (reconnect = true) is where the application re-reads its state.
//
// The test holds the handler of the first event until the server's writes stop making progress,
// then lets the rest through with the handler still slow now and then. No decision depends on a
// time: the quiet period only tells when to let go, and a client that read ahead would let the
// server write everything while the handler is held, which the test reports.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <ari/client.hpp>

#include "catch.hpp"
#include "stub_server.hpp"

using namespace std::chrono_literals;

namespace {

// PlaybackStarted number `n`, padded to about a kilobyte by its media URI.
std::string numbered_frame(std::size_t n) {
  return R"({"type":"PlaybackStarted","timestamp":"2026-11-26T05:40:55.893+0000","playback":{"id":"pb-)" +
         std::to_string(n) + R"(","media_uri":"sound:)" + std::string(900, 'x') +
         R"(","target_uri":"channel:s01","language":"en","state":"playing"},"asterisk_id":"02:fc:00:00:00:01","application":"testapp"})";
}

}  // namespace

TEST_CASE("client: a slow consumer holds the server back; nothing lost, order kept") {
  constexpr std::size_t frames = 20'000;  // about 20 MB: more than the socket buffers hold
  const std::size_t frame_size = numbered_frame(frames).size();

  boost::asio::io_context server_io;
  boost::asio::ip::tcp::acceptor acceptor(
      server_io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  const auto port = acceptor.local_endpoint().port();
  std::atomic<std::size_t> written{0};
  std::thread server([&] {
    boost::asio::ip::tcp::socket socket(server_io);
    boost::system::error_code error;
    acceptor.accept(socket, error);
    if (error) return;
    // A fixed send buffer (the kernel's autotuning would grow it to tcp_wmem's maximum, 4 MB
    // here), so that the frames the socket holds are few whatever the machine's settings.
    socket.set_option(boost::asio::socket_base::send_buffer_size(64 * 1024), error);
    test::serve_http<boost::asio::ip::tcp::socket>(
        socket, [&](boost::beast::websocket::stream<boost::asio::ip::tcp::socket&>& ws) {
          ws.text(true);
          boost::system::error_code write_error;
          for (std::size_t n = 1; n <= frames && !write_error; ++n) {
            ws.write(boost::asio::buffer(numbered_frame(n)), write_error);
            if (!write_error) ++written;
          }
          // Until the client closes.
          boost::beast::flat_buffer buffer;
          while (!write_error)
            ws.read(buffer, write_error);
        });
  });

  boost::asio::io_context io;
  ari::client_options options;
  options.url = "http://127.0.0.1:" + std::to_string(port);
  options.applications = {"testapp"};
  options.max_attempts = 1;
  ari::client client{io, options};
  std::vector<std::size_t> received;
  received.reserve(frames);
  std::size_t written_while_held = 0;
  bool server_finished_while_held = false;
  std::size_t disconnects = 0, bad_frames = 0;
  client.on_disconnected([&](const ari::disconnect_info&) { ++disconnects; });
  client.on_bad_frame([&](const ari::bad_frame&) { ++bad_frames; });
  client.on<ari::PlaybackStarted>([&](const ari::PlaybackStarted& e) {
    received.push_back(std::stoul(e.playback.id.substr(3)));
    if (received.size() == 1) {
      // Held until the server is stuck: its count has stood still for half a second.
      std::size_t last = written.load(), still = 0;
      while (still < 25) {
        std::this_thread::sleep_for(20ms);
        const std::size_t now = written.load();
        if (now == frames) {
          server_finished_while_held = true;
          break;
        }
        still = now == last ? still + 1 : 0;
        last = now;
      }
      written_while_held = written.load();
    } else if (received.size() % 1000 == 0) {
      std::this_thread::sleep_for(5ms);  // still slow now and then
    }
  });
  client.start();
  const auto end = std::chrono::steady_clock::now() + 50s;
  while (received.size() < frames && disconnects == 0 && std::chrono::steady_clock::now() < end) {
    io.run_for(10ms);
    if (io.stopped()) io.restart();
  }
  client.stop();
  io.run_for(2s);
  {
    // Unblocks the server's accept when the client never came.
    boost::asio::ip::tcp::socket knock(server_io);
    boost::system::error_code ignored;
    knock.connect({boost::asio::ip::make_address("127.0.0.1"), port}, ignored);
  }
  server.join();

  INFO("frames written while the handler was held: " << written_while_held << " of " << frames
                                                     << " (" << written_while_held * frame_size
                                                     << " bytes)");
  // The server was held back: the client did not read ahead while its handler was busy.
  CHECK_FALSE(server_finished_while_held);
  CHECK(written_while_held < frames / 4);
  // Nothing lost, nothing reordered, the connection kept.
  REQUIRE(received.size() == frames);
  bool in_order = true;
  for (std::size_t i = 0; i < frames; ++i)
    in_order = in_order && received[i] == i + 1;
  CHECK(in_order);
  CHECK(disconnects == 0);
  CHECK(bad_frames == 0);
}
