// leibniz/matrix/reductions.hpp — sum, mean, colwise_sum, rowwise_sum, trace,
// squared_norm, softmax, log_sum_exp: each op states its name, its shape, its value and
// its adjoint rule once.
//
// An op for `reduction<Op, A>` (matrix/nodes.hpp) gives
//   name                   how it prints;
//   shape_of(shape of A)   the shape of the result;
//   evaluate(a)            its value from A's value (an Eigen matrix): a number, or an
//                          Eigen expression or matrix that is assigned to the node's
//                          buffer (so an expression costs no temporary); or instead
//   evaluate_into(out, a)  its value written into out, a matrix whose buffer is reused
//                          from one evaluation to the next (resized only when the sizes
//                          change): for values that no single Eigen expression gives
//                          without a temporary, or that a loop gives for less compile time;
//   vjp(a, g)              the adjoint of A from the result's adjoint g (g may be a
//                          scalar or a vector broadcast along the reduced axis);
//   of_scalar(a)           (optional) its value when A is a scalar, so no node is made;
//   rewrite(a)             (optional) the canonical node for A (inverse(inverse(A)) is A);
//   square_operand         (optional) A must be square: checked when the sizes are known.
#pragma once

#include <cmath>
#include <limits>
#include <string_view>

#include <Eigen/Core>

#include "../constant.hpp"
#include "../expression.hpp"
#include "../operators.hpp"
#include "../shape.hpp"
#include "../simd.hpp"
#include "../simplify.hpp"
#include "nodes.hpp"
#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz {

/// The sum of all entries: a scalar; every entry's adjoint is the result's.
struct entries_sum_op {
  static constexpr std::string_view name = "sum";
  static constexpr shape shape_of(shape) { return detail::scalar_shape; }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto&, const auto& g) { return g; }
  static auto evaluate(const auto& a) { return a.sum(); }
};

/// The number of entries of A (rows x cols): what mean divides by.
struct entry_count_op {
  static constexpr std::string_view name = "size";
  static constexpr shape shape_of(shape) { return detail::scalar_shape; }
  static constexpr auto of_scalar(const auto&) { return constant<1>{}; }
  static constexpr auto vjp(const auto&, const auto&) { return constant<0>{}; }
  template <class M>
  static auto evaluate(const M& a) {
    return typename M::Scalar(a.size());
  }
};

/// The mean of all entries: sum(A) / size(A).
struct entries_mean_op {
  static constexpr std::string_view name = "mean";
  static constexpr shape shape_of(shape) { return detail::scalar_shape; }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto& a, const auto& g) {
    return detail::make_product(g, detail::make_power(detail::make_reduction<entry_count_op>(a), constant<-1>{}));
  }
  static auto evaluate(const auto& a) { return a.mean(); }
};

/// The sum of each column: a row vector (a scalar for a column vector).
struct column_sums_op {
  static constexpr std::string_view name = "colwise_sum";
  static constexpr shape shape_of(shape a) { return detail::matrix_shape(1, a.cols); }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto&, const auto& g) { return g; }  // a row, broadcast down each column
  /// By a loop on the entries, into out's buffer (1 x columns): Eigen's colwise().sum()
  /// and rowwise().sum() cost B8's unit about 0.1 s of compile time (docs/compile-time.md).
  template <class Out, class M>
  static void evaluate_into(Out& out, const M& a) {
    out.resize(1, a.cols());
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      typename M::Scalar sum(0);
      for (Eigen::Index i = 0; i < a.rows(); ++i) sum += a(i, j);
      out.data()[j] = sum;
    }
  }
};

/// The sum of each row: a column vector (a scalar for a row vector).
struct row_sums_op {
  static constexpr std::string_view name = "rowwise_sum";
  static constexpr shape shape_of(shape a) { return detail::matrix_shape(a.rows, 1); }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto&, const auto& g) { return g; }  // a column, broadcast along each row
  /// By a loop on the entries, column by column (each read once, in storage order for a
  /// column-major operand), into out's buffer (rows x 1).
  template <class Out, class M>
  static void evaluate_into(Out& out, const M& a) {
    out.resize(a.rows(), 1);
    typename M::Scalar* const sums = out.data();
    for (Eigen::Index i = 0; i < a.rows(); ++i) sums[i] = typename M::Scalar(0);
    for (Eigen::Index j = 0; j < a.cols(); ++j)
      for (Eigen::Index i = 0; i < a.rows(); ++i) sums[i] += a(i, j);
  }
};

struct diag_op;  // matrix/diagonal.hpp: a column as a diagonal matrix

/// The identity matrix of A's size: the adjoint of a trace.
struct identity_op {
  static constexpr std::string_view name = "identity";
  static constexpr std::string_view latex = "I";
  static constexpr shape shape_of(shape a) { return a; }
  static constexpr auto vjp(const auto&, const auto&) { return constant<0>{}; }
  template <class M>
  static auto evaluate(const M& a) {  // an expression: assigned to the node's buffer
    using Scalar = typename M::Scalar;
    return Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>::Identity(a.rows(), a.cols());
  }
};

