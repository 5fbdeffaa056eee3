// The scripted server the client's tests run against (examples/replay_server.hpp), checked with
// plain Beast calls: the handshake and its refusals, HTTP keep-alive and the order of requests,
// binary frames, a response held back behind frames, and a pause that leaves pings unanswered.
//
// This file compiles the server for the whole client_tests executable.
#define ARI_REPLAY_SERVER_IMPLEMENTATION
#include "replay_server.hpp"

#include <string>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <nlohmann/json.hpp>

#include "catch.hpp"
#include "web_support.hpp"

namespace {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = net::ip::tcp;

constexpr const char* events_target = "/ari/events?app=testapp&api_key=asterisk:asterisk";

struct ws_client {
  net::io_context io;
  websocket::stream<tcp::socket> ws{io};
  websocket::response_type response;

  beast::error_code connect(unsigned short port, const std::string& target = events_target) {
    ws.next_layer().connect({net::ip::make_address("127.0.0.1"), port});
    beast::error_code error;
    ws.handshake(response, "127.0.0.1:" + std::to_string(port), target, error);
    return error;
  }

  std::string read() {
    beast::flat_buffer buffer;
    ws.read(buffer);
    return beast::buffers_to_string(buffer.data());
  }
};

// A WebSocket upgrade request, by hand: Beast 1.74's synchronous handshake keeps the response
// to itself when the server declines.
http::request<http::empty_body> upgrade_request(const std::string& target) {
  http::request<http::empty_body> upgrade{http::verb::get, target, 11};
  upgrade.set(http::field::host, "127.0.0.1");
  upgrade.set(http::field::upgrade, "websocket");
  upgrade.set(http::field::connection, "Upgrade");
  upgrade.set(http::field::sec_websocket_key, "dGhlIHNhbXBsZSBub25jZQ==");
  upgrade.set(http::field::sec_websocket_version, "13");
  return upgrade;
}

struct http_client {
  net::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;

  explicit http_client(unsigned short port) {
    socket.connect({net::ip::make_address("127.0.0.1"), port});
  }

  void send(http::verb method, const std::string& target, bool authorized = true) {
    http::request<http::string_body> request{method, target, 11};
    request.set(http::field::host, "127.0.0.1");
    if (authorized) {
      request.set(http::field::authorization, web::basic_authorization("asterisk:asterisk"));
    }
    request.prepare_payload();
    http::write(socket, request);
  }

  http::response<http::string_body> upgrade(const std::string& target) {
    http::write(socket, upgrade_request(target));
    return receive();
  }

  http::response<http::string_body> receive() {
    http::response<http::string_body> response;
    http::read(socket, buffer, response);
    return response;
  }
};

}  // namespace

TEST_CASE("replay server: the handshake, then the script's frames in order") {
  ari_replay::server server({}, {R"({"type":"first"})", R"({"type":"second"})"});
  server.start();
  ws_client client;
  REQUIRE_FALSE(client.connect(server.port()));
  CHECK(client.read() == R"({"type":"first"})");
  CHECK(client.read() == R"({"type":"second"})");
  CHECK(server.wait_for("connection 1: sent 2 frames, all done"));
  CHECK(server.count("connection 1: websocket 1 for app testapp, serving from line 1") == 1);
  client.ws.close(websocket::close_code::normal);
  CHECK(
      server.wait_for("connection 1: ended (closed by the client with code 1000) after sending 2 "
                      "frames, receiving 0 messages"));
  CHECK(server.succeeded());
}

TEST_CASE("replay server: a wrong key is refused with 401, and refusals stay out of the script") {
  ari_replay::options o;
  o.http_requests = true;
  ari_replay::server server(
      o, {R"({"expect":{"method":"GET","uri":"channels"},"respond":{"status":200,"body":[]}})"});
  server.start();

  const auto refused =
      http_client(server.port()).upgrade("/ari/events?app=testapp&api_key=asterisk:wrong");
  CHECK(refused.result_int() == 401);
  CHECK(refused[http::field::www_authenticate] == "Basic realm=\"Asterisk REST Interface\"");
  CHECK(server.count("refused /ari/events?app=testapp&api_key=asterisk:wrong: 401 "
                     "Authentication required (connection 1)") == 1);

  http_client client(server.port());
  client.send(http::verb::get, "/ari/channels", false);
  const auto unauthorized = client.receive();
  CHECK(unauthorized.result_int() == 401);
  CHECK(unauthorized[http::field::www_authenticate] == "Basic realm=\"Asterisk REST Interface\"");
  client.send(http::verb::get, "/ari/channels");  // the same connection, kept alive
  const auto answered = client.receive();
  CHECK(answered.result_int() == 200);
  CHECK(answered.body() == "[]");
  CHECK(server.count("refused /ari/channels: 401 Authentication required (connection 2)") == 1);
  CHECK(server.count("request 1: GET channels as expected; answered 200 (http connection 2)") == 1);
  CHECK(server.succeeded());
}

