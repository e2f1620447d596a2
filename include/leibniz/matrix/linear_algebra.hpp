// leibniz/matrix/linear_algebra.hpp — inverse(A), log_det(A), solve(A, b): the second tier
// of matrix calculus, what a Gaussian's log-likelihood is written with
// (-1/2 log det S - 1/2 r^T S^-1 r is `-0.5 * log_det(S) - 0.5 * dot(r, solve(S, r))`).
//
// inverse and log_det are reductions (`reduction<Op, A>`, matrix/nodes.hpp), their ops
// stating name, shape, adjoint rule and value as reductions.hpp's do; solve has two
// operands, so it is a node of its own, like the matrix product. The adjoint rules, for
// G the adjoint of the result (g where it is a scalar):
//   X = inverse(A)     adj(A) = -X^T G X^T
//   log_det(A)         adj(A) = g inverse(A)^T
//   x = solve(A, B)    adj(B) = solve(A^T, G),   adj(A) = -adj(B) x^T
// are leibniz expressions, so they print, simplify and can be differentiated again; the
// inverse in log_det's adjoint is the node inverse(A) itself, computed once where both occur.
//
// Values come from Eigen's LU factorisation with partial pivoting (PartialPivLU): O(n^3)
// for an n x n matrix, per node. It assumes A is invertible and does not check: a
// singular A gives entries that are infinite or NaN (log_det: -inf), not an exception.
// Including <Eigen/LU> costs nothing measurable beside <Eigen/Core> (GCC 12, 0.9 s both).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <Eigen/Core>
#include <Eigen/LU>

#include "../constant.hpp"
#include "../expression.hpp"
#include "../ops/abs.hpp"
#include "../ops/log.hpp"
#include "../print.hpp"
#include "../shape.hpp"
#include "../simplify.hpp"
#include "diagonal.hpp"
#include "nodes.hpp"
#include "print.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

struct inverse_op;
struct log_det_op;

namespace detail {

struct solve_tag {};

/// Whether a matrix of shape s may be square: a scalar is, a vector is not (its static 1
/// would have to meet a size taken from the binding), a matrix is unless both of its
/// sizes are static and differ.
constexpr bool may_be_square(shape s) {
  if (s.scalar)
    return true;
  if (s.rows == 1 || s.cols == 1)
    return false;
  return s.rows == dynamic_size || s.cols == dynamic_size || s.rows == s.cols;
}
/// n for an n x n matrix of shape s: its static size if either is static.
constexpr int square_size(shape s) {
  return s.rows != dynamic_size ? s.rows : s.cols;
}

/// The rows of x = A^-1 B: A's columns, which are A's rows, which are B's rows; whichever is static.
constexpr int solve_rows(shape a, shape b) {
  return square_size(a) != dynamic_size ? square_size(a) : b.rows;
}

template <class E>
inline constexpr bool is_inverse_v = false;
template <class A>
inline constexpr bool is_inverse_v<reduction<inverse_op, A>> = true;

/// The static check of the public entries: A must be a square matrix. The failing
/// condition shows A's sizes in the compiler's message (sizes_do_not_fit, shape.hpp).
template <class Op, class A>
constexpr bool check_square() {
  constexpr shape s = shape_of_type<A>::value;
  static_assert(may_be_square(s) || sizes_do_not_fit<Op, s.rows, s.cols, s.cols, s.rows>::value,
                "leibniz: inverse(A), log_det(A) and solve(A, b) take a square matrix A (the compiler shows the "
                "operation and A's sizes in sizes_do_not_fit<operation, rows A, cols A, cols A, rows A>)");
  return may_be_square(s);
}

template <class A, class B>
constexpr auto make_solve(const A& a, const B& b);

}  // namespace detail

