// ari-events: the value of an HTTP Basic Authorization header, shared by the client and the
// project's test servers.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ari::detail {

// "Basic " + base64(USER:PASS).
inline std::string basic_authorization(std::string_view user_and_password) {
  static constexpr char digits[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out = "Basic ";
  const std::size_t size = user_and_password.size();
  for (std::size_t i = 0; i < size; i += 3) {
    const auto byte = [&](std::size_t at) -> unsigned {
      return at < size ? static_cast<unsigned char>(user_and_password[at]) : 0U;
    };
    const unsigned group = (byte(i) << 16U) | (byte(i + 1) << 8U) | byte(i + 2);
    out += digits[(group >> 18U) & 63U];
    out += digits[(group >> 12U) & 63U];
    out += i + 1 < size ? digits[(group >> 6U) & 63U] : '=';
    out += i + 2 < size ? digits[group & 63U] : '=';
  }
  return out;
}

}  // namespace ari::detail
