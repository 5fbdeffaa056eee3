// ari-events: the other half of the conversation. Every ARI operation as a request value
// (ari/operations.hpp) that becomes an HTTP request or a RESTRequest message for the event
// WebSocket (Asterisk 20+), and the typed decoding of its response. No transport: send the
// result with any HTTP or WebSocket client.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "ari/error.hpp"
#include "ari/event_type.hpp"
#include "ari/operations.hpp"
#include "ari/parse.hpp"
#include "ari/serialize.hpp"

namespace ari {

/// A request in its HTTP form. content_type and body are empty when the operation sends none.
struct http_request {
  /// "GET", "POST", "PUT" or "DELETE".
  std::string method;
  /// Path and query, starting with "/ari/": "/ari/channels/1768471200.1/answer".
  std::string target;
  /// "application/json" when there is a body.
  std::string content_type;
  /// The JSON body.
  std::string body;

  /// Equal when every member is.
  friend bool operator==(const http_request& a, const http_request& b) {
    return a.method == b.method && a.target == b.target && a.content_type == b.content_type &&
           a.body == b.body;
  }
  /// Not equal.
  friend bool operator!=(const http_request& a, const http_request& b) { return !(a == b); }
};

/// Thrown by decode_response for any status outside 2xx.
class request_error : public std::runtime_error {
 public:
  /// A failed `operation` ("channels::answer") with its status, reason and Asterisk's message.
  request_error(std::string_view operation, int status, std::string reason, std::string message)
      : std::runtime_error(compose(operation, status, reason, message)),
        status_(status),
        reason_(std::move(reason)),
        message_(std::move(message)) {}

  /// The HTTP status code (404).
  int status() const noexcept { return status_; }
  /// The schema's reason for the status on this operation ("Channel not found"), else the
  /// reason phrase (Asterisk's over the WebSocket, the standard one over HTTP).
  const std::string& reason() const noexcept { return reason_; }
  /// Asterisk's {"message": ...} text; empty when the body has none or is not JSON.
  const std::string& message() const noexcept { return message_; }

 private:
  static std::string compose(std::string_view operation, int status, const std::string& reason,
                             const std::string& message) {
    std::string text = "ari: ";
    text += operation;
    text += ": HTTP ";
    text += std::to_string(status);
    if (!reason.empty()) text += " " + reason;
    if (!message.empty()) text += ": " + message;
    return text;
  }

  int status_;
  std::string reason_;
  std::string message_;
};

/// What the schema says of one parameter of a request type.
struct parameter_info {
  /// The parameter's name, as the member's.
  std::string_view name;
  /// Where it travels.
  parameter_place place;
  /// Whether every line that defines it requires it.
  bool required;
  /// The release lines that define it: "13-latest", "20, 22-latest".
  std::string_view lines;
};

namespace detail {

template <class R, class = void>
struct is_request : std::false_type {};
template <class R>
struct is_request<
    R, std::void_t<decltype(ari_describe_request(static_cast<const R*>(nullptr), ignore_field{}))>>
    : std::true_type {};

template <class R>
constexpr std::size_t parameter_count() {
  std::size_t count = 0;
  ari_describe_request(static_cast<const R*>(nullptr), [&](auto) { ++count; });
  return count;
}

template <class R>
std::string operation_name() {
  std::string name(R::api);
  name += "::";
  name += R::nickname;
  return name;
}

// A parameter's text as Asterisk reads it, before any percent-encoding.
inline void append_text(std::string& out, const std::string& value) {
  out += value;
}
inline void append_text(std::string& out, bool value) {
  out += value ? "true" : "false";
}
template <class Int, std::enable_if_t<std::is_integral_v<Int>, int> = 0>
void append_text(std::string& out, Int value) {
  out += std::to_string(value);
}
template <class Names>
void append_text(std::string& out, const TextEnum<Names>& value) {
  out += value.text();
}

inline void append_encoded(std::string& out, std::string_view text) {
  constexpr char hex[] = "0123456789ABCDEF";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                            (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' ||
                            byte == '_' || byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0x0F];
    }
  }
}

