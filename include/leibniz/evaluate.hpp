// leibniz/evaluate.hpp — evaluating an expression at named bindings: f(x = 1.0, y = 2.0).
#pragma once

#include <array>
#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <type_traits>

#include "detail/children.hpp"
#include "detail/pack.hpp"
#include "expression.hpp"
#include "dag.hpp"
#include "inspect.hpp"
#include "parameters.hpp"
#include "shape.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class T>
inline constexpr bool is_binding_v = false;
template <fixed_string Name, class T>
inline constexpr bool is_binding_v<binding<Name, T>> = true;

// The failing condition of the two errors below names the variable in the compiler's
// message: `variable_is_not_bound<fixed_string<1>{"y"}>::value` evaluates to false.
template <fixed_string Name>
struct variable_is_not_bound {
  static constexpr bool value = false;
};
template <fixed_string Name>
struct variable_is_bound_twice {
  static constexpr bool value = false;
};

template <fixed_string Name, class... Bs>
constexpr bool check_bound_once() {
  constexpr std::size_t count = count_true((Bs::name == Name)...);
  static_assert(count <= 1 || variable_is_bound_twice<Name>::value,
                "leibniz: a variable is bound twice in one evaluation; bind each variable once "
                "(the compiler shows its name in variable_is_bound_twice<...>)");
  return count <= 1;
}

template <fixed_string Name, class... Bs>
constexpr bool check_bound() {
  constexpr bool bound = count_true((Bs::name == Name)...) > 0;
  static_assert(bound || variable_is_not_bound<Name>::value,
                "leibniz: cannot evaluate: a variable of the expression has no value; bind it as "
                "`name = value` (the compiler shows its name in variable_is_not_bound<...>)");
  return bound;
}

/// The names bound in one evaluation, in order.
template <fixed_string... Names>
struct bound_names {};

/// Whether each value is its own position: a list's elements are distinct when each is
/// first found at its own position.
consteval bool each_at_own_position(std::initializer_list<std::size_t> positions) {
  std::size_t i = 0;
  for (std::size_t p : positions)
    if (p != i++)
      return false;
  return true;
}

/// Whether each variable of E is one of Names, by a walk over E's type: each distinct
/// subexpression is visited once (the compiler keeps the class templates it has made),
/// and nothing here is a function or a variable that GCC must name in the object file.
/// The fast path of bindings_checked, which a derivative set runs for each of its entries:
/// computing free_variables_pack for each of the 51 entries of a 50-feature logistic
/// gradient (each holding the same 101-variable sum) made it take minutes to compile
/// (docs/compile-time.md). Leaves other than variables have nothing to bind.
template <class E, class Names>
struct variables_bound : std::true_type {};
template <fixed_string Name, fixed_string... Names>
struct variables_bound<variable<Name>, bound_names<Names...>>
    : std::bool_constant<(index_in_list<name_tag<Name>, name_tag<Names>...>::value < sizeof...(Names))> {};
template <fixed_string Name, int Rows, int Cols, fixed_string... Names>
struct variables_bound<matrix_variable<Name, Rows, Cols>, bound_names<Names...>>
    : std::bool_constant<(index_in_list<name_tag<Name>, name_tag<Names>...>::value < sizeof...(Names))> {};
template <class Operands, class Names>
struct operands_bound;
template <class... Ts, class Names>
struct operands_bound<pack<Ts...>, Names> : std::bool_constant<all_of(variables_bound<Ts, Names>::value...)> {};
template <class E, class Names>
requires requires {
  E::operands;
}
struct variables_bound<E, Names> : operands_bound<std::remove_cvref_t<decltype(E::operands)>, Names> {};

template <class Names>
struct names_bound_once;
template <fixed_string... Names>
struct names_bound_once<bound_names<Names...>>
    : std::bool_constant<each_at_own_position({index_in_list<name_tag<Names>, name_tag<Names>...>::value...})> {};

/// The slow path of bindings_checked, taken only when a variable is unbound or bound
/// twice: its errors name the variable.
template <class E, class... Bs>
constexpr bool report_bindings() {
  // Calls, not folds: with runtime constants as parameters the lists can be long (pack.hpp).
  const bool once = all_of(check_bound_once<Bs::name, Bs...>()...);
  const bool all = unpack(free_variables_pack<E>(), [](const auto&... v) {
    return all_of(check_bound<std::remove_cvref_t<decltype(v)>::name, Bs...>()...);
  });
  return once && all;
}
template <class E, class... Bs>
struct bindings_report : std::bool_constant<report_bindings<E, Bs...>()> {};

/// Whether the bindings Bs bind every variable of E exactly once; if not, compilation
/// stops with an error that names the variable. A class template: the fast path names
/// no function after E and the bindings (dag.hpp).
template <class E, class... Bs>
struct bindings_checked
    : std::conditional_t<names_bound_once<bound_names<Bs::name...>>::value &&
                             variables_bound<E, bound_names<Bs::name...>>::value,
                         std::true_type, bindings_report<E, Bs...>> {};

/// The type a value of E is computed in, before the bindings: the usual arithmetic
/// conversions over its runtime constants, `int` when it has none (a class template, so
/// that no function is named after every node: dag.hpp).
template <class E>
struct runtime_sample;
template <class Operands>
struct operands_sample;
template <class E>
struct runtime_sample : operands_sample<children_t<E>> {};
template <class E>
requires(is_runtime<E>::value)
struct runtime_sample<E> {
  using type = typename E::value_type;
};
template <class... Cs>
struct operands_sample<pack<Cs...>> {
  using type = decltype((0 + ... + typename runtime_sample<Cs>::type{}));
};
template <class T>
using promote_t = std::conditional_t<std::is_integral_v<T>, double, T>;

