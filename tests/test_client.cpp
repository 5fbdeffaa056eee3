// ari::client against the scripted server (examples/replay_server.hpp), in-process: events,
// requests over both transports, and every recovery rule. No test waits for a time to pass to
// decide anything: each runs the io_context until the outcome it expects, with a generous
// limit for a broken client.
#include <atomic>
#include <chrono>
#include <exception>
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <thread>
#include <typeinfo>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_future.hpp>

#include <ari/client.hpp>
#include <ari/requests.hpp>

#include "catch.hpp"
#include "replay_server.hpp"
#include "support.hpp"

namespace rq = ari::requests;
using namespace std::chrono_literals;

namespace {

const std::string playback_started =
    R"({"type":"PlaybackStarted","timestamp":"2026-11-26T05:40:55.893+0000","playback":{"id":"pb1","media_uri":"sound:ari-test","target_uri":"channel:s01","language":"en","state":"playing"},"asterisk_id":"02:fc:00:00:00:01","application":"testapp"})";
const std::string playback_finished =
    R"({"type":"PlaybackFinished","timestamp":"2026-11-26T05:40:56.892+0000","playback":{"id":"pb1","media_uri":"sound:ari-test","target_uri":"channel:s01","language":"en","state":"done"},"asterisk_id":"02:fc:00:00:00:01","application":"testapp"})";
const std::string playback_body =
    R"({"id":"pb1","media_uri":"sound:ari-test","target_uri":"channel:s01","language":"en","state":"queued"})";

// The play a test sends, and the script step that expects it (with its response).
rq::channels::playWithId play_pb1() {
  rq::channels::playWithId play;
  play.channelId = "s01";
  play.playbackId = "pb1";
  play.media = {"sound:ari-test"};
  return play;
}
std::string expect_play(const std::string& respond) {
  return R"({"expect":{"method":"POST","uri":"channels/s01/play/pb1","query":[["media","sound:ari-test"]]},"respond":)" +
         respond + "}";
}
const std::string play_created =
    R"({"status":201,"reason":"Created","body":)" + playback_body + "}";

struct harness {
  explicit harness(std::vector<std::string> script, ari_replay::options server_options = {},
                   int concurrency_hint = BOOST_ASIO_CONCURRENCY_HINT_DEFAULT)
      : server(std::move(server_options), std::move(script)), io(concurrency_hint) {
    server.start();
  }

  ari::client_options options(ari::request_transport transport = ari::request_transport::http) {
    ari::client_options o;
    o.url = "http://127.0.0.1:" + std::to_string(server.port());
    o.username = "asterisk";
    o.password = "asterisk";
    o.applications = {"testapp"};
    o.requests = transport;
    o.initial_backoff = 20ms;
    o.max_backoff = 100ms;
    o.connect_timeout = 2s;
    o.request_timeout = 5s;
    return o;
  }

  // Runs the io_context until `done` holds; fails the test after `limit`.
  void run_until(const std::function<bool()>& done, std::chrono::seconds limit = 30s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (!done() && std::chrono::steady_clock::now() < end) {
      io.run_for(10ms);
      if (io.stopped()) io.restart();
    }
    INFO(server.text());
    REQUIRE(done());
  }

  ari_replay::server server;
  boost::asio::io_context io;
};

// What a test keeps of a client's callbacks.
struct record {
  std::vector<std::string> types;
  std::vector<ari::connection_info> connections;
  std::vector<ari::disconnect_info> disconnects;
  std::vector<ari::bad_frame> bad_frames;
  std::optional<ari::stop_reason> stopped;
  std::string stop_detail;

  void attach(ari::client& client) {
    client.otherwise([this](const ari::Event& e) { types.emplace_back(ari::type_name(e)); })
        .on_connected([this](const ari::connection_info& c) { connections.push_back(c); })
        .on_disconnected([this](const ari::disconnect_info& d) { disconnects.push_back(d); })
        .on_bad_frame([this](const ari::bad_frame& f) { bad_frames.push_back(f); })
        .on_stopped([this](ari::stop_reason r, const std::string& detail) {
          stopped = r;
          stop_detail = detail;
        });
  }
};

// The error code of a transport failure, or a message naming what it was instead.
boost::system::error_code code_of(const std::exception_ptr& error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const boost::system::system_error& e) {
    return e.code();
  } catch (...) {
  }
  return {};
}

}  // namespace

