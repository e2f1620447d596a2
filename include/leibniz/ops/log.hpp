// leibniz/ops/log.hpp — log: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../operators.hpp"

namespace leibniz {

/// The natural logarithm; NaN for negative arguments.
struct log_op {
  static constexpr std::string_view name = "log";
  static constexpr std::string_view latex = "\\log";
  template <class T>
  static T apply(const T& v) {
    using std::log; return log(v);
  }
  static constexpr detail::folded fold(detail::rational r) {
    return {r.is_one(), {0, 1}};
  }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The natural logarithm; NaN for negative arguments.
///
///     static_assert(d(log(x), x) == 1_c / x);
template <Expression A>
constexpr auto log(const A& a) {
  return detail::make_unary<log_op>(a);
}

template <class A>
constexpr auto log_op::derivative(const A& a) {
  return c<1> / a;
}

}  // namespace leibniz

