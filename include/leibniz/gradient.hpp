// leibniz/gradient.hpp — many derivatives at once: gradient, hessian, jacobian, jvp, outputs.
//
// Each returns a derivative set (derivative_set.hpp): the entries are built at compile
// time, in reverse mode by default (reverse.hpp), and evaluated together in one pass.
#pragma once

#include <array>
#include <cstddef>
#include <tuple>
#include <type_traits>
#include <utility>

#include "derivative.hpp"
#include "derivative_set.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "inspect.hpp"
#include "parameters.hpp"
#include "reverse.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class F, class... Vs>
constexpr void check_differentiation_arguments() {
  static_assert(Expression<F>, "leibniz: the first argument must be a leibniz expression");
  static_assert((Variable<Vs> && ...),
                "leibniz: derivatives are taken by variables (leibniz::var<\"name\">); "
                "an argument after the function is not a variable");
}

template <class F, class... Vs>
using derivative_set_params_t = decltype(parameter_bindings(std::declval<const F&>()));

template <class Mode, class F, class... Vs>
constexpr auto make_gradient(const F& f) {
  using L = lifted_t<F>;
  return derivative_set<gradient_shape<Vs...>, derivative_set_params_t<F>, decltype(partial<Mode, L, Vs>())...>{
      parameter_bindings(f)};
}

}  // namespace detail

/// All the partial derivatives of `f` by `xs...`, as one set evaluated in one pass:
/// `gradient(f, x, y)(x = 1.0, y = 2.0)[x]`. Reverse mode by default (one compile-time
/// adjoint sweep); `gradient<leibniz::forward>` takes one derivative per variable.
/// Both give the same values. Without variables: all free variables, sorted by name.
///
///     auto g = leibniz::gradient(sin(x) + x * y, x, y)(x = 1.0, y = 2.0);
///     // g[x] == cos(1) + 2, g[y] == 1
template <class Mode = reverse, class F, class... Vs>
[[nodiscard]] constexpr auto gradient(const F& f, const Vs&...) {
  static_assert(std::is_same_v<Mode, reverse> || std::is_same_v<Mode, forward>,
                "leibniz::gradient<Mode>: the mode is leibniz::reverse or leibniz::forward");
  detail::check_differentiation_arguments<F, Vs...>();
  if constexpr (!Expression<F> || !(Variable<Vs> && ...)) {
    return 0.0;
  } else if constexpr (sizeof...(Vs) == 0) {
    return detail::unpack(detail::variables_v<F>, [&](const auto&... v) { return gradient<Mode>(f, v...); });
  } else {
    return detail::make_gradient<Mode, F, Vs...>(f);
  }
}

/// The Hessian of `f` by `xs...`: `hessian(f, x, y)(bindings)[x][y]`. The gradient is
/// taken in reverse mode, then each entry differentiated again (forward over reverse);
/// only the upper triangle is computed.
///
///     auto H = leibniz::hessian(x * x * y, x, y)(x = 1.0, y = 2.0);   // H[x][x] == 4
template <class F, class... Vs>
[[nodiscard]] constexpr auto hessian(const F& f, const Vs&...) {
  detail::check_differentiation_arguments<F, Vs...>();
  static_assert(sizeof...(Vs) > 0, "leibniz::hessian(f, x, ...): name the variables");
  using L = detail::lifted_t<F>;
  using vars = detail::pack<Vs...>;
  constexpr std::size_t n = sizeof...(Vs);
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    using shape = detail::hessian_shape<Vs...>;
    constexpr auto row_col = [] {
      std::array<std::pair<std::size_t, std::size_t>, shape::entries> rc{};
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i; j < n; ++j) rc[shape::entry_of(i, j)] = {i, j};
      return rc;
    }();
    return derivative_set<shape, detail::derivative_set_params_t<F>,
                          decltype(detail::derivative<detail::element_t<row_col[K].second, vars>::name>(
                              decltype(detail::reverse_partial<L, detail::element_t<row_col[K].first, vars>>()){}))...>{
        detail::parameter_bindings(f)};
  }
  (std::make_index_sequence<n*(n + 1) / 2>{});
}

