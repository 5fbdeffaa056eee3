// ari-events client: the error codes of transport failures and the reasons a client stops.
// Asterisk's own answers (404, 409, ...) are not here: they are ari::request_error, as from
// ari::decode_response.
#pragma once

#include <string>
#include <type_traits>

#include <boost/system/error_code.hpp>

namespace ari {

/// Why a request or a wait failed without an answer from Asterisk.
enum class client_errc {
  /// The request's deadline (client_options::request_timeout) passed without a response.
  timed_out = 1,
  /// The connection the request travelled on was lost before its response arrived. The
  /// request may or may not have been carried out; it is never resent on its own.
  disconnected,
  /// The operation was cancelled (a wait's own deadline, or the session it waited on ended).
  cancelled,
  /// The client or session was stopped (stop(), or a stop reason such as ApplicationReplaced).
  stopped,
  /// The response was not HTTP, or larger than client_options::max_response_size.
  bad_response,
  /// A mark's events were dropped (more than client_options::max_retained_events arrived
  /// while it was held), so a wait since it could miss one.
  history_lost,
};

/// The category of client_errc: name "ari.client".
inline const boost::system::error_category& client_category() noexcept {
  class category final : public boost::system::error_category {
   public:
    const char* name() const noexcept override { return "ari.client"; }
    std::string message(int value) const override {
      switch (static_cast<client_errc>(value)) {
        case client_errc::timed_out:
          return "timed out";
        case client_errc::disconnected:
          return "disconnected before the response arrived";
        case client_errc::cancelled:
          return "cancelled";
        case client_errc::stopped:
          return "stopped";
        case client_errc::bad_response:
          return "malformed or oversized response";
        case client_errc::history_lost:
          return "events since the mark were dropped (max_retained_events)";
      }
      return "unknown ari.client error";
    }
  };
  static const category instance;
  return instance;
}

/// Makes client_errc values usable as boost::system::error_code.
inline boost::system::error_code make_error_code(client_errc value) noexcept {
  return {static_cast<int>(value), client_category()};
}

/// Why a client stopped for good (passed to client::on_stopped).
enum class stop_reason {
  /// stop() was called.
  requested,
  /// Asterisk refused the credentials (HTTP 401 or 403 on the WebSocket upgrade).
  unauthorized,
  /// The host name in client_options::url does not resolve.
  unknown_host,
  /// Another connection took the application over (ApplicationReplaced).
  application_replaced,
  /// client_options::max_attempts connection attempts in a row failed.
  attempts_exhausted,
};

/// The text of a stop reason: "unauthorized".
inline const char* to_string(stop_reason reason) noexcept {
  switch (reason) {
    case stop_reason::requested:
      return "requested";
    case stop_reason::unauthorized:
      return "unauthorized";
    case stop_reason::unknown_host:
      return "unknown host";
    case stop_reason::application_replaced:
      return "application replaced";
    case stop_reason::attempts_exhausted:
      return "attempts exhausted";
  }
  return "unknown";
}

}  // namespace ari

namespace boost::system {
template <>
struct is_error_code_enum<ari::client_errc> : std::true_type {};
}  // namespace boost::system
