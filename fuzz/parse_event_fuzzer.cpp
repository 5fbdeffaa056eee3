// libFuzzer target. The contract: every input either parses, and then serialises to JSON that
// parses again to an equal event (from the DOM, from its text, and from ari::to_frame, which must
// write the same JSON as the DOM), or yields ari::parse_error,
// from both parse_event and try_parse_event alike. The text path (ari's own tokenizer) and the
// document path (nlohmann::json::parse, then parse_event of the document) agree: the same event,
// or both an error at the same place, and a syntax error exactly when nlohmann/json sees one.
// Parsing any input costs at most 64 times its size plus 64 KiB of heap at its peak (the bound
// tests/memory checks for the worst shapes found), and a dispatcher whose handlers register
// handlers and replace the fallback while it dispatches the event stays sound.
// Anything else stops the run: another exception escaping, a crash, undefined behaviour, a leak.
#include <sanitizer/allocator_interface.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <ari/ari.hpp>

namespace {

void require(bool condition) {
  if (!condition) __builtin_trap();
}

// Live and peak heap of this thread's allocations while measuring (the hooks see every thread).
thread_local bool measuring = false;
thread_local std::size_t live_bytes = 0;
thread_local std::size_t peak_bytes = 0;

void on_malloc(const volatile void*, std::size_t size) {
  if (!measuring) return;
  live_bytes += size;
  if (live_bytes > peak_bytes) peak_bytes = live_bytes;
}
void on_free(const volatile void* pointer) {
  if (!measuring || pointer == nullptr) return;
  const std::size_t size = __sanitizer_get_allocated_size(const_cast<const void*>(pointer));
  live_bytes = size > live_bytes ? 0 : live_bytes - size;
}
const int hooks_installed = __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free);

// Handlers that register more handlers of their own type and replace the fallback mid-dispatch.
void dispatch_reentrantly(const ari::Event& event) {
  ari::dispatcher d;
  int calls = 0;
  std::visit(
      [&](const auto& e) {
        using E = std::decay_t<decltype(e)>;
        d.on<E>([&](const E&) {
          ++calls;
          for (int i = 0; i < 4; ++i)
            d.on<E>([&](const E&) { ++calls; });
        });
      },
      event);
  d.otherwise([&](const ari::Event&) { d.otherwise([](const ari::Event&) {}); });
  d.dispatch(event);
  require(calls == 1);
  d.dispatch(event);
  require(calls == 1 + 1 + 4);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)hooks_installed;
  const std::string_view frame(reinterpret_cast<const char*>(data), size);
  live_bytes = peak_bytes = 0;
  measuring = true;
  const auto result = ari::try_parse_event(frame);
  measuring = false;
  require(peak_bytes <= 64 * size + 64 * 1024);
  // nlohmann/json stops at a NUL byte, which parse_event refuses: no document to compare with.
  std::optional<ari::parse_result> from_document;
  if (frame.find('\0') == std::string_view::npos) {
    try {
      const auto document = nlohmann::json::parse(frame);
      try {
        from_document.emplace(ari::parse_event(document));
      } catch (const ari::parse_error& error) {
        from_document.emplace(error);
      }
    } catch (const nlohmann::json::exception&) {
      require(!result.has_value() && result.error().expected() == "JSON text");
    }
  }
  if (from_document) {
    require(result.has_value() == from_document->has_value());
    if (result.has_value()) {
      require(*result == **from_document);
    } else {
      require(result.error().pointer() == from_document->error().pointer());
      require(result.error().expected() == from_document->error().expected());
    }
  }
  ari::Event event;
  try {
    event = ari::parse_event(frame);
  } catch (const ari::parse_error& error) {
    require(!result.has_value());
    require(result.error().pointer() == error.pointer());
    return 0;
  }
  require(result.has_value() && *result == event);
  dispatch_reentrantly(event);

  const nlohmann::json written = event;
  require(ari::parse_event(written) == event);
  require(ari::parse_event(written.dump()) == event);
  // The direct writer agrees with the DOM.
  const std::string frame_text = ari::to_frame(event);
  require(ari::parse_event(frame_text) == event);
  require(nlohmann::json::parse(frame_text) == written);
  return 0;
}
