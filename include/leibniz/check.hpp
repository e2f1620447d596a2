// leibniz/check.hpp — the gradient checker: analytic derivatives against finite
// differences, for leibniz expressions and for any callable on Eigen vectors.
//
// The numeric side only calls functions (detail/check_stencil.hpp), so the checker
// judges leibniz's derivatives, a user's hand-written gradient, or another library's
// in the same way. The criterion and the report: detail/check_report.hpp; the guide:
// docs/checker.md.
#pragma once

#include <cstddef>
#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "derivative.hpp"
#include "gradient.hpp"
#include "detail/check_report.hpp"
#include "detail/check_stencil.hpp"
#include "detail/pack.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "inspect.hpp"
#include "print.hpp"
#include "shape.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {

template <class T>
inline constexpr bool is_check_options_v = std::is_same_v<std::remove_cvref_t<T>, check_options>;

// Derived from Eigen::DenseBase<D> (MatrixBase<D>) for some D. Not is_base_of<DenseBase<V>, V>:
// a VectorBlock (`v.head(20)`) derives from DenseBase<Block<...>>, not DenseBase<VectorBlock>.
template <class D>
std::true_type derives_from_dense_base(const Eigen::DenseBase<D>*);
std::false_type derives_from_dense_base(const void*);
template <class D>
std::true_type derives_from_matrix_base(const Eigen::MatrixBase<D>*);
std::false_type derives_from_matrix_base(const void*);

/// A bound value that is an Eigen array (or matrix, map, block): checked element by element.
template <class V>
inline constexpr bool is_array_value_v = decltype(derives_from_dense_base(static_cast<const V*>(nullptr)))::value;
/// A bound value that is an Eigen matrix or vector (or a map or block of one).
template <class V>
inline constexpr bool is_matrix_value_v = decltype(derives_from_matrix_base(static_cast<const V*>(nullptr)))::value;

template <class V, bool Array = is_array_value_v<V>>
struct bound_scalar {
  using type = std::conditional_t<std::is_floating_point_v<V>, V, double>;  // integers count as double
};
template <class V>
struct bound_scalar<V, true> {
  using type = typename V::Scalar;
};
template <class V>
using bound_scalar_t = typename bound_scalar<V>::type;

/// The scalar binding for element `i` of an array binding (the value itself for a scalar).
template <fixed_string Name, class V>
binding<Name, bound_scalar_t<V>> element_binding(const binding<Name, V>& b, Eigen::Index i) {
  if constexpr (is_array_value_v<V>) {
    const Eigen::Index rows = b.value.rows();
    return {b.value.coeff(i % rows, i / rows)};  // column-major linear index
  } else {
    return {static_cast<bound_scalar_t<V>>(b.value)};
  }
}

/// The bindings with the j-th moved by delta (j known only at run time, so that one
/// function serves every coordinate).
template <class... Bs, class T>
std::tuple<Bs...> shifted(const std::tuple<Bs...>& bindings, std::size_t j, T delta) {
  return [&]<std::size_t... K>(std::index_sequence<K...>) {
    const auto shift = [&](const auto& b, std::size_t k) {
      using B = std::remove_cvref_t<decltype(b)>;
      using S = typename B::value_type;
      return k == j ? B{static_cast<S>(b.value + static_cast<S>(delta))} : b;
    };
    return std::tuple<Bs...>(shift(std::get<K>(bindings), K)...);
  }
  (std::index_sequence_for<Bs...>{});
}

template <fixed_string Name, class... Vs>
constexpr bool names_variable_in(pack<Vs...>*) {
  return ((Vs::name == Name) || ...);
}
/// Whether the variable `Name` is a free variable of E (after simplification).
template <class E, fixed_string Name>
inline constexpr bool is_free_in_v =
    names_variable_in<Name>(static_cast<std::remove_cvref_t<decltype(free_variables_pack<E>())>*>(nullptr));

template <class F, class Tuple>
auto eval_at(const F& f, const Tuple& bindings) {
  return std::apply([&](const auto&... b) { return eval(f, b...); }, bindings);
}

/// The options given among the arguments (the last wins), or the defaults.
template <class... Args>
check_options options_among(const Args&... args) {
  check_options o;
  (
      (void)[&] {
        if constexpr (is_check_options_v<Args>)
          o = args;
      }(),
      ...);
  return o;
}