/// The trace of a square matrix: its adjoint is g I.
struct trace_op {
  static constexpr std::string_view name = "trace";
  static constexpr std::string_view latex = "\\operatorname{tr}";
  static constexpr bool square_operand = true;  // checked when the sizes are known (matrix/evaluate.hpp)
  static constexpr shape shape_of(shape) { return detail::scalar_shape; }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto& a, const auto& g) {
    return detail::make_product(g, detail::make_reduction<identity_op>(a));
  }
  static auto evaluate(const auto& a) { return a.trace(); }
};

/// The sum of the squares of all entries (the squared Frobenius norm): its adjoint is 2 g A.
struct squared_norm_op {
  static constexpr std::string_view name = "squared_norm";
  static constexpr shape shape_of(shape) { return detail::scalar_shape; }
  static constexpr auto of_scalar(const auto& a) { return detail::make_power(a, constant<2>{}); }
  static constexpr auto vjp(const auto& a, const auto& g) { return detail::make_product(constant<2>{}, g, a); }
  static auto evaluate(const auto& a) { return a.squaredNorm(); }
};

namespace detail {

/// What exponentials_of_column found: the column's largest entry and the sum of the
/// exponentials.
template <class S>
struct column_exponentials {
  S top, sum;
};

/// The stable exponentials of column j of a, exp(a(i, j) - top) for top its largest
/// entry, written to out[0..rows): by hand, with xsimd's exp where there is SIMD. Not
/// with Eigen's expressions: softmax's and log_sum_exp's maxCoeff and exp().sum() were
/// about 0.1 s of the B8 unit's compile time (docs/compile-time.md).
///
///     const auto e = exponentials_of_column(a, 0, out);   // out[i] / e.sum: softmax
template <class M, class S = typename M::Scalar>
column_exponentials<S> exponentials_of_column(const M& a, Eigen::Index j, S* out) {
  const Eigen::Index n = a.rows();
  S top = -std::numeric_limits<S>::infinity();
  for (Eigen::Index i = 0; i < n; ++i) top = a(i, j) > top ? a(i, j) : top;
  for (Eigen::Index i = 0; i < n; ++i) out[i] = a(i, j) - top;
  Eigen::Index i = 0;
  S sum = 0;
#if LEIBNIZ_SIMD
  if constexpr (has_chunk_v<S>) {
    using B = xsimd::batch<S, simd_arch>;
    B sums(S(0));
    for (; i + Eigen::Index(B::size) <= n; i += Eigen::Index(B::size)) {
      const B e = xsimd::exp(B::load_unaligned(out + i));
      e.store_unaligned(out + i);
      sums += e;
    }
    sum = xsimd::hadd(sums);
  }
#endif
  for (; i < n; ++i) sum += out[i] = std::exp(out[i]);
  return {top, sum};
}

}  // namespace detail

/// The softmax of each column, computed stably (the column's largest entry subtracted
/// before exp): entries in (0, 1) that sum to 1 down each column. Its adjoint is
/// s (g - colwise_sum(g s)), entrywise, for s = softmax(A).
struct softmax_op {
  static constexpr std::string_view name = "softmax";
  static constexpr shape shape_of(shape a) { return a; }
  static constexpr auto of_scalar(const auto&) { return constant<1>{}; }
  static constexpr auto vjp(const auto& a, const auto& g) {
    const auto s = detail::make_reduction<softmax_op>(a);
    const auto g_s = detail::make_product(g, s);
    return detail::make_product(
        s, detail::make_sum(g, detail::make_product(constant<-1>{}, detail::make_reduction<column_sums_op>(g_s))));
  }
  /// Its Jacobian times the operand's Jacobian ja (a column): (diag(s) - s s^T) ja.
  static constexpr auto jacobian(const auto& a, const auto& ja) {
    const auto s = detail::make_reduction<softmax_op>(a);
    return detail::make_sum(
        detail::make_matmul(detail::make_reduction<diag_op>(s), ja),
        detail::make_product(constant<-1>{},
                             detail::make_matmul(s, detail::make_matmul(detail::make_transpose(s), ja))));
  }
  /// Column by column, into out's buffer: no temporary row of maxima or sums.
  template <class Out, class M>
  static void evaluate_into(Out& out, const M& a) {
    static_assert(!Out::IsRowMajor, "leibniz internal: softmax is computed into a column-major buffer");
    out.resize(a.rows(), a.cols());
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      typename M::Scalar* column = out.col(j).data();
      const auto e = detail::exponentials_of_column(a, j, column);
      for (Eigen::Index i = 0; i < a.rows(); ++i) column[i] /= e.sum;
    }
  }
};

