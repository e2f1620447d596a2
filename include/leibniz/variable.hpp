// leibniz/variable.hpp — variables and the bindings `x = value` that give them values.
#pragma once

#include <memory>
#include <type_traits>
#include <utility>

#include "detail/pack.hpp"
#include "expression.hpp"
#include "config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

namespace detail {
/// Whether a value type can be bound to a variable. Arithmetic types here; the Eigen
/// support adds arrays by specialising it.
template <class T>
inline constexpr bool is_bindable_v = std::is_arithmetic_v<T> && !std::is_same_v<T, bool>;

/// Whether a binding copies its value: numbers and small views (eigen.hpp adds Eigen's
/// maps, blocks and expressions) are copied. Other values (arrays that own their
/// memory) are referred to when the caller names them (`x = X`: no element is copied),
/// and moved into the binding when they are temporaries (`x = make_array()`).
template <class T>
inline constexpr bool is_held_by_value_v = std::is_arithmetic_v<T>;
}  // namespace detail

/// A value given to the variable `Name`, written `x = 1.0`; what `eval` takes.
///
///     auto b = (x = 2.0);   // binding<"x", double>
template <fixed_string Name, class T>
struct binding {
  static constexpr auto name = Name;
  using value_type = T;
  T value;
};

/// A binding of a value that is not copied (an Eigen array that owns its elements):
/// `value` refers to the caller's array, or, for a temporary, to the array moved into
/// the binding. The moved array is shared by the binding's copies, because the library
/// copies bindings freely (into the pending result of `G(x = make_array())`, for one)
/// and a copy must cost no elements; it lives as long as the last of them.
template <fixed_string Name, class T>
requires(!detail::is_held_by_value_v<T>) struct binding<Name, T> {
  static constexpr auto name = Name;
  using value_type = T;

 private:
  std::shared_ptr<const T> owner_;  // empty when value is the caller's

 public:
  const T& value;

  /// Refers to `array`, which the caller keeps alive.
  constexpr explicit binding(const T& array) : value(array) {}
  /// Holds `array` (a temporary, moved in) for as long as a copy of the binding lives.
  explicit binding(std::shared_ptr<const T> array) : owner_(std::move(array)), value(*owner_) {}
};

/// A variable of an expression, named by its type: `var<"x">` and `var<"x">` are the
/// same variable. `x = v` binds it to a value for evaluation.
///
///     constexpr auto x = leibniz::var<"x">;
///     double v = (x * x)(x = 3.0);   // 9
template <fixed_string Name>
struct variable : node<variable<Name>> {
  static constexpr node_kind kind = node_kind::variable;
  static constexpr auto name = Name;
  static constexpr bool is_static = true;
  static constexpr std::uint64_t hash = detail::hash_text(detail::hash_seed + 4, Name.data, Name.size());
  static constexpr std::size_t tree_size = 1;
  template <fixed_string Other>
  static constexpr bool depends_on = Other == Name;

  // Not for expressions, so that traits such as std::is_assignable (asked by std::tuple
  // of variables, for one) see no assignment rather than the error below.
  template <class T>
  requires(!Expression<std::remove_cvref_t<T>>) constexpr auto operator=(T&& value) const {
    using U = std::remove_cvref_t<T>;
    // An Eigen vector or matrix (it has .array()) is many points to a scalar variable:
    // say how to bind it, rather than only that it is not a number.
    static_assert(
        detail::is_bindable_v<U> || !requires(const U& t) { t.array(); },
        "leibniz: a variable takes a number or an Eigen array of points; bind an Eigen vector "
        "or matrix as an array: `x = v.array()`, or, for linear algebra, declare it "
        "leibniz::vec<\"name\"> or leibniz::mat<\"name\">");
    static_assert(
        detail::is_bindable_v<U> || requires(const U& t) { t.array(); },
        "leibniz: a variable is bound to a number (float, double, long double or an integer) or an "
        "Eigen array of them: `x = 1.0`, `x = X`");
    if constexpr (!detail::is_bindable_v<U>)
      return binding<Name, double>{0.0};  // after the message above, without a cascade of further errors
    else if constexpr (detail::is_held_by_value_v<U>)
      return binding<Name, U>{std::forward<T>(value)};
    else if constexpr (std::is_lvalue_reference_v<T>)
      return binding<Name, U>(value);
    else  // a temporary: the binding keeps it, or `auto g = G(x = make_array())` would dangle
      return binding<Name, U>(std::make_shared<const U>(std::forward<T>(value)));
  }
};

/// The variable named `Name`. A variable is its name: two `var<"x">` are one variable.
///
///     constexpr auto x = leibniz::var<"x">;   constexpr auto f = x * x;
template <fixed_string Name>
inline constexpr variable<Name> var{};

}  // namespace leibniz

LEIBNIZ_HEADER_END