// The sample is int exactly when E holds no runtime constant (those are never int).
template <class E, class... Bs>
using result_t = std::conditional_t<
    std::is_same_v<typename runtime_sample<E>::type, int>,
    typename std::conditional_t<sizeof...(Bs) == 0, std::type_identity<double>,  // no bindings: double
                                std::common_type<promote_t<typename Bs::value_type>...>>::type,
    std::common_type_t<typename runtime_sample<E>::type, promote_t<typename Bs::value_type>...>>;

/// Reads the bindings' values, converted to R and copied in order, for run_schedule
/// (dag.hpp): its type names R alone, so a load names only its own binding.
template <class R>
struct number_reader {
  const R* values;
  template <std::size_t K, class B>
  constexpr R load() const {
    return values[K];
  }
};

/// The bindings' values converted to R, in order.
template <class R, class... Bs>
constexpr std::array<R, sizeof...(Bs)> numbers_of(const pack<Bs...>& bindings) {
  return unpack(bindings, [](const auto&... b) { return std::array<R, sizeof...(Bs)>{R(b.value)...}; });
}

/// The value of e, each unique node computed once, in R.
template <class R, class E, class... Bs>
constexpr R evaluate(const E& e, const pack<Bs...>& bindings) {
  using scheduled = schedule_for_t<lifted_t<E>>;
  const auto all = concat(bindings, parameter_bindings(e));
  R values[scheduled::size];
  const auto numbers = numbers_of<R>(all);
  run_schedule<std::remove_cvref_t<decltype(all)>>(static_cast<typename scheduled::schedule_type*>(nullptr), values,
                                                   number_reader<R>{numbers.data()});
  return values[scheduled::outputs[0]];
}

/// The array back end, a customization point: for a bound value type T that holds many
/// points, a specialisation says so and evaluates expressions and derivative sets over
/// them. eigen.hpp provides it for Eigen arrays:
///
///     template <EigenArray T> struct array_backend<T> {
///       static constexpr bool is_array = true;
///       static auto evaluate(const E& f, const Bs&... bindings);          // f(x = X, ...)
///       static auto evaluate_set(const Set& set, const Bs&... bindings);  // G(x = X, ...)
///     };
template <class T>
struct array_backend {
  static constexpr bool is_array = false;
};

/// The matrix back end (matrix/evaluate.hpp): evaluates expressions and derivative sets
/// with vectors and matrices in them, one node per matrix, by Eigen's GEMM.
///
///     template <class Anything> struct matrix_backend {
///       static auto evaluate(const E& f, const Bs&... bindings);          // f(W = w, ...)
///       static auto evaluate_set(const Set& set, const Bs&... bindings);  // G(W = w, ...)
///     };
template <class Anything>
struct matrix_backend;

/// Whether a bound value holds many points (an array) rather than one number.
template <class T>
inline constexpr bool is_array_v = array_backend<T>::is_array;

/// The back end of the first array among the bindings.
template <class... Bs>
using array_backend_of = array_backend<
    typename element_t<index_of_first({is_array_v<typename Bs::value_type>...}), pack<Bs...>>::value_type>;

}  // namespace detail

/// The value of `f` where each variable has the value bound to it (`x = 1.0`), in any
/// order. Every variable of `f` must be bound (a compile error names a missing one);
/// extra bindings are ignored. The result type follows the usual arithmetic
/// conversions: float in, float out; integers count as double. `f(x = 1.0)` is the
/// same call.
///
///     double v = leibniz::eval(sin(x) + x * y, x = 1.0, y = 2.0);   // 2.8414...
template <class E, class... Bs>
[[nodiscard]] constexpr auto eval(const E& f, const Bs&... bindings) {
  static_assert(Expression<E>, "leibniz::eval(f, x = v, ...): 'f' must be a leibniz expression");
  // Calls, not folds: a list of bindings can be longer than Clang folds (detail/pack.hpp).
  static_assert(detail::all_of(detail::is_binding_v<Bs>...),
                "leibniz::eval(f, x = v, ...): every argument after 'f' must be a binding written `x = value`");
  if constexpr (Expression<E> && detail::all_of(detail::is_binding_v<Bs>...)) {
    if constexpr (!detail::bindings_checked<E, Bs...>::value)
      return 0.0;  // after the message above, without a cascade of further errors
    else if constexpr (detail::has_matrix<E>::value)
      return detail::matrix_backend<E>::evaluate(f, bindings...);
    else if constexpr (detail::count_true(detail::is_array_v<typename Bs::value_type>...) > 0)
      return detail::array_backend_of<Bs...>::evaluate(f, bindings...);
    else
      return detail::evaluate<detail::result_t<E, Bs...>>(f, detail::make_pack(bindings...));
  } else {
    return 0.0;
  }
}

/// `f(x = 1.0, y = 2.0)` is `eval(f, x = 1.0, y = 2.0)` (declared with the node, expression.hpp).
template <class Derived>
template <class... Bindings>
constexpr auto node<Derived>::operator()(const Bindings&... bindings) const {
  return eval(static_cast<const Derived&>(*this), bindings...);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
