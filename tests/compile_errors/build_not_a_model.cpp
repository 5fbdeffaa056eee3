// expect: T must be an ARI model or event type
#include <ari/testing.hpp>
int main() {
  (void)ari::testing::build<std::string>([](auto& s) { s = "x"; });
}