/// The inverse A^-1 of a square matrix. Its adjoint is -X^T G X^T for X = inverse(A);
/// its value is Eigen's `partialPivLu().inverse()`.
struct inverse_op {
  static constexpr std::string_view name = "inverse";
  static constexpr bool square_operand = true;  // checked when the sizes are known (matrix/evaluate.hpp)
  static constexpr shape shape_of(shape a) {
    return detail::matrix_shape(detail::square_size(a), detail::square_size(a));
  }
  static constexpr auto of_scalar(const auto& a) { return detail::make_power(a, constant<-1>{}); }
  /// Kept canonical, so that equal inverses are one node, computed once:
  /// inverse(inverse(A)) = A, inverse(A^T) = inverse(A)^T, inverse(2 A) = 1/2 inverse(A),
  /// inverse(I) = I, inverse(diag(v)) = diag(1 / v) (no LU for a diagonal).
  template <class A>
  static constexpr auto rewrite(const A& a) {
    if constexpr (detail::is_inverse_v<A>)
      return a.arg();
    else if constexpr (detail::is_transposed_v<A>)
      return detail::make_transpose(detail::make_reduction<inverse_op>(a.arg()));
    else if constexpr (detail::has_scalar_factor_v<A>)
      return detail::make_product(detail::make_power(detail::scalar_part(a), constant<-1>{}),
                                  detail::make_reduction<inverse_op>(detail::matrix_part(a)));
    else if constexpr (detail::is_eye_v<A>)
      return a;
    else if constexpr (detail::is_diag_v<A>)
      return detail::make_reduction<diag_op>(detail::make_power(a.arg(), constant<-1>{}));
    else
      return reduction<inverse_op, A>(a);
  }
  static constexpr auto vjp(const auto& a, const auto& g) {
    const auto x = detail::make_reduction<inverse_op>(a);  // the node itself: a is already canonical
    const auto xt = detail::make_transpose(x);
    return detail::make_product(constant<-1>{},
                                detail::make_matmul(detail::make_matmul(xt, detail::expand_to_like(g, x)), xt));
  }
  /// Into out's buffer; Eigen's LU allocates its own factors (and permutation) each time.
  template <class Out, class M>
  static void evaluate_into(Out& out, const M& a) {
    out = a.partialPivLu().inverse();
  }
  template <class M>
  static auto evaluate(const M& a) {
    using dense = Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, Eigen::Dynamic>;
    return dense(a.partialPivLu().inverse());
  }
};

/// log|det A|, the logarithm of the absolute value of the determinant of a square matrix
/// (log det A for a positive-definite A, such as a covariance). Its adjoint is
/// g inverse(A)^T, which holds for either sign of det A. Its value is the sum of
/// log|u_ii| over the diagonal of U in Eigen's PartialPivLU (P A = L U, L unit lower
/// triangular, so |det A| is the product of |u_ii|): summed as logarithms, so it stays
/// finite where the determinant itself would overflow or underflow. The sign of det A
/// is not kept.
struct log_det_op {
  static constexpr std::string_view name = "log_det";
  static constexpr bool square_operand = true;
  static constexpr shape shape_of(shape) { return detail::scalar_shape; }
  static constexpr auto of_scalar(const auto& a) { return leibniz::log(leibniz::abs(a)); }
  /// log|det A^T| = log|det A|, log|det A^-1| = -log|det A|: one LU, not two.
  template <class A>
  static constexpr auto rewrite(const A& a) {
    if constexpr (detail::is_transposed_v<A>)
      return detail::make_reduction<log_det_op>(a.arg());
    else if constexpr (detail::is_inverse_v<A>)
      return detail::make_product(constant<-1>{}, detail::make_reduction<log_det_op>(a.arg()));
    else
      return reduction<log_det_op, A>(a);
  }
  static constexpr auto vjp(const auto& a, const auto& g) {
    return detail::make_product(g, detail::make_transpose(detail::make_reduction<inverse_op>(a)));
  }
  template <class M>
  static auto evaluate(const M& a) {
    return a.partialPivLu().matrixLU().diagonal().array().abs().log().sum();
  }
};

/// `solve(A, B)`: x = A^-1 B for a square A and a column vector (or a matrix of columns)
/// B, without forming A^-1. Its value is Eigen's `partialPivLu().solve(B)`.
template <class A, class B>
struct solved : node<solved<A, B>> {
  static constexpr node_kind kind = node_kind::matrix;
  static constexpr std::string_view name = "solve";
  static constexpr bool is_static = A::is_static && B::is_static;
  static constexpr shape static_shape =
      detail::matrix_shape(detail::solve_rows(detail::shape_of_type<A>::value, detail::shape_of_type<B>::value),
                           detail::shape_of_type<B>::value.cols);
  static constexpr std::uint64_t hash = detail::hash_mix(detail::hash_mix(detail::hash_seed + 14, A::hash), B::hash);
  static constexpr std::size_t tree_size = 1 + A::tree_size + B::tree_size;
  template <fixed_string Name>
  static constexpr bool depends_on = A::template depends_on<Name> || B::template depends_on<Name>;

