// ari-events client: the byte streams under HTTP and the WebSocket, plain or TLS, and the one
// step in which they differ (securing a connected socket).
#pragma once

#include <string>
#include <utility>

#include <boost/asio/post.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#endif

namespace ari::detail {

using plain_stream = boost::beast::tcp_stream;

// Nothing to do on a plain connection.
template <class Handler>
void secure_client(plain_stream& stream, const std::string&, Handler&& handler) {
  boost::asio::post(stream.get_executor(),
                    [handler = std::forward<Handler>(handler)]() mutable { handler({}); });
}

#if defined(ARI_CLIENT_TLS) && ARI_CLIENT_TLS
inline constexpr bool tls_available = true;
using tls_stream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// The TLS handshake, with the host name sent (SNI) and checked against the certificate when
// the context verifies peers.
template <class Handler>
void secure_client(tls_stream& stream, const std::string& host, Handler&& handler) {
  if (!SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
    boost::system::error_code error(static_cast<int>(::ERR_get_error()),
                                    boost::asio::error::get_ssl_category());
    boost::asio::post(stream.get_executor(), [handler = std::forward<Handler>(handler),
                                              error]() mutable { handler(error); });
    return;
  }
  stream.set_verify_callback(boost::asio::ssl::host_name_verification(host));
  stream.async_handshake(boost::asio::ssl::stream_base::client, std::forward<Handler>(handler));
}

// A client context: the system's CAs, plus `ca_file`; peers verified when `verify`.
inline std::shared_ptr<boost::asio::ssl::context> make_client_tls(bool verify,
                                                                  const std::string& ca_file) {
  auto context = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
  context->set_default_verify_paths();
  if (!ca_file.empty()) context->load_verify_file(ca_file);
  context->set_verify_mode(verify ? boost::asio::ssl::verify_peer : boost::asio::ssl::verify_none);
  return context;
}
#else
inline constexpr bool tls_available = false;
#endif

// What to say when TLS is asked for and not compiled in.
inline const char* tls_missing_text() noexcept {
  return "TLS (https, wss) needs OpenSSL: install libssl-dev and build with ARI_CLIENT_TLS=1 "
         "(the ari::client CMake target and the ari-client pkg-config file do both when OpenSSL "
         "is found)";
}

}  // namespace ari::detail
