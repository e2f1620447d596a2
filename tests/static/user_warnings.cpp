// tests/static/user_warnings.cpp — the headers stay quiet under warnings a user may
// turn on that the library's own build does not: -Wshadow with globals named like the
// headers' locals (compiled with -Werror=shadow, see tests/meson.build).
double a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8, i = 9, j = 10, k = 11, l = 12, m = 13, n = 14, p = 15,
       r = 16, s = 17, t = 18, u = 19, v = 20, w = 21, z = 22;

#include <leibniz/leibniz.hpp>

double user_code() {
  constexpr auto x1 = leibniz::var<"x">;
  constexpr auto y1 = leibniz::var<"y">;
  const auto loss = sin(x1) * pow(x1, 2) + max(x1, y1) + 2.5 * gelu(y1) + log(1 + exp(x1 * y1));
  const auto grad = leibniz::gradient(loss, x1, y1);
  const auto at_point = grad(x1 = 1.0, y1 = 2.0);
  Eigen::ArrayXd xs = Eigen::ArrayXd::LinSpaced(17, -1.0, 1.0), out_x(17), out_y(17);
  leibniz::tie(out_x, out_y) = grad(x1 = xs, y1 = 2.0);
  const auto hess = leibniz::hessian(loss, x1, y1)(x1 = 1.0, y1 = 2.0);
  const auto report = leibniz::check_gradient(loss, x1 = 1.0, y1 = 2.0);
  return at_point[x1] + out_x.sum() + hess[x1][y1] + double(report.ok()) +
         double(leibniz::to_dot(loss, x1 = 1.0, y1 = 2.0).size() + leibniz::to_latex(loss).size());
}
