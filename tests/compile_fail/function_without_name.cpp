// An op struct made into a function must give its printed name; without one the error
// says so, at the definition of the function.
//
// expect: Op needs its printed name
#include <string_view>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

struct twice_op {
#ifndef LEIBNIZ_COMPILE_FAIL
  static constexpr std::string_view name = "twice";  // the line the failing snippet lacks
#endif
  static auto apply(const auto& v) {
    return v + v;
  }
  static constexpr auto derivative(auto) {
    return 2_c;
  }
};
inline constexpr leibniz::function<twice_op> twice{};

constexpr auto x = leibniz::var<"x">;

double slope() {
  return leibniz::d(twice(x), x)(x = 1.0);
}
