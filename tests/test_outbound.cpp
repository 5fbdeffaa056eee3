// ari::outbound_listener: Asterisk connecting to the application (outbound WebSocket). A thread
// plays Asterisk with plain Beast calls, as res_websocket_client does: Basic authorization,
// subprotocol "ari", events in, RESTRequest messages answered with RESTResponse.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/client.hpp>
#include <ari/requests.hpp>

#include "catch.hpp"
#include "peer_support.hpp"
#include "support.hpp"

namespace rq = ari::requests;
namespace websocket = boost::beast::websocket;
using namespace std::chrono_literals;

namespace {

const std::string registered =
    R"({"type":"ApplicationRegistered","timestamp":"2026-12-05T08:21:30.101+0000","application":"outapp","asterisk_id":"02:fc:00:00:00:01"})";

// A real StasisStart of the capture, for channel `id`.
std::string stasis_start(const std::string& id) {
  for (const auto& frame : test::capture_frames()) {
    if (frame.find("\"StasisStart\"") == std::string::npos) continue;
    auto document = nlohmann::json::parse(frame);
    document["channel"]["id"] = id;
    document["application"] = "outapp";
    return document.dump();
  }
  throw std::runtime_error("no StasisStart in the capture");
}

// Asterisk's side of one outbound connection.
class fake_asterisk {
 public:
  fake_asterisk(unsigned short port, const std::string& user_and_password) : ws_(io_) {
    boost::asio::ip::tcp::resolver resolver(io_);
    boost::asio::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", std::to_string(port)));
    ws_.set_option(
        websocket::stream_base::decorator([user_and_password](websocket::request_type& request) {
          request.set(boost::beast::http::field::sec_websocket_protocol, "ari");
          if (!user_and_password.empty()) {
            request.set(boost::beast::http::field::authorization,
                        ari::detail::basic_authorization(
                            user_and_password.substr(0, user_and_password.find(':')),
                            user_and_password.substr(user_and_password.find(':') + 1)));
          }
        }));
    ws_.handshake(response_, "127.0.0.1", "/");
  }

  const websocket::response_type& response() const { return response_; }
  void send(const std::string& frame) {
    ws_.text(true);
    ws_.write(boost::asio::buffer(frame));
  }
  std::string receive() {
    boost::beast::flat_buffer buffer;
    ws_.read(buffer);
    return boost::beast::buffers_to_string(buffer.data());
  }
  // Reads a RESTRequest and answers it with `status` and `body`; returns the request.
  ari::RESTRequest answer(int status, const std::string& reason, const std::string& body = {}) {
    const auto request = nlohmann::json::parse(receive()).get<ari::RESTRequest>();
    send(test::response_to(request, status, reason, "outapp", body));
    return request;
  }
  void close() { ws_.close(websocket::close_code::normal); }

 private:
  boost::asio::io_context io_;
  websocket::stream<boost::asio::ip::tcp::socket> ws_;
  websocket::response_type response_;
};

void run_until(boost::asio::io_context& io, const std::function<bool()>& done) {
  REQUIRE(test::run_until_done(io, done));
}

ari::listener_options listener_options() {
  ari::listener_options o;
  o.port = 0;
  o.username = "asterisk";
  o.password = "s3cret";
  return o;
}

// The application under test: answers each StasisStart on its session, then records the
// answer's outcome.
struct answering_app {
  std::mutex mutex;
  std::vector<std::uint64_t> sessions;
  std::vector<std::string> answered;
  std::vector<std::string> closed;

  void attach(ari::outbound_listener& listener) {
    listener.on_session([this](ari::outbound_session session) {
      {
        std::lock_guard<std::mutex> lock(mutex);
        sessions.push_back(session.id());
      }
      session.on<ari::StasisStart>([this, session](const ari::StasisStart& e) mutable {
        rq::channels::answer answer;
        answer.channelId = e.channel.id;
        session.async_send(answer, [this, id = e.channel.id](std::exception_ptr error) {
          std::lock_guard<std::mutex> lock(mutex);
          answered.push_back(error ? "failed " + id : id);
        });
      });
      session.on_closed([this, id = session.id()](const boost::system::error_code&) {
        std::lock_guard<std::mutex> lock(mutex);
        closed.push_back(std::to_string(id));
      });
    });
  }
  std::size_t count(const std::vector<std::string>& list) {
    std::lock_guard<std::mutex> lock(mutex);
    return list.size();
  }
};

}  // namespace

