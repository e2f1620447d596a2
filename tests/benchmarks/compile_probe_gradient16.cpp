// Compile-time probe: the 16 partial derivatives of x1 * x2 * ... * x16, each taken
// with leibniz::d and evaluated, so that every derivative type is instantiated and
// code is generated for it. Measures how compile time grows with the number of
// variables (compile_time.py; `meson test -C build --benchmark compile_time`).
//
// At xi = i, f = 16! = 20922789888000 and df/dxi = 16! / i.
#include <cstdio>
#include <tuple>

#include <leibniz/leibniz.hpp>

constexpr auto x1 = leibniz::var<"x1">;
constexpr auto x2 = leibniz::var<"x2">;
constexpr auto x3 = leibniz::var<"x3">;
constexpr auto x4 = leibniz::var<"x4">;
constexpr auto x5 = leibniz::var<"x5">;
constexpr auto x6 = leibniz::var<"x6">;
constexpr auto x7 = leibniz::var<"x7">;
constexpr auto x8 = leibniz::var<"x8">;
constexpr auto x9 = leibniz::var<"x9">;
constexpr auto x10 = leibniz::var<"x10">;
constexpr auto x11 = leibniz::var<"x11">;
constexpr auto x12 = leibniz::var<"x12">;
constexpr auto x13 = leibniz::var<"x13">;
constexpr auto x14 = leibniz::var<"x14">;
constexpr auto x15 = leibniz::var<"x15">;
constexpr auto x16 = leibniz::var<"x16">;

constexpr auto f = x1 * x2 * x3 * x4 * x5 * x6 * x7 * x8 * x9 * x10 * x11 * x12 * x13 * x14 * x15 * x16;
static_assert(std::tuple_size_v<decltype(leibniz::free_variables(f))> == 16);

// The value of e at xi = i.
template <class E>
double at_point(const E& e) {
  return e(x1 = 1.0, x2 = 2.0, x3 = 3.0, x4 = 4.0, x5 = 5.0, x6 = 6.0, x7 = 7.0, x8 = 8.0,  //
           x9 = 9.0, x10 = 10.0, x11 = 11.0, x12 = 12.0, x13 = 13.0, x14 = 14.0, x15 = 15.0, x16 = 16.0);
}

int main() {
  std::printf("f = %.0f\n", at_point(f));
  // One leibniz::d per variable (free_variables sorts them by name: x1, x10, x11, ...).
  std::apply(
      [](const auto&... v) {
        ((std::printf("df/d%s = %.0f\n", leibniz::to_string(v).c_str(), at_point(leibniz::d(f, v)))), ...);
      },
      leibniz::free_variables(f));
}
