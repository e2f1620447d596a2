// leibniz/detail/entrywise_rule.hpp — an op's derivative on a vector or matrix operand, entry by entry.
//
// An op writes its derivative for a number: sigmoid's is `sigmoid(a) * sigmoid(-a)`. On a
// vector or matrix operand, `*` written there would be the matrix product, so the rule is
// taken of a scalar placeholder and the operand is substituted into the result: the
// substitution rebuilds each node through its builder, whose products are entrywise.
// This also keeps a user's `function<Op>` right on matrices without any change to Op.
#pragma once

#include <cstddef>

#include "children.hpp"
#include "pack.hpp"
#include "../expression.hpp"
#include "../variable.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

/// e with the variable named Name replaced by `by`, each node above it rebuilt (and so
/// simplified again).
///
///     substitute<"a">(sin(var<"a">) * var<"a">, A)   // the entrywise sin(A) ⊙ A
template <fixed_string Name, class E, class By>
constexpr auto substitute(const E& e, const By& by) {
  if constexpr (!E::template depends_on<Name>)
    return e;
  else if constexpr (Variable<E>)
    return by;
  else
    return unpack(children(e), [&](const auto&... operands) { return E::rebuild(substitute<Name>(operands, by)...); });
}

// Placeholders no user variable can be named like ('!' starts no identifier people write).
using first_placeholder = variable<"!a">;
using second_placeholder = variable<"!b">;

/// Op's derivative at a vector or matrix `a`, entry by entry: `Op::derivative` of a
/// scalar placeholder with `a` substituted in.
template <class Op, class A>
constexpr auto entrywise_derivative(const A& a) {
  return substitute<first_placeholder::name>(Op::derivative(first_placeholder{}), a);
}

/// The same for a function of two arguments, by its operand K (0: derivative_lhs).
template <class Op, std::size_t K, class A, class B>
constexpr auto entrywise_derivative(const A& a, const B& b) {
  constexpr first_placeholder p{};
  constexpr second_placeholder q{};
  if constexpr (K == 0)
    return substitute<second_placeholder::name>(substitute<first_placeholder::name>(Op::derivative_lhs(p, q), a), b);
  else
    return substitute<second_placeholder::name>(substitute<first_placeholder::name>(Op::derivative_rhs(p, q), a), b);
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
