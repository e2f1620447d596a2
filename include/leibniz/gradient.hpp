// leibniz/gradient.hpp — many derivatives at once: gradient, hessian, jacobian, jvp.
//
// Reverse mode at compile time. The unique nodes of f are put in topological order
// (dag.hpp); the adjoint of the output is 1 and every other node's adjoint is the sum,
// over the nodes that use it, of their adjoint times their local partial derivative:
// add distributes the upstream gradient, mul switches it (each factor gets the product
// of the others), max routes it, and where a node feeds several others the gradients
// add. Every adjoint is an expression built once per unique node, so the gradient of an
// n-input function has O(size of f) unique nodes, not O(n size of f); forward mode
// (one symbolic derivative per variable) is there to compare.
//
// The derivatives of one call are evaluated together, over the union of their DAGs:
// a subexpression that several partials share is computed once.
#pragma once

#include <array>
#include <cstddef>
#include <stdexcept>
#include <tuple>
#include <type_traits>
#include <utility>

#include "dag.hpp"
#include "derivative.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "inspect.hpp"
#include "parameters.hpp"
#include "variable.hpp"

namespace leibniz {

/// The mode tag for one symbolic derivative per variable:
/// `gradient<leibniz::forward>(f, x, y)`.
///
///     auto g = leibniz::gradient<leibniz::forward>(x * y, x, y);
struct forward {};

/// The mode tag (the default) for one compile-time adjoint sweep for all variables:
/// `gradient<leibniz::reverse>(f, x, y)`.
///
///     auto g = leibniz::gradient<leibniz::reverse>(x * y, x, y);
struct reverse {};

namespace detail {

// ------------------------------------------------------------------ reverse sweep

/// An operand edge of the DAG: slot `child` is operand `position` of slot `parent`.
struct edge {
  std::size_t parent, position, child;
};

template <class Step>
struct step_operands;
template <class E, std::size_t... S>
struct step_operands<step<E, S...>> {
  static constexpr std::array<std::size_t, sizeof...(S)> slots{S...};
};

template <class... Steps>
constexpr auto edges_of(schedule<Steps...>*) {
  constexpr std::size_t count = [] {
    const std::size_t sizes[] = {0, step_operands<Steps>::slots.size()...};
    std::size_t n = 0;
    for (std::size_t k : sizes) n += k;
    return n;
  }();
  std::array<edge, count> edges{};
  std::size_t e = 0, parent = 0;
  const auto add = [&](const auto& slots) {
    std::size_t position = 0;
    for (std::size_t child : slots) edges[e++] = {parent, position++, child};
    ++parent;
    return 0;
  };
  [[maybe_unused]] const int in_order[] = {0, add(step_operands<Steps>::slots)...};  // not a fold (pack.hpp)
  return edges;
}

/// The local partial derivative of node E by its operand number K, as an expression.
template <class E, std::size_t K>
constexpr auto local_partial() {
  const E e{};
  if constexpr (E::kind == node_kind::unary) {
    return E::op::derivative(e.arg());
  } else if constexpr (E::kind == node_kind::binary) {
    if constexpr (K == 0) return E::op::derivative_lhs(e.lhs(), e.rhs());
    else return E::op::derivative_rhs(e.lhs(), e.rhs());
  } else if constexpr (E::kind == node_kind::power) {
    if constexpr (K == 0) return pow_op::derivative(e.base(), e.exponent(), constant<1>{}, constant<0>{});
    else return pow_op::derivative(e.base(), e.exponent(), constant<0>{}, constant<1>{});
  } else if constexpr (E::kind == node_kind::sum) {
    return constant<1>{};
  } else {
    static_assert(E::kind == node_kind::product);
    return [&]<std::size_t... I>(std::index_sequence<I...>) {
      return make_product(others<K, I>(e.factors)...);
    }(std::make_index_sequence<std::remove_cvref_t<decltype(e.factors)>::size>{});
  }
}

/// The adjoints df/dnode of every node of the schedule S whose output is slot Out.
template <class S, std::size_t Out>
struct reverse_sweep {
  static constexpr auto edges = edges_of(static_cast<S*>(nullptr));
  using nodes = decltype(schedule_nodes(static_cast<S*>(nullptr)));

