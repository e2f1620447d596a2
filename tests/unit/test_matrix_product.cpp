// tests/unit/test_matrix_product.cpp — matrix/product.hpp: every way a product is computed
// (GEMM, GEMV of a column, GEMV of a row, and the loops that replace GEMV where the operands
// are matrices by their shapes; a dot product, the small loop, an empty inner dimension),
// for each transposition of each operand, on strided storage (blocks of larger matrices),
// against Eigen's own product of the same operands; and the matrix back end's size errors,
// which print the operands.
#include <catch2/catch.hpp>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>
#include <leibniz/matrix/product.hpp>

namespace {

using leibniz::detail::storage_view;
using Matrix = Eigen::MatrixXd;

/// A rows x cols operand stored transposed or not, inside a larger matrix (outer stride
/// larger than its rows), filled with distinct values.
struct operand {
  Matrix backing;
  storage_view<double> view;
  Matrix logical;
};
operand make_operand(Eigen::Index rows, Eigen::Index cols, bool transposed, int seed) {
  const Eigen::Index stored_rows = transposed ? cols : rows, stored_cols = transposed ? rows : cols;
  operand o;
  o.backing = Matrix::NullaryExpr(stored_rows + 3, stored_cols + 1, [&](Eigen::Index i, Eigen::Index j) {
    return double((i * 7 + j * 13 + seed * 5) % 17) - 8.0;
  });
  o.view = {o.backing.data() + 1, stored_rows, stored_cols, o.backing.outerStride()};
  const Matrix stored = o.backing.block(1, 0, stored_rows, stored_cols);
  o.logical = transposed ? Matrix(stored.transpose()) : stored;
  return o;
}

template <bool TA, bool TB, bool VectorShaped>
void check_product(Eigen::Index rows, Eigen::Index depth, Eigen::Index cols) {
  const operand a = make_operand(rows, depth, TA, 1), b = make_operand(depth, cols, TB, 2);
  Matrix out(2, 2);  // resized by the product
  leibniz::detail::dense_product_into<double, TA, TB, VectorShaped>(out, a.view, b.view);
  const Matrix expected = a.logical * b.logical;
  REQUIRE(out.rows() == rows);
  REQUIRE(out.cols() == cols);
  CHECK((out - expected).cwiseAbs().maxCoeff() <= 1e-12 * (1.0 + expected.cwiseAbs().maxCoeff()));
  if (rows == 1 && cols == 1)
    CHECK(leibniz::detail::product_entry<double, TA, TB>(a.view, b.view, 0, 0, depth) == Approx(expected(0, 0)));
}

template <bool TA, bool TB, bool VectorShaped>
void check_every_path() {
  INFO("transposed: " << TA << ", " << TB << "; vector-shaped: " << VectorShaped);
  check_product<TA, TB, VectorShaped>(40, 30, 20);  // GEMM
  check_product<TA, TB, VectorShaped>(40, 30, 1);   // a matrix times a column: GEMV, or the loops
  check_product<TA, TB, VectorShaped>(1, 30, 20);   // a row times a matrix: GEMV, or the loops
  check_product<TA, TB, VectorShaped>(1, 30, 1);    // a dot product
  check_product<TA, TB, VectorShaped>(3, 4, 5);     // below Eigen's GEMM threshold: the small loop
  check_product<TA, TB, VectorShaped>(3, 0, 5);     // an empty inner dimension: zeros
}

}  // namespace

TEST_CASE("every product path, for each transposition, on strided storage") {
  check_every_path<false, false, true>();
  check_every_path<true, false, true>();
  check_every_path<false, true, true>();
  check_every_path<true, true, true>();
}

TEST_CASE("a product of matrices that is a vector at run time: the loops, not GEMV") {
  check_every_path<false, false, false>();
  check_every_path<true, false, false>();
  check_every_path<false, true, false>();
  check_every_path<true, true, false>();
}

TEST_CASE("a batch of one through a product of matrices equals Eigen's product") {
  // W * X + b with X one column: shaped as matrices, so evaluated by the loops.
  constexpr auto W = leibniz::mat<"W">;
  constexpr auto X = leibniz::mat<"X">;
  const Matrix w = Matrix::NullaryExpr(7, 5, [](Eigen::Index i, Eigen::Index j) { return double(i - 2 * j) / 3.0; });
  const Matrix x = Matrix::NullaryExpr(5, 1, [](Eigen::Index i, Eigen::Index) { return 1.0 + double(i); });
  const Matrix product = (W * X)(W = w, X = x);
  const Matrix row_product = (transpose(X) * transpose(W))(W = w, X = x);
  CHECK((product - w * x).cwiseAbs().maxCoeff() <= 1e-12);
  CHECK((row_product - x.transpose() * w.transpose()).cwiseAbs().maxCoeff() <= 1e-12);
}

TEST_CASE("size errors name the operation, the operands and their sizes") {
  constexpr auto A = leibniz::mat<"A">;
  constexpr auto x = leibniz::vec<"x">;
  const Matrix a = Matrix::Ones(3, 4);
  const Eigen::VectorXd v5 = Eigen::VectorXd::Ones(5);
  CHECK_THROWS_WITH((transpose(A) * x)(A = a, x = v5),
                    "leibniz: matrix product A^T * x: sizes do not fit: A^T is 4 x 3, x is 5 x 1 (the columns of "
                    "the left must equal the rows of the right)");
  CHECK_THROWS_WITH(sum(exp(A) + x)(A = a, x = v5),
                    "leibniz: entrywise exp(A) + x: sizes do not fit: A is 3 x 4, x is 5 x 1");
}
