// leibniz/ops/relu.hpp — relu: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The rectifier max(a, 0). By convention relu'(0) = 0 (the derivative is step(a)).
struct relu_op {
  static constexpr std::string_view name = "relu";
  static constexpr std::string_view latex = "\\operatorname{relu}";
  template <class T>
  static T apply(const T& v) {
    return detail::choose(v < detail::splat<T>(0), detail::splat<T>(0), v);
  }
  static constexpr detail::folded fold(detail::rational r) {
    return {true, r.is_negative() ? detail::rational{0, 1} : r};
  }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// The rectifier max(a, 0). By convention relu'(0) = 0 (the derivative is step(a)).
///
///     static_assert(d(relu(x), x) == step(x));
template <Expression A>
[[nodiscard]] constexpr auto relu(const A& a) {
  return function<relu_op>{}(a);
}

template <class A>
constexpr auto relu_op::derivative(const A& a) {
  return step(a);
}

}  // namespace leibniz

#include "step.hpp"  // relu's derivative is written with it

LEIBNIZ_HEADER_END