/// The bindings among the arguments, as a tuple.
template <class... Args>
auto bindings_among(const Args&... args) {
  return std::tuple_cat([&] {
    if constexpr (is_binding_v<Args>)
      return std::tuple<Args>(args);
    else
      return std::tuple<>();
  }()...);
}

template <class Tuple>
struct tuple_info;
template <class... Bs>
struct tuple_info<std::tuple<Bs...>> {
  static constexpr bool any_array = (is_array_value_v<typename Bs::value_type> || ...);
  static constexpr bool any_float = (std::is_same_v<bound_scalar_t<typename Bs::value_type>, float> || ...);
};

/// The number of elements to check: 1 without arrays; all arrays must agree.
template <class... Bs>
Eigen::Index element_count(const char* who, const std::tuple<Bs...>& bindings) {
  Eigen::Index n = -1;
  std::string first;
  auto visit = [&](const auto& b) {
    using B = std::remove_cvref_t<decltype(b)>;
    if constexpr (is_array_value_v<typename B::value_type>) {
      const Eigen::Index size = b.value.size();
      if (n >= 0 && size != n)
        throw std::invalid_argument(std::string(who) + ": arrays of different sizes bound together: " + first +
                                    " has " + std::to_string(n) + " elements, " + std::string(B::name.view()) +
                                    " has " + std::to_string(size));
      if (n < 0)
        first = std::string(B::name.view());
      n = size;
    }
  };
  std::apply([&](const auto&... b) { (visit(b), ...); }, bindings);
  return n < 0 ? 1 : n;
}

template <class... Bs>
std::string describe_point(const std::tuple<Bs...>& bindings) {
  std::string text;
  auto visit = [&](const auto& b) {
    using B = std::remove_cvref_t<decltype(b)>;
    if (!text.empty())
      text += ", ";
    text += std::string(B::name.view()) + " = ";
    if constexpr (is_matrix_value_v<typename B::value_type>)
      text += "[" + std::to_string(b.value.rows()) + " x " + std::to_string(b.value.cols()) + "]";
    else if constexpr (is_array_value_v<typename B::value_type>)
      text += "array[" + std::to_string(b.value.size()) + "]";
    else
      text += short_number(static_cast<double>(b.value));
  };
  std::apply([&](const auto&... b) { (visit(b), ...); }, bindings);
  return text;
}

template <class E>
std::string describe_function(const E& f) {
  return shortened(to_string(f), 72);
}

inline std::string step_rule(const check_options& o) {
  if (o.step > 0)
    return "fixed step h = " + short_number(o.step) + " (error estimated from 2h)";
  return "step searched per entry from h0 = 2^round(log2(eps^(1/(order+1)) |x|)), halving or doubling";
}

/// A function of t along one line, called through a pointer: the step search
/// (differentiate) is then compiled once per number type, not once per checked entry
/// with its own lambda type.
template <class T>
struct line_function {
  const void* object;
  column<T> (*call)(const void*, T);
  column<T> operator()(T t) const { return call(object, t); }
};

/// The derivative of phi (an Eigen column of values along one line) at 0.
template <class T, class Phi>
std::vector<fd_component<T>> numeric_derivative(const Phi& phi, T x_magnitude, T x_eps, const column<T>& analytic,
                                                double rtol, const check_options& o) {
  const line_function<T> line{&phi, [](const void* p, T t) { return column<T>((*static_cast<const Phi*>(p))(t)); }};
  search_settings s;
  s.method = o.method;
  s.fixed_step = o.step;
  s.convergence = o.convergence;
  const column<T> target = T(0.25) * (T(o.atol) + T(rtol) * analytic.abs());
  const T h0 = o.step > 0 ? T(o.step) : first_step(x_magnitude, static_cast<int>(o.method));
  return differentiate<T>(line, h0, x_magnitude, x_eps, analytic, target, s);
}

/// The positions, among the bindings Bs, of those that bind a free variable of E.
template <class E, class... Bs>
constexpr auto free_binding_positions() {
  constexpr bool is_free[] = {is_free_in_v<E, Bs::name>..., false};
  constexpr std::size_t count = count_true(is_free_in_v<E, Bs::name>...);
  std::array<std::size_t, count> positions{};
  for (std::size_t i = 0, k = 0; i < sizeof...(Bs); ++i)
    if (is_free[i])
      positions[k++] = i;
  return positions;
}

