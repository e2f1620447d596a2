// leibniz/derivative.hpp — d(f, x): the chain rule, once, for every kind of node.
//
// Each operation supplies only its local derivative (ops/*.hpp); this file combines
// them: linearity for sums, the product rule, the chain rule for functions and powers.
// A subexpression that does not contain x is not visited at all: its derivative is 0.
#pragma once

#include <cstddef>
#include <utility>

#include "functions.hpp"
#include "simplify.hpp"

namespace leibniz {

namespace detail {

template <fixed_string Name, class... Fs, std::size_t... I>
constexpr auto product_rule(const pack<Fs...>& f, std::index_sequence<I...>);

template <fixed_string Name, class E>
constexpr auto derivative(const E& e) {
  if constexpr (!E::template depends_on<Name>) {
    return constant<0>{};
  } else if constexpr (E::kind == node_kind::variable) {
    return constant<1>{};
  } else if constexpr (E::kind == node_kind::unary) {
    return make_product(E::op::derivative(e.arg()), derivative<Name>(e.arg()));
  } else if constexpr (E::kind == node_kind::binary) {
    return make_sum(make_product(E::op::derivative_lhs(e.lhs(), e.rhs()), derivative<Name>(e.lhs())),
                    make_product(E::op::derivative_rhs(e.lhs(), e.rhs()), derivative<Name>(e.rhs())));
  } else if constexpr (E::kind == node_kind::power) {
    return pow_op::derivative(e.base(), e.exponent(), derivative<Name>(e.base()), derivative<Name>(e.exponent()));
  } else if constexpr (E::kind == node_kind::sum) {
    return apply(e.terms, [](const auto&... t) { return make_sum(derivative<Name>(t)...); });
  } else {
    static_assert(E::kind == node_kind::product);
    return product_rule<Name>(e.factors, std::make_index_sequence<std::remove_cvref_t<decltype(e.factors)>::size>{});
  }
}

/// The I-th factor, or 1 in place of the K-th.
template <std::size_t K, std::size_t I, class P>
constexpr auto others(const P& f) {
  if constexpr (K == I)
    return constant<1>{};
  else
    return get<I>(f);
}

template <fixed_string Name, std::size_t K, class... Fs, std::size_t... I>
constexpr auto product_rule_term(const pack<Fs...>& f, std::index_sequence<I...>) {
  if constexpr (!element_t<K, pack<Fs...>>::template depends_on<Name>)
    return constant<0>{};
  else
    return make_product(derivative<Name>(get<K>(f)), others<K, I>(f)...);
}

/// d(f1 f2 ... fn) = sum over i of (f1 ... fn without fi) dfi, skipping factors without x.
template <fixed_string Name, class... Fs, std::size_t... I>
constexpr auto product_rule(const pack<Fs...>& f, std::index_sequence<I...>) {
  return make_sum(product_rule_term<Name, I>(f, std::index_sequence<I...>{})...);
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
constexpr auto d(const F& f, const Vs&... vs) {
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
constexpr auto d(const F& f, const V& v) {
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