  [[no_unique_address]] detail::pack<A, B> operands;
  constexpr solved() = default;
  constexpr solved(const A& a, const B& b) : operands(a, b) {}
  [[nodiscard]] constexpr decltype(auto) lhs() const { return detail::get<0>(operands); }
  [[nodiscard]] constexpr decltype(auto) rhs() const { return detail::get<1>(operands); }

  static constexpr auto rebuild(const auto& a, const auto& b) { return detail::make_solve(a, b); }

  /// adj(B) = solve(A^T, G), adj(A) = -adj(B) x^T: one more solve, with A's transpose,
  /// and the same expression in both, so it is computed once.
  template <std::size_t K, class G>
  static constexpr auto vjp(const solved& e, const G& g) {
    const auto adj_b = detail::make_solve(detail::make_transpose(e.lhs()), detail::expand_to_like(g, e));
    if constexpr (K == 1)
      return adj_b;
    else
      return detail::make_product(constant<-1>{}, detail::make_matmul(adj_b, detail::make_transpose(e)));
  }
};

namespace detail {

template <class E>
inline constexpr bool is_solve_v = false;
template <class A, class B>
inline constexpr bool is_solve_v<solved<A, B>> = true;

template <class A, class B>
constexpr auto make_solve(const A& a, const B& b) {
  if constexpr (shape_of_type<A>::value.scalar)  // a number divides
    return make_product(b, make_power(a, constant<-1>{}));
  else if constexpr (is_eye_v<A>)  // I x = b
    return b;
  else if constexpr (is_diag_v<A>)  // diag(v) x = b: each row of b divided by its entry of v
    return make_product(b, make_power(a.arg(), constant<-1>{}));
  else if constexpr (has_scalar_factor_v<A>)  // (2 A) x = b: x = 1/2 solve(A, b)
    return make_product(make_power(scalar_part(a), constant<-1>{}), make_solve(matrix_part(a), b));
  else if constexpr (has_scalar_factor_v<B>)  // solve(A, 2 b) = 2 solve(A, b), as scaling leaves products
    return make_product(scalar_part(b), make_solve(a, matrix_part(b)));
  else
    return solved<A, B>(a, b);
}

// Printing: `inverse(A)`, `log_det(A)`, `solve(A, b)`; in LaTeX `A^{-1}`, `\log\lvert A\rvert`, `A^{-1} b`.

LEIBNIZ_TEXT_CODE_BEGIN

/// inverse(a), a^{-1} in LaTeX, of the text on top.
template <class Style>
void inverse_rule(text_stack& s) {
  if constexpr (is_latex_v<Style>)
    s.push({concat({operand<Style>(s.pop(), atom_level), "^{-1}"}), power_level, false});
  else
    call_rule<Style>(s, inverse_op::name, {}, 1);
}
/// log_det(a), \log\lvert a\rvert in LaTeX, of the text on top.
template <class Style>
void log_det_rule(text_stack& s) {
  // \log\lvert A\rvert, the statistician's log|S|: the bars delimit the operand and say that the
  // determinant's sign is dropped. A factor of a product as it is; grouped as the base of a power.
  if constexpr (is_latex_v<Style>) {
    const printed arg = s.pop();
    s.push({concat({"\\log\\lvert ", arg.negative ? "-" : "", arg.text, "\\rvert"}), negative_level, false});
  } else {
    call_rule<Style>(s, log_det_op::name, {}, 1);
  }
}
/// solve(a, b), a^{-1} b in LaTeX (a product as the matrix product prints), of the last two texts.
template <class Style>
void solve_rule(text_stack& s) {
  if constexpr (is_latex_v<Style>) {
    const printed b = s.pop(), a = s.pop();
    s.push(
        {concat({operand<Style>(a, atom_level), "^{-1} ", operand<Style>(b, product_level)}), negative_level, false});
  } else {
    call_rule<Style>(s, "solve", {}, 2);
  }
}

template <class A>
struct node_printer<reduction<inverse_op, A>> {
  template <class Style>
  static void print(text_stack& s, const reduction<inverse_op, A>& e) {
    print_operands<Style>(s, e.operands);
    inverse_rule<Style>(s);
  }
};

template <class A>
struct node_printer<reduction<log_det_op, A>> {
  template <class Style>
  static void print(text_stack& s, const reduction<log_det_op, A>& e) {
    print_operands<Style>(s, e.operands);
    log_det_rule<Style>(s);
  }
};

template <class A, class B>
struct node_printer<solved<A, B>> {
  template <class Style>
  static void print(text_stack& s, const solved<A, B>& e) {
    print_operands<Style>(s, e.operands);
    solve_rule<Style>(s);
  }
};

LEIBNIZ_TEXT_CODE_END

}  // namespace detail