TEST_CASE("client: real frames arrive as typed events, in order") {
  const auto& capture = test::capture_frames();
  const std::vector<std::string> frames(capture.begin(), capture.begin() + 200);
  // io_context{1}: one thread runs it, so the client's handlers run on its executor, without a
  // strand; any other io_context may be run by several threads, so they run on a strand.
  const bool one_thread = GENERATE(false, true);
  harness h(frames, {}, one_thread ? 1 : BOOST_ASIO_CONCURRENCY_HINT_DEFAULT);
  ari::client client{h.io, h.options()};
  using io_executor = boost::asio::io_context::executor_type;
  CHECK((client.get_executor().target_type() == typeid(io_executor)) == one_thread);
  CHECK((client.get_executor().target_type() == typeid(boost::asio::strand<io_executor>)) ==
        !one_thread);
  record r;
  r.attach(client);
  std::vector<std::string> channel_ids;
  client.on<ari::StasisStart>(
      [&](const ari::StasisStart& e) { channel_ids.push_back(e.channel.id); });
  client.start();
  h.run_until([&] { return r.types.size() + channel_ids.size() == frames.size(); });

  std::vector<std::string> expected_types;
  std::vector<std::string> expected_ids;
  for (const auto& frame : frames) {
    const auto event = ari::parse_event(frame);
    if (const auto* start = std::get_if<ari::StasisStart>(&event)) {
      expected_ids.push_back(start->channel.id);
    } else {
      expected_types.emplace_back(ari::type_name(event));
    }
  }
  CHECK(r.types == expected_types);
  CHECK(channel_ids == expected_ids);
  CHECK_FALSE(channel_ids.empty());
  REQUIRE(r.connections.size() == 1);
  CHECK(r.connections[0].connection == 1);
  CHECK_FALSE(r.connections[0].reconnect);
  client.stop();
  h.run_until([&] { return r.stopped.has_value(); });
  CHECK(*r.stopped == ari::stop_reason::requested);
}

TEST_CASE("client: refused credentials stop the client, without a second attempt") {
  ari_replay::options server_options;
  server_options.api_key = "ari:s3cret";
  harness h({}, server_options);
  auto options = h.options();
  options.username = "ari";
  options.password = "wrong";
  ari::client client{h.io, options};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return r.stopped.has_value(); });
  CHECK(*r.stopped == ari::stop_reason::unauthorized);
  CHECK(test::contains(r.stop_detail, "HTTP 401"));
  CHECK(h.server.count("refused") == 1);
  CHECK(r.connections.empty());
}

TEST_CASE("client: a 503 on the upgrade is retried with backoff, then the connection is up") {
  ari_replay::options server_options;
  server_options.refuse_status = 503;
  server_options.refuse_count = 2;
  harness h({playback_started}, server_options);
  ari::client client{h.io, h.options()};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return r.types.size() == 1; });
  REQUIRE(r.disconnects.size() == 2);
  CHECK(r.disconnects[0].http_status == 503);
  CHECK(r.disconnects[0].connection == 0);
  CHECK(r.disconnects[1].retry_in >= r.disconnects[0].retry_in / 2);
  REQUIRE(r.connections.size() == 1);
  CHECK_FALSE(r.connections[0].reconnect);
}

TEST_CASE("client: an unknown host stops the client") {
  boost::asio::io_context io;
  ari::client_options options;
  options.url = "http://no-such-host.invalid:8088";
  options.applications = {"hello"};
  ari::client client{io, options};
  std::optional<ari::stop_reason> stopped;
  client.on_stopped([&](ari::stop_reason r, const std::string&) { stopped = r; });
  client.start();
  io.run_for(20s);
  REQUIRE(stopped.has_value());
  CHECK(*stopped == ari::stop_reason::unknown_host);
}

TEST_CASE("client: options it cannot use are refused at construction") {
  boost::asio::io_context io;
  ari::client_options options;
  options.applications = {"hello"};
  options.url = "ftp://127.0.0.1";
  CHECK_THROWS_AS(ari::client(io, options), std::invalid_argument);
  options.url = "http://::1:8088";
  CHECK_THROWS_AS(ari::client(io, options), std::invalid_argument);
  options.url = "http://127.0.0.1:99999";
  CHECK_THROWS_AS(ari::client(io, options), std::invalid_argument);
  options.url = "http://[::1]:8088";
  CHECK_NOTHROW(ari::client(io, options));
  options.applications = {};
  CHECK_THROWS_AS(ari::client(io, options), std::invalid_argument);
  options.applications = {"a,b"};
  CHECK_THROWS_AS(ari::client(io, options), std::invalid_argument);
}

