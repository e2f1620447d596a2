// Compile-time probe: a 10-variable Rosenbrock chain,
//
//     f = sum over i = 1..9 of 100 (x(i+1) - xi^2)^2 + (1 - xi)^2,
//
// its reverse-mode gradient evaluated at a point, as a user computes it, and then
// leibniz::check_gradient(f, bindings...) at the same point (issue 9, item 7). What the
// checker adds is its own compile cost: with -DPROBE_NO_CHECK the probe is the user's
// code alone. See compile_time.py; `meson test -C build --benchmark compile_time`.
//
// At xi = 1 (the minimum) f = 0 and the gradient is 0; the probe evaluates at
// xi = 1 + i / 20.
#include <cstddef>
#include <cstdio>
#include <utility>

#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;

constexpr std::size_t variables = 10;

// The variable named "x" followed by the digits of I (1 ... 10).
template <std::size_t N>
struct name_text {
  char data[N]{};
};
template <std::size_t I>
constexpr auto make_name() {
  name_text<(I < 10 ? 1 : 2) + 2> text;
  text.data[0] = 'x';
  for (std::size_t k = I < 10 ? 1 : 2, i = I; k > 0; --k, i /= 10) text.data[k] = char('0' + i % 10);
  return text;
}
template <std::size_t I>
inline constexpr auto name = make_name<I>();
template <std::size_t I>
inline constexpr auto x = leibniz::var<leibniz::fixed_string(name<I>.data)>;
static_assert(x<10> == leibniz::var<"x10">);

template <std::size_t... I>
constexpr auto rosenbrock(std::index_sequence<I...>) {  // I = 0 .. 8
  return (... + (100_c * pow(x<I + 2> - pow(x<I + 1>, 2_c), 2_c) + pow(1_c - x<I + 1>, 2_c)));
}
constexpr auto f = rosenbrock(std::make_index_sequence<variables - 1>{});

template <std::size_t... I>
int run(std::index_sequence<I...>) {  // I = 0 .. 9
  const double point[] = {(1.0 + double(I + 1) / 20)...};
  // The user's code: the gradient, reverse mode, at the point.
  const auto g = leibniz::gradient(f, x<I + 1>...)(x<I + 1> = point[I]...);
  double norm = 0;
  ((norm += g.template get<I>() * g.template get<I>()), ...);
  std::printf("f = %.15g, |grad f|^2 = %.15g\n", f(x<I + 1> = point[I]...), norm);
#ifndef PROBE_NO_CHECK
  // ... and the check of that gradient.
  const auto report = leibniz::check_gradient(f, x<I + 1> = point[I]...);
  std::printf("check_gradient: %s\n", report.ok() ? "ok" : "FAILED");
  return report.ok() ? 0 : 1;
#else
  return 0;
#endif
}

int main() {
  return run(std::make_index_sequence<variables>{});
}