/// log(sum(exp(column))) of each column, computed stably: a row vector (a scalar for a
/// column vector), finite for entries of any size. Its adjoint is g softmax(A).
struct log_sum_exp_op {
  static constexpr std::string_view name = "log_sum_exp";
  static constexpr shape shape_of(shape a) { return detail::matrix_shape(1, a.cols); }
  static constexpr auto of_scalar(const auto& a) { return a; }
  static constexpr auto vjp(const auto& a, const auto& g) {
    return detail::make_product(g, detail::make_reduction<softmax_op>(a));
  }
  /// Column by column, into out's buffer (1 x columns); the exponentials go to a buffer
  /// kept per thread.
  template <class Out, class M>
  static void evaluate_into(Out& out, const M& a) {
    static thread_local Eigen::Matrix<typename M::Scalar, Eigen::Dynamic, 1> exponentials;
    exponentials.resize(a.rows());
    out.resize(1, a.cols());
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      const auto e = detail::exponentials_of_column(a, j, exponentials.data());
      out(0, j) = std::log(e.sum) + e.top;
    }
  }
};

namespace detail {
template <class A>
constexpr auto matrix_operand(const A& a) {
  static_assert(Operand<A>, "leibniz: a matrix function takes a leibniz expression or a number");
  return as_expression(a);
}
}  // namespace detail

/// The sum of all entries of a vector or matrix (a scalar).
///
///     auto total = sum(A);   // d(sum(A), A) is a matrix of ones
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto sum(const A& a) {
  return detail::make_reduction<entries_sum_op>(a);
}

/// The mean of all entries of a vector or matrix (a scalar).
///
///     auto loss = mean(pow(A * w - y, 2_c));
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto mean(const A& a) {
  return detail::make_reduction<entries_mean_op>(a);
}

/// The sum of each column, a row vector: `colwise_sum(hadamard(Y, Z))` picks one entry per
/// column of one-hot labels Y.
///
///     auto per_example = colwise_sum(hadamard(Y, Z));
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto colwise_sum(const A& a) {
  return detail::make_reduction<column_sums_op>(a);
}

/// The sum of each row, a column vector.
///
///     auto totals = rowwise_sum(A);   // A * ones
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto rowwise_sum(const A& a) {
  return detail::make_reduction<row_sums_op>(a);
}

/// The trace of a square matrix.
///
///     static_assert(d(trace(A), A) == leibniz::detail::make_reduction<leibniz::identity_op>(A));
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto trace(const A& a) {
  constexpr shape s = detail::shape_of_type<A>::value;
  static_assert(s.rows == dynamic_size || s.cols == dynamic_size || s.rows == s.cols ||
                    detail::sizes_do_not_fit<trace_op, s.rows, s.cols, s.cols, s.rows>::value,
                "leibniz: trace(A) of a matrix that is not square");
  return detail::make_reduction<trace_op>(a);
}

/// The sum of the squares of all entries (squared Euclidean or Frobenius norm).
///
///     static_assert(d(squared_norm(A * w - y), w) == 2_c * transpose(A) * (A * w - y));
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto squared_norm(const A& a) {
  return detail::make_reduction<squared_norm_op>(a);
}

/// The Euclidean (Frobenius) norm: sqrt(squared_norm(a)).
///
///     auto r = norm(x - y);
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto norm(const A& a) {
  return detail::make_power(squared_norm(a), constant<1, 2>{});
}

/// The softmax of each column (of a vector: the vector's softmax), stable for large
/// entries.
///
///     auto p = softmax(W * x + b);   // class probabilities
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto softmax(const A& a) {
  return detail::make_reduction<softmax_op>(a);
}

/// log(sum(exp(.))) of each column: a row vector for a matrix of examples, a scalar for
/// a vector; stable for large entries. The softmax cross-entropy of logits Z and one-hot
/// labels Y is `mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)))`.
///
///     auto loss = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto log_sum_exp(const A& a) {
  return detail::make_reduction<log_sum_exp_op>(a);
}

/// The transpose: a column vector becomes a row vector; transpose(transpose(A)) is A.
///
///     auto g = transpose(A) * (A * w - y);
template <class A>
requires Expression<A>
[[nodiscard]] constexpr auto transpose(const A& a) {
  return detail::make_transpose(a);
}

/// The entrywise (Hadamard) product of two vectors or matrices of one shape (or
/// broadcast), printed `hadamard(a, b)` and `a \odot b`.
///
///     auto picked = colwise_sum(hadamard(Y, Z));
template <class A, class B>
requires(Expression<A> || Expression<B>) [[nodiscard]] constexpr auto hadamard(const A& a, const B& b) {
  detail::check_entrywise_shapes<decltype(detail::matrix_operand(a)), decltype(detail::matrix_operand(b))>();
  return detail::make_product(detail::matrix_operand(a), detail::matrix_operand(b));
}

/// The dot product of two vectors, a^T b (a scalar).
///
///     auto margin = dot(w, x);
template <class A, class B>
requires(Expression<A>&& Expression<B>) [[nodiscard]] constexpr auto dot(const A& a, const B& b) {
  static_assert(detail::shape_of_type<A>::value.is_column() && detail::shape_of_type<B>::value.is_column(),
                "leibniz: dot(a, b) takes two column vectors (for matrices, sum(hadamard(A, B)))");
  return detail::make_matmul(detail::make_transpose(a), b);
}

}  // namespace leibniz

LEIBNIZ_HEADER_END