TEST_CASE("replay server: HTTP keep-alive, requests matched in the order they arrive") {
  for (const bool in_order : {true, false}) {
    INFO("requests sent " << (in_order ? "in" : "out of") << " order");
    ari_replay::options o;
    o.http_requests = true;
    ari_replay::server server(
        o, {R"({"expect":{"method":"POST","uri":"channels/c1/answer"},"respond":{"status":204}})",
            R"({"expect":{"method":"POST","uri":"channels/c1/play","query":[["media","sound:x"]]},)"
            R"("respond":{"status":201,"reason":"Created","body":{"id":"pb1"}}})"});
    server.start();
    http_client client(server.port());
    const char* answer = "/ari/channels/c1/answer";
    const char* play = "/ari/channels/c1/play?media=sound%3Ax";
    // Back to back on one connection, before reading any response.
    client.send(http::verb::post, in_order ? answer : play);
    client.send(http::verb::post, in_order ? play : answer);
    const auto first = client.receive();
    const auto second = client.receive();
    CHECK(first.result_int() == 204);
    CHECK(second.result_int() == 201);
    CHECK(second.reason() == "Created");
    CHECK(second.body() == R"({"id":"pb1"})");
    if (in_order) {
      CHECK(server.count("request 1: POST channels/c1/answer as expected; answered 204 (http "
                         "connection 1)") == 1);
      CHECK(server.count("request 2: POST channels/c1/play?media=sound:x as expected; answered "
                         "201 (http connection 1)") == 1);
      CHECK(server.succeeded());
    } else {
      CHECK(server.count("request 1: POST channels/c1/play?media=sound:x NOT AS EXPECTED: POST "
                         "channels/c1/answer; answered 204 (http connection 1)") == 1);
      CHECK_FALSE(server.succeeded());
    }
  }
}

TEST_CASE("replay server: a binary frame, and a response held back behind a frame") {
  ari_replay::server server(
      {}, {R"({"binary":"abc"})",
           R"({"expect":{"method":"POST","uri":"channels/c1/play/pb1"},"respond":null})",
           R"({"type":"PlaybackFinished"})",
           R"({"respond":{"status":201,"reason":"Created","body":{"id":"pb1"}}})"});
  server.start();
  ws_client client;
  REQUIRE_FALSE(client.connect(server.port()));
  CHECK(client.read() == "abc");
  CHECK(client.ws.got_binary());
  client.ws.text(true);
  client.ws.write(net::buffer(std::string(
      R"({"type":"RESTRequest","transaction_id":"t1","request_id":"r1","method":"POST",)"
      R"("uri":"channels/c1/play/pb1"})")));
  CHECK(client.read() == R"({"type":"PlaybackFinished"})");
  const auto response = nlohmann::json::parse(client.read());
  CHECK(response.at("type") == "RESTResponse");
  CHECK(response.at("request_id") == "r1");
  CHECK(response.at("status_code") == 201);
  CHECK(response.at("message_body") == R"({"id":"pb1"})");
  CHECK(server.count("request 1: POST channels/c1/play/pb1 as expected; not answered (websocket "
                     "connection 1)") == 1);
  CHECK(server.count("request 1: answered 201 (websocket connection 1)") == 1);
  CHECK(server.succeeded());
}

TEST_CASE("replay server: a pause leaves the client's ping unanswered until it is over") {
  ari_replay::server server(
      {}, {R"({"type":"A"})", R"({"pause_ms":500})", R"({"type":"B"})",
           R"({"expect":{"method":"GET","uri":"asterisk/info"},"respond":{"status":200}})"});
  server.start();
  ws_client client;
  REQUIRE_FALSE(client.connect(server.port()));
  // How many times the server had logged the pause's end when each pong arrived.
  std::vector<std::size_t> pongs;
  client.ws.control_callback([&](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::pong) pongs.push_back(server.count("pause over"));
  });
  CHECK(client.read() == R"({"type":"A"})");
  REQUIRE(server.wait_for("connection 1: pausing 500 ms"));
  client.ws.ping({});  // during the pause, read at once: a pong would come back in the pause
  CHECK(client.read() == R"({"type":"B"})");
  client.ws.write(net::buffer(
      std::string(R"({"type":"RESTRequest","transaction_id":"t1","request_id":"r1","method":"GET",)"
                  R"("uri":"asterisk/info"})")));
  // The server answers the ping after the pause, and before it reads this request.
  CHECK(nlohmann::json::parse(client.read()).at("status_code") == 200);
  CHECK(pongs == std::vector<std::size_t>{1});
  CHECK(server.count("connection 1: pause over") == 1);
}