TEST_CASE("client: two requests made back to back reach Asterisk in that order") {
  for (const auto transport : {ari::request_transport::http, ari::request_transport::websocket}) {
    INFO((transport == ari::request_transport::http ? "http" : "websocket"));
    ari_replay::options server_options;
    server_options.http_requests = transport == ari::request_transport::http;
    harness h(
        {R"({"expect":{"method":"POST","uri":"channels/s01/answer"},"respond":{"status":204,"reason":"No Content"}})",
         expect_play(play_created)},
        server_options);
    ari::client client{h.io, h.options(transport)};
    record r;
    r.attach(client);
    client.start();
    if (transport == ari::request_transport::websocket) {
      h.run_until([&] { return !r.connections.empty(); });
    }
    rq::channels::answer answer;
    answer.channelId = "s01";
    std::vector<std::string> done;
    std::optional<ari::Playback> playback;
    client.async_send(answer, [&](std::exception_ptr error) {
      CHECK_FALSE(error);
      done.emplace_back("answer");
    });
    client.async_send(play_pb1(), [&](std::exception_ptr error, ari::Playback p) {
      CHECK_FALSE(error);
      done.emplace_back("play");
      playback = std::move(p);
    });
    h.run_until([&] { return done.size() == 2; });
    CHECK(done == std::vector<std::string>{"answer", "play"});
    REQUIRE(playback);
    CHECK(playback->id == "pb1");
    CHECK(playback->state == ari::PlaybackState::queued);
    CHECK(h.server.count("as expected") == 2);
    const auto lines = h.server.lines();
    std::vector<std::string> requests;
    for (const auto& line : lines) {
      if (line.rfind("request ", 0) == 0) requests.push_back(line);
    }
    REQUIRE(requests.size() == 2);
    CHECK(test::contains(requests[0], "POST channels/s01/answer"));
    CHECK(test::contains(requests[1], "POST channels/s01/play/pb1"));
  }
}

TEST_CASE("client: Asterisk's errors are ari::request_error with status and message") {
  for (const auto transport : {ari::request_transport::http, ari::request_transport::websocket}) {
    ari_replay::options server_options;
    server_options.http_requests = transport == ari::request_transport::http;
    harness h(
        {R"({"expect":{"method":"POST","uri":"channels/gone/answer"},"respond":{"status":404,"reason":"Not Found","body":{"message":"Channel not found"}}})"},
        server_options);
    ari::client client{h.io, h.options(transport)};
    client.start();
    rq::channels::answer answer;
    answer.channelId = "gone";
    std::optional<int> status;
    std::string message;
    client.async_send(answer, [&](std::exception_ptr error) {
      try {
        std::rethrow_exception(error);
      } catch (const ari::request_error& e) {
        status = e.status();
        message = e.message();
      } catch (...) {
        status = -1;
      }
    });
    h.run_until([&] { return status.has_value(); });
    CHECK(*status == 404);
    CHECK(message == "Channel not found");
  }
}

TEST_CASE("client: a request in flight when the socket drops fails with disconnected, not resent") {
  harness h({expect_play("null"), R"({"drop":true})", playback_started});
  ari::client client{h.io, h.options(ari::request_transport::websocket)};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return !r.connections.empty(); });
  std::optional<boost::system::error_code> failure;
  client.async_send(play_pb1(),
                    [&](std::exception_ptr error, ari::Playback) { failure = code_of(error); });
  h.run_until([&] { return failure.has_value() && !r.types.empty(); });
  CHECK(*failure == ari::client_errc::disconnected);
  REQUIRE(r.connections.size() == 2);
  CHECK(r.connections[1].reconnect);
  CHECK(r.types == std::vector<std::string>{"PlaybackStarted"});
  CHECK(h.server.count("POST channels/s01/play/pb1") == 1);
}