  template <std::size_t Child>
  static constexpr auto incoming() {
    constexpr std::size_t count = [] {
      std::size_t n = 0;
      for (const edge& e : edges) n += e.child == Child;
      return n;
    }();
    std::array<edge, count> in{};
    std::size_t k = 0;
    for (const edge& e : edges)
      if (e.child == Child) in[k++] = e;
    return in;
  }

  template <std::size_t Child>
  static constexpr auto incoming_v = incoming<Child>();

  // Used only in decltype: each adjoint type is built once, by the compiler.
  template <std::size_t I>
  static constexpr auto adjoint() {
    if constexpr (I == Out) {
      return constant<1>{};
    } else {
      constexpr auto& in = incoming_v<I>;
      if constexpr (in.size() == 0) {
        return constant<0>{};
      } else {
        return [&]<std::size_t... J>(std::index_sequence<J...>) {
          return make_sum(make_product(decltype(adjoint<in[J].parent>()){},
                                       local_partial<element_t<in[J].parent, nodes>, in[J].position>())...);
        }(std::make_index_sequence<in.size()>{});
      }
    }
  }
};

/// df/dx by the reverse sweep: the adjoint of x's node, or 0 if f does not use x.
template <class F, class V>
constexpr auto reverse_partial() {
  using sched = schedule_for_t<F>;
  using S = typename sched::schedule_type;
  constexpr std::size_t slot = slot_of<V>(static_cast<S*>(nullptr));
  if constexpr (slot == S::size)
    return constant<0>{};
  else
    return decltype(reverse_sweep<S, sched::outputs[0]>::template adjoint<slot>()){};
}

template <class Mode, class F, class V>
constexpr auto partial() {
  if constexpr (std::is_same_v<Mode, reverse>)
    return reverse_partial<F, V>();
  else
    return derivative<V::name>(F{});
}

// ------------------------------------------------------------------ result values

template <fixed_string Name, class... Vs>
struct variable_is_not_in_this_result {
  static constexpr bool value = false;
};

template <fixed_string Name, class... Vs>
constexpr std::size_t index_of_variable() {
  constexpr std::size_t i = [] {
    constexpr bool match[] = {(Vs::name == Name)..., false};
    std::size_t k = 0;
    while (k < sizeof...(Vs) && !match[k]) ++k;
    return k;
  }();
  static_assert(i < sizeof...(Vs) || variable_is_not_in_this_result<Name, Vs...>::value,
                "leibniz: this result has no entry for the variable (the compiler shows its name in "
                "variable_is_not_in_this_result<...>); index it by one of the variables it was taken by");
  return i < sizeof...(Vs) ? i : 0;
}

}  // namespace detail

namespace detail {
/// N values read by position: `get<I>()`, and so structured bindings.
template <class T, std::size_t N>
struct positional_values {
  std::array<T, N> entries{};

  static constexpr std::size_t size() { return N; }
  template <std::size_t I>
  constexpr T& get() & {
    return entries[I];
  }
  template <std::size_t I>
  constexpr const T& get() const& {
    return entries[I];
  }
  template <std::size_t I>
  constexpr T&& get() && {
    return std::move(entries[I]);
  }
};
}  // namespace detail

/// The values of several partial derivatives, one per variable, indexed by the
/// variable (`g[x]`) or by position (`get<0>(g)`, structured bindings). T is a number
/// type or an Eigen array.
///
///     auto [gx, gy] = leibniz::gradient(x * y, x, y)(x = 2.0, y = 3.0);   // 3, 2
template <class T, class... Vs>
struct gradient_values : detail::positional_values<T, sizeof...(Vs)> {
  template <fixed_string Name>
  constexpr T& operator[](variable<Name>) {
    return this->entries[detail::index_of_variable<Name, Vs...>()];
  }
  template <fixed_string Name>
  constexpr const T& operator[](variable<Name>) const {
    return this->entries[detail::index_of_variable<Name, Vs...>()];
  }
};

/// The second derivatives by each pair of variables, `H[x][y]`; symmetric.
///
///     auto H = leibniz::hessian(x * x * y, x, y)(x = 1.0, y = 2.0);   // H[x][y] == 2
template <class T, class... Vs>
struct hessian_values {
  std::array<gradient_values<T, Vs...>, sizeof...(Vs)> rows{};

