// Your own function: an elementary function that leibniz does not have, defined in your
// code, outside the library, through the same extension point the built-in functions use
// (leibniz::function<Op>). Once defined, it works everywhere a built-in function does:
// d, gradient, printing, Eigen arrays (SIMD where its code allows), to_dot and the checker.
#include <cmath>
#include <cstdio>
#include <iostream>
#include <string_view>

#include <Eigen/Core>
#include <leibniz/leibniz.hpp>

using namespace leibniz::literals;  // 1_c, 2_c, ... and leibniz::c

// [snippet:softsign]
// softsign(a) = a / (1 + |a|): its value, its derivative as an expression, its name.
struct softsign_op {
  static constexpr std::string_view name = "softsign";  // printed name (LaTeX optional)
  static auto apply(const auto& v) {
    using std::abs;
    return v / (1 + abs(v));
  }                                                                                // numbers, SIMD batches
  static constexpr auto derivative(auto a) { return 1_c / square(1_c + abs(a)); }  // an expression of a
};
inline constexpr leibniz::function<softsign_op> softsign{};
// [snippet:softsign-end]

// [snippet:scalar-only]
// An apply that only takes numbers (std::cbrt has no SIMD kernel) is run one element at a
// time on arrays; everything else is the same.
struct cube_root_op {
  static constexpr std::string_view name = "cube_root";
  static double apply(double v) { return std::cbrt(v); }
  static constexpr auto derivative(auto a) { return leibniz::c<1, 3> * pow(a, leibniz::c<-2, 3>); }
};
inline constexpr leibniz::function<cube_root_op> cube_root{};
// [snippet:scalar-only-end]

int main() {
  constexpr auto x = leibniz::var<"x">;
  constexpr auto y = leibniz::var<"y">;

  // [snippet:use]
  constexpr auto f = softsign(x);
  constexpr auto df = leibniz::d(f, x);
  static_assert(df == 1_c / square(1_c + abs(x)));
  std::cout << "f     = " << f << "\n"
            << "df/dx = " << df << "\n"
            << "LaTeX: " << leibniz::to_latex(f) << "\n";
  // [snippet:use-end]

  // [snippet:arrays]
  Eigen::ArrayXd X(5);
  X << -2.0, -0.5, 0.0, 0.5, 2.0;
  const Eigen::ArrayXd values = f(x = X);  // one pass over the array
  const Eigen::ArrayXd slopes = df(x = X);
  for (Eigen::Index i = 0; i < X.size(); ++i)
    std::printf("x = %4.1f   softsign = %8.5f   slope = %7.5f\n", X[i], values[i], slopes[i]);
  // [snippet:arrays-end]

  // [snippet:check]
  const auto g = softsign(x * y) + y * softsign(x);
  const auto report = leibniz::check_gradient(g, x = 0.8, y = -1.5);
  std::cout << '\n' << report;
  // [snippet:check-end]

  // [snippet:scalar-only-use]
  constexpr auto h = cube_root(x);
  const Eigen::ArrayXd C = h(x = Eigen::ArrayXd::LinSpaced(4, 1.0, 64.0));  // 1, 22, 43, 64
  std::cout << '\n'
            << h << " on 1, 22, 43, 64: " << C.transpose() << "\n"
            << leibniz::d(h, x) << " at 8: " << leibniz::d(h, x)(x = 8.0) << "\n";
  // [snippet:scalar-only-use-end]
  return report.ok() ? 0 : 1;
}