// The value's text, percent-encoded when `encode`; a list is comma-joined (Asterisk splits
// allowMultiple values on commas after decoding, so the commas are left readable).
template <class T>
void append_value(std::string& out, const T& value, bool encode) {
  if (!encode) {
    append_text(out, value);
    return;
  }
  std::string text;
  append_text(text, value);
  append_encoded(out, text);
}
template <class T>
void append_value(std::string& out, const std::vector<T>& values, bool encode) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    append_value(out, values[i], encode);
  }
}

template <class T>
bool is_set(const std::optional<T>& value) {
  return value.has_value();
}
inline bool is_set(const json& value) {
  return !value.is_null();
}
template <class T>
bool is_set(const T&) {
  return true;
}

template <class T>
const T& value_of(const std::optional<T>& value) {
  return *value;
}
template <class T>
const T& value_of(const T& value) {
  return value;
}

// Whether a required value was left as it started: refused before anything is sent.
inline bool is_empty(const std::string& value) {
  return value.empty();
}
inline bool is_empty(const json& value) {
  return value.is_null();
}
template <class T>
bool is_empty(const std::vector<T>& value) {
  return value.empty();
}
template <class Names>
bool is_empty(const TextEnum<Names>& value) {
  return value.text().empty();
}
template <class T>
bool is_empty(const T&) {
  return false;
}

// The parts every form is made of.
struct request_parts {
  std::string path;  // below /ari/, encoded: "channels/1768471200.1/answer"
  std::vector<std::pair<std::string_view, std::string>> query;  // raw values
  std::string encoded_query;                                    // "a=1&b=x%20y"
  std::string body;                                             // JSON, or empty
};

template <class R>
request_parts request_parts_of(const R& request) {
  static_assert(is_request<R>::value, "expected a request type from <ari/operations.hpp>");
  request_parts parts;
  ari_describe_request(static_cast<const R*>(nullptr), [&](const auto& parameter) {
    const auto& member = request.*(parameter.member);
    if (parameter.required && is_empty(member)) {
      throw std::invalid_argument("ari: " + operation_name<R>() + ": the required parameter " +
                                  std::string(parameter.name) + " is empty");
    }
  });
  // The path, with each {name} replaced by its encoded value.
  const std::string_view path = R::path_template.substr(1);
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      parts.path += path[i];
      continue;
    }
    const std::size_t close = path.find('}', i);
    const std::string_view name = path.substr(i + 1, close - i - 1);
    ari_describe_request(static_cast<const R*>(nullptr), [&](const auto& parameter) {
      const auto& member = request.*(parameter.member);
      if constexpr (!std::is_same_v<std::decay_t<decltype(member)>, json>) {
        if (parameter.place == parameter_place::path && parameter.name == name) {
          append_value(parts.path, value_of(member), true);
        }
      }
    });
    i = close;
  }
  ari_describe_request(static_cast<const R*>(nullptr), [&](const auto& parameter) {
    const auto& member = request.*(parameter.member);
    if constexpr (std::is_same_v<std::decay_t<decltype(member)>, json>) {
      if (!is_set(member)) return;
      if (parameter.place == parameter_place::whole_body) {
        write_json(parts.body, member);
      } else {
        parts.body += '{';
        write_key(parts.body, parameter.name);
        write_json(parts.body, member);
        parts.body += '}';
      }
    } else {
      if (parameter.place != parameter_place::query || !is_set(member)) return;
      std::string raw;
      append_value(raw, value_of(member), false);
      if (!parts.encoded_query.empty()) parts.encoded_query += '&';
      parts.encoded_query += parameter.name;
      parts.encoded_query += '=';
      append_value(parts.encoded_query, value_of(member), true);
      parts.query.emplace_back(parameter.name, std::move(raw));
    }
  });
  return parts;
}

inline std::string_view http_reason_phrase(int status) noexcept {
  switch (status) {
    case 200:
      return "OK";
    case 204:
      return "No Content";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 409:
      return "Conflict";
    case 412:
      return "Precondition Failed";
    case 422:
      return "Unprocessable Entity";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 502:
      return "Bad Gateway";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    default:
      return {};
  }
}

