// leibniz/ops/abs.hpp — abs: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The absolute value |a|. By convention abs'(0) = 0 (the derivative is sign(a)).
struct abs_op {
  static constexpr std::string_view name = "abs";
  static constexpr std::string_view latex = "\\operatorname{abs}";
  template <class T>
  static T apply(const T& v) {
    using std::abs;
    return abs(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {true, r.is_negative() ? -r : r}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The absolute value |a|. By convention abs'(0) = 0 (the derivative is sign(a)).
///
///     static_assert(d(abs(x), x) == sign(x));
template <Expression A>
[[nodiscard]] constexpr auto abs(const A& a) {
  return function<abs_op>{}(a);
}

template <class A>
constexpr auto abs_op::derivative(const A& a) {
  return sign(a);
}

}  // namespace leibniz

#include "sign.hpp"  // abs's derivative is written with it

LEIBNIZ_HEADER_END
