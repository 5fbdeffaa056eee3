// ari-events client: what a client is told, and the URL it connects to.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ari/limits.hpp"

namespace ari {

/// Where requests travel.
enum class request_transport {
  /// HTTP/1.1 with keep-alive, Basic authorization (every Asterisk).
  http,
  /// RESTRequest messages on the event WebSocket, answered by RESTResponse (Asterisk 20.14,
  /// 21.9, 22.4 and later). Older servers never answer, so requests time out.
  websocket,
};

/// Everything a client needs to know. An aggregate: set what you need, keep the defaults.
struct client_options {
  /// Asterisk's HTTP server: http://host:port, https://..., http://[::1]:8088; a path
  /// (http://host:8088/asterisk) is the prefix of http.conf, put before /ari. ws:// and wss://
  /// mean the same as http:// and https://. Without a port: 80 or 443.
  std::string url = "http://127.0.0.1:8088";
  /// The ari.conf user.
  std::string username;
  /// Its password.
  std::string password;
  /// The Stasis applications to register on the event WebSocket (at least one).
  std::vector<std::string> applications;
  /// Receive every event of the system, not only those of the applications' resources.
  bool subscribe_all = false;

  /// Where requests travel (see request_transport).
  request_transport requests = request_transport::http;
  /// HTTP connections used at once. With 1, requests reach Asterisk one after the other in the
  /// order they were made; with more they may overtake each other.
  std::size_t http_connections = 1;

  /// Deadline of resolving, connecting, TLS and the WebSocket handshake, each attempt.
  std::chrono::milliseconds connect_timeout{10'000};
  /// Deadline of each request, from the moment it is made to its response.
  std::chrono::milliseconds request_timeout{10'000};
  /// The event socket is pinged after half of this without traffic, and given up (then
  /// reconnected, with client_errc::timed_out) after all of it without any; the check runs
  /// every half period, so the end comes between 1 and 1.5 times this. Zero: never.
  std::chrono::milliseconds idle_timeout{60'000};
  /// An HTTP connection unused for this long is closed rather than reused, before Asterisk's
  /// own keep-alive limit (http.conf session_keep_alive, 15 s by default) closes it under a
  /// request.
  std::chrono::milliseconds http_idle_close{10'000};

  /// First wait before reconnecting; it doubles after each failed attempt up to max_backoff.
  /// Each wait is drawn between half of it and all of it, so that many instances restarting
  /// together do not reconnect in lockstep.
  std::chrono::milliseconds initial_backoff{500};
  /// Longest wait between two attempts.
  std::chrono::milliseconds max_backoff{30'000};
  /// Stop (stop_reason::attempts_exhausted) after this many failed attempts in a row; 0: never.
  unsigned max_attempts = 0;
  /// Keep trying after 401/403 instead of stopping (stop_reason::unauthorized).
  bool retry_unauthorized = false;
  /// Keep trying when the host does not resolve instead of stopping (stop_reason::unknown_host).
  bool retry_unknown_host = false;
  /// Reconnect (taking the application back) after ApplicationReplaced instead of stopping.
  bool retry_application_replaced = false;

  /// Limits of each event frame (size, depth); a larger frame is reported and the connection
  /// renewed.
  parse_limits limits{};
  /// Largest HTTP response accepted, head and body.
  std::size_t max_response_size = std::size_t{16} * 1024 * 1024;
  /// Most events kept for the marks that are held (client::mark()).
  std::size_t max_retained_events = 10'000;

  /// TLS: check the server's certificate and name (https, wss).
  bool verify_peer = true;
  /// TLS: a CA file to trust besides the system's.
  std::string ca_file;
};

namespace detail {

// A URL split into what the connection needs.
struct server_address {
  bool tls = false;
  std::string host;         // without brackets: "::1"
  std::string port;         // "8088"
  std::string host_header;  // as written: "[::1]:8088"
  std::string prefix;       // "" or "/asterisk", put before "/ari"
};

// The URL's parts, or the reason it cannot be used.
inline std::optional<server_address> parse_url(std::string_view url, std::string& why) {
  server_address address;
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) {
    why = "expected scheme://host[:port][/prefix], such as http://127.0.0.1:8088";
    return std::nullopt;
  }
  const std::string_view scheme = url.substr(0, scheme_end);
  if (scheme == "http" || scheme == "ws") {
    address.tls = false;
  } else if (scheme == "https" || scheme == "wss") {
    address.tls = true;
  } else {
    why = "scheme '" + std::string(scheme) + "' (expected http, https, ws or wss)";
    return std::nullopt;
  }
  std::string_view rest = url.substr(scheme_end + 3);
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view path = rest.substr(slash);
    while (!path.empty() && path.back() == '/')
      path.remove_suffix(1);
    address.prefix = std::string(path);
  }
  address.host_header = std::string(authority);
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) {
      why = "an IPv6 address without its closing ']'";
      return std::nullopt;
    }
    address.host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') {
        why = "text after the IPv6 address: '" + std::string(after) + "'";
        return std::nullopt;
      }
      port = after.substr(1);
    }
  } else {
    const auto colon = authority.rfind(':');
    if (colon != std::string_view::npos && authority.find(':') != colon) {
      why = "an IPv6 address must be in brackets: http://[::1]:8088";
      return std::nullopt;
    }
    address.host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port = authority.substr(colon + 1);
  }
  if (address.host.empty()) {
    why = "no host";
    return std::nullopt;
  }
  if (port.empty()) {
    address.port = address.tls ? "443" : "80";
  } else {
    unsigned long value = 0;
    for (const char c : port) {
      if (c < '0' || c > '9' || value > 65535) {
        value = 65536;
        break;
      }
      value = value * 10 + static_cast<unsigned long>(c - '0');
    }
    if (value == 0 || value > 65535) {
      why = "port '" + std::string(port) + "' (expected 1 to 65535)";
      return std::nullopt;
    }
    address.port = std::string(port);
  }
  return address;
}

}  // namespace detail
}  // namespace ari
