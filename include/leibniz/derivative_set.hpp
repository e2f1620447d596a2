// leibniz/derivative_set.hpp — several expressions evaluated together in one pass.
//
// What `gradient`, `hessian`, `jacobian` and `outputs` return: the entries' expressions
// (built at compile time), the runtime constants they hold, and a call operator that
// evaluates every entry over the union of their DAGs, so a subexpression that several
// entries share is computed once.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "dag.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "parameters.hpp"
#include "results.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

/// Where the parameters of each of several expressions start when they are lifted
/// together: #0 ... for the first, then on.
template <class... Fs>
constexpr std::array<std::size_t, sizeof...(Fs) + 1> parameter_offsets() {
  std::array<std::size_t, sizeof...(Fs) + 1> offsets{};
  constexpr std::size_t counts[] = {count_runtime_constants<Fs>()..., 0};
  for (std::size_t i = 0; i < sizeof...(Fs); ++i) offsets[i + 1] = offsets[i] + counts[i];
  return offsets;
}

/// The lifted form of the I-th of several expressions lifted together.
template <std::size_t I, class... Fs>
using lifted_among_t = decltype(lift<parameter_offsets<Fs...>()[I], element_t<I, pack<Fs...>>>());

/// The parameter bindings of several expressions lifted together.
template <class... Fs>
constexpr auto parameter_bindings_of(const Fs&... fs) {
  return parameter_bindings_from<0>(fs...);
}

template <class T>
inline constexpr bool is_gradient_shape_v = false;
template <class... Vs>
inline constexpr bool is_gradient_shape_v<gradient_shape<Vs...>> = true;

/// The number type results are computed in: the usual arithmetic conversions over the
/// bound values and the parameters (runtime constants), integers as double; double
/// when there is nothing to go by.
template <class... Ts>
struct common_number {
  using type = std::common_type_t<promote_t<typename scalar_of<Ts>::type>...>;
};
template <>
struct common_number<> {
  using type = double;
};

}  // namespace detail

/// Several derivatives of one function, built at compile time and evaluated together
/// in one pass over the union of their DAGs (what `gradient`, `hessian` and
/// `jacobian` return). Call it with bindings for the values: `G(x = 1.0, y = 2.0)`;
/// index a gradient by a variable for the expression: `G[x]`.
///
///     const auto G = leibniz::gradient(sin(x) * y, x, y);
///     std::cout << G[x];                        // cos(x) * y
///     auto g = G(x = 0.0, y = 2.0);             // g[x] == 2, g[y] == 0
template <class Shape, class Params, class... Es>
struct derivative_set {
  static_assert(sizeof...(Es) == Shape::entries);
  using shape = Shape;
  using entries = detail::pack<Es...>;

  Params parameters;  // the values of the runtime constants of f, as bindings #0, #1, ...

  template <class... Bs>
  auto operator()(const Bs&... bindings) const {
    // Calls, not folds: a list of bindings can be longer than Clang folds (detail/pack.hpp).
    static_assert(detail::all_of(detail::is_binding_v<Bs>...),
                  "leibniz: evaluate derivatives with bindings written `x = value`");
    if constexpr (!detail::all_of(detail::is_binding_v<Bs>...)) {
      return 0.0;
    } else {
      return detail::unpack(parameters, [&](const auto&... ps) {
        // Every variable of every entry bound once (the errors name it); then evaluate.
        if constexpr (!detail::all_of(
                          detail::bindings_checked<Es, Bs..., std::remove_cvref_t<decltype(ps)>...>::value...))
          return typename Shape::template values<double>{};
        else if constexpr (detail::count_true(detail::has_matrix<Es>::value...) > 0)
          return detail::matrix_backend<Shape>::evaluate_set(*this, bindings..., ps...);
        else if constexpr (detail::count_true(detail::is_array_v<typename Bs::value_type>...) > 0)
          return detail::array_backend_of<Bs...>::evaluate_set(*this, bindings..., ps...);
        else
          return evaluate_scalars(detail::make_pack(bindings..., ps...));
      });
    }
  }

  /// With an execution policy first, `G(leibniz::parallel, x = X, ...)` (parallel.hpp):
  /// the result over arrays is computed on several threads when it is read or tied.
  template <class Policy, class... Bs>
  requires requires { typename Policy::execution_policy_tag; }
  auto operator()(const Policy& policy, const Bs&... bindings) const {
    return policy.attach((*this)(bindings...));
  }

  /// The expression of df/dx (gradients only), runtime constants put back in.
  template <class V>
  requires(detail::is_gradient_shape_v<Shape>&& Variable<V>) constexpr auto operator[](const V&) const {
    return []<class... Vs>(detail::gradient_shape<Vs...>*, const Params& p) {
      constexpr std::size_t i = detail::index_of_variable<V::name, Vs...>();
      return detail::substitute_parameters(detail::element_t<i, detail::pack<Es...>>{}, p);
    }(static_cast<Shape*>(nullptr), parameters);
  }

 private:
  template <class... Bs>
  auto evaluate_scalars(const detail::pack<Bs...>& all) const {
    using R = typename detail::common_number<typename Bs::value_type...>::type;
    using sched = detail::schedule_for_t<Es...>;
    R values[sched::size];
    const auto numbers = detail::numbers_of<R>(all);
    detail::run_schedule<detail::pack<Bs...>>(static_cast<typename sched::schedule_type*>(nullptr), values,
                                              detail::number_reader<R>{numbers.data()});
    typename Shape::template values<R> out;
    detail::fill<Shape>(out, [&](std::size_t k) { return values[sched::outputs[k]]; });
    return out;
  }
};

/// The number of unique nodes evaluated for all the derivatives of the set together.
///
///     static_assert(node_count(leibniz::gradient(x * y * z)) <= 7);
template <class Shape, class Params, class... Es>
[[nodiscard]] constexpr std::size_t node_count(const derivative_set<Shape, Params, Es...>&) {
  return detail::schedule_for_t<Es...>::size;
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
