// TLS, both directions, with a self-signed certificate made here by the OpenSSL API (no
// `openssl` command needed): ari::client over wss:// and https:// against a small Beast TLS
// server, verifying the certificate and host name (and refusing a certificate its CA file does
// not vouch for, with a clear error); ari::outbound_listener with a certificate, accepting
// Asterisk over wss. Compiled only where the client has TLS (tests/CMakeLists.txt).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <ari/client.hpp>
#include <ari/requests.hpp>

#include "catch.hpp"
#include "peer_support.hpp"
#include "stub_server.hpp"

namespace ssl = boost::asio::ssl;
namespace websocket = boost::beast::websocket;
using tcp = boost::asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

const std::string stasis_start =
    R"({"type":"StasisStart","timestamp":"2026-11-26T05:40:44.362+0000","args":[],"channel":{"id":"s01","name":"Local/wait@far-00000000;1","state":"Up","protocol_id":"","caller":{"name":"","number":""},"connected":{"name":"","number":""},"accountcode":"","dialplan":{"context":"far","exten":"wait","priority":1,"app_name":"Stasis","app_data":"testapp"},"creationtime":"2026-11-26T05:40:44.352+0000","language":"en"},"asterisk_id":"02:fc:00:00:00:01","application":"testapp"})";

// A self-signed certificate for 127.0.0.1 and localhost, and its key, as PEM files.
struct certificate {
  std::string chain_file;
  std::string key_file;
};

// Throws with OpenSSL's reason when `ok` is false.
void require(bool ok, const char* what) {
  if (!ok) {
    const char* reason = ERR_reason_error_string(ERR_get_error());
    throw std::runtime_error(std::string("making the test certificate: ") + what + ": " +
                             (reason != nullptr ? reason : "no reason given"));
  }
}

certificate make_certificate(const std::string& name) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("ari-events-tls-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const certificate files{(dir / (name + ".crt")).string(), (dir / (name + ".key")).string()};

  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> keygen(
      EVP_PKEY_CTX_new_id(EVP_PKEY_EC, nullptr), &EVP_PKEY_CTX_free);
  require(keygen != nullptr, "EVP_PKEY_CTX_new_id");
  require(EVP_PKEY_keygen_init(keygen.get()) > 0, "EVP_PKEY_keygen_init");
  require(EVP_PKEY_CTX_set_ec_paramgen_curve_nid(keygen.get(), NID_X9_62_prime256v1) > 0, "P-256");
  EVP_PKEY* raw_key = nullptr;
  require(EVP_PKEY_keygen(keygen.get(), &raw_key) > 0, "EVP_PKEY_keygen");
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(raw_key, &EVP_PKEY_free);

  std::unique_ptr<X509, decltype(&X509_free)> x509(X509_new(), &X509_free);
  require(x509 != nullptr, "X509_new");
  X509_set_version(x509.get(), 2);
  static std::atomic<long> serial{1};
  ASN1_INTEGER_set(X509_get_serialNumber(x509.get()), serial++);
  X509_gmtime_adj(X509_getm_notBefore(x509.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(x509.get()), 24 * 3600);
  require(X509_set_pubkey(x509.get(), key.get()) == 1, "X509_set_pubkey");
  X509_NAME* subject = X509_get_subject_name(x509.get());
  const std::string common_name = "ari-events test " + name;
  X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>(common_name.c_str()), -1, -1,
                             0);
  X509_set_issuer_name(x509.get(), subject);
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, x509.get(), x509.get(), nullptr, nullptr, 0);
  for (const auto& [nid, value] : {std::pair<int, const char*>{NID_basic_constraints, "CA:TRUE"},
                                   {NID_subject_alt_name, "IP:127.0.0.1,DNS:localhost"}}) {
    X509_EXTENSION* extension =
        X509V3_EXT_conf_nid(nullptr, &context, nid, const_cast<char*>(value));
    require(extension != nullptr, "X509V3_EXT_conf_nid");
    X509_add_ext(x509.get(), extension, -1);
    X509_EXTENSION_free(extension);
  }
  require(X509_sign(x509.get(), key.get(), EVP_sha256()) > 0, "X509_sign");

  std::unique_ptr<FILE, decltype(&std::fclose)> cert_out(std::fopen(files.chain_file.c_str(), "w"),
                                                         &std::fclose);
  std::unique_ptr<FILE, decltype(&std::fclose)> key_out(std::fopen(files.key_file.c_str(), "w"),
                                                        &std::fclose);
  if (!cert_out || !key_out) throw std::runtime_error("cannot write in " + dir.string());
  require(PEM_write_X509(cert_out.get(), x509.get()) == 1, "PEM_write_X509");
  require(
      PEM_write_PrivateKey(key_out.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
      "PEM_write_PrivateKey");
  return files;
}

