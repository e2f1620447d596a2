// check_hessian does not take vectors and matrices (yet): the error says so and points
// to check_gradient, which checks their gradients entry by entry.
//
// expect: check_hessian\(f, \.\.\.\): f has vectors or matrices in it
// expect: check_gradient\(f, W = w, \.\.\.\) checks their gradients entry by entry
#include <leibniz/leibniz.hpp>

constexpr auto W = leibniz::mat<"W">;
constexpr auto s = leibniz::var<"s">;

bool checked(const Eigen::MatrixXd& w) {
#ifdef LEIBNIZ_COMPILE_FAIL
  return leibniz::check_hessian(s * sum(exp(W)), W = w, s = 2.0).ok();
#else
  return leibniz::check_gradient(s * sum(exp(W)), W = w, s = 2.0).ok() && leibniz::check_hessian(s * s, s = 2.0).ok();
#endif
}
