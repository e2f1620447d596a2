// leibniz/ops/log.hpp — log: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The natural logarithm; NaN for negative arguments.
struct log_op {
  static constexpr std::string_view name = "log";
  static constexpr std::string_view latex = "\\log";
  template <class T>
  static T apply(const T& v) {
    using std::log;
    return log(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_one(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
  /// log(exp(a)) = a; log(1 + exp(a)) = softplus(a) and log(sigmoid(a)) = -softplus(-a),
  /// which stay finite where the written forms overflow (a = 800).
  template <class A>
  static constexpr auto rewrite(const A& a);
};

/// The natural logarithm; NaN for negative arguments.
///
///     static_assert(d(log(x), x) == 1_c / x);
template <Expression A>
[[nodiscard]] constexpr auto log(const A& a) {
  return function<log_op>{}(a);
}

template <class A>
constexpr auto log_op::derivative(const A& a) {
  return c<1> / a;
}

}  // namespace leibniz

#include "exp.hpp"  // the rewrites below recognise exp and sigmoid, and write softplus
#include "sigmoid.hpp"
#include "softplus.hpp"

namespace leibniz {

namespace detail {
template <class A>
inline constexpr bool is_one_plus_exp_v = false;
template <class X>
inline constexpr bool is_one_plus_exp_v<add<constant<1>, unary<exp_op, X>>> = true;
}  // namespace detail

template <class A>
constexpr auto log_op::rewrite(const A& a) {
  if constexpr (detail::is_call_of_v<exp_op, A>)
    return a.arg();
  else if constexpr (detail::is_one_plus_exp_v<A>)
    return softplus(detail::get<1>(a.operands).arg());
  else if constexpr (detail::is_call_of_v<sigmoid_op, A>)
    return -softplus(-a.arg());
  else
    return no_rewrite{};
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