/// Checks first (Order 1) or second (Order 2) derivatives of f at the bindings.
///
/// The analytic side is the reverse-mode set a user evaluates anyway,
/// `gradient(f, x, y, ...)` (and `hessian(f, x, y, ...)`), by the bound variables that f
/// uses, in the order they are bound: the same types, so the checker adds little to
/// compile, where one `d(f, v)` per variable (forward mode) compiled a second
/// derivative pipeline next to the user's (docs/compile-time.md). The numeric side
/// only calls functions: f itself for first derivatives, the gradient for second ones
/// (a second difference of f would lose half the digits; docs/checker.md).
template <int Order, class E, class... Bs>
check_report check_expression(const char* who, const E& f, const std::tuple<Bs...>& bindings, const check_options& o) {
  using info = tuple_info<std::tuple<Bs...>>;
  using S = decltype(eval_at(f, std::tuple<binding<Bs::name, bound_scalar_t<typename Bs::value_type>>...>{}));
  using T = std::conditional_t<std::is_floating_point_v<S>, S, double>;
  const double rtol = o.rtol.value_or(info::any_float ? default_rtol<float>() : default_rtol<T>());
  check_report report;
  report.title = std::string(who) + ": " + (Order == 1 ? "gradient" : "Hessian") + " of f = " + describe_function(f) +
                 " at " + describe_point(bindings);
  report.method = std::string(method_name(o.method)) + "; " + step_rule(o);
  report.rtol = rtol;
  report.atol = o.atol;
  static constexpr auto free = free_binding_positions<E, Bs...>();
  constexpr std::size_t m = free.size();
  if constexpr (m > 0) {
    [&]<std::size_t... K>(std::index_sequence<K...>) {  // K: position among the free bindings
      const auto by_grad = gradient(f, var<std::tuple_element_t<free[K], std::tuple<Bs...>>::name>...);
      const auto by_hess = [&] {
        if constexpr (Order == 2)
          return hessian(f, var<std::tuple_element_t<free[K], std::tuple<Bs...>>::name>...);
        else
          return 0;
      }();
      // Each coordinate's resolution: its own type's epsilon, or T's if that is coarser.
      constexpr T coordinate_eps[] = {
          std::max(T(std::numeric_limits<bound_scalar_t<typename Bs::value_type>>::epsilon()),
                   T(std::numeric_limits<T>::epsilon()))...};
      constexpr std::string_view names[] = {Bs::name.view()...};
      const Eigen::Index n = element_count(who, bindings);
      for (Eigen::Index element = 0; element < n; ++element) {
        const auto point =
            std::apply([&](const auto&... b) { return std::tuple(element_binding(b, element)...); }, bindings);
        using P = std::remove_cvref_t<decltype(point)>;
        const std::string suffix = info::any_array ? "[" + std::to_string(element) + "]" : "";
        const auto coordinate = std::apply(
            [](const auto&... b) { return std::array<T, sizeof...(Bs)>{static_cast<T>(b.value)...}; }, point);
        const auto gradient_at = [&](const P& p) {
          return std::apply([&](const auto&... b) { return by_grad(b...); }, p);
        };
        // One entry: the derivative of value (f, or a first derivative of f) by the j-th
        // binding. j is a run-time index, so that this, and value's evaluation inlined
        // into it, is compiled once for all coordinates.
        auto compare = [&](std::size_t j, const auto& value, double analytic, std::string label) {
          auto phi = [&](T t) { return column<T>::Constant(1, static_cast<T>(value(shifted(point, j, t)))); };
          const auto a = column<T>::Constant(1, static_cast<T>(analytic));
          const auto found = numeric_derivative<T>(phi, std::abs(coordinate[j]), coordinate_eps[j], a, rtol, o);
          report.entries.push_back(
              judge<T>(std::move(label) + suffix, analytic, found[0], rtol, o.atol, o.convergence));
        };
        if constexpr (Order == 1) {
          const auto g = gradient_at(point);
          const auto f_at = [&](const P& p) { return eval_at(f, p); };
          for (std::size_t k = 0; k < m; ++k)
            compare(free[k], f_at, static_cast<double>(g.entries[k]), "df/d" + std::string(names[free[k]]));
        } else {
          const auto h = std::apply([&](const auto&... b) { return by_hess(b...); }, point);
          for (std::size_t i = 0; i < m; ++i) {
            const auto first_at = [&](const P& p) { return gradient_at(p).entries[i]; };
            for (std::size_t k = 0; k < m; ++k)
              compare(free[k], first_at, static_cast<double>(h.rows[i].entries[k]),
                      "d2f/d" + std::string(names[free[i]]) + " d" + std::string(names[free[k]]));
          }
        }
      }
    }
    (std::make_index_sequence<m>{});
  }
  return report;
}