// The certificates, made once: the server's own, and one of a stranger.
const certificate& server_certificate() {
  static const certificate files = make_certificate("server");
  return files;
}
const certificate& stranger_certificate() {
  static const certificate files = make_certificate("stranger");
  return files;
}

// Asterisk's HTTP server over TLS: each connection on a thread of its own, served by
// test::serve_http; the event socket gets one StasisStart, then is read until it closes.
class tls_server {
 public:
  tls_server() : context_(ssl::context::tls_server), acceptor_(io_) {
    context_.use_certificate_chain_file(server_certificate().chain_file);
    context_.use_private_key_file(server_certificate().key_file, ssl::context::pem);
    const tcp::endpoint endpoint(boost::asio::ip::make_address("127.0.0.1"), 0);
    acceptor_.open(endpoint.protocol());
    acceptor_.bind(endpoint);
    acceptor_.listen();
    accept();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~tls_server() { stop(); }

  // Stops accepting, ends the connections and joins their threads: requests() is then
  // complete.
  void stop() {
    if (!thread_.joinable()) return;
    io_.stop();
    thread_.join();
    for (auto& stream : streams_) {
      boost::system::error_code ignored;
      stream->next_layer().shutdown(tcp::socket::shutdown_both, ignored);
    }
    for (auto& connection : connections_)
      connection.join();
    connections_.clear();
  }

  unsigned short port() const { return acceptor_.local_endpoint().port(); }
  std::vector<std::string> requests() {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

 private:
  using stream_type = ssl::stream<tcp::socket>;

  void accept() {
    acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
      if (error) return;
      auto stream = std::make_shared<stream_type>(std::move(socket), context_);
      streams_.push_back(stream);
      connections_.emplace_back([this, stream] { serve(*stream); });
      accept();
    });
  }

  void serve(stream_type& stream) {
    boost::system::error_code error;
    stream.handshake(ssl::stream_base::server, error);
    if (error) return;
    std::vector<std::string> seen;
    test::serve_http<stream_type>(
        stream,
        [](websocket::stream<stream_type&>& ws) {
          boost::system::error_code ws_error;
          ws.text(true);
          ws.write(boost::asio::buffer(stasis_start), ws_error);
          boost::beast::flat_buffer buffer;
          while (!ws_error)
            ws.read(buffer, ws_error);
        },
        &seen);
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.insert(requests_.end(), seen.begin(), seen.end());
  }

  boost::asio::io_context io_;
  ssl::context context_;
  tcp::acceptor acceptor_;
  std::thread thread_;
  std::vector<std::shared_ptr<stream_type>> streams_;
  std::vector<std::thread> connections_;
  std::mutex mutex_;
  std::vector<std::string> requests_;
};

void run_until(boost::asio::io_context& io, const std::function<bool()>& done) {
  REQUIRE(test::run_until_done(io, done));
}

// The text of a request's failure, "" for none.
std::string what_of(const std::exception_ptr& error) {
  try {
    if (error) std::rethrow_exception(error);
  } catch (const std::exception& e) {
    return e.what();
  }
  return {};
}

ari::client_options tls_options(unsigned short port, const std::string& ca_file) {
  ari::client_options o;
  o.url = "https://127.0.0.1:" + std::to_string(port);
  o.username = "asterisk";
  o.password = "asterisk";
  o.applications = {"testapp"};
  o.verify_peer = true;
  o.ca_file = ca_file;
  o.max_attempts = 1;  // a refused certificate stops the client at once
  o.connect_timeout = 10s;
  return o;
}

}  // namespace

TEST_CASE("tls: the client over wss and https, the certificate and host name verified") {
  tls_server server;
  boost::asio::io_context io;
  ari::client client{io, tls_options(server.port(), server_certificate().chain_file)};
  std::optional<std::string> answered;
  std::string stopped;
  client.on<ari::StasisStart>([&](const ari::StasisStart& e) {
    ari::requests::channels::answer answer;
    answer.channelId = e.channel.id;
    client.async_send(answer, [&](std::exception_ptr error) { answered = what_of(error); });
  });
  client.on_stopped([&](ari::stop_reason, const std::string& why) { stopped = why; });
  client.start();
  run_until(io, [&] { return answered.has_value() || !stopped.empty(); });
  INFO(stopped);
  CHECK(answered == std::string());  // the event came over wss, the answer went over https
  client.stop();
  io.run_for(1s);
  server.stop();
  CHECK(server.requests() == std::vector<std::string>{"POST /ari/channels/s01/answer"});
}