TEST_CASE("client: a keep-alive connection the server closed is not reused") {
  // As after an Asterisk restart: the next request must open a new connection rather than be
  // written into the dead one and fail.
  ari_replay::options server_options;
  server_options.http_requests = true;
  const std::string expect_answer =
      R"({"expect":{"method":"POST","uri":"channels/s01/answer"},"respond":{"status":204}})";
  harness h({expect_answer, R"({"drop":"http"})", expect_answer}, server_options);
  ari::client client{h.io, h.options()};
  rq::channels::answer answer;
  answer.channelId = "s01";
  std::vector<boost::system::error_code> outcomes;
  client.async_send(answer, [&](std::exception_ptr error) { outcomes.push_back(code_of(error)); });
  h.run_until([&] {
    return outcomes.size() == 1 && h.server.count("dropped") + h.server.count("ended") >= 1;
  });
  client.async_send(answer, [&](std::exception_ptr error) { outcomes.push_back(code_of(error)); });
  h.run_until([&] { return outcomes.size() == 2; });
  CHECK(outcomes[0] == boost::system::error_code());
  CHECK(outcomes[1] == boost::system::error_code());
  CHECK(h.server.count("as expected") == 2);
}

TEST_CASE("client: a request without an answer times out") {
  for (const auto transport : {ari::request_transport::http, ari::request_transport::websocket}) {
    ari_replay::options server_options;
    server_options.http_requests = transport == ari::request_transport::http;
    harness h({expect_play("null")}, server_options);
    auto options = h.options(transport);
    options.request_timeout = 300ms;
    ari::client client{h.io, options};
    client.start();
    std::optional<boost::system::error_code> failure;
    client.async_send(play_pb1(),
                      [&](std::exception_ptr error, ari::Playback) { failure = code_of(error); });
    h.run_until([&] { return failure.has_value(); });
    CHECK(*failure == ari::client_errc::timed_out);
  }
}

TEST_CASE("client: a PlaybackFinished that overtakes the play's response is not lost") {
  // Asterisk sends PlaybackStarted and PlaybackFinished of a prompt that fails at once before
  // the response to the play.
  for (const auto transport : {ari::request_transport::http, ari::request_transport::websocket}) {
    INFO((transport == ari::request_transport::http ? "http" : "websocket"));
    ari_replay::options server_options;
    server_options.http_requests = transport == ari::request_transport::http;
    harness h({expect_play("null"), playback_started, playback_finished,
               R"({"respond":)" + play_created + "}"},
              server_options);
    ari::client client{h.io, h.options(transport)};
    record r;
    r.attach(client);
    client.start();
    h.run_until([&] { return !r.connections.empty(); });

    SECTION("with a mark taken before sending") {
      auto since = std::make_shared<ari::mark>(client.mark());
      std::optional<ari::PlaybackFinished> finished;
      bool responded = false;
      client.async_send(play_pb1(), [&, since](std::exception_ptr error, ari::Playback) {
        CHECK_FALSE(error);
        responded = true;
        client.async_wait<ari::PlaybackFinished>(
            [](const ari::PlaybackFinished& e) { return e.playback.id == "pb1"; },
            ari::wait_options{since.get()},
            [&](boost::system::error_code error2, ari::PlaybackFinished e) {
              CHECK_FALSE(error2);
              finished = std::move(e);
            });
      });
      h.run_until([&] { return finished.has_value(); });
      CHECK(responded);
      CHECK(finished->playback.state == ari::PlaybackState::done);
    }
    SECTION("with the wait armed before sending") {
      std::optional<ari::PlaybackFinished> finished;
      client.async_wait<ari::PlaybackFinished>(
          [](const ari::PlaybackFinished& e) { return e.playback.id == "pb1"; },
          [&](boost::system::error_code error, ari::PlaybackFinished e) {
            CHECK_FALSE(error);
            finished = std::move(e);
          });
      bool responded = false;
      client.async_send(play_pb1(), [&](std::exception_ptr, ari::Playback) { responded = true; });
      h.run_until([&] { return finished.has_value() && responded; });
      CHECK(finished->playback.id == "pb1");
    }
  }
}

TEST_CASE("client: a wait without a mark sees only events to come, and can time out") {
  harness h({playback_finished});
  ari::client client{h.io, h.options()};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return r.types.size() == 1; });
  std::optional<boost::system::error_code> outcome;
  client.async_wait<ari::PlaybackFinished>(
      [](const ari::PlaybackFinished&) { return true; }, ari::wait_options{nullptr, 200ms},
      [&](boost::system::error_code error, ari::PlaybackFinished) { outcome = error; });
  h.run_until([&] { return outcome.has_value(); });
  CHECK(*outcome == ari::client_errc::timed_out);
}

