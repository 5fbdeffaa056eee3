// Peak heap of one frame, for the worst shapes of input: the whole allocation of parsing (text
// path, fallback document, the event) against the frame's size. Its own program because it
// replaces the global operator new to measure.
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <new>
#include <string>
#include <vector>

#include <ari/ari.hpp>

namespace {

std::size_t live_bytes = 0;
std::size_t peak_bytes = 0;

// Each block carries its size in front, aligned for any type.
constexpr std::size_t header = alignof(std::max_align_t);

void* allocate(std::size_t size) {
  void* block = std::malloc(size + header);
  if (block == nullptr) throw std::bad_alloc();
  *static_cast<std::size_t*>(block) = size;
  live_bytes += size;
  if (live_bytes > peak_bytes) peak_bytes = live_bytes;
  return static_cast<char*>(block) + header;
}

void release(void* pointer) noexcept {
  if (pointer == nullptr) return;
  void* block = static_cast<char*>(pointer) - header;
  live_bytes -= *static_cast<std::size_t*>(block);
  std::free(block);
}

}  // namespace

void* operator new(std::size_t size) {
  return allocate(size);
}
void* operator new[](std::size_t size) {
  return allocate(size);
}
void operator delete(void* pointer) noexcept {
  release(pointer);
}
void operator delete[](void* pointer) noexcept {
  release(pointer);
}
void operator delete(void* pointer, std::size_t) noexcept {
  release(pointer);
}
void operator delete[](void* pointer, std::size_t) noexcept {
  release(pointer);
}

namespace {

std::string repeated(const std::string& part, std::size_t times) {
  std::string text;
  text.reserve(part.size() * times);
  for (std::size_t i = 0; i < times; ++i)
    text += part;
  return text;
}

// Members "k0".."kN" of an object, each with a tiny value.
std::string many_keys(std::size_t count) {
  std::string text;
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) text += ',';
    text += "\"k" + std::to_string(i) + "\":0";
  }
  return text;
}

struct shape {
  const char* name;
  std::function<std::string(std::size_t)> make;  // a frame of about n bytes
};

}  // namespace

int main(int argc, char** argv) {
  // The bound the README promises: peak heap at most factor x frame size + constant.
  constexpr double factor = 64;
  constexpr std::size_t constant = 64 * 1024;
  const std::size_t n = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 1 << 20;
  const std::string unknown = R"({"type":"Zork","x":)";
  const std::string known = R"({"type":"StasisStart","x":)";
  const std::vector<shape> shapes = {
      {"deep [ (not closed)", [](std::size_t size) { return std::string(size, '['); }},
      {"deep arrays under an unknown type",
       [&](std::size_t size) {
         return unknown + repeated("[", size / 2) + repeated("]", size / 2) + "}";
       }},
      {"deep objects under a known type",
       [&](std::size_t size) {
         return known + repeated("{\"a\":", size / 6) + "0" + repeated("}", size / 6) + "}";
       }},
      {"tiny numbers in an array",
       [&](std::size_t size) { return unknown + "[" + repeated("0,", size / 2) + "0]}"; }},
      {"empty objects in an array",
       [&](std::size_t size) { return unknown + "[" + repeated("{},", size / 3) + "{}]}"; }},
      {"empty arrays in an array",
       [&](std::size_t size) { return unknown + "[" + repeated("[],", size / 3) + "[]]}"; }},
      {"empty strings in an array",
       [&](std::size_t size) { return unknown + "[" + repeated("\"\",", size / 3) + "\"\"]}"; }},
      {"empty objects under a known type (fallback)",
       [&](std::size_t size) { return known + "[" + repeated("{},", size / 3) + "{}]}"; }},
      {"many keys in one object",
       [&](std::size_t size) { return R"({"type":"Zork",)" + many_keys(size / 10) + "}"; }},
      {"many keys in an unknown member of a known type",
       [&](std::size_t size) { return known + "{" + many_keys(size / 10) + "}}"; }},
      {"a long string of escapes",
       [&](std::size_t size) { return unknown + "\"" + repeated("\\u00e9", size / 6) + "\"}"; }},
      {"a long string of short escapes",
       [&](std::size_t size) { return unknown + "\"" + repeated("\\n", size / 2) + "\"}"; }},
  };
  int passed = 0;
  int failed = 0;
  std::printf("%-48s %10s %12s %8s\n", "input", "bytes", "peak heap", "ratio");
  for (const auto& s : shapes) {
    const std::string frame = s.make(n);
    const std::size_t before = live_bytes;
    peak_bytes = live_bytes;
    {
      const auto result = ari::try_parse_event(frame);
      (void)result;
    }
    const std::size_t peak = peak_bytes - before;
    const double ratio = double(peak) / double(frame.size());
    const bool ok = double(peak) <= factor * double(frame.size()) + double(constant);
    std::printf("%-48s %10zu %12zu %7.1fx %s\n", s.name, frame.size(), peak, ratio,
                ok ? "" : "OVER THE BOUND");
    ok ? ++passed : ++failed;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
