// outbound_peer: Asterisk's side of the ARI outbound WebSocket, scripted, for testing an
// application that listens (examples/outbound_app). It connects as res_websocket_client does
// (Basic authorization, subprotocol "ari"), sends ApplicationRegistered and a StasisStart per
// call, answers the application's RESTRequests, and checks that each call is answered, played
// and hung up, in that order. Every other call's PlaybackFinished is sent before the play's
// response, as a real Asterisk does for a prompt that fails at once.
//
//   outbound_peer PORT USER PASSWORD persistent|per_call CALLS
//
// persistent: one connection carries every call (all started at once); per_call: a connection
// per call, closed after its StasisEnd, as connection_type = per_call_config does. Prints a line
// per call and "CALLS calls: A answered, P played, H hung up"; exit status 0 when all were.
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/ari.hpp>
#include <ari/detail/basic_authorization.hpp>

#include "peer_support.hpp"

namespace websocket = boost::beast::websocket;

namespace {

const char* const stasis_start_frame =
    R"({"type":"StasisStart","timestamp":"2026-12-05T08:21:31.000+0000","args":["viaoutbound"],"channel":{"id":"","name":"","state":"Ring","protocol_id":"","caller":{"name":"","number":""},"connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"stasis-in","exten":"outapp","priority":1,"app_name":"Stasis","app_data":"outapp,viaoutbound"},"creationtime":"2026-12-05T08:21:31.000+0000","language":"en"},"asterisk_id":"02:fc:00:00:00:01","application":"outapp"})";

// What the peer saw of one call.
struct call {
  std::string channel;
  std::string application;
  bool answered = false;
  bool played = false;
  bool hung_up = false;
  std::string problem;  // the first request out of place
};

class connection {
 public:
  connection(boost::asio::io_context& io, const std::string& port, const std::string& user,
             const std::string& password)
      : ws_(io) {
    boost::asio::ip::tcp::resolver resolver(io);
    boost::asio::connect(ws_.next_layer(), resolver.resolve("127.0.0.1", port));
    ws_.set_option(websocket::stream_base::decorator([user, password](websocket::request_type& r) {
      r.set(boost::beast::http::field::sec_websocket_protocol, "ari");
      r.set(boost::beast::http::field::user_agent, "Asterisk/22.10.1");
      if (!user.empty()) {
        r.set(boost::beast::http::field::authorization,
              ari::detail::basic_authorization(user + ":" + password));
      }
    }));
    ws_.handshake("127.0.0.1:" + port, "/");
    ws_.text(true);
  }

  void send(const std::string& frame) { ws_.write(boost::asio::buffer(frame)); }

  ari::RESTRequest receive() {
    boost::beast::flat_buffer buffer;
    ws_.read(buffer);
    return nlohmann::json::parse(boost::beast::buffers_to_string(buffer.data()))
        .get<ari::RESTRequest>();
  }

  void respond(const ari::RESTRequest& request, int status, const std::string& reason,
               const std::string& application, const std::string& body = {}) {
    send(test::response_to(request, status, reason, application, body));
  }

  void close() { ws_.close(websocket::close_code::normal); }

 private:
  websocket::stream<boost::asio::ip::tcp::socket> ws_;
};

std::string event(const char* type, const call& c,
                  nlohmann::json extra = nlohmann::json::object()) {
  auto document = nlohmann::json::parse(stasis_start_frame);
  document["type"] = type;
  document["channel"]["id"] = c.channel;
  document["channel"]["name"] = "Local/outapp@stasis-in-" + c.channel + ";2";
  document["application"] = c.application;
  if (std::string(type) != "StasisStart") document.erase("args");
  for (auto& [key, value] : extra.items())
    document[key] = value;
  return document.dump();
}

std::string playback(const std::string& id, const std::string& media, const call& c,
                     const char* state) {
  return nlohmann::json{{"id", id},
                        {"media_uri", media},
                        {"target_uri", "channel:" + c.channel},
                        {"language", "en"},
                        {"state", state}}
      .dump();
}

