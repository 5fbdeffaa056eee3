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
  /// Asterisk's {"message": ...} text, else its {"error": ...} text ("Allocation failed"); empty
  /// when the body has neither or is not JSON.
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

// A path parameter, percent-encoded, with a value that is a dot segment ("." or "..") sent as
// %2E or %2E%2E: a proxy or client library that normalises paths (RFC 3986 remove_dot_segments)
// would otherwise send DELETE /ari/channels/.. to DELETE /ari/, another target.
//
// Asterisk reads it back as the literal id over HTTP and over the event WebSocket alike (read in
// its source, 16.30.1 to 23.4.1 and master): ast_ari_invoke (res/res_ari.c) splits the path on
// '/' and percent-decodes each segment on its own with ast_uri_decode(segment,
// ast_uri_http_legacy) before matching it, for the HTTP server (which hands ARI the path
// undecoded: the ARI handler is registered with no_decode_uri) and for a RESTRequest, whose
// `uri` ari_websocket_requests.c passes to ast_ari_invoke as it came (only a '?' in it is split
// off as a form-encoded query). Neither removes dot segments, so "%2E%2E" arrives as "..", and
// the same encoded path serves as the HTTP target and as the RESTRequest's uri.
inline void append_path_value(std::string& out, const std::string& value) {
  if (value == "." || value == "..") {
    out += value.size() == 1 ? "%2E" : "%2E%2E";
    return;
  }
  append_encoded(out, value);
}

// One item of a list (allowMultiple), written so that Asterisk's splitter gives it back as it is.
// Every line (read at 16.30.1 to 23.4.1 and master in the generated res/res_ari_*.c; 13.38.3 too,
// where channels' media is one value, not a list) splits a list value, after percent-decoding,
// with ast_app_separate_args(value, ',', ...) (main/app.c), which is not a plain split: a
// backslash makes the next character literal and is removed; a double quote is removed and
// suspends splitting until the next one; a comma inside ( ) or [ ] does not split (a closing one
// with nothing open is ignored). So "tone:440/200,0/200" became two items,
// and so would any item with a quote, a backslash or an unbalanced bracket be misread. Here each
// '\' and '"' gets a backslash, each ',' one too unless it sits inside brackets that the item
// itself balances, and the brackets of an item that does not balance them get one each. An item
// that Asterisk already reads back as it is ("CHANNEL(rtpqos,audio,all)") is sent unchanged.
inline void append_list_item(std::string& out, std::string_view item) {
  int paren = 0;
  int bracket = 0;
  const auto nest = [&](char c) {
    if (c == '(') {
      ++paren;
    } else if (c == ')') {
      if (paren != 0) --paren;
    } else if (c == '[') {
      ++bracket;
    } else if (c == ']') {
      if (bracket != 0) --bracket;
    }
  };
  for (const char c : item) {
    nest(c);
  }
  const bool balanced = paren == 0 && bracket == 0;
  paren = 0;
  bracket = 0;
  for (const char c : item) {
    switch (c) {
      case '\\':
      case '"':
        out += '\\';
        break;
      case '(':
      case ')':
      case '[':
      case ']':
        if (balanced) {
          nest(c);
        } else {
          out += '\\';
        }
        break;
      case ',':
        if (!balanced || (paren == 0 && bracket == 0)) out += '\\';
        break;
      default:
        break;
    }
    out += c;
  }
}

// The inverse of append_list_item: a list value as ast_app_separate_args splits it (see above;
// "" is one empty item). The simulator reads lists with it, as Asterisk does.
inline std::vector<std::string> read_list(std::string_view value) {
  std::vector<std::string> items(1);
  int paren = 0;
  int bracket = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '\\') {
      if (++i < value.size()) items.back() += value[i];
      continue;
    }
    if (c == '"') {
      quoted = !quoted;
      continue;
    }
    if (c == '(') ++paren;
    if (c == ')' && paren != 0) --paren;
    if (c == '[') ++bracket;
    if (c == ']' && bracket != 0) --bracket;
    if (c == ',' && paren == 0 && bracket == 0 && !quoted) {
      items.emplace_back();
      continue;
    }
    items.back() += c;
  }
  return items;
}

