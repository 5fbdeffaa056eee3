// The examples' command lines, one convention for all: --help (or -h) prints the usage and
// exits 0; a bad command line (an unknown option, a missing or malformed value) is named on
// stderr with the usage and exits 2.
#pragma once

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace ari_examples {

/// The whole of `text` as a number from `low` to `high`; nullopt otherwise.
inline std::optional<long> number_in(const std::string& text, long low, long high) {
  char* end = nullptr;
  errno = 0;
  const long n = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || n < low || n > high) return std::nullopt;
  return n;
}

class command_line {
 public:
  command_line(std::string program, const char* usage)
      : program_(std::move(program)), usage_(usage) {}

  /// An option without a value.
  void flag(const std::string& name, std::function<void()> action) {
    actions_[name] = std::move(action);
  }
  /// An option without a value that sets `into`.
  void flag(const std::string& name, bool& into) {
    actions_[name] = [&into] { into = true; };
  }
  /// An option with a text value.
  void text(const std::string& name, std::string& into) {
    actions_[name] = [this, &into] { into = value(); };
  }
  /// An option whose value `action` reads (it calls fail() for one it cannot use).
  void with_value(const std::string& name, std::function<void(const std::string&)> action) {
    actions_[name] = [this, action = std::move(action)] { action(value()); };
  }
  /// An option with a whole number from `low` to `high`.
  template <class Number>
  void number(const std::string& name, Number& into, long low = 0, long high = 1L << 30) {
    actions_[name] = [this, &into, low, high] {
      into = static_cast<Number>(whole_number(low, high));
    };
  }
  /// An option with a number of milliseconds (at least `low`), given to each of `into`.
  template <class... Durations>
  void milliseconds(const std::string& name, long low, Durations&... into) {
    actions_[name] = [this, low, &into...] {
      const std::chrono::milliseconds ms{whole_number(low, 1L << 30)};
      ((into = ms), ...);
    };
  }

  /// Runs the actions of the options in argv, in order.
  void parse(int argc, char** argv) {
    argc_ = argc;
    argv_ = argv;
    for (index_ = 1; index_ < argc; ++index_) {
      const std::string option = argv[index_];
      if (option == "--help" || option == "-h") {
        std::cout << usage_;
        std::exit(0);
      }
      const auto action = actions_.find(option);
      if (action == actions_.end()) fail("unknown option " + option);
      action->second();
    }
  }

  /// Names what is wrong with the command line, shows the usage and exits 2.
  [[noreturn]] void fail(const std::string& why) const {
    std::cerr << program_ << ": " << why << '\n' << usage_;
    std::exit(2);
  }

 private:
  std::string value() {
    if (index_ + 1 >= argc_) fail(std::string(argv_[index_]) + " needs a value");
    return argv_[++index_];
  }
  long whole_number(long low, long high) {
    const std::string option = argv_[index_], text = value();
    const std::optional<long> n = number_in(text, low, high);
    if (!n) {
      fail(option + " takes a number from " + std::to_string(low) + " to " + std::to_string(high) +
           ", not '" + text + "'");
    }
    return *n;
  }

  std::string program_;
  const char* usage_;
  std::map<std::string, std::function<void()>> actions_;
  int argc_ = 0;
  char** argv_ = nullptr;
  int index_ = 0;
};

}  // namespace ari_examples