TEST_CASE("replay server: refused upgrades, then a handshake held until the client has gone") {
  ari_replay::options o;
  o.refuse_status = 503;
  o.refuse_count = 1;
  o.handshake_delay = std::chrono::milliseconds(1000);
  ari_replay::server server(o, {R"({"type":"A"})"});
  server.start();

  CHECK(http_client(server.port()).upgrade(events_target).result_int() == 503);

  {  // Asks, then gives up before the answer.
    http_client abandoned(server.port());
    http::write(abandoned.socket, upgrade_request(events_target));
    REQUIRE(server.wait_for("connection 2: holding the handshake for 1000 ms"));
  }
  ws_client live;
  REQUIRE_FALSE(live.connect(server.port()));
  CHECK(live.read() == R"({"type":"A"})");
  CHECK(server.wait_for("connection 2: handshake after 1000 ms: the client had gone"));
  CHECK(server.count("connection 3: websocket 1 for app testapp") == 1);
  CHECK(server.count("websocket 2") == 0);
}

TEST_CASE("replay server: garbage, oversized and cut-short requests leave it serving") {
  ari_replay::options o;
  o.http_requests = true;
  o.body_limit = 1000;
  ari_replay::server server(
      o, {R"({"expect":{"method":"GET","uri":"channels"},"respond":{"status":200,"body":[]}})"});
  server.start();
  {
    http_client garbage(server.port());
    net::write(garbage.socket, net::buffer(std::string("\x16\x03\x01 not HTTP\r\n\r\n")));
    CHECK(garbage.receive().result_int() == 400);
  }
  {
    http_client oversized(server.port());
    http::request<http::string_body> request{http::verb::post, "/ari/channels", 11};
    request.set(http::field::authorization, web::basic_authorization("asterisk:asterisk"));
    request.body() = std::string(2000, 'x');
    request.prepare_payload();
    http::write(oversized.socket, request);
    CHECK(oversized.receive().result_int() == 413);
  }
  {
    http_client cut_short(server.port());
    net::write(
        cut_short.socket,
        net::buffer(std::string("POST /ari/channels HTTP/1.1\r\nContent-Length: 50\r\n\r\nab")));
  }
  {
    ws_client vanishing;
    REQUIRE_FALSE(vanishing.connect(server.port()));
    net::write(vanishing.ws.next_layer(), net::buffer(std::string("\xff\xff\xff\xff")));
  }
  REQUIRE(server.wait_for("connection 4: ended ("));
  http_client client(server.port());
  client.send(http::verb::get, "/ari/channels");
  CHECK(client.receive().result_int() == 200);
  CHECK(server.count("request 1: GET channels as expected; answered 200 (http connection 5)") == 1);
  CHECK(server.count(": bad request (") == 3);
  CHECK(server.succeeded());
}

TEST_CASE("replay server: options::ipv6 listens on [::1] too, on the same port") {
  ari_replay::options o;
  o.ipv6 = true;
  ari_replay::server server(o, {R"({"type":"A"})"});
  server.start();
  CHECK(server.count("listening on [::1]:" + std::to_string(server.port())) == 1);
  ws_client client;
  client.ws.next_layer().connect({net::ip::make_address("::1"), server.port()});
  client.ws.handshake("[::1]:" + std::to_string(server.port()), events_target);
  CHECK(client.read() == R"({"type":"A"})");
}

TEST_CASE("replay server: close and drop steps, the script going on on the next connection") {
  ari_replay::server server(
      {}, {R"({"type":"A"})", R"({"close":4000,"reason":"bye"})", R"({"wait_websocket":2})",
           R"({"type":"B"})", R"({"drop":true})", R"({"type":"C"})"});
  server.start();
  beast::flat_buffer buffer;
  beast::error_code error;

  ws_client first;
  REQUIRE_FALSE(first.connect(server.port()));
  CHECK(first.read() == R"({"type":"A"})");
  first.ws.read(buffer, error);
  CHECK(error == websocket::error::closed);
  CHECK(first.ws.reason().code == 4000);
  CHECK(first.ws.reason().reason == "bye");

  ws_client second;
  REQUIRE_FALSE(second.connect(server.port()));
  CHECK(second.read() == R"({"type":"B"})");
  second.ws.read(buffer, error);
  CHECK(error);  // dropped: no close frame

  ws_client third;
  REQUIRE_FALSE(third.connect(server.port()));
  CHECK(third.read() == R"({"type":"C"})");
  CHECK(server.count("connection 1: sent close 4000") == 1);
  CHECK(server.count("connection 2: dropped after 1 frames") == 1);
  CHECK(server.count("connection 3: websocket 3 for app testapp, serving from line 6") == 1);
  CHECK(server.wait_for("connection 3: sent 1 frames, all done"));
}

TEST_CASE("replay server: a drop of the HTTP connections closes idle keep-alive ones") {
  ari_replay::options o;
  o.http_requests = true;
  ari_replay::server server(
      o, {R"({"expect":{"method":"GET","uri":"channels"},"respond":{"status":200,"body":[]}})",
          R"({"drop":"http"})"});
  server.start();
  http_client client(server.port());
  client.send(http::verb::get, "/ari/channels");
  CHECK(client.receive().result_int() == 200);
  REQUIRE(server.wait_for("connection 1: ended (dropped by the script) after 1 requests"));
  http::response<http::string_body> response;
  beast::error_code error;
  http::read(client.socket, client.buffer, response, error);
  CHECK(error == http::error::end_of_stream);
}