// Asterisk's {"message": ...} text, or empty. Read with the event limits, so that an error
// body costs no more than a frame of its size, and never throws for what the body holds.
template <int = 0>
std::string error_message(std::string_view body) {
  if (body.empty() || body.size() > parse_limits{}.max_frame_size) return {};
  try {
    const json document = read_json(body, parse_limits{});
    if (document.is_object()) {
      const auto message = document.find("message");
      if (message != document.end() && message->is_string()) return message->get<std::string>();
    }
  } catch (const parse_error&) {
  } catch (const std::out_of_range&) {
  }
  return {};
}

template <class R>
request_error failure(int status, std::string_view body, std::string_view fallback_reason) {
  std::string_view reason = R::error_reason(status);
  if (reason.empty()) reason = fallback_reason;
  if (reason.empty()) reason = http_reason_phrase(status);
  return request_error(operation_name<R>(), status, std::string(reason), error_message(body));
}

// A 2xx body as T, through the event readers: the text path, then the document when the text
// path does not take it, so that errors are those of from_json.
template <class T>
void decode_value(std::string_view text, const parse_limits& limits, T& value) {
  check_frame_size(text, limits);
  {
    decoder machine(limits, &accept_as<codec<T>, T>, &value);
    try {
      if (text_reader(text).read(machine) && machine.complete()) return;
    } catch (const parse_error&) {  // reported by the document path
    }
  }
  value = T{};
  const json document = read_json(text, limits);
  decoder machine(limits, &accept_as<codec<T>, T>, &value);
  walk_document(document, machine, false);
}

template <class R>
using response_value_t =
    std::conditional_t<std::is_void_v<typename R::response>, std::monostate, typename R::response>;

template <class R>
response_value_t<R> decode_success(std::string_view body, const parse_limits& limits) {
  using response = typename R::response;
  if constexpr (std::is_void_v<response>) {
    return {};
  } else if constexpr (std::is_same_v<response, std::string>) {
    return std::string(body);
  } else if constexpr (std::is_same_v<response, Event>) {
    return parse_event(body, limits);
  } else {
    response value{};
    decode_value(body, limits, value);
    return value;
  }
}

}  // namespace detail

/// Every byte of `text` but the unreserved A-Z a-z 0-9 - . _ ~ as %XX: how to_http writes path
/// parameters and query values, since Asterisk percent-decodes them and reads '+' as a space
/// (ast_uri_decode, ast_uri_http_legacy). For what a request type does not cover, such as the
/// api_key of the event WebSocket.
inline std::string percent_encode(std::string_view text) {
  std::string out;
  detail::append_encoded(out, text);
  return out;
}

/// The parameters of request type R, in the schema's order.
template <class R>
constexpr auto parameters() {
  std::array<parameter_info, detail::parameter_count<R>()> infos{};
  std::size_t i = 0;
  ari_describe_request(static_cast<const R*>(nullptr), [&](const auto& parameter) {
    infos[i++] =
        parameter_info{parameter.name, parameter.place, parameter.required, parameter.lines};
  });
  return infos;
}

/// Whether Asterisk `major` (13, ... 23, or newer) defines the operation R. The facts start at
/// line 13.
template <class R>
constexpr bool defined_in(int major) noexcept {
  return detail::lines_include(R::release_lines, major);
}

/// The request as HTTP: method, target (path parameters and query values percent-encoded),
/// and the JSON body when it has one. Throws std::invalid_argument naming a required
/// parameter left empty, and for text in a body that is not UTF-8.
template <class R>
http_request to_http(const R& request) {
  detail::request_parts parts = detail::request_parts_of(request);
  http_request http;
  http.method = std::string(R::http_method);
  http.target = "/ari/" + parts.path;
  if (!parts.encoded_query.empty()) http.target += "?" + parts.encoded_query;
  if (!parts.body.empty()) {
    http.content_type = "application/json";
    http.body = std::move(parts.body);
  }
  return http;
}

