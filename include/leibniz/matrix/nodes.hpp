// leibniz/matrix/nodes.hpp — the linear-algebra nodes: A * B, transpose, reductions.
//
// Each states, as the scalar nodes do (nodes.hpp), its operands, its shape, how to
// rebuild it, and its vector-Jacobian rule `vjp<K>(e, g)`: given the adjoint g of the
// node (df/dnode, shaped like the node or broadcast to it), the adjoint of operand K.
// The rules are matrix calculus: for Z = A * B, adj(A) = adj(Z) * B^T and
// adj(B) = A^T * adj(Z); for a sum of entries every entry gets the adjoint.
//
// Entrywise functions, `+`, hadamard products and powers of vectors and matrices are the
// ordinary scalar nodes (nodes.hpp): their shape is their operands' broadcast shape
// (shape.hpp), and reverse.hpp reduces their adjoints back to a broadcast operand's shape.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>

#include "../constant.hpp"
#include "../detail/builders.hpp"
#include "../detail/pack.hpp"
#include "../expression.hpp"
#include "../shape.hpp"
#include "../simplify.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

// The reductions that adjoints are summed back with (matrix/reductions.hpp).
struct entries_sum_op;
struct column_sums_op;
struct row_sums_op;
// The structure Jacobians keep (matrix/diagonal.hpp).
struct diag_op;
struct eye_op;

namespace detail {
template <class E>
inline constexpr bool is_scalar_shaped_v = shape_of_type<E>::value.scalar;

/// The scalar factors of a product (its coefficient, scalar variables, ...), multiplied.
template <class E>
constexpr auto scalar_part(const E& e) {
  if constexpr (is_product<E>::value)
    return unpack(e.operands, [](const auto&... f) {
      return make_product([](const auto& x) {
        if constexpr (is_scalar_shaped_v<std::remove_cvref_t<decltype(x)>>)
          return x;
        else
          return constant<1>{};
      }(f)...);
    });
  else if constexpr (is_scalar_shaped_v<E>)
    return e;
  else
    return constant<1>{};
}
/// The vector or matrix factors of a product (one, or several multiplied entrywise).
template <class E>
constexpr auto matrix_part(const E& e) {
  if constexpr (is_product<E>::value)
    return unpack(e.operands, [](const auto&... f) {
      return make_product([](const auto& x) {
        if constexpr (is_scalar_shaped_v<std::remove_cvref_t<decltype(x)>>)
          return constant<1>{};
        else
          return x;
      }(f)...);
    });
  else if constexpr (is_scalar_shaped_v<E>)
    return constant<1>{};
  else
    return e;
}
template <class E>
constexpr bool compute_has_scalar_factor() {
  using S = decltype(scalar_part(std::declval<const E&>()));
  if constexpr (is_rational<S>::value)
    return !S::value.is_one();
  else
    return true;
}
template <class E>
inline constexpr bool has_scalar_factor_v = compute_has_scalar_factor<E>();
}  // namespace detail

