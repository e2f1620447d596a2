// leibniz::parallel evaluates with OpenMP: compiled without it (no -fopenmp, as the flags
// of this test are), a use is a compile error that says how to enable it. Including
// <leibniz/parallel.hpp> without using it costs nothing (the twin compiles).
//
// expect: leibniz::parallel needs OpenMP: compile and link with -fopenmp
#include <leibniz/leibniz.hpp>
#include <leibniz/parallel.hpp>

constexpr auto x = leibniz::var<"x">;
constexpr auto y = leibniz::var<"y">;

void write(const Eigen::ArrayXd& X, Eigen::ArrayXd& gx, Eigen::ArrayXd& gy) {
#ifdef LEIBNIZ_COMPILE_FAIL
  leibniz::tie(leibniz::parallel, gx, gy) = leibniz::gradient(x * y, x, y)(x = X, y = 2.0);
#else
  leibniz::tie(gx, gy) = leibniz::gradient(x * y, x, y)(x = X, y = 2.0);
#endif
}