/// The inverse of a square matrix, `A^-1`, as a node of its own (printed `inverse(A)`,
/// in LaTeX `A^{-1}`). Where it only multiplies a vector, `solve(A, b)` is cheaper and
/// more accurate. A must be invertible (not checked: see the header comment). Static
/// sizes that are not square are a compile error; sizes from the binding that are not
/// square throw `std::invalid_argument`.
///
///     auto g = leibniz::d(sum(inverse(A)), A);   // -inverse(A)^T * fill(1, inverse(A)) * inverse(A)^T
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto inverse(const A& a) {
  if constexpr (detail::check_square<inverse_op, A>())
    return detail::make_reduction<inverse_op>(a);
  else
    return constant<0>{};  // after the message, without a cascade of further errors
}

/// log|det A| for a square matrix A: the log of the absolute value of its determinant,
/// which for a positive-definite A (a covariance) is log det A. Its gradient is
/// inverse(A)^T. Computed from an LU factorisation, as a sum of logs, so it is finite
/// where det A would overflow; printed `log_det(A)`, in LaTeX `\log\lvert A\rvert`.
///
///     static_assert(leibniz::d(log_det(A), A) == transpose(inverse(A)));
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto log_det(const A& a) {
  if constexpr (detail::check_square<log_det_op, A>())
    return detail::make_reduction<log_det_op>(a);
  else
    return constant<0>{};
}

/// x = A^-1 b for a square matrix A and a column vector b (or a matrix B: each column
/// solved), by an LU factorisation, without forming A^-1: printed `solve(A, b)`, in LaTeX
/// `A^{-1} b`. Its gradients are adj(b) = solve(A^T, G) and adj(A) = -adj(b) x^T. A
/// non-square A, or a b with other rows than A, is a compile error for static sizes and
/// `std::invalid_argument` for sizes from the binding.
///
///     auto nll = 0.5 * log_det(S) + 0.5 * dot(r, solve(S, r));   // a Gaussian's, up to a constant
template <class A, class B>
requires(Expression<A>&& Expression<B>) [[nodiscard]] constexpr auto solve(const A& a, const B& b) {
  constexpr shape sa = detail::shape_of_type<A>::value, sb = detail::shape_of_type<B>::value;
  static_assert(!sb.scalar,
                "leibniz: solve(A, b) takes a column vector or a matrix b (for a number s, s * inverse(A))");
  constexpr int n = detail::square_size(sa);
  constexpr bool rows_fit = sa.scalar || sb.scalar || n == dynamic_size || sb.rows == dynamic_size || sb.rows == n;
  static_assert(rows_fit || detail::sizes_do_not_fit<detail::solve_tag, sa.rows, sa.cols, sb.rows, sb.cols>::value,
                "leibniz: solve(A, b): b has other rows than A (the compiler shows both shapes in "
                "sizes_do_not_fit<solve_tag, rows A, cols A, rows b, cols b>)");
  if constexpr (detail::check_square<detail::solve_tag, A>() && rows_fit && !sb.scalar)
    return detail::make_solve(a, b);
  else
    return constant<0>{};
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