TEST_CASE("outbound: a persistent connection carries several calls; requests go back on it") {
  boost::asio::io_context io;
  ari::outbound_listener listener{io, listener_options()};
  answering_app app;
  app.attach(listener);
  listener.start();
  std::vector<std::string> uris;
  std::string protocol;
  std::thread asterisk([&, port = listener.port()] {
    fake_asterisk connection(port, "asterisk:s3cret");
    protocol =
        std::string(connection.response()[boost::beast::http::field::sec_websocket_protocol]);
    connection.send(registered);
    connection.send(stasis_start("call-1"));
    connection.send(stasis_start("call-2"));
    uris.push_back(connection.answer(204, "No Content").uri);
    uris.push_back(connection.answer(204, "No Content").uri);
    connection.close();
  });
  run_until(io, [&] { return app.count(app.answered) == 2 && app.count(app.closed) == 1; });
  asterisk.join();
  CHECK(protocol == "ari");
  CHECK(app.answered == std::vector<std::string>{"call-1", "call-2"});
  CHECK(uris == std::vector<std::string>{"channels/call-1/answer", "channels/call-2/answer"});
  CHECK(app.sessions == std::vector<std::uint64_t>{1});
  listener.stop();
}

TEST_CASE("outbound: per-call connections each get a session of their own") {
  boost::asio::io_context io;
  ari::outbound_listener listener{io, listener_options()};
  answering_app app;
  app.attach(listener);
  listener.start();
  std::thread asterisk([&, port = listener.port()] {
    std::vector<std::unique_ptr<fake_asterisk>> calls;
    for (int i = 1; i <= 3; ++i) {
      calls.push_back(std::make_unique<fake_asterisk>(port, "asterisk:s3cret"));
      calls.back()->send(registered);
      calls.back()->send(stasis_start("call-" + std::to_string(i)));
    }
    for (auto& call : calls)
      call->answer(204, "No Content");
    for (auto& call : calls)
      call->close();
  });
  run_until(io, [&] { return app.count(app.answered) == 3 && app.count(app.closed) == 3; });
  asterisk.join();
  std::sort(app.answered.begin(), app.answered.end());
  CHECK(app.answered == std::vector<std::string>{"call-1", "call-2", "call-3"});
  CHECK(app.sessions.size() == 3);
  listener.stop();
}

TEST_CASE("outbound: wrong credentials are refused with 401, and no session starts") {
  boost::asio::io_context io;
  ari::outbound_listener listener{io, listener_options()};
  answering_app app;
  app.attach(listener);
  listener.start();
  std::atomic<int> outcome{-1};  // 1: refused as declined, 0: anything else
  std::thread asterisk([&, port = listener.port()] {
    try {
      fake_asterisk connection(port, "asterisk:wrong");
      outcome = 0;
    } catch (const boost::system::system_error& e) {
      outcome = e.code() == websocket::error::upgrade_declined ? 1 : 0;
    }
  });
  run_until(io, [&] { return outcome.load() != -1; });
  asterisk.join();
  CHECK(outcome.load() == 1);
  CHECK(app.sessions.empty());
  listener.stop();
}

TEST_CASE("outbound: a request in flight when Asterisk goes away fails with disconnected") {
  boost::asio::io_context io;
  ari::outbound_listener listener{io, listener_options()};
  std::optional<boost::system::error_code> outcome;
  listener.on_session([&](ari::outbound_session session) {
    session.on<ari::StasisStart>([&, session](const ari::StasisStart& e) mutable {
      rq::channels::answer answer;
      answer.channelId = e.channel.id;
      session.async_send(answer, [&](std::exception_ptr error) {
        try {
          if (error) std::rethrow_exception(error);
          outcome = boost::system::error_code();
        } catch (const boost::system::system_error& failure) {
          outcome = failure.code();
        }
      });
    });
  });
  listener.start();
  std::thread asterisk([&, port = listener.port()] {
    fake_asterisk connection(port, "asterisk:s3cret");
    connection.send(stasis_start("call-1"));
    connection.receive();  // the answer, never answered
    connection.close();
  });
  run_until(io, [&] { return outcome.has_value(); });
  asterisk.join();
  CHECK(*outcome == ari::client_errc::disconnected);
  listener.stop();
}

TEST_CASE("outbound: a session the application closes ends cleanly, on an io_context{1} too") {
  // on_closed's documented empty error after a clean close: the close was the application's,
  // so whatever closing the socket did to the pending read (it said "Bad file descriptor") is
  // not an error. io_context{1}: the session runs on the io_context's executor, no strand.
  const int hint = GENERATE(BOOST_ASIO_CONCURRENCY_HINT_DEFAULT, 1);
  boost::asio::io_context io{hint};
  ari::outbound_listener listener{io, listener_options()};
  std::optional<boost::system::error_code> closed;
  listener.on_session([&](ari::outbound_session session) {
    session.on<ari::StasisStart>([session](const ari::StasisStart&) mutable { session.close(); });
    session.on_closed([&](const boost::system::error_code& error) { closed = error; });
  });
  listener.start();
  std::thread asterisk([port = listener.port()] {
    fake_asterisk connection(port, "asterisk:s3cret");
    connection.send(stasis_start("call-1"));
    try {
      connection.receive();  // until the application's close
    } catch (const boost::system::system_error&) {
    }
  });
  run_until(io, [&] { return closed.has_value(); });
  asterisk.join();
  INFO(closed->message());
  CHECK_FALSE(*closed);
  listener.stop();
}
