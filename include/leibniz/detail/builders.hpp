// leibniz/detail/builders.hpp — the names of the canonical builders (defined in simplify.hpp).
//
// Nodes state their local partial derivatives as expressions, and every expression is
// built through these functions; declaring them here lets nodes.hpp sit below the rule
// file that defines them.
#pragma once

#include "../shape.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN
namespace leibniz::detail {

template <class... Ts>
constexpr auto make_sum(const Ts&... terms);
template <class A, class B>
constexpr auto make_sum(const A& a, const B& b);
template <class... Fs>
constexpr auto make_product(const Fs&... factors);
template <class A, class B>
constexpr auto make_product(const A& a, const B& b);
template <class B, class E>
constexpr auto make_power(const B& base, const E& exponent);
template <class Op, class A>
constexpr auto make_unary(const A& a);
template <class Op, class A, class B>
constexpr auto make_binary(const A& a, const B& b);

// Matrix calculus (matrix/nodes.hpp).
template <class A, class B>
constexpr auto make_matmul(const A& a, const B& b);
template <class A>
constexpr auto make_transpose(const A& a);
template <class Op, class A>
constexpr auto make_reduction(const A& a);
template <class A, class Like>
constexpr auto expand_to_like(const A& a, const Like& like);
template <shape Target, class X>
constexpr auto reduce_to(const X& x);
template <shape Target, class T, class Like>
constexpr auto sum_back(const T& term, const Like& like);
}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