// Whether the character would be read differently by one of the two splitters of
// events::eventWebsocket's `app` (below).
constexpr bool is_application_list_syntax(char c) noexcept {
  return c == ',' || c == '"' || c == '\'' || c == '\\' || c == '(' || c == ')' || c == '[' ||
         c == ']';
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

// ---- What Asterisk's code needs beyond its schema (README: "Server quirks") -------------------

// The text sent for an optional query parameter left unset; empty when nothing is sent.
template <class R>
constexpr std::string_view sent_when_unset(std::string_view parameter) noexcept {
  // channels::mute and unmute: every line from 13 answers 400 "Direction is required" without a
  // direction (ast_ari_channels_mute in res/ari/resource_channels.c), though the schema calls it
  // optional with "both" as its default. A 22.10.1 confirmed it.
  if constexpr (std::is_same_v<R, requests::channels::mute> ||
                std::is_same_v<R, requests::channels::unmute>) {
    if (parameter == "direction") return "both";
  }
  (void)parameter;
  return {};
}

// Refuses a body that Asterisk would misread, or crash on.
template <class R>
void check_body(const json& value) {
  if constexpr (std::is_same_v<R, requests::bridges::create>) {
    // The body is the variables (operations.hpp), and Asterisk also reads the body's "type",
    // "bridgeId" and "name" as those query parameters (ast_ari_bridges_create_parse_body, called
    // on the whole body), over the query's: such a variable would retype, rename or re-id the
    // bridge as well as being set.
    if (value.is_object()) {
      for (const char* name : {"type", "bridgeId", "name"}) {
        if (value.find(name) != value.end()) {
          throw std::invalid_argument(
              "ari: " + operation_name<R>() + ": a variable named " + name +
              " cannot be sent: Asterisk reads the body's type, bridgeId and name as the "
              "parameters of that name");
        }
      }
    }
  } else if constexpr (std::is_same_v<R, requests::asterisk::updateObject>) {
    // ast_ari_asterisk_update_object (every line) passes each element's "attribute" and "value"
    // to ast_variable_new, which calls strlen on them: an element that is not an object with
    // both as strings makes Asterisk dereference NULL.
    if (value.is_array()) {
      for (std::size_t i = 0; i < value.size(); ++i) {
        const json& field = value[i];
        const auto is_text = [&](const char* key) {
          const auto member = field.find(key);
          return member != field.end() && member->is_string();
        };
        if (!field.is_object() || !is_text("attribute") || !is_text("value")) {
          throw std::invalid_argument("ari: " + operation_name<R>() + ": fields[" +
                                      std::to_string(i) +
                                      "] needs string members attribute and value (Asterisk "
                                      "crashes on an element without them)");
        }
      }
    }
  }
  (void)value;
}

// A list value: its items as append_list_item writes them, comma-joined, in `raw` as Asterisk
// reads it (RESTRequest) and percent-encoded in `encoded` (the commas between items left as they
// are, as Asterisk splits after decoding).
template <class R, class T>
void append_list(std::string& raw, std::string& encoded, std::string_view parameter,
                 const std::vector<T>& values) {
  if (values.empty()) {
    // "name=" reaches Asterisk as a list of one empty item.
    throw std::invalid_argument("ari: " + operation_name<R>() + ": the list " +
                                std::string(parameter) +
                                " is empty: Asterisk would read one empty item; leave it unset");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    std::string text;
    append_text(text, values[i]);
    if constexpr (std::is_same_v<R, requests::events::eventWebsocket>) {
      // `app` is split by ast_app_separate_args up to line 19 but by ast_strsep from 20 on
      // (session_register_apps in res/ari/ari_websockets.c), which keeps backslashes and takes
      // ' as a quote too: no escape reads back the same on both.
      for (const char c : text) {
        if (is_application_list_syntax(c)) {
          throw std::invalid_argument(
              "ari: " + operation_name<R>() + ": the " + std::string(parameter) + " item \"" +
              text +
              "\" holds one of , \" ' \\ ( ) [ ], which Asterisk's lines split apart "
              "differently");
        }
      }
    }
    std::string item;
    append_list_item(item, text);
    if (i != 0) {
      raw += ',';
      encoded += ',';
    }
    append_encoded(encoded, item);
    raw += item;
  }
}

template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

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
      // (A path parameter is a required std::string.)
      if constexpr (std::is_same_v<std::decay_t<decltype(member)>, std::string>) {
        if (parameter.place == parameter_place::path && parameter.name == name) {
          std::string text;
          append_text(text, value_of(member));
          append_path_value(parts.path, text);
        }
      }
    });
    i = close;
  }
  ari_describe_request(static_cast<const R*>(nullptr), [&](const auto& parameter) {
    const auto& member = request.*(parameter.member);
    using member_type = std::decay_t<decltype(member)>;
    if constexpr (std::is_same_v<member_type, json>) {
      if (!is_set(member)) return;
      check_body<R>(member);
      if (parameter.place == parameter_place::whole_body) {
        write_json(parts.body, member);
      } else {
        parts.body += '{';
        write_key(parts.body, parameter.name);
        write_json(parts.body, member);
        parts.body += '}';
      }
    } else {
      if (parameter.place != parameter_place::query) return;
      std::string raw;
      std::string encoded;
      if (is_set(member)) {
        using value_type = std::decay_t<decltype(value_of(member))>;
        if constexpr (is_vector<value_type>::value) {
          append_list<R>(raw, encoded, parameter.name, value_of(member));
        } else {
          append_text(raw, value_of(member));
          append_encoded(encoded, raw);
        }
      } else {
        const std::string_view fallback = sent_when_unset<R>(parameter.name);
        if (fallback.empty()) return;
        raw = std::string(fallback);
        append_encoded(encoded, raw);
      }
      if (!parts.encoded_query.empty()) parts.encoded_query += '&';
      parts.encoded_query += parameter.name;
      parts.encoded_query += '=';
      parts.encoded_query += encoded;
      parts.query.emplace_back(parameter.name, std::move(raw));
    }
  });
  return parts;
}