TEST_CASE("client: waits fail with disconnected when the socket drops, then it reconnects") {
  harness h({R"({"drop":true})", playback_started});
  ari::client client{h.io, h.options()};
  record r;
  r.attach(client);
  std::optional<boost::system::error_code> outcome;
  client.on_connected([&](const ari::connection_info& c) {
    r.connections.push_back(c);
    if (c.connection != 1) return;
    client.async_wait<ari::PlaybackFinished>(
        [](const ari::PlaybackFinished&) { return true; },
        [&](boost::system::error_code error, ari::PlaybackFinished) { outcome = error; });
  });
  client.start();
  h.run_until([&] { return outcome.has_value() && r.types.size() == 1; });
  CHECK(*outcome == ari::client_errc::disconnected);
  REQUIRE(r.connections.size() == 2);
  CHECK(r.connections[1].reconnect);
  REQUIRE(r.disconnects.size() == 1);
  CHECK(r.disconnects[0].connection == 1);
}

TEST_CASE("client: ApplicationReplaced stops the client; no reconnect takes the app back") {
  const std::string replaced =
      R"({"type":"ApplicationReplaced","timestamp":"2026-11-26T14:41:12.444+0900","asterisk_id":"02:fc:00:00:00:01","application":"testapp"})";
  harness h({playback_started, replaced, R"({"drop":true})"});
  ari::client client{h.io, h.options()};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return r.stopped.has_value(); });
  CHECK(*r.stopped == ari::stop_reason::application_replaced);
  CHECK(test::contains(r.stop_detail, "testapp"));
  CHECK(r.types == std::vector<std::string>{"PlaybackStarted", "ApplicationReplaced"});
  CHECK(r.connections.size() == 1);
  CHECK(h.server.count("websocket 2") == 0);
}

TEST_CASE("client: bad frames are reported with their position, the connection is kept") {
  harness h({playback_started, "{\"type\":\"StasisStart\",\"args\":",
             R"({"binary":"\u0001\u0002"})", "not json at all", playback_finished});
  ari::client client{h.io, h.options()};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return r.types.size() == 2; });
  CHECK(r.types == std::vector<std::string>{"PlaybackStarted", "PlaybackFinished"});
  REQUIRE(r.bad_frames.size() == 3);
  CHECK(r.bad_frames[0].index == 2);
  CHECK(r.bad_frames[0].connection == 1);
  CHECK(test::contains(r.bad_frames[0].what, "ari: "));
  CHECK(r.bad_frames[0].excerpt == "{\"type\":\"StasisStart\",\"args\":");
  CHECK(r.bad_frames[1].index == 3);
  CHECK(r.bad_frames[1].what == "binary frame");
  CHECK(r.bad_frames[2].index == 4);
  CHECK(r.connections.size() == 1);
}

TEST_CASE("client: a frame over the size limit is reported and the connection renewed") {
  const std::string big = R"({"type":"UserEvent","eventname":")" + std::string(5000, 'x') + "\"}";
  harness h({big, playback_started});
  auto options = h.options();
  options.limits.max_frame_size = 1000;
  ari::client client{h.io, options};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return r.connections.size() == 2 && !r.bad_frames.empty(); });
  CHECK(r.bad_frames[0].what == "frame over 1000 bytes");
  CHECK(r.bad_frames[0].index == 1);
  CHECK(r.connections[1].reconnect);
}

TEST_CASE("client: the idle timeout gives up a silent server, not a quiet one that answers pings") {
  // Paused, the server answers no ping; waiting, it does, and its pongs are signs of life.
  for (const bool answers_pings : {false, true}) {
    INFO("answers pings: " << answers_pings);
    harness h({answers_pings ? R"({"wait_ms":2000})" : R"({"pause_ms":4000})", playback_started});
    auto options = h.options();
    options.idle_timeout = 400ms;
    ari::client client{h.io, options};
    record r;
    r.attach(client);
    client.start();
    if (answers_pings) {
      h.run_until([&] { return !r.types.empty(); });
      CHECK(r.types == std::vector<std::string>{"PlaybackStarted"});
      CHECK(r.disconnects.empty());
      CHECK(r.connections.size() == 1);
    } else {
      h.run_until([&] { return r.connections.size() == 2; });
      REQUIRE_FALSE(r.disconnects.empty());
      CHECK(r.disconnects[0].connection == 1);
      CHECK(r.disconnects[0].error == ari::client_errc::timed_out);
      CHECK(r.connections[1].reconnect);
    }
  }
}

