// leibniz/matrix/product.hpp — the matrix product evaluated: GEMM, GEMV, a dot product or a
// small loop, straight on the operands' storage, transposes folded in.
//
// Every product of a plan runs through one function per number type and transposition
// (`dense_product_into<T, TA, TB>`), which sees each operand as column-major storage (a
// pointer and its outer stride) read as it is or transposed. So a plan of many products
// instantiates Eigen's kernels once per transposition pair, not once per pair of operand
// types: assigning `a * b` for each pair cost 1.5 s of the 4.9 s B8 probe, which has five.
#pragma once

#include <concepts>
#include <cstddef>
#include <type_traits>
#include <utility>

#include <Eigen/Core>

#include "../config.hpp"

LEIBNIZ_HEADER_BEGIN

namespace leibniz::detail {

template <class T>
using dense_t = Eigen::Matrix<T, Eigen::Dynamic, Eigen::Dynamic>;

/// An operand's column-major storage: its first entry, the distance between its columns
/// and the storage's sizes (an operand read transposed has them swapped).
template <class T>
struct storage_view {
  const T* data;
  Eigen::Index rows, cols, outer_stride;
};

/// Whether a step's value is, or is the transpose of, column-major storage of T with unit
/// inner stride (a matrix or a view of one); a diagonal matrix is not.
template <class T, class V>
inline constexpr bool has_storage_v = requires(const V& v) {
  { v.data() } -> std::same_as<const T*>;
  v.outerStride();
  requires !bool(V::IsRowMajor) && V::InnerStrideAtCompileTime == 1;
};
template <class T, class V>
inline constexpr bool has_storage_v<T, Eigen::Transpose<V>> = has_storage_v<T, std::remove_const_t<V>>;

template <class V>
inline constexpr bool is_transpose_v = false;
template <class V>
inline constexpr bool is_transpose_v<Eigen::Transpose<V>> = true;

template <class T, class V>
storage_view<T> storage_of(const V& v) {
  if constexpr (is_transpose_v<V>)
    return storage_of<T>(v.nestedExpression());
  else
    return {v.data(), v.rows(), v.cols(), v.outerStride()};
}

/// Row k (Row) or column k of an operand as a strided vector: its first entry and step.
template <bool Transposed, bool Row, class T>
std::pair<const T*, Eigen::Index> line_of(const storage_view<T>& s, Eigen::Index k) {
  // A row of the operand is a row of its storage, or a column of it when transposed.
  if constexpr (Row != Transposed)
    return {s.data + k, s.outer_stride};
  else
    return {s.data + k * s.outer_stride, 1};
}

/// The sum of n products x[i * dx] * y[i * dy].
template <class T>
T strided_dot(const T* x, Eigen::Index dx, const T* y, Eigen::Index dy, Eigen::Index n) {
  using strided = Eigen::Map<const Eigen::Matrix<T, Eigen::Dynamic, 1>, 0, Eigen::InnerStride<>>;
  return n == 0 ? T(0) : strided(x, n, Eigen::InnerStride<>(dx)).dot(strided(y, n, Eigen::InnerStride<>(dy)));
}

/// Entry (i, j) of op(A) * op(B): row i of op(A) times column j of op(B), depth long.
template <class T, bool TA, bool TB>
T product_entry(const storage_view<T>& a, const storage_view<T>& b, Eigen::Index i, Eigen::Index j,
                Eigen::Index depth) {
  const auto [x, dx] = line_of<TA, true>(a, i);
  const auto [y, dy] = line_of<TB, false>(b, j);
  return strided_dot(x, dx, y, dy, depth);
}

#if EIGEN_VERSION_AT_LEAST(3, 4, 0) && !defined(EIGEN_HAS_OPENMP) && !defined(EIGEN_USE_BLAS) && \
    !defined(EIGEN_USE_MKL_ALL)
#define LEIBNIZ_EIGEN_KERNELS 1
/// The packing buffers of Eigen's GEMM, kept per thread and grown only: Eigen's own
/// product allocates them on every call once they pass EIGEN_STACK_ALLOCATION_LIMIT
/// (128 kB), which a 128 x 784 by 784 x 256 product does. The block sizes are Eigen's
/// (computeProductBlockingSizes, as its product computes them), so the result is the same.
template <class T>
struct gemm_blocks : Eigen::internal::level3_blocking<T, T> {
  Eigen::Matrix<T, Eigen::Dynamic, 1> packed_lhs, packed_rhs;
  void fit(Eigen::Index rows, Eigen::Index cols, Eigen::Index depth) {
    this->m_mc = rows;
    this->m_nc = cols;
    this->m_kc = depth;
    Eigen::internal::computeProductBlockingSizes<T, T, 1>(this->m_kc, this->m_mc, this->m_nc, Eigen::Index(1));
    if (packed_lhs.size() < this->m_mc * this->m_kc)
      packed_lhs.resize(this->m_mc * this->m_kc);
    if (packed_rhs.size() < this->m_kc * this->m_nc)
      packed_rhs.resize(this->m_kc * this->m_nc);
    this->m_blockA = packed_lhs.data();
    this->m_blockB = packed_rhs.data();
  }
};

/// y = op(A) x, op(A) rows x cols, by Eigen's GEMV kernel (y has rows entries, zeroed
/// here; x has cols entries, dx apart).
template <class T, bool TA>
void gemv_into(T* y, const storage_view<T>& a, Eigen::Index rows, Eigen::Index cols, const T* x, Eigen::Index dx) {
  using Eigen::internal::const_blas_data_mapper;
  constexpr int order = TA ? Eigen::RowMajor : Eigen::ColMajor;
  using lhs_mapper = const_blas_data_mapper<T, Eigen::Index, order>;
  using rhs_mapper = const_blas_data_mapper<T, Eigen::Index, TA ? Eigen::ColMajor : Eigen::RowMajor>;
  using vector = Eigen::Matrix<T, Eigen::Dynamic, 1>;
  using gemv =
      Eigen::internal::general_matrix_vector_product<Eigen::Index, T, lhs_mapper, order, false, T, rhs_mapper, false>;
  Eigen::Map<vector>(y, rows).setZero();
  if constexpr (TA) {  // the row-major kernel reads x contiguous
    static thread_local vector packed;
    if (dx != 1) {
      packed = Eigen::Map<const vector, 0, Eigen::InnerStride<>>(x, cols, Eigen::InnerStride<>(dx));
      x = packed.data(), dx = 1;
    }
  }
  gemv::run(rows, cols, lhs_mapper(a.data, a.outer_stride), rhs_mapper(x, dx), y, 1, T(1));
}
#endif

/// y = op(A) x, op(A) rows x cols, by loops on A's columns: each scaled by an entry of x
/// and added, or each a dot product with x (x has cols entries, dx apart). For a product
/// of operands shaped as matrices that is a vector at run time (a batch of one). Eigen's
/// GEMV kernels stay with the products that are vectors by their shapes: taking them out
/// of the others took 0.15 s off the compile time of B8's unit, which multiplies matrices
/// only (docs/compile-time.md).
template <class T, bool TA>
void vector_product_into(T* y, const storage_view<T>& a, Eigen::Index rows, Eigen::Index cols, const T* x,
                         Eigen::Index dx) {
  if constexpr (TA) {  // y_i = (column i of A) . x
    for (Eigen::Index i = 0; i < rows; ++i) y[i] = strided_dot(a.data + i * a.outer_stride, 1, x, dx, cols);
  } else {  // y = the sum of x_k (column k of A)
    for (Eigen::Index i = 0; i < rows; ++i) y[i] = T(0);
    for (Eigen::Index k = 0; k < cols; ++k) {
      const T* column = a.data + k * a.outer_stride;
      const T scale = x[k * dx];
      for (Eigen::Index i = 0; i < rows; ++i) y[i] += scale * column[i];
    }
  }
}

/// out = op(A) * op(B), op transposing where TA, TB say, the sizes already checked: GEMM
/// with packing buffers kept per thread; for a vector, Eigen's GEMV where the product is
/// a vector by its shape (VectorShaped), else vector_product_into; a loop for a product
/// below Eigen's own GEMM threshold (where Eigen computes coefficient by coefficient too).
/// out's buffer is reused when the sizes are the same, so a steady state allocates nothing.
template <class T, bool TA, bool TB, bool VectorShaped = true>
void dense_product_into(dense_t<T>& out, const storage_view<T>& a, const storage_view<T>& b) {
  const Eigen::Index rows = TA ? a.cols : a.rows, depth = TA ? a.rows : a.cols, cols = TB ? b.rows : b.cols;
  out.resize(rows, cols);
  if (depth == 0) {
    out.setZero();
    return;
  }
#if defined(LEIBNIZ_EIGEN_KERNELS)
  if (cols == 1 && rows > 1) {  // op(A) times a column
    const auto [x, dx] = line_of<TB, false>(b, 0);
    if constexpr (VectorShaped)
      gemv_into<T, TA>(out.data(), a, rows, depth, x, dx);
    else
      vector_product_into<T, TA>(out.data(), a, rows, depth, x, dx);
    return;
  }
  if (rows == 1 && cols > 1) {  // a row times op(B): out^T = op(B)^T row^T
    const auto [x, dx] = line_of<TA, true>(a, 0);
    if constexpr (VectorShaped)
      gemv_into<T, !TB>(out.data(), b, cols, depth, x, dx);
    else
      vector_product_into<T, !TB>(out.data(), b, cols, depth, x, dx);
    return;
  }
  if (rows > 1 && cols > 1 && depth + rows + cols >= EIGEN_GEMM_TO_COEFFBASED_THRESHOLD) {
    constexpr int order_a = TA ? Eigen::RowMajor : Eigen::ColMajor, order_b = TB ? Eigen::RowMajor : Eigen::ColMajor;
    using gemm = Eigen::internal::general_matrix_matrix_product<Eigen::Index, T, order_a, false, T, order_b, false,
                                                                Eigen::ColMajor, 1>;
    static thread_local gemm_blocks<T> blocks;
    blocks.fit(rows, cols, depth);
    out.setZero();
    gemm::run(rows, cols, depth, a.data, a.outer_stride, b.data, b.outer_stride, out.data(), 1, rows, T(1), blocks,
              nullptr);
    return;
  }
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) out(i, j) = product_entry<T, TA, TB>(a, b, i, j, depth);
#else  // Eigen's product, which parallelises with OpenMP or calls the BLAS it was told to
  using map = Eigen::Map<const dense_t<T>, 0, Eigen::OuterStride<>>;
  const map ma(a.data, a.rows, a.cols, Eigen::OuterStride<>(a.outer_stride));
  const map mb(b.data, b.rows, b.cols, Eigen::OuterStride<>(b.outer_stride));
  const auto op = [](const map& m, auto transposed) {
    if constexpr (decltype(transposed)::value)
      return m.transpose();
    else
      return m;
  };
  out.noalias() = op(ma, std::bool_constant<TA>{}) * op(mb, std::bool_constant<TB>{});
#endif
}

}  // namespace leibniz::detail

LEIBNIZ_HEADER_END