// The standard reason phrase of an HTTP status, empty for one that has none: every status of RFC
// 9110 (in its wording: 413 "Content Too Large", 422 "Unprocessable Content"; 418 is unused there)
// and the others of IANA's registry that a server or a proxy in front of it can send (102, 103,
// 207, 208, 226, 423-425, 428, 429, 431, 451, 506-508, 510, 511).
inline std::string_view http_reason_phrase(int status) noexcept {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 102:
      return "Processing";
    case 103:
      return "Early Hints";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 203:
      return "Non-Authoritative Information";
    case 204:
      return "No Content";
    case 205:
      return "Reset Content";
    case 206:
      return "Partial Content";
    case 207:
      return "Multi-Status";
    case 208:
      return "Already Reported";
    case 226:
      return "IM Used";
    case 300:
      return "Multiple Choices";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 305:
      return "Use Proxy";
    case 307:
      return "Temporary Redirect";
    case 308:
      return "Permanent Redirect";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 402:
      return "Payment Required";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 407:
      return "Proxy Authentication Required";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 414:
      return "URI Too Long";
    case 415:
      return "Unsupported Media Type";
    case 416:
      return "Range Not Satisfiable";
    case 417:
      return "Expectation Failed";
    case 421:
      return "Misdirected Request";
    case 422:
      return "Unprocessable Content";
    case 423:
      return "Locked";
    case 424:
      return "Failed Dependency";
    case 425:
      return "Too Early";
    case 426:
      return "Upgrade Required";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 451:
      return "Unavailable For Legal Reasons";
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
    case 505:
      return "HTTP Version Not Supported";
    case 506:
      return "Variant Also Negotiates";
    case 507:
      return "Insufficient Storage";
    case 508:
      return "Loop Detected";
    case 510:
      return "Not Extended";
    case 511:
      return "Network Authentication Required";
    default:
      return {};
  }
}

// Asterisk's {"message": ...} text, else its {"error": ...} text (res_ari.c answers an allocation
// failure, which is also what originating to an unknown technology gives, with {"error":
// "Allocation failed"}), else empty. Read with the event limits, so that an error body costs no
// more than a frame of its size, and never throws for what the body holds.
template <int = 0>
std::string error_message(std::string_view body) {
  if (body.empty() || body.size() > parse_limits{}.max_frame_size) return {};
  try {
    const json document = read_json(body, parse_limits{});
    if (document.is_object()) {
      for (const char* key : {"message", "error"}) {
        const auto text = document.find(key);
        if (text != document.end() && text->is_string()) return text->get<std::string>();
      }
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

/// The request as HTTP: method, target (path parameters and query values percent-encoded, list
/// items escaped for Asterisk's splitter, a "." or ".." path parameter as %2E), and the JSON body
/// when it has one; what Asterisk's code needs beyond its schema is applied (README: "Server
/// quirks"). Throws std::invalid_argument naming the operation and the parameter for a required
/// parameter left empty, for an empty list, for what Asterisk would misread or crash on (an
/// application name with list syntax, a bridges::create variable named type, bridgeId or name,
/// an updateObject field without string attribute and value), and for text in a body that is
/// not UTF-8.
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
