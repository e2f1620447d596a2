// leibniz/ops/tanh.hpp — tanh: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The hyperbolic tangent. Its derivative is written cosh(a)^-2 rather than 1 - tanh(a)^2, which loses all its digits
/// to cancellation once |a| > 10.
struct tanh_op {
  static constexpr std::string_view name = "tanh";
  static constexpr std::string_view latex = "\\tanh";
  template <class T>
  static T apply(const T& v) {
    using std::tanh;
    return tanh(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The hyperbolic tangent. Its derivative is written cosh(a)^-2 rather than 1 - tanh(a)^2, which loses all its digits
/// to cancellation once |a| > 10.
///
///     static_assert(d(tanh(x), x) == 1_c / square(cosh(x)));
template <Expression A>
[[nodiscard]] constexpr auto tanh(const A& a) {
  return function<tanh_op>{}(a);
}

template <class A>
constexpr auto tanh_op::derivative(const A& a) {
  return pow(cosh(a), c<-2>);
}

}  // namespace leibniz

#include "cosh.hpp"  // tanh's derivative is written with it
#include "pow.hpp"   // tanh's derivative is written with it

LEIBNIZ_HEADER_END