/// The Jacobian of several functions (a std::tuple of expressions) by `xs...`:
/// `jacobian(std::tuple{f, g}, x, y)(bindings)[i][x]`, one reverse sweep per output,
/// all evaluated together.
///
///     auto J = leibniz::jacobian(std::tuple{x * y, x + y}, x, y)(x = 1.0, y = 2.0);   // J[0][y] == 1
template <class... Fs, class... Vs>
[[nodiscard]] constexpr auto jacobian(const std::tuple<Fs...>& fs, const Vs&...) {
  static_assert((Expression<Fs> && ...), "leibniz::jacobian(fs, x, ...): fs is a std::tuple of expressions");
  static_assert((Variable<Vs> && ...), "leibniz::jacobian(fs, x, ...): derivatives are taken by variables");
  static_assert(sizeof...(Fs) > 0 && sizeof...(Vs) > 0, "leibniz::jacobian(fs, x, ...): name functions and variables");
  constexpr std::size_t n = sizeof...(Vs);
  using vars = detail::pack<Vs...>;
  const auto params = std::apply([](const auto&... f) { return detail::parameter_bindings_of(f...); }, fs);
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return derivative_set<
        detail::jacobian_shape<sizeof...(Fs), Vs...>, std::remove_cvref_t<decltype(params)>,
        decltype(detail::reverse_partial<detail::lifted_among_t<K / n, Fs...>, detail::element_t<K % n, vars>>())...>{
        params};
  }
  (std::make_index_sequence<sizeof...(Fs) * n>{});
}

/// Several expressions evaluated together, each unique node of all of them once:
/// `outputs(f, g)(x = 1.0)` gives their values by position; over arrays
/// `leibniz::tie(a, b) = outputs(f, g)(x = X)` writes them into existing arrays.
///
///     auto [value, slope] = leibniz::outputs(sin(x), cos(x))(x = 0.0);   // 0, 1
template <class... Fs>
[[nodiscard]] constexpr auto outputs(const Fs&... fs) {
  static_assert(sizeof...(Fs) > 0 && (Expression<Fs> && ...), "leibniz::outputs(f, ...): give leibniz expressions");
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return derivative_set<detail::list_shape<sizeof...(Fs)>, decltype(detail::parameter_bindings_of(fs...)),
                          detail::lifted_among_t<K, Fs...>...>{detail::parameter_bindings_of(fs...)};
  }
  (std::index_sequence_for<Fs...>{});
}

/// The directional derivative of `f` along a tangent given as bindings:
/// `jvp(f, x = vx, y = vy)` is the expression d(f, x) vx + d(f, y) vy (forward mode:
/// one pass for any number of inputs, per direction).
///
///     const auto t = leibniz::jvp(x * y, x = 1.0, y = 0.0);   // y
///     double v = t(x = 3.0, y = 2.0);                         // 2
template <class F, class... Ts>
[[nodiscard]] constexpr auto jvp(const F& f, const Ts&... tangents) {
  static_assert(Expression<F>, "leibniz::jvp(f, x = vx, ...): f must be a leibniz expression");
  static_assert((detail::is_binding_v<Ts> && ...),
                "leibniz::jvp(f, x = vx, ...): give the tangent as bindings `x = vx`");
  if constexpr (sizeof...(Ts) == 0)
    return constant<0>{};
  else
    return detail::make_sum(
        detail::make_product(detail::derivative<Ts::name>(f), detail::as_expression(tangents.value))...);
}

