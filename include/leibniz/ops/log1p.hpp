// leibniz/ops/log1p.hpp — log1p: value, exact values, derivative, printed name.
#pragma once

#include <cmath>
#include <string_view>

#include "../function.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// log(1 + a), accurate for tiny a.
struct log1p_op {
  static constexpr std::string_view name = "log1p";
  static constexpr std::string_view latex = "\\operatorname{log1p}";
  template <class T>
  static T apply(const T& v) {
    using std::log1p;
    return log1p(v);
  }
  static constexpr detail::folded fold(detail::rational r) { return {r.is_zero(), {0, 1}}; }
  template <class A>
  static constexpr auto derivative(const A& a);
};

/// log(1 + a), accurate for tiny a.
///
///     static_assert(d(log1p(x), x) == 1_c / (1_c + x));
template <Expression A>
[[nodiscard]] constexpr auto log1p(const A& a) {
  return function<log1p_op>{}(a);
}

template <class A>
constexpr auto log1p_op::derivative(const A& a) {
  return c<1> / (c<1> + a);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