  template <fixed_string Name>
  constexpr const gradient_values<T, Vs...>& operator[](variable<Name>) const {
    return rows[detail::index_of_variable<Name, Vs...>()];
  }
  static constexpr std::size_t size() { return sizeof...(Vs); }
  template <std::size_t I>
  constexpr const gradient_values<T, Vs...>& get() const {
    return rows[I];
  }
};

/// The partial derivatives of M outputs by each variable, `J[i][x]`.
///
///     auto J = leibniz::jacobian(std::tuple{x * y, x + y}, x, y)(x = 1.0, y = 2.0);   // J[0][x] == 2
template <class T, std::size_t M, class... Vs>
struct jacobian_values {
  std::array<gradient_values<T, Vs...>, M> rows{};

  constexpr const gradient_values<T, Vs...>& operator[](std::size_t i) const { return rows[i]; }
  static constexpr std::size_t size() { return M; }
  template <std::size_t I>
  constexpr const gradient_values<T, Vs...>& get() const {
    return rows[I];
  }
};

/// The values of several expressions evaluated together, by position: `v[0]`,
/// `get<0>(v)` or structured bindings (what `outputs(f, g, ...)` gives).
///
///     auto [value, slope] = leibniz::outputs(x * x, 2_c * x)(x = 3.0);   // 9, 6
template <class T, std::size_t N>
struct output_values : detail::positional_values<T, N> {
  constexpr T& operator[](std::size_t i) { return this->entries[i]; }
  constexpr const T& operator[](std::size_t i) const { return this->entries[i]; }
};

template <std::size_t I, class T, class... Vs>
constexpr decltype(auto) get(const gradient_values<T, Vs...>& g) {
  return g.template get<I>();
}
template <std::size_t I, class T, class... Vs>
constexpr decltype(auto) get(gradient_values<T, Vs...>& g) {
  return g.template get<I>();
}

namespace detail {

// ------------------------------------------------------------------ shapes

/// How the entries of a derivative set are laid out in its result.
template <class... Vs>
struct gradient_shape {
  static constexpr std::size_t entries = sizeof...(Vs);
  template <class T>
  using values = gradient_values<T, Vs...>;
  template <class T, class Get>
  static constexpr void fill(values<T>& out, Get&& entry) {
    for (std::size_t i = 0; i < entries; ++i) out.entries[i] = entry(i);
  }
};

/// Hessians keep the upper triangle only (row i, column j >= i) and mirror it.
template <class... Vs>
struct hessian_shape {
  static constexpr std::size_t n = sizeof...(Vs);
  static constexpr std::size_t entries = n * (n + 1) / 2;
  static constexpr std::size_t entry_of(std::size_t i, std::size_t j) {
    if (j < i) std::swap(i, j);
    return i * n - i * (i - 1) / 2 + (j - i);
  }
  template <class T>
  using values = hessian_values<T, Vs...>;
  template <class T, class Get>
  static constexpr void fill(values<T>& out, Get&& entry) {
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) out.rows[i].entries[j] = entry(entry_of(i, j));
  }
};

template <std::size_t M, class... Vs>
struct jacobian_shape {
  static constexpr std::size_t entries = M * sizeof...(Vs);
  template <class T>
  using values = jacobian_values<T, M, Vs...>;
  template <class T, class Get>
  static constexpr void fill(values<T>& out, Get&& entry) {
    for (std::size_t i = 0; i < M; ++i)
      for (std::size_t j = 0; j < sizeof...(Vs); ++j) out.rows[i].entries[j] = entry(i * sizeof...(Vs) + j);
  }
};

template <std::size_t N>
struct list_shape {
  static constexpr std::size_t entries = N;
  template <class T>
  using values = output_values<T, N>;
  template <class T, class Get>
  static constexpr void fill(values<T>& out, Get&& entry) {
    for (std::size_t i = 0; i < N; ++i) out.entries[i] = entry(i);
  }
};

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

template <class Set, class... Bs>
auto evaluate_set_arrays(const Set& set, const Bs&... bindings);

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
    static_assert((detail::is_binding_v<Bs> && ...),
                  "leibniz: evaluate derivatives with bindings written `x = value`");
    if constexpr (!(detail::is_binding_v<Bs> && ...)) {
      return 0.0;
    } else {
      return detail::apply(parameters, [&](const auto&... ps) {
        // Every variable of every entry bound once (the errors name it); then evaluate.
        if constexpr (!(detail::check_bindings<Es, Bs..., std::remove_cvref_t<decltype(ps)>...>() && ...))
          return typename Shape::template values<double>{};
        else if constexpr ((detail::is_array_v<typename Bs::value_type> || ...))
          return detail::evaluate_set_arrays(*this, bindings..., ps...);
        else
          return evaluate_scalars(detail::make_pack(bindings..., ps...));
      });
    }
  }

  /// The expression of df/dx (gradients only), runtime constants put back in.
  template <fixed_string Name>
    requires detail::is_gradient_shape_v<Shape>
  constexpr auto operator[](variable<Name>) const {
    return []<class... Vs>(detail::gradient_shape<Vs...>*, const Params& p) {
      constexpr std::size_t i = detail::index_of_variable<Name, Vs...>();
      return detail::substitute_parameters(detail::element_t<i, detail::pack<Es...>>{}, p);
    }(static_cast<Shape*>(nullptr), parameters);
  }

 private:
  template <class... Bs>
  auto evaluate_scalars(const detail::pack<Bs...>& all) const {
    using R = typename detail::common_number<typename Bs::value_type...>::type;
    using sched = detail::schedule_for_t<Es...>;
    R values[sched::size];
    detail::run_schedule(static_cast<typename sched::schedule_type*>(nullptr), values, detail::load_from<R>(all));
    typename Shape::template values<R> out;
    Shape::fill(out, [&](std::size_t k) { return values[sched::outputs[k]]; });
    return out;
  }
};

