// leibniz/derivative.hpp — d(f, x): the chain rule, once, for every kind of node.
//
// Each node states its local partial derivatives once (nodes.hpp, and the ops under
// ops/ for functions); this file combines them by the chain rule.
// A subexpression that does not contain x is not visited at all: its derivative is 0.
#pragma once

#include <cstddef>
#include <utility>

#include "detail/children.hpp"
#include "simplify.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <fixed_string Name, std::size_t K, class E>
constexpr auto chain_term(const E& e);

/// df/dx by the chain rule: the sum, over the operands that contain x, of the node's
/// local partial by that operand (its rule, nodes.hpp) times the operand's derivative.
template <fixed_string Name, class E>
constexpr auto derivative(const E& e) {
  if constexpr (!E::template depends_on<Name>) {
    return constant<0>{};
  } else if constexpr (Variable<E>) {
    return constant<1>{};
  } else {
    return [&]<std::size_t... K>(std::index_sequence<K...>) {
      return make_sum(chain_term<Name, K>(e)...);
    }
    (std::make_index_sequence<children_t<E>::size>{});
  }
}

/// The K-th operand's share of df/dx: partial_K(e) * d(operand K)/dx, or 0 without x.
template <fixed_string Name, std::size_t K, class E>
constexpr auto chain_term(const E& e) {
  if constexpr (!element_t<K, children_t<E>>::template depends_on<Name>)
    return constant<0>{};
  else
    return make_product(E::template partial<K>(e), derivative<Name>(get<K>(children(e))));
}

template <class F>
constexpr auto derivative_by(const F& f) {
  return f;
}
template <class F, class V, class... Rest>
constexpr auto derivative_by(const F& f, const V&, const Rest&... rest) {
  return derivative_by(derivative<V::name>(f), rest...);
}

}  // namespace detail

/// The derivative of `f` by the variable `x`, simplified, as a new expression:
/// `d(f, x, y)` is `d(d(f, x), y)`. By a variable that `f` does not contain it is `0_c`.
///
///     static_assert(d(sin(x) + x * y, x) == cos(x) + y);
template <class F, class... Vs>
[[nodiscard]] constexpr auto d(const F& f, const Vs&... vs) {
  static_assert(Expression<F>, "leibniz::d(f, x): 'f' must be a leibniz expression");
  static_assert(sizeof...(Vs) > 0, "leibniz::d(f, x): name the variable to differentiate by");
  static_assert((Variable<Vs> && ...),
                "leibniz::d(f, x): 'x' must be a variable (leibniz::var<\"name\">); "
                "differentiating by an expression that is not a variable is not defined");
  if constexpr (Expression<F> && (Variable<Vs> && ...))
    return detail::derivative_by(f, vs...);
  else
    return constant<0>{};  // after the message above, without a cascade of further errors
}

/// The N-th derivative of `f` by `x`: `d<2>(f, x)` is `d(d(f, x), x)`.
///
///     static_assert(d<4>(sin(x), x) == sin(x));
template <std::size_t N, class F, class V>
[[nodiscard]] constexpr auto d(const F& f, const V& v) {
  static_assert(Expression<F>, "leibniz::d<n>(f, x): 'f' must be a leibniz expression");
  static_assert(Variable<V>,
                "leibniz::d<n>(f, x): 'x' must be a variable (leibniz::var<\"name\">); "
                "differentiating by an expression that is not a variable is not defined");
  if constexpr (N == 0 || !Expression<F> || !Variable<V>)
    return f;
  else
    return d<N - 1>(detail::derivative_by(f, v), v);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