template <fixed_string Name, class... Vs>
constexpr std::size_t variable_position(pack<Vs...>*) {
  constexpr bool match[] = {(Vs::name == Name)..., false};
  std::size_t i = 0;
  while (i < sizeof...(Vs) && !match[i]) ++i;
  return i;
}
template <class E>
using free_variables_t = std::remove_cvref_t<decltype(free_variables_pack<E>())>;
/// The free variable of E named Name, as E holds it: a `var`, or a `vec`/`mat` with its sizes.
template <class E, fixed_string Name>
using free_variable_t =
    element_t<variable_position<Name>(static_cast<free_variables_t<E>*>(nullptr)), free_variables_t<E>>;

/// Nothing to copy: a binding the matrix check does not move (or a number, moved in place).
struct unmoved {};

/// The checker's own copy of a bound vector or matrix that E uses: its entries are moved
/// one at a time, and the user's matrix (maybe a Map or a block of theirs) is left alone.
template <class E, class B>
auto working_copy(const B& b) {
  using V = typename B::value_type;
  if constexpr (is_free_in_v<E, B::name> && is_matrix_value_v<V>)
    return typename V::PlainObject(b.value);
  else
    return unmoved{};
}
/// The binding the numeric side evaluates with: to the working copy (a binding refers to
/// a matrix, so moving an entry of the copy moves it for the next evaluation), else b.
template <class B, class W>
auto working_binding(const B& b, const W& copy) {
  if constexpr (std::is_same_v<W, unmoved>)
    return b;
  else
    return binding<B::name, W>(copy);
}

/// `df/dW[1,2]` (row, column, from 0), `df/db[4]` for a column vector, `df/ds` for a scalar.
template <class V>
std::string entry_label(std::string_view name, Eigen::Index i, Eigen::Index j) {
  std::string label = "df/d";
  label.append(name);
  if constexpr (!shape_of_type<V>::value.scalar) {
    label.append("[").append(std::to_string(i));
    if constexpr (shape_of_type<V>::value.cols != 1)
      label.append(",").append(std::to_string(j));
    label.append("]");
  }
  return label;
}

