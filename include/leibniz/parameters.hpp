// leibniz/parameters.hpp — runtime constants lifted out of an expression as parameters.
//
// `2.5 * x` holds 2.5 in its object. To evaluate, differentiate and share nodes by type
// alone, such an expression is split into a static expression over parameter
// variables (`#0 * x`: static, empty, constexpr) and the parameters' values
// (`#0 = 2.5`), which are then bound like any other variable. Two runtime constants
// always become two parameters, even when their values are equal, so nodes that differ
// only in a runtime constant are never merged (`x * 2.0 + x * 3.0` is two nodes).
#pragma once

#include <cstddef>
#include <type_traits>

#include "detail/children.hpp"
#include "detail/pack.hpp"
#include "expression.hpp"
#include "simplify.hpp"
#include "variable.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

template <std::size_t K>
constexpr std::size_t decimal_digits() {
  std::size_t digits = 1;
  for (std::size_t k = K; k >= 10; k /= 10) ++digits;
  return digits;
}

/// The name of the K-th parameter of kind Prefix: "#0", "#1", ... ('#' for lifted
/// runtime constants, '%' for lifted integer ones (exponents: `pow(x, 2)`), '~' for
/// tangents). No user variable can start with these
/// characters by accident, and a parameter is bound like a variable.
template <char Prefix, std::size_t K>
constexpr auto parameter_name() {
  constexpr std::size_t n = decimal_digits<K>() + 1;
  char text[n + 1]{};
  text[0] = Prefix;
  std::size_t k = K;
  for (std::size_t i = n; i > 1; --i, k /= 10) text[i - 1] = char('0' + k % 10);
  return fixed_string<n>(text);
}

template <char Prefix, std::size_t K>
using parameter_t = variable<parameter_name<Prefix, K>()>;

/// The prefix of the parameter a runtime constant of type T becomes: integers keep
/// their kind, so that `pow(x, 2)` is evaluated as an integer power.
template <class T>
inline constexpr char parameter_prefix = std::is_integral_v<T> ? '%' : '#';

template <class V>
constexpr bool is_parameter() {
  if constexpr (!Variable<V>)
    return false;
  else
    return V::name.data[0] == '#' || V::name.data[0] == '%' || V::name.data[0] == '~';
}

/// The number of runtime constants in E (0 for a static expression).
template <class E>
constexpr std::size_t count_runtime_constants() {
  if constexpr (E::is_static)
    return 0;
  else if constexpr (is_runtime<E>::value)
    return 1;
  else
    return []<class... Cs>(pack<Cs...>*) {
      return (std::size_t(0) + ... + count_runtime_constants<Cs>());
    }(static_cast<children_t<E>*>(nullptr));
}

/// The node E with operands `operands...` in place of its own, simplified again.
template <class E, class... Cs>
constexpr auto rebuild(const Cs&... operands) {
  return E::rebuild(operands...);
}

/// E with its runtime constants replaced, left to right, by the parameters #K, #K+1, ...
template <std::size_t K, class E>
constexpr auto lift() {
  if constexpr (E::is_static) {
    return E{};
  } else if constexpr (is_runtime<E>::value) {
    return parameter_t<parameter_prefix<typename E::value_type>, K>{};
  } else {
    return []<class... Cs>(pack<Cs...>*) {
      constexpr std::size_t counts[] = {count_runtime_constants<Cs>()..., 0};
      return [&]<std::size_t... I>(std::index_sequence<I...>) {
        constexpr auto offset = [](std::size_t i) {
          std::size_t sum = K;
          for (std::size_t j = 0; j < i; ++j) sum += counts[j];
          return sum;
        };
        return rebuild<E>(lift<offset(I), Cs>()...);
      }
      (std::index_sequence_for<Cs...>{});
    }(static_cast<children_t<E>*>(nullptr));
  }
}

/// The static expression of E, its runtime constants as parameters #0, #1, ...
template <class E>
using lifted_t = decltype(lift<0, E>());

template <std::size_t K>
constexpr pack<> parameter_bindings_from();
template <std::size_t K, class C, class... Cs>
constexpr auto parameter_bindings_from(const C& first, const Cs&... rest);

/// The bindings `#0 = value, #1 = value, ...` of E's runtime constants, in the order lift
/// numbers them.
template <std::size_t K = 0, class E>
constexpr auto parameter_bindings(const E& e) {
  if constexpr (E::is_static) {
    return pack<>{};
  } else if constexpr (is_runtime<E>::value) {
    using parameter_binding =
        binding<parameter_name<parameter_prefix<typename E::value_type>, K>(), typename E::value_type>;
    return pack<parameter_binding>(parameter_binding{e.value});
  } else {
    return unpack(children(e), [](const auto&... operands) { return parameter_bindings_from<K>(operands...); });
  }
}

template <std::size_t K>
constexpr pack<> parameter_bindings_from() {
  return {};
}
template <std::size_t K, class C, class... Cs>
constexpr auto parameter_bindings_from(const C& first, const Cs&... rest) {
  return concat(parameter_bindings<K>(first), parameter_bindings_from<K + count_runtime_constants<C>()>(rest...));
}

/// E with parameters replaced by runtime constants holding the bound values: the
/// inverse of lift, to print what was computed on the lifted form.
template <class E, class... Ps>
constexpr auto substitute_parameters(const E& e, const pack<Ps...>& values) {
  if constexpr (sizeof...(Ps) == 0 || !E::is_static) {
    return e;
  } else if constexpr (Variable<E>) {
    if constexpr (is_parameter<E>()) {
      constexpr std::size_t i = index_of_first({(Ps::name == E::name)...});
      return runtime_constant<typename element_t<i, pack<Ps...>>::value_type>(get<i>(values).value);
    } else {
      return e;
    }
  } else if constexpr (children_t<E>::size > 0) {
    return unpack(children(e),
                  [&](const auto&... operands) { return rebuild<E>(substitute_parameters(operands, values)...); });
  } else {
    return e;
  }
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
