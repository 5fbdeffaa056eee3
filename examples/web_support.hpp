// The HTTP text handling that examples/stasis_app and examples/ari_replay share beyond what
// ari-events does: Basic authorization, and percent-decoding (the server's side).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

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

}  // namespace web