/// check_gradient for an f with vectors or matrices in it. The analytic side is
/// `gradient(f, W, b, ...)` by the bound free variables in the order they are bound, each
/// entry an Eigen matrix shaped like its variable; the numeric side moves one entry of
/// one variable at a time and differences f's value, with the same step search,
/// tolerances and report as for scalars: every entry of every vector and matrix is
/// compared, so the cost is (entries) x (a few dozen evaluations of f).
template <class E, class... Bs>
check_report check_matrix_gradient(const char* who, const E& f, const std::tuple<Bs...>& bindings,
                                   const check_options& o) {
  check_report report;
  if constexpr (bindings_checked<E, Bs...>::value) {  // else the error names the unbound variable
    using S = decltype(eval_at(f, bindings));
    using T = std::conditional_t<std::is_floating_point_v<S>, S, double>;
    constexpr bool any_float = (std::is_same_v<bound_scalar_t<typename Bs::value_type>, float> || ...);
    const double rtol = o.rtol.value_or(any_float ? default_rtol<float>() : default_rtol<T>());
    report.title = std::string(who) + ": gradient of f = " + describe_function(f) + " at " + describe_point(bindings);
    report.method = std::string(method_name(o.method)) + "; " + step_rule(o);
    report.rtol = rtol;
    report.atol = o.atol;
    static constexpr auto free = free_binding_positions<E, Bs...>();
    constexpr std::size_t m = free.size();
    constexpr std::string_view names[] = {Bs::name.view()..., ""};
    if constexpr (m > 0) {
      auto work = std::apply([](const auto&... b) { return std::tuple(working_copy<E>(b)...); }, bindings);
      auto moved = [&]<std::size_t... P>(std::index_sequence<P...>) {
        return std::tuple(working_binding(std::get<P>(bindings), std::get<P>(work))...);
      }
      (std::index_sequence_for<Bs...>{});
      // One entry: the number `slot` (an entry of a working copy, or a scalar binding's
      // value) moved along a line, f's value differenced.
      auto compare = [&](auto& slot, double analytic, std::string label) {
        using X = std::remove_cvref_t<decltype(slot)>;
        const X x0 = slot;
        auto phi = [&](T t) {
          slot = static_cast<X>(x0 + static_cast<X>(t));
          const T v = static_cast<T>(eval_at(f, moved));
          slot = x0;
          return column<T>::Constant(1, v);
        };
        const T x_eps = std::max(T(std::numeric_limits<X>::epsilon()), T(std::numeric_limits<T>::epsilon()));
        const auto a = column<T>::Constant(1, static_cast<T>(analytic));
        const auto found = numeric_derivative<T>(phi, static_cast<T>(std::abs(x0)), x_eps, a, rtol, o);
        report.entries.push_back(judge<T>(std::move(label), analytic, found[0], rtol, o.atol, o.convergence));
      };
      [&]<std::size_t... K>(std::index_sequence<K...>) {  // K: position among the free bindings
        using all = std::tuple<Bs...>;
        const auto by_grad = gradient(f, free_variable_t<E, std::tuple_element_t<free[K], all>::name>{}...);
        const auto g = std::apply([&](const auto&... b) { return by_grad(b...); }, bindings);
        (
            [&] {
              constexpr std::size_t p = free[K];
              using V = free_variable_t<E, std::tuple_element_t<p, all>::name>;
              const auto& gk = g.template get<K>();
              if constexpr (shape_of_type<V>::value.scalar) {
                compare(std::get<p>(moved).value, static_cast<double>(gk), entry_label<V>(names[p], 0, 0));
              } else {
                auto& x = std::get<p>(work);
                if (gk.rows() != x.rows() || gk.cols() != x.cols())  // a leibniz bug, never a user's
                  throw std::logic_error(std::string(who) + ": the gradient by " + std::string(names[p]) + " is " +
                                         std::to_string(gk.rows()) + " x " + std::to_string(gk.cols()) +
                                         ", the variable " + std::to_string(x.rows()) + " x " +
                                         std::to_string(x.cols()));
                for (Eigen::Index j = 0; j < x.cols(); ++j)  // column-major, as Eigen stores them
                  for (Eigen::Index i = 0; i < x.rows(); ++i)
                    compare(x(i, j), static_cast<double>(gk(i, j)), entry_label<V>(names[p], i, j));
              }
            }(),
            ...);
      }
      (std::make_index_sequence<m>{});
    }
  }
  return report;
}

template <class E, class... Args>
constexpr bool check_arguments_ok(const char* /*who*/) {
  static_assert(Expression<E>,
                "leibniz::check_gradient(f, x = v, ...): 'f' must be a leibniz expression "
                "(for a callable, use check_gradient(fn, grad_fn, x0, options))");
  static_assert(((is_binding_v<Args> || is_check_options_v<Args>)&&...),
                "leibniz::check_gradient(f, x = v, ...): every argument after 'f' must be a binding written "
                "`x = value` (or a leibniz::check_options)");
  return Expression<E> && ((is_binding_v<Args> || is_check_options_v<Args>)&&...);
}

/// 64-bit SplitMix: the same directions from the same seed on every platform.
struct splitmix64 {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }  // in (0, 1)
};

/// k random unit vectors of dimension n (Gaussian, normalised: uniform on the sphere).
template <class S>
std::vector<Eigen::Matrix<S, Eigen::Dynamic, 1>> random_directions(Eigen::Index n, int k, std::uint64_t seed) {
  splitmix64 random{seed};
  std::vector<Eigen::Matrix<S, Eigen::Dynamic, 1>> directions;
  for (int d = 0; d < k; ++d) {
    Eigen::VectorXd v(n);
    for (Eigen::Index i = 0; i < n; ++i)  // Box-Muller
      v[i] = std::sqrt(-2 * std::log(random.uniform())) * std::cos(6.283185307179586 * random.uniform());
    v /= v.norm();
    directions.push_back(v.template cast<S>());
  }
  return directions;
}

