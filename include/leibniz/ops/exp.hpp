// leibniz/ops/exp.hpp — exp: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The exponential e^a.
struct exp_op {
  static constexpr std::string_view name = "exp";
  static constexpr std::string_view latex = "\\exp";
  template <class T>
  static T apply(const T& v) {
    using std::exp;
    return exp(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {1, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The exponential e^a.
///
///     static_assert(d(exp(x), x) == exp(x));
template <Expression A>
[[nodiscard]] constexpr auto exp(const A& a) {
  return function<exp_op>{}(a);
}

template <class A>
constexpr auto exp_op::derivative(const A& a) {
  return exp(a);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