/// The number of unique nodes evaluated for all the derivatives of the set together.
///
///     static_assert(node_count(leibniz::gradient(x * y * z)) <= 7);
template <class Shape, class Params, class... Es>
constexpr std::size_t node_count(const derivative_set<Shape, Params, Es...>&) {
  return detail::schedule_for_t<Es...>::size;
}

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
constexpr auto gradient(const F& f, const Vs&...) {
  static_assert(std::is_same_v<Mode, reverse> || std::is_same_v<Mode, forward>,
                "leibniz::gradient<Mode>: the mode is leibniz::reverse or leibniz::forward");
  detail::check_differentiation_arguments<F, Vs...>();
  if constexpr (!Expression<F> || !(Variable<Vs> && ...)) {
    return 0.0;
  } else if constexpr (sizeof...(Vs) == 0) {
    return detail::apply(detail::variables_v<F>, [&](const auto&... v) { return gradient<Mode>(f, v...); });
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
constexpr auto hessian(const F& f, const Vs&...) {
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
  }(std::make_index_sequence<n * (n + 1) / 2>{});
}

/// The Jacobian of several functions (a std::tuple of expressions) by `xs...`:
/// `jacobian(std::tuple{f, g}, x, y)(bindings)[i][x]`, one reverse sweep per output,
/// all evaluated together.
///
///     auto J = leibniz::jacobian(std::tuple{x * y, x + y}, x, y)(x = 1.0, y = 2.0);   // J[0][y] == 1
template <class... Fs, class... Vs>
constexpr auto jacobian(const std::tuple<Fs...>& fs, const Vs&...) {
  static_assert((Expression<Fs> && ...), "leibniz::jacobian(fs, x, ...): fs is a std::tuple of expressions");
  static_assert((Variable<Vs> && ...), "leibniz::jacobian(fs, x, ...): derivatives are taken by variables");
  static_assert(sizeof...(Fs) > 0 && sizeof...(Vs) > 0, "leibniz::jacobian(fs, x, ...): name functions and variables");
  constexpr std::size_t n = sizeof...(Vs);
  using vars = detail::pack<Vs...>;
  const auto params = std::apply([](const auto&... f) { return detail::parameter_bindings_of(f...); }, fs);
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return derivative_set<detail::jacobian_shape<sizeof...(Fs), Vs...>, std::remove_cvref_t<decltype(params)>,
                          decltype(detail::reverse_partial<detail::lifted_among_t<K / n, Fs...>,
                                                           detail::element_t<K % n, vars>>())...>{params};
  }(std::make_index_sequence<sizeof...(Fs) * n>{});
}