/// The callable check: f maps a vector to `Rows` values (a scalar for gradients),
/// `derivative` is its m x n Jacobian at x0 (a gradient is one row).
template <class S, class Fn>
check_report check_callable(const std::string& title, Fn&& values,
                            const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic>& jac,
                            const Eigen::Matrix<S, Eigen::Dynamic, 1>& x0, const check_options& o, bool gradient) {
  using T = S;
  const double rtol = o.rtol.value_or(default_rtol<T>());
  check_report report;
  report.title = title;
  report.method = std::string(method_name(o.method)) + "; " + step_rule(o);
  report.rtol = rtol;
  report.atol = o.atol;
  const T x_eps = std::numeric_limits<T>::epsilon();
  Eigen::Matrix<S, Eigen::Dynamic, 1> x = x0;
  // "g[j]" or "J[i][j]" (prefix "g.v" or "Jv" for directions), built by appending only:
  // GCC 12 warns falsely (-Wrestrict) about "J" + std::string once this is inlined.
  auto entry_label = [&](const char* gradient_prefix, const char* jacobian_prefix, Eigen::Index i, Eigen::Index j) {
    std::string label = gradient ? gradient_prefix : jacobian_prefix;
    if (!gradient)
      label.append("[").append(std::to_string(i)).append("]");
    label.append("[").append(std::to_string(j)).append("]");
    return label;
  };
  if (o.directions <= 0) {
    for (Eigen::Index j = 0; j < x0.size(); ++j) {
      auto phi = [&](T t) {
        x[j] = x0[j] + t;
        column<T> v = values(x);
        x[j] = x0[j];
        return v;
      };
      const column<T> a = jac.col(j).array();
      const auto found = numeric_derivative<T>(phi, std::abs(x0[j]), x_eps, a, rtol, o);
      for (Eigen::Index i = 0; i < a.size(); ++i)
        report.entries.push_back(judge<T>(entry_label("g", "J", i, j), static_cast<double>(a[i]),
                                          found[static_cast<std::size_t>(i)], rtol, o.atol, o.convergence));
    }
  } else {
    const T magnitude = x0.size() > 0 ? x0.cwiseAbs().maxCoeff() : T(0);
    const auto directions = random_directions<S>(x0.size(), o.directions, o.seed);
    for (std::size_t k = 0; k < directions.size(); ++k) {
      const auto& v = directions[k];
      auto phi = [&](T t) {
        x = x0 + t * v;
        return column<T>(values(x));
      };
      const column<T> a = (jac * v).array();
      const auto found = numeric_derivative<T>(phi, magnitude, x_eps, a, rtol, o);
      for (Eigen::Index i = 0; i < a.size(); ++i)
        report.entries.push_back(judge<T>(entry_label("g.v", "Jv", i, Eigen::Index(k)), static_cast<double>(a[i]),
                                          found[static_cast<std::size_t>(i)], rtol, o.atol, o.convergence));
    }
  }
  return report;
}

}  // namespace detail

/// Checks every partial derivative of the leibniz expression `f` by a bound variable
/// (`leibniz::gradient(f, x, ...)`, evaluated) against finite differences of `f`
/// itself. Bindings are scalars or Eigen arrays (every element is checked, entries
/// `df/dx[i]`); a `check_options` may be passed among them. Bound variables that `f`
/// does not use are ignored. Array sizes that differ throw std::invalid_argument.
///
///     auto r = leibniz::check_gradient(sin(x) * y, x = 1.0, y = 2.0);
///     REQUIRE(r.ok());   std::cout << r;
template <class E, class... Args>
[[nodiscard]] check_report check_gradient(const E& f, const Args&... args) requires(Expression<E>) {
  if constexpr (!detail::check_arguments_ok<E, Args...>("check_gradient"))
    return {};
  else if constexpr (detail::has_matrix<E>::value)
    return detail::check_matrix_gradient("leibniz::check_gradient", f, detail::bindings_among(args...),
                                         detail::options_among(args...));
  else
    return detail::check_expression<1>("leibniz::check_gradient", f, detail::bindings_among(args...),
                                       detail::options_among(args...));
}