/// The request as a RESTRequest message for the event WebSocket (Asterisk 20+): `uri`
/// relative to /ari/, query parameters as name/value pairs taken literally, the body as
/// message_body. ari::to_frame gives its text. Throws as to_http does.
template <class R>
RESTRequest to_rest_request(const R& request, std::string transaction_id, std::string request_id) {
  detail::request_parts parts = detail::request_parts_of(request);
  RESTRequest message;
  message.type = "RESTRequest";
  message.transaction_id = std::move(transaction_id);
  message.request_id = std::move(request_id);
  message.method = std::string(R::http_method);
  message.uri = std::move(parts.path);
  if (!parts.query.empty()) {
    message.query_strings.emplace();
    for (auto& [name, value] : parts.query) {
      RESTQueryStringParameter parameter;
      parameter.name = std::string(name);
      parameter.value = std::move(value);
      message.query_strings->push_back(std::move(parameter));
    }
  }
  if (!parts.body.empty()) {
    message.content_type = "application/json";
    message.message_body = std::move(parts.body);
  }
  return message;
}

/// The response of request type R from its HTTP status and body: the R::response value on
/// 2xx (nothing when it is void). Throws ari::request_error for any other status, and
/// ari::parse_error when a 2xx body is not what the operation promises.
template <class R>
typename R::response decode_response(int status, std::string_view body,
                                     const parse_limits& limits = {}) {
  if (status < 200 || status > 299) throw detail::failure<R>(status, body, {});
  if constexpr (std::is_void_v<typename R::response>) {
    return;
  } else {
    return detail::decode_success<R>(body, limits);
  }
}

/// The same from a RESTResponse that answers a RESTRequest; its reason_phrase stands in when
/// the schema gives no reason for the status.
template <class R>
typename R::response decode_response(const RESTResponse& response,
                                     const parse_limits& limits = {}) {
  std::string_view body;  // (not a conditional expression: that would make a temporary string)
  if (response.message_body) body = *response.message_body;
  if (response.status_code < 200 || response.status_code > 299) {
    throw detail::failure<R>(response.status_code, body, response.reason_phrase);
  }
  return decode_response<R>(response.status_code, body, limits);
}

/// The outcome of try_decode_response: R's response value (std::monostate when that is void),
/// or the error that says why not: request_error for a status outside 2xx, parse_error for a
/// 2xx body that does not decode. has_value(), operator bool, value() (throws the error),
/// operator* and operator->.
template <class R>
class response_result
    : public detail::outcome<detail::response_value_t<R>, request_error, parse_error> {
 public:
  using response_result::outcome::outcome;

  /// The failed request, or nullptr.
  const request_error* request_failure() const noexcept {
    return this->template failure<request_error>();
  }
  /// The body that did not decode, or nullptr.
  const parse_error* parse_failure() const noexcept {
    return this->template failure<parse_error>();
  }
  /// Either error; only valid when !has_value().
  const std::runtime_error& error() const noexcept {
    if (const auto* failed = request_failure()) return *failed;
    return *parse_failure();
  }
};

namespace detail {
template <class R, class Decode>
response_result<R> try_decode(Decode decode) noexcept {
  try {
    if constexpr (std::is_void_v<typename R::response>) {
      decode();
      return response_result<R>(std::monostate{});
    } else {
      return response_result<R>(decode());
    }
  } catch (const request_error& e) {
    return response_result<R>(e);
  } catch (const parse_error& e) {
    return response_result<R>(e);
  }
}
}  // namespace detail

/// decode_response without exceptions. Out of memory still ends the program (noexcept).
template <class R>
response_result<R> try_decode_response(int status, std::string_view body,
                                       const parse_limits& limits = {}) noexcept {
  return detail::try_decode<R>([&] { return decode_response<R>(status, body, limits); });
}
/// decode_response of a RESTResponse without exceptions.
template <class R>
response_result<R> try_decode_response(const RESTResponse& response,
                                       const parse_limits& limits = {}) noexcept {
  return detail::try_decode<R>([&] { return decode_response<R>(response, limits); });
}

}  // namespace ari