TEST_CASE("client: an abandoned handshake is closed for good") {
  // The server holds the first upgrade longer than the client's deadline, then completes it:
  // the client must have closed that socket, or the late handshake would take the app over.
  ari_replay::options server_options;
  server_options.handshake_delay = 1500ms;
  harness h({playback_started}, server_options);
  auto options = h.options();
  options.connect_timeout = 300ms;
  ari::client client{h.io, options};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return !r.types.empty() && h.server.count("handshake after") == 1; });
  CHECK(h.server.count("the client had gone") == 1);
  REQUIRE_FALSE(r.disconnects.empty());
  CHECK(r.disconnects[0].error == ari::client_errc::timed_out);
  CHECK(r.connections.size() == 1);
}

TEST_CASE("client: stop() fails what is in flight with stopped") {
  harness h({expect_play("null")});
  ari::client client{h.io, h.options(ari::request_transport::websocket)};
  record r;
  r.attach(client);
  client.start();
  h.run_until([&] { return !r.connections.empty(); });
  std::optional<boost::system::error_code> request, wait;
  client.async_send(play_pb1(),
                    [&](std::exception_ptr error, ari::Playback) { request = code_of(error); });
  client.async_wait<ari::StasisEnd>(
      [](const ari::StasisEnd&) { return true; },
      [&](boost::system::error_code error, ari::StasisEnd) { wait = error; });
  h.run_until([&] { return h.server.count("POST channels/s01/play/pb1") == 1; });
  client.stop();
  h.run_until([&] { return request && wait && r.stopped; });
  CHECK(*request == ari::client_errc::stopped);
  CHECK(*wait == ari::client_errc::stopped);
  CHECK(*r.stopped == ari::stop_reason::requested);
}

TEST_CASE("client: use_future, with the io_context run on several threads") {
  ari_replay::options server_options;
  server_options.http_requests = true;
  std::vector<std::string> script;
  for (int i = 0; i < 20; ++i) {
    script.push_back(
        R"({"expect":{"method":"POST","uri":"channels/s01/answer"},"respond":{"status":204}})");
  }
  harness h(script, server_options);
  ari::client client{h.io, h.options()};
  client.start();
  auto guard = boost::asio::make_work_guard(h.io);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&] { h.io.run(); });
  std::vector<std::future<void>> answers;
  rq::channels::answer answer;
  answer.channelId = "s01";
  for (int i = 0; i < 20; ++i)
    answers.push_back(client.async_send(answer, boost::asio::use_future));
  int answered = 0;
  for (auto& f : answers) {
    f.get();
    ++answered;
  }
  CHECK(answered == 20);
  client.stop();
  guard.reset();
  for (auto& t : threads)
    t.join();
  CHECK(h.server.count("as expected") == 20);
}

#if defined(BOOST_ASIO_HAS_CO_AWAIT)
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>

TEST_CASE("client: use_awaitable, a coroutine that reads as the call flow") {
  ari_replay::options server_options;
  server_options.http_requests = true;
  harness h(
      {R"({"expect":{"method":"POST","uri":"channels/s01/answer"},"respond":{"status":204}})",
       expect_play("null"), playback_started, playback_finished,
       R"({"respond":)" + play_created + "}",
       R"({"expect":{"method":"DELETE","uri":"channels/s01"},"respond":{"status":404,"reason":"Not Found","body":{"message":"Channel not found"}}})"},
      server_options);
  ari::client client{h.io, h.options()};
  client.start();
  std::vector<std::string> steps;
  bool done = false;
  boost::asio::co_spawn(
      client.get_executor(),
      [&]() -> boost::asio::awaitable<void> {
        using boost::asio::use_awaitable;
        rq::channels::answer answer;
        answer.channelId = "s01";
        co_await client.async_send(answer, use_awaitable);
        steps.emplace_back("answered");
        const ari::mark since = client.mark();
        const ari::Playback playback = co_await client.async_send(play_pb1(), use_awaitable);
        steps.push_back("playing " + playback.id);
        const auto finished = co_await client.async_wait<ari::PlaybackFinished>(
            [](const ari::PlaybackFinished& e) { return e.playback.id == "pb1"; }, {&since},
            use_awaitable);
        steps.push_back("finished " + std::string(finished.playback.state.text()));
        try {
          rq::channels::hangup hangup;
          hangup.channelId = "s01";
          co_await client.async_send(hangup, use_awaitable);
        } catch (const ari::request_error& e) {
          steps.push_back("hangup " + std::to_string(e.status()));
        }
        done = true;
      },
      boost::asio::detached);
  h.run_until([&] { return done; });
  CHECK(steps ==
        std::vector<std::string>{"answered", "playing pb1", "finished done", "hangup 404"});
}
#endif