namespace detail {

/// The name of the tangent of the variable Name: "~" Name. No user variable starts with
/// '~' (parameters.hpp), and the tangent is bound like a variable.
template <fixed_string Name>
constexpr auto tangent_name() {
  char text[Name.size() + 2]{};
  text[0] = '~';
  for (std::size_t i = 0; i < Name.size(); ++i) text[i + 1] = Name.data[i];
  return fixed_string<Name.size() + 1>(text);
}

/// The variable of F named Name, with its shape (a scalar variable when F has none).
template <fixed_string Name, class F>
constexpr auto variable_named() {
  return unpack(variables_v<F>, []<class... Vs>(const Vs&...) {
    constexpr std::size_t i = index_in_list<name_tag<Name>, name_tag<Vs::name>...>::value;
    if constexpr (i < sizeof...(Vs))
      return element_t<i, pack<Vs...>>{};
    else
      return variable<Name>{};
  });
}

/// The tangent variable of V: a variable of V's shape named "~" V::name.
template <class V>
constexpr auto tangent_of(const V&) {
  if constexpr (requires { V::static_shape; })
    return matrix_variable<tangent_name<V::name>(), V::static_shape.rows, V::static_shape.cols>{};
  else
    return variable<tangent_name<V::name>()>{};
}

/// The binding `x = v` renamed to the tangent `~x = v`; it refers to what the original
/// refers to (a caller's matrix stays the caller's).
template <class B>
auto as_tangent_binding(const B& b) {
  using T = typename B::value_type;
  using renamed = binding<tangent_name<B::name>(), T>;
  if constexpr (is_held_by_value_v<T>)
    return renamed{b.value};
  else
    return renamed(b.value);
}

/// <a, t>: the product of two scalars, the sum of the entrywise product of two matrices.
template <class A, class T>
constexpr auto inner_product(const A& a, const T& t) {
  if constexpr (shape_of_type<A>::value.scalar && shape_of_type<T>::value.scalar)
    return make_product(a, t);
  else
    return sum(make_product(a, t));  // leibniz::sum (matrix/reductions.hpp), found by argument-dependent lookup
}

/// The directional derivative of the (lifted, static) F along the tangents of Vs:
/// sum_k <df/dx_k, ~x_k>, itself an expression of x and the tangents.
template <class F, class... Vs>
constexpr auto directional_derivative() {
  return make_sum(inner_product(reverse_partial<F, Vs>(), tangent_of(Vs{}))...);
}

/// The Hessian-vector product of F along the tangents: the gradient of the
/// directional derivative, by each variable of the direction.
template <class F, class... Ts>
constexpr auto make_hvp(const F& f, const Ts&... tangents) {
  using L = detail::lifted_t<F>;
  using D = decltype(detail::directional_derivative<L, decltype(detail::variable_named<Ts::name, F>())...>());
  const auto params =
      detail::concat(detail::parameter_bindings(f), detail::make_pack(detail::as_tangent_binding(tangents)...));
  return derivative_set<detail::gradient_shape<decltype(detail::variable_named<Ts::name, F>())...>,
                        std::remove_cvref_t<decltype(params)>,
                        decltype(detail::reverse_partial<D, decltype(detail::variable_named<Ts::name, F>())>())...>{
      params};
}

}  // namespace detail

/// The Hessian of a scalar `f` times a direction given as bindings, by each variable of
/// the direction: `hvp(f, x = vx, W = V)(bindings)[W]` is sum_j (d^2 f / dW dx_j) v_j,
/// shaped like W (a number for a scalar variable). Built at compile time as the gradient
/// of the directional derivative <grad f, v> (reverse over reverse), so no Hessian is
/// formed: for `squared_norm(A * w - y)` it is `2 * A^T * (A * v)`. The tangents are
/// referred to, not copied: keep them alive while the result is used.
///
///     auto h = leibniz::hvp(x * x * y, x = 1.0, y = 0.0)(x = 3.0, y = 2.0);   // h[x] == 4, h[y] == 6
template <class F, class... Ts>
[[nodiscard]] constexpr auto hvp(const F& f, const Ts&... tangents) {
  static_assert(Expression<F>, "leibniz::hvp(f, x = vx, ...): f must be a leibniz expression");
  static_assert((detail::is_binding_v<Ts> && ...),
                "leibniz::hvp(f, x = vx, ...): give the direction as bindings `x = vx`, one per variable");
  static_assert(sizeof...(Ts) > 0, "leibniz::hvp(f, x = vx, ...): give the direction `x = vx`");
  static_assert(!Expression<F> || detail::shape_of_type<F>::value.scalar,
                "leibniz::hvp(f, ...): f must be a scalar; reduce a vector or matrix with sum, mean, squared_norm "
                "or dot first");
  if constexpr (sizeof...(Ts) == 0 || !Expression<F> || !(detail::is_binding_v<Ts> && ...) ||
                !detail::shape_of_type<F>::value.scalar)
    return 0.0;  // after the message above, without a cascade of further errors
  else
    return detail::make_hvp(f, tangents...);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
