// ari-events simulator: the HTTP side. The response type, and requests taken apart the way
// Asterisk's res/ari reads them (percent-decoding, '+' as space, a repeated query key keeps its
// last value, JSON body members as parameters).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace ari::testing {

/// What the simulator answers to an HTTP request.
struct http_response {
  /// The HTTP status (200, 204, 404...).
  int status = 0;
  /// The reason phrase ("OK", "Not Found").
  std::string reason;
  /// "application/json" when there is a body.
  std::string content_type;
  /// The JSON body as Asterisk writes it (pretty=no), or empty.
  std::string body;
};

namespace sim_detail {

inline int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// ast_uri_decode with ast_uri_http_legacy: %XX decoded, '+' is a space; a bad escape stays.
inline std::string uri_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '+') {
      out += ' ';
    } else if (c == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 &&
               hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

/// One request as the handlers see it: method, decoded path segments below /ari/, parameters.
struct parsed_request {
  std::string method;
  std::vector<std::string> segments;
  std::vector<std::pair<std::string, std::string>> params;  // query, then body members
  nlohmann::ordered_json body;                              // null when none

  const std::string* param(std::string_view name) const {
    const std::string* found = nullptr;
    for (const auto& [key, value] : params) {
      if (key == name) found = &value;  // the last one wins, as in Asterisk
    }
    return found;
  }
  std::string param_or(std::string_view name, std::string fallback) const {
    const std::string* value = param(name);
    return value ? *value : fallback;
  }
};

/// Splits "a,b,c" as Asterisk splits allowMultiple parameters.
inline std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

/// The integer at the start of `text` ("41", "-3", "12abc" -> 12), clamped to +-10^9 so that
/// no later arithmetic overflows; `fallback` when there is none.
inline long long to_int(std::string_view text, long long fallback = 0) {
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ')
    ++i;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  if (i >= text.size() || text[i] < '0' || text[i] > '9') return fallback;
  long long value = 0;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    if (value < 1000000000LL) value = value * 10 + (text[i] - '0');
  }
  if (value > 1000000000LL) value = 1000000000LL;
  return negative ? -value : value;
}

// A body member as a parameter's text: strings as they are, other scalars as JSON text.
inline std::optional<std::string> scalar_text(const nlohmann::ordered_json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return std::string(value.get<bool>() ? "true" : "false");
  if (value.is_number()) return value.dump();
  if (value.is_array()) {
    std::string joined;
    for (const auto& item : value) {
      if (!item.is_string()) return std::nullopt;
      if (!joined.empty()) joined += ',';
      joined += item.get<std::string>();
    }
    return joined;
  }
  return std::nullopt;
}

}  // namespace sim_detail
}  // namespace ari::testing