TEST_CASE("tls: a certificate the CA file does not vouch for is refused, with a clear error") {
  tls_server server;
  boost::asio::io_context io;
  ari::client client{io, tls_options(server.port(), stranger_certificate().chain_file)};
  std::optional<ari::stop_reason> reason;
  std::string why;
  std::optional<std::string> request;
  std::size_t events = 0;
  client.otherwise([&](const ari::Event&) { ++events; });
  client.on_stopped([&](ari::stop_reason r, const std::string& text) {
    reason = r;
    why = text;
  });
  // A request over https before start(): it fails on its own connection (before the stop
  // that the event socket's failure causes, which would fail it with "stopped").
  ari::requests::channels::answer answer;
  answer.channelId = "s01";
  client.async_send(answer, [&](std::exception_ptr error) { request = what_of(error); });
  run_until(io, [&] { return request.has_value(); });
  client.start();
  run_until(io, [&] { return reason.has_value(); });
  CHECK(*reason == ari::stop_reason::attempts_exhausted);
  INFO(why);
  CHECK(why.find("certificate verify failed") != std::string::npos);
  INFO(*request);
  CHECK(request->find("certificate verify failed") != std::string::npos);
  CHECK(events == 0);
  CHECK(server.requests().empty());
}

TEST_CASE("tls: an outbound_listener with a certificate accepts Asterisk over wss") {
  boost::asio::io_context io;
  ari::listener_options options;
  options.port = 0;
  options.username = "asterisk";
  options.password = "s3cret";
  options.certificate_chain_file = server_certificate().chain_file;
  options.private_key_file = server_certificate().key_file;
  ari::outbound_listener listener{io, options};
  std::atomic<int> sessions{0};
  std::optional<std::string> answered;
  listener.on_session([&](ari::outbound_session session) {
    ++sessions;
    session.on<ari::StasisStart>([&, session](const ari::StasisStart& e) mutable {
      ari::requests::channels::answer answer;
      answer.channelId = e.channel.id;
      session.async_send(answer, [&](std::exception_ptr error) { answered = what_of(error); });
    });
  });
  listener.start();

  std::string uri, plain_failure, peer_failure;
  std::atomic<bool> peer_done{false};
  std::thread asterisk([&, port = listener.port()] {
    try {
      boost::asio::io_context peer_io;
      // Asterisk, checking the listener's certificate against the CA it was given.
      ssl::context context(ssl::context::tls_client);
      context.load_verify_file(server_certificate().chain_file);
      context.set_verify_mode(ssl::verify_peer);
      websocket::stream<ssl::stream<tcp::socket>> ws(peer_io, context);
      ws.next_layer().next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
      ws.next_layer().set_verify_callback(ssl::host_name_verification("127.0.0.1"));
      ws.next_layer().handshake(ssl::stream_base::client);
      ws.set_option(websocket::stream_base::decorator([](websocket::request_type& request) {
        request.set(boost::beast::http::field::sec_websocket_protocol, "ari");
        request.set(boost::beast::http::field::authorization,
                    ari::detail::basic_authorization("asterisk:s3cret"));
      }));
      ws.handshake("127.0.0.1", "/");
      ws.text(true);
      ws.write(boost::asio::buffer(stasis_start));
      boost::beast::flat_buffer buffer;
      ws.read(buffer);
      const auto request = nlohmann::json::parse(boost::beast::buffers_to_string(buffer.data()))
                               .get<ari::RESTRequest>();
      uri = request.uri;
      ari::RESTResponse response;
      response.transaction_id = request.transaction_id;
      response.request_id = request.request_id;
      response.status_code = 204;
      response.reason_phrase = "No Content";
      response.uri = request.uri;
      response.application = "testapp";
      ws.write(boost::asio::buffer(ari::to_frame(response)));
      ws.close(websocket::close_code::normal);

      // Plain ws to the TLS listener: no upgrade, no session.
      websocket::stream<tcp::socket> plain(peer_io);
      plain.next_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port});
      boost::system::error_code error;
      plain.handshake("127.0.0.1", "/", error);
      plain_failure = error ? error.message() : "";
    } catch (const std::exception& e) {
      peer_failure = e.what();
    }
    peer_done = true;
  });
  run_until(io,
            [&] { return peer_done.load() && (answered.has_value() || !peer_failure.empty()); });
  asterisk.join();
  INFO(peer_failure);
  CHECK(peer_failure.empty());
  CHECK(answered == std::string());
  CHECK(uri == "channels/s01/answer");
  CHECK_FALSE(plain_failure.empty());
  CHECK(sessions.load() == 1);
  listener.stop();
}