/// `A * B`, the matrix product: a node of its own, never reordered. A row vector times a
/// column vector is a scalar. Evaluated by Eigen's GEMM, transposes folded into it.
template <class A, class B>
struct matrix_product : node<matrix_product<A, B>> {
  static constexpr node_kind kind = node_kind::matrix;
  static constexpr std::string_view name = "*";
  static constexpr bool is_static = A::is_static && B::is_static;
  static constexpr shape static_shape =
      detail::matrix_shape(detail::shape_of_type<A>::value.rows, detail::shape_of_type<B>::value.cols);
  static constexpr std::uint64_t hash = detail::hash_mix(detail::hash_mix(detail::hash_seed + 10, A::hash), B::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size + B::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name> || B::template depends_on<Name>;

  [[no_unique_address]] detail::pack<A, B> operands;
  constexpr matrix_product() = default;
  constexpr matrix_product(const A& a, const B& b) : operands(a, b) {}
  [[nodiscard]] constexpr decltype(auto) lhs() const { return detail::get<0>(operands); }
  [[nodiscard]] constexpr decltype(auto) rhs() const { return detail::get<1>(operands); }

  static constexpr auto rebuild(const auto& a, const auto& b) { return detail::make_matmul(a, b); }

  /// adj(A) = g * B^T, adj(B) = A^T * g.
  template <std::size_t K, class G>
  static constexpr auto vjp(const matrix_product& e, const G& g) {
    const auto full = detail::expand_to_like(g, e);  // a broadcast adjoint, filled out
    if constexpr (K == 0)
      return detail::make_matmul(full, detail::make_transpose(e.rhs()));
    else
      return detail::make_matmul(detail::make_transpose(e.lhs()), full);
  }
};

/// `transpose(A)`, written A^T: rows and columns swapped. Inside a matrix product it is
/// folded into the GEMM, never materialised.
template <class A>
struct transposed : node<transposed<A>> {
  static constexpr node_kind kind = node_kind::matrix;
  static constexpr std::string_view name = "transpose";
  static constexpr bool is_static = A::is_static;
  static constexpr shape static_shape = detail::shape_of_type<A>::value.transposed();
  static constexpr std::uint64_t hash = detail::hash_mix(detail::hash_seed + 11, A::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name>;

  [[no_unique_address]] detail::pack<A> operands;
  constexpr transposed() = default;
  constexpr explicit transposed(const A& a) : operands(a) {}
  [[nodiscard]] constexpr decltype(auto) arg() const { return detail::get<0>(operands); }

  static constexpr auto rebuild(const auto& a) { return detail::make_transpose(a); }

  template <std::size_t K, class G>
  static constexpr auto vjp(const transposed&, const G& g) {
    return detail::make_transpose(g);
  }
};

/// `Op(A)`: a reduction or a shape-changing function of one vector or matrix, its
/// meaning in the op struct (matrix/reductions.hpp): `sum`, `mean`, `colwise_sum`,
/// `rowwise_sum`, `trace`, `squared_norm`; `inverse`, `log_det` (matrix/linear_algebra.hpp).
template <class Op, class A>
struct reduction : node<reduction<Op, A>> {
  static constexpr node_kind kind = node_kind::matrix;
  using op = Op;
  static constexpr std::string_view name = Op::name;
  static constexpr bool is_static = A::is_static;
  static constexpr shape static_shape = Op::shape_of(detail::shape_of_type<A>::value);
  static constexpr std::uint64_t hash =
      detail::hash_mix(detail::hash_text(detail::hash_seed + 12, Op::name.data(), Op::name.size()), A::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name>;

  [[no_unique_address]] detail::pack<A> operands;
  constexpr reduction() = default;
  constexpr explicit reduction(const A& a) : operands(a) {}
  [[nodiscard]] constexpr decltype(auto) arg() const { return detail::get<0>(operands); }

  static constexpr auto rebuild(const auto& a) { return detail::make_reduction<Op>(a); }

  template <std::size_t K, class G>
  static constexpr auto vjp(const reduction& e, const G& g) {
    return Op::vjp(e.arg(), g);
  }
};

/// `fill(x, like)`: x (a scalar, or a vector to repeat) broadcast to the shape of `like`.
/// Where an adjoint that is one number for every entry meets a matrix product, which
/// needs it as a matrix (the gradient of sum(W * X) by W is fill(1, W * X) * X^T).
template <class A, class Like>
struct filled : node<filled<A, Like>> {
  static constexpr node_kind kind = node_kind::matrix;
  static constexpr std::string_view name = "fill";
  static constexpr bool is_static = A::is_static && Like::is_static;
  static constexpr shape static_shape = detail::shape_of_type<Like>::value;
  static constexpr std::uint64_t hash = detail::hash_mix(detail::hash_mix(detail::hash_seed + 13, A::hash), Like::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size + Like::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name>;  // like gives only sizes

  [[no_unique_address]] detail::pack<A, Like> operands;
  constexpr filled() = default;
  constexpr filled(const A& a, const Like& like) : operands(a, like) {}
  [[nodiscard]] constexpr decltype(auto) arg() const { return detail::get<0>(operands); }

  static constexpr auto rebuild(const auto& a, const auto& like) { return detail::expand_to_like(a, like); }

  template <std::size_t K, class G>
  static constexpr auto vjp(const filled& e, const G& g) {
    if constexpr (K == 0)
      return detail::sum_back<detail::shape_of_type<A>::value>(g, detail::get<1>(e.operands));
    else
      return constant<0>{};
  }
};

namespace detail {

template <class E>
inline constexpr bool is_transposed_v = false;
template <class A>
inline constexpr bool is_transposed_v<transposed<A>> = true;
template <class E>
inline constexpr bool is_matrix_product_v = false;
template <class A, class B>
inline constexpr bool is_matrix_product_v<matrix_product<A, B>> = true;
template <class E>
inline constexpr bool is_reduction_v = false;
template <class Op, class A>
inline constexpr bool is_reduction_v<reduction<Op, A>> = true;
template <class E>
inline constexpr bool is_diag_v = false;
template <class A>
inline constexpr bool is_diag_v<reduction<diag_op, A>> = true;
template <class E>
inline constexpr bool is_eye_v = false;
template <class A>
inline constexpr bool is_eye_v<reduction<eye_op, A>> = true;
template <class E>
inline constexpr bool is_filled_v = false;
template <class A, class Like>
inline constexpr bool is_filled_v<filled<A, Like>> = true;

/// a broadcast to the shape of like where it is not that shape already.
template <class A, class Like>
constexpr auto expand_to_like(const A& a, const Like& like) {
  if constexpr (same_extent(shape_of_type<A>::value, shape_of_type<Like>::value))
    return a;
  else
    return filled<A, Like>(a, like);
}

/// An adjoint x, which may be broadcast along axes where the operand it belongs to has a
/// single row or column (or is a scalar), summed back to that operand's shape.
template <shape Target, class X>
constexpr auto reduce_to(const X& x) {
  constexpr shape s = shape_of_type<X>::value;
  if constexpr (s.scalar || Target == s) {
    return x;
  } else if constexpr (Target.scalar) {
    return make_reduction<entries_sum_op>(x);
  } else if constexpr (Target.cols == 1 && s.cols != 1) {
    return reduce_to<Target>(make_reduction<row_sums_op>(x));
  } else if constexpr (Target.rows == 1 && s.rows != 1) {
    return reduce_to<Target>(make_reduction<column_sums_op>(x));
  } else {
    return x;
  }
}

/// An adjoint `term` that reaches an operand of shape Target through a node shaped like
/// `like`, summed back over the axes along which the operand was broadcast. A term
/// narrower than the node (the one number a sum hands down) stands for each of the
/// node's entries: where the operand was broadcast too, it is filled out before the sum,
/// or `sum(A + s)` by s would count 1 and not the entries of A.
template <shape Target, class T, class Like>
constexpr auto sum_back(const T& term, const Like& like) {
  if constexpr (!same_extent(shape_of_type<T>::value, shape_of_type<Like>::value) &&
                !same_extent(Target, shape_of_type<Like>::value))
    return reduce_to<Target>(expand_to_like(term, like));
  else
    return reduce_to<Target>(term);
}

template <class A, class B>
constexpr auto make_matmul(const A& a, const B& b) {
  constexpr shape sa = shape_of_type<A>::value, sb = shape_of_type<B>::value;
  if constexpr (sa.scalar || sb.scalar) {  // a scalar scales
    return make_product(a, b);
  } else {
    constexpr bool fits = sa.cols == dynamic_size || sb.rows == dynamic_size || sa.cols == sb.rows;
    static_assert(fits || sizes_do_not_fit<matrix_product_tag, sa.rows, sa.cols, sb.rows, sb.cols>::value,
                  "leibniz: matrix product A * B: the columns of A and the rows of B differ (the compiler shows "
                  "both shapes in sizes_do_not_fit<matrix_product_tag, rows A, cols A, rows B, cols B>)");
    if constexpr (!fits)
      return constant<0>{};  // after the message above, without a cascade of further errors
    else if constexpr (is_rational<A>::value || is_rational<B>::value)
      return make_product(a, b);
    else if constexpr (is_eye_v<A>)  // I B = B
      return b;
    else if constexpr (is_eye_v<B>)  // A I = A
      return a;
    else if constexpr (is_diag_v<A> && is_diag_v<B>)  // diag(a) diag(b) = diag(a b)
      return make_reduction<diag_op>(make_product(a.arg(), b.arg()));
    else if constexpr (has_scalar_factor_v<A> || has_scalar_factor_v<B>)  // 2 A * B = 2 (A * B)
      return make_product(scalar_part(a), scalar_part(b), make_matmul(matrix_part(a), matrix_part(b)));
    else if constexpr (is_matrix_product_v<A> && sb.is_column())  // (P Q) v = P (Q v): products of a vector only
      return make_matmul(a.lhs(), make_matmul(a.rhs(), b));
    else
      return matrix_product<A, B>(a, b);
  }
}

template <class A>
constexpr auto make_transpose(const A& a) {
  if constexpr (shape_of_type<A>::value.scalar)
    return a;
  else if constexpr (is_transposed_v<A>)  // (A^T)^T = A
    return a.arg();
  else if constexpr (is_diag_v<A> || is_eye_v<A>)  // symmetric
    return a;
  else if constexpr (is_product<A>::value)  // (2 A)^T = 2 A^T, and entrywise products factor by factor
    return unpack(a.operands, [](const auto&... f) { return make_product(make_transpose(f)...); });
  else if constexpr (is_sum<A>::value)  // (A + B)^T = A^T + B^T
    return unpack(a.operands, [](const auto&... t) { return make_sum(make_transpose(t)...); });
  else if constexpr (is_matrix_product_v<A>)  // (A B)^T = B^T A^T: transposes sit on the operands
    return make_matmul(make_transpose(a.rhs()), make_transpose(a.lhs()));
  else
    return transposed<A>(a);
}

template <class Op, class A>
constexpr auto make_reduction(const A& a) {
  if constexpr (shape_of_type<A>::value.scalar && requires { Op::of_scalar(a); })
    return Op::of_scalar(a);
  else if constexpr (requires { Op::rewrite(a); })
    return Op::rewrite(a);
  else
    return reduction<Op, A>(a);
}

}  // namespace detail

}  // namespace leibniz

LEIBNIZ_HEADER_END