/// Checks every second partial derivative `d(f, x, y)` of the leibniz expression `f`
/// (`leibniz::hessian(f, x, ...)`, evaluated) against finite differences of its first
/// derivatives (`leibniz::gradient(f, x, ...)`) along y (a second difference of f would
/// lose half the digits to rounding; see docs/checker.md).
/// Bindings and options as for check_gradient; entries are named `d2f/dx dy`.
///
///     auto r = leibniz::check_hessian(exp(x * y), x = 0.5, y = 2.0);   // 4 entries
template <class E, class... Args>
[[nodiscard]] check_report check_hessian(const E& f, const Args&... args) requires(Expression<E>) {
  static_assert(!detail::has_matrix<E>::value,
                "leibniz::check_hessian(f, ...): f has vectors or matrices in it, whose second derivatives the "
                "checker does not take yet; check_gradient(f, W = w, ...) checks their gradients entry by entry");
  if constexpr (detail::has_matrix<E>::value)
    return {};
  else if constexpr (detail::check_arguments_ok<E, Args...>("check_hessian"))
    return detail::check_expression<2>("leibniz::check_hessian", f, detail::bindings_among(args...),
                                       detail::options_among(args...));
  else
    return {};
}

/// Checks a gradient `grad_fn(x)` of any callable `fn(x) -> scalar` at `x0` (an
/// Eigen::VectorXd or VectorXf), entries `g[i]`; with `options.directions = k`, checks
/// `grad . v` along k random unit vectors instead (entries `g.v[k]`), one finite
/// difference each. Code that never touched leibniz is judged the same way.
///
///     auto r = leibniz::check_gradient([](const Eigen::VectorXd& v) { return v.squaredNorm(); },
///                                      [](const Eigen::VectorXd& v) { return Eigen::VectorXd(2 * v); }, x0);
template <class Fn, class GradFn, class S>
requires(!Expression<Fn> && std::is_floating_point_v<S>) [[nodiscard]] check_report
    check_gradient(Fn&& fn, GradFn&& grad_fn, const Eigen::Matrix<S, Eigen::Dynamic, 1>& x0,
                   const check_options& options = {}) {
  using vector = Eigen::Matrix<S, Eigen::Dynamic, 1>;
  const vector g = grad_fn(x0);
  if (g.size() != x0.size())
    throw std::invalid_argument("leibniz::check_gradient: the gradient has " + std::to_string(g.size()) +
                                " entries, x0 has " + std::to_string(x0.size()));
  const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic> jac = g.transpose();
  auto values = [&](const vector& x) { return detail::column<S>::Constant(1, static_cast<S>(fn(x))); };
  return detail::check_callable<S>(
      "leibniz::check_gradient: gradient of a callable at x0 (n = " + std::to_string(x0.size()) + ")", values, jac, x0,
      options, true);
}

/// Checks a Jacobian `jac_fn(x)` (m x n) of any callable `fn(x) -> vector of m` at `x0`
/// (VectorXd or VectorXf), entries `J[i][j]`; with `options.directions = k`, checks
/// `J v` along k random unit vectors (entries `Jv[i][k]`).
///
///     auto r = leibniz::check_jacobian(fn, jac_fn, x0);   // fn: VectorXd -> VectorXd
template <class Fn, class JacFn, class S>
requires(std::is_floating_point_v<S>) [[nodiscard]] check_report
    check_jacobian(Fn&& fn, JacFn&& jac_fn, const Eigen::Matrix<S, Eigen::Dynamic, 1>& x0,
                   const check_options& options = {}) {
  using vector = Eigen::Matrix<S, Eigen::Dynamic, 1>;
  const Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic> jac = jac_fn(x0);
  const vector f0 = fn(x0);
  if (jac.rows() != f0.size() || jac.cols() != x0.size())
    throw std::invalid_argument("leibniz::check_jacobian: the Jacobian is " + std::to_string(jac.rows()) + " x " +
                                std::to_string(jac.cols()) + ", expected " + std::to_string(f0.size()) + " x " +
                                std::to_string(x0.size()) + " (outputs x inputs)");
  auto values = [&](const vector& x) {
    const vector v = fn(x);
    return detail::column<S>(v.array());
  };
  return detail::check_callable<S>("leibniz::check_jacobian: Jacobian of a callable at x0 (" +
                                       std::to_string(f0.size()) + " x " + std::to_string(x0.size()) + ")",
                                   values, jac, x0, options, false);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