/// Several expressions evaluated together, each unique node of all of them once:
/// `outputs(f, g)(x = 1.0)` gives their values by position; over arrays
/// `leibniz::tie(a, b) = outputs(f, g)(x = X)` writes them into existing arrays.
///
///     auto [value, slope] = leibniz::outputs(sin(x), cos(x))(x = 0.0);   // 0, 1
template <class... Fs>
constexpr auto outputs(const Fs&... fs) {
  static_assert(sizeof...(Fs) > 0 && (Expression<Fs> && ...), "leibniz::outputs(f, ...): give leibniz expressions");
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    return derivative_set<detail::list_shape<sizeof...(Fs)>, decltype(detail::parameter_bindings_of(fs...)),
                          detail::lifted_among_t<K, Fs...>...>{detail::parameter_bindings_of(fs...)};
  }(std::index_sequence_for<Fs...>{});
}

/// The directional derivative of `f` along a tangent given as bindings:
/// `jvp(f, x = vx, y = vy)` is the expression d(f, x) vx + d(f, y) vy (forward mode:
/// one pass for any number of inputs, per direction).
///
///     const auto t = leibniz::jvp(x * y, x = 1.0, y = 0.0);   // y
///     double v = t(x = 3.0, y = 2.0);                         // 2
template <class F, class... Ts>
constexpr auto jvp(const F& f, const Ts&... tangents) {
  static_assert(Expression<F>, "leibniz::jvp(f, x = vx, ...): f must be a leibniz expression");
  static_assert((detail::is_binding_v<Ts> && ...),
                "leibniz::jvp(f, x = vx, ...): give the tangent as bindings `x = vx`");
  if constexpr (sizeof...(Ts) == 0)
    return constant<0>{};
  else
    return detail::make_sum(detail::make_product(detail::derivative<Ts::name>(f), detail::as_expression(tangents.value))...);
}

}  // namespace leibniz

template <class T, std::size_t N>
struct std::tuple_size<leibniz::output_values<T, N>> : std::integral_constant<std::size_t, N> {};
template <std::size_t I, class T, std::size_t N>
struct std::tuple_element<I, leibniz::output_values<T, N>> {
  using type = T;
};
template <class T, class... Vs>
struct std::tuple_size<leibniz::gradient_values<T, Vs...>> : std::integral_constant<std::size_t, sizeof...(Vs)> {};
template <std::size_t I, class T, class... Vs>
struct std::tuple_element<I, leibniz::gradient_values<T, Vs...>> {
  using type = T;
};
