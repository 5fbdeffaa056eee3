// The HTTP text handling that the example servers (ari_replay, ari_sim) and their tests share
// beyond what ari-events does: percent-decoding, query parameters, and Basic authorization or an
// api_key checked as Asterisk checks them. No Boost here: web_server.hpp has the sockets.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <ari/detail/basic_authorization.hpp>

namespace web {

// As Asterisk decodes (ast_uri_http_legacy): %XX and '+' for a space.
inline std::string url_decode(std::string_view text) {
  const auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && digit(text[i + 1]) >= 0 &&
        digit(text[i + 2]) >= 0) {
      out += static_cast<char>(digit(text[i + 1]) * 16 + digit(text[i + 2]));
      i += 2;
    } else {
      out += text[i] == '+' ? ' ' : text[i];
    }
  }
  return out;
}

// "Basic " + base64(USER:PASS), the Authorization header Asterisk's HTTP server reads.
inline std::string basic_authorization(std::string_view user_and_password) {
  return ari::detail::basic_authorization(user_and_password);
}

using query_list = std::vector<std::pair<std::string, std::string>>;

// The query of `target` as decoded name/value pairs, in order.
inline query_list query_of(std::string_view target) {
  query_list pairs;
  const auto question = target.find('?');
  if (question == std::string_view::npos) return pairs;
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    const auto equals = pair.find('=');
    pairs.emplace_back(url_decode(pair.substr(0, equals)),
                       equals == std::string_view::npos ? "" : url_decode(pair.substr(equals + 1)));
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  return pairs;
}

// The first value of query parameter `name` in `target`.
inline std::optional<std::string> query_value(std::string_view target, std::string_view name) {
  for (auto& [key, value] : query_of(target)) {
    if (key == name) return value;
  }
  return std::nullopt;
}

// Whether a request carries USER:PASS, as Asterisk accepts it: api_key=USER:PASS in the query
// (what WebSocket clients that cannot set headers use) or Basic authorization.
inline bool authorized(std::string_view target, std::string_view authorization,
                       std::string_view user_and_password) {
  return query_value(target, "api_key") == user_and_password ||
         authorization == basic_authorization(user_and_password);
}

}  // namespace web
