// leibniz::tie(a, b, ...) takes one destination per entry of the result; a different
// number is a compile error saying so.
//
// expect: give one destination per entry of the result
#include <leibniz/leibniz.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

void write(const Eigen::ArrayXd& X, Eigen::ArrayXd& gx, Eigen::ArrayXd& gy) {
#ifdef LEIBNIZ_COMPILE_FAIL
  leibniz::tie(gx) = leibniz::gradient(x * y, x, y)(x = X, y = 2.0);  // two entries, one destination
  (void)gy;
#else
  leibniz::tie(gx, gy) = leibniz::gradient(x * y, x, y)(x = X, y = 2.0);
#endif
}