// Serves the application's requests on `link` until every call of `calls` is hung up.
void serve(connection& link, std::map<std::string, call>& calls) {
  std::size_t open = calls.size();
  while (open != 0) {
    const auto request = link.receive();
    const auto slash = request.uri.find('/', 9);  // after "channels/"
    const std::string channel =
        request.uri.substr(9, slash == std::string::npos ? std::string::npos : slash - 9);
    const auto found = calls.find(channel);
    if (request.uri.rfind("channels/", 0) != 0 || found == calls.end()) {
      std::cout << "unexpected request: " << request.method << ' ' << request.uri << std::endl;
      link.respond(request, 404, "Not Found", "outapp", R"({"message":"Channel not found"})");
      continue;
    }
    call& c = found->second;
    const std::string rest = slash == std::string::npos ? "" : request.uri.substr(slash);
    auto out_of_place = [&](const char* what) {
      if (c.problem.empty())
        c.problem = std::string(what) + ": " + request.method + ' ' + request.uri;
    };
    if (request.method == "POST" && rest == "/answer") {
      if (c.answered) out_of_place("answered twice");
      c.answered = true;
      link.respond(request, 204, "No Content", c.application);
    } else if (request.method == "POST" && rest.rfind("/play/", 0) == 0) {
      if (!c.answered) out_of_place("played before the answer");
      std::string media;
      for (const auto& q :
           request.query_strings.value_or(std::vector<ari::RESTQueryStringParameter>{}))
        if (q.name == "media") media = q.value;
      const std::string id = rest.substr(6);
      c.played = !media.empty();
      const auto started =
          event("PlaybackStarted", c,
                {{"playback", nlohmann::json::parse(playback(id, media, c, "playing"))}});
      const auto finished =
          event("PlaybackFinished", c,
                {{"playback", nlohmann::json::parse(playback(id, media, c, "done"))}});
      // A prompt that fails at once: its events overtake the play's response (odd calls).
      const bool overtaking = std::stoi(channel.substr(5)) % 2 == 1;
      if (overtaking) {
        link.send(started);
        link.send(finished);
      }
      link.respond(request, 201, "Created", c.application, playback(id, media, c, "queued"));
      if (!overtaking) {
        link.send(started);
        link.send(finished);
      }
    } else if (request.method == "DELETE" && rest.empty()) {
      if (!c.played) out_of_place("hung up before the prompt finished");
      c.hung_up = true;
      link.respond(request, 204, "No Content", c.application);
      link.send(event("ChannelHangupRequest", c, {{"cause", 16}}));
      link.send(event("StasisEnd", c));
      --open;
    } else {
      out_of_place("unexpected");
      link.respond(request, 400, "Bad Request", c.application, R"({"message":"unexpected"})");
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6 || (std::string(argv[4]) != "persistent" && std::string(argv[4]) != "per_call")) {
    std::cerr << "usage: outbound_peer PORT USER PASSWORD persistent|per_call CALLS\n";
    return 2;
  }
  const std::string port = argv[1], user = argv[2], password = argv[3];
  const bool persistent = std::string(argv[4]) == "persistent";
  const int count = std::atoi(argv[5]);
  boost::asio::io_context io;
  std::map<std::string, call> all;
  try {
    const std::string registered_template =
        R"({"type":"ApplicationRegistered","timestamp":"2026-12-05T08:21:30.101+0000","asterisk_id":"02:fc:00:00:00:01","application":")";
    if (persistent) {
      connection link(io, port, user, password);
      link.send(registered_template + "outapp\"}");
      std::map<std::string, call> calls;
      for (int i = 1; i <= count; ++i) {
        call c;
        c.channel = "call-" + std::to_string(i);
        c.application = "outapp";
        link.send(event("StasisStart", c));
        calls[c.channel] = c;
      }
      serve(link, calls);
      link.close();
      all = std::move(calls);
    } else {
      // All connections open first: several calls are up at once, each on its own session.
      std::vector<std::unique_ptr<connection>> links;
      std::vector<std::map<std::string, call>> calls(static_cast<std::size_t>(count));
      for (int i = 1; i <= count; ++i) {
        links.push_back(std::make_unique<connection>(io, port, user, password));
        call c;
        c.channel = "call-" + std::to_string(i);
        c.application = "outapp:Local/outapp@stasis-in-" + c.channel + ";2";
        links.back()->send(registered_template + c.application + "\"}");
        links.back()->send(event("StasisStart", c));
        calls[static_cast<std::size_t>(i - 1)][c.channel] = c;
      }
      for (std::size_t i = 0; i < links.size(); ++i) {
        serve(*links[i], calls[i]);
        links[i]->close();  // Asterisk closes a per-call connection after StasisEnd
        all.insert(calls[i].begin(), calls[i].end());
      }
    }
  } catch (const std::exception& e) {
    std::cout << "outbound_peer: " << e.what() << std::endl;
  }
  int answered = 0, played = 0, hung_up = 0, problems = 0;
  for (const auto& [id, c] : all) {
    answered += c.answered;
    played += c.played;
    hung_up += c.hung_up;
    problems += !c.problem.empty();
    std::cout << id << ": " << (c.answered ? "answered" : "not answered") << ", "
              << (c.played ? "played" : "not played") << ", "
              << (c.hung_up ? "hung up" : "not hung up")
              << (c.problem.empty() ? "" : " (" + c.problem + ")") << std::endl;
  }
  std::cout << count << " calls: " << answered << " answered, " << played << " played, " << hung_up
            << " hung up" << std::endl;
  return answered == count && played == count && hung_up == count && problems == 0 ? 0 : 1;
}
