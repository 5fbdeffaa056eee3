// expect: E must be an ARI event type
#include <ari/ari.hpp>
int main() {
  ari::dispatcher d;
  d.on<ari::Channel>([](const ari::Channel&) {});
}
