// expect: take the value by reference
#include <ari/testing.hpp>
int main() {
  (void)ari::testing::build<ari::StasisStart>([](auto e) { e.channel.id = "changed a copy"; });
}
