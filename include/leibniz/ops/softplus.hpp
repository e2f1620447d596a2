// leibniz/ops/softplus.hpp — softplus: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../detail/lanes.hpp"
#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// log(1 + exp(a)), evaluated without overflow for any a.
struct softplus_op {
  static constexpr std::string_view name = "softplus";
  static constexpr std::string_view latex = "\\operatorname{softplus}";
  template <class T>
  static T apply(const T& v) {
    // max(v, 0) + log1p(exp(-|v|)): exp of a number <= 0 cannot overflow.
    using std::abs;
    using std::exp;
    using std::log1p;
    const T zero = detail::splat<T>(0);
    return T(detail::choose(v > zero, v, zero) + log1p(exp(-abs(v))));
  }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// log(1 + exp(a)), evaluated without overflow for any a.
///
///     static_assert(d(softplus(x), x) == sigmoid(x));
template <Expression A>
[[nodiscard]] constexpr auto softplus(const A& a) {
  return function<softplus_op>{}(a);
}

template <class A>
constexpr auto softplus_op::derivative(const A& a) {
  return sigmoid(a);
}

}  // namespace leibniz

#include "sigmoid.hpp"  // softplus's derivative is written with it

LEIBNIZ_HEADER_END
