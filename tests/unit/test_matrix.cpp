// tests/unit/test_matrix.cpp — vectors and matrices as single nodes (matrix/*.hpp):
// shapes, the matrix product and its simplification, d and gradient by vectors and
// matrices, printing, evaluation on Eigen matrices of every kind, and the errors.
//
// Every derivative is checked two ways: symbolically (the expected matrix expression,
// CHECK_SYMBOLIC, decided at compile time) and numerically (each entry against a central
// finite difference of the function's value, numeric.hpp, which only calls functions).
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

#include "matrix_numeric.hpp"

/// A symbolic fact, decided at compile time, reported at run time.
#define CHECK_SYMBOLIC(...) CHECK(std::bool_constant<(__VA_ARGS__)>::value)

namespace {
using numeric::sample;
using numeric::worst_entry_error;
using namespace leibniz::literals;
using leibniz::d;

constexpr auto A = leibniz::mat<"A">;
constexpr auto B = leibniz::mat<"B">;
constexpr auto W = leibniz::mat<"W">;
constexpr auto X = leibniz::mat<"X">;
constexpr auto w = leibniz::vec<"w">;
constexpr auto x = leibniz::vec<"x">;
constexpr auto y = leibniz::vec<"y">;
constexpr auto b = leibniz::vec<"b">;
constexpr auto s = leibniz::var<"s">;

}  // namespace

TEST_CASE("shapes: every expression is a scalar, a column, a row or a matrix", "[matrix]") {
  CHECK_SYMBOLIC(leibniz::shape_of(x).is_column());
  CHECK_SYMBOLIC(leibniz::shape_of(transpose(x)).is_row());
  CHECK_SYMBOLIC(leibniz::shape_of(A).is_matrix());
  CHECK_SYMBOLIC(leibniz::shape_of(transpose(x) * y).scalar);       // row times column
  CHECK_SYMBOLIC(leibniz::shape_of(x * transpose(y)).is_matrix());  // outer product
  CHECK_SYMBOLIC(leibniz::shape_of(A * x).is_column());
  CHECK_SYMBOLIC(leibniz::shape_of(A + b).is_matrix());  // b added to every column
  CHECK_SYMBOLIC(leibniz::shape_of(colwise_sum(A)).is_row());
  CHECK_SYMBOLIC(leibniz::shape_of(rowwise_sum(A)).is_column());
  CHECK_SYMBOLIC(leibniz::shape_of(sum(A)).scalar && leibniz::shape_of(s * A).is_matrix());
  constexpr auto W2 = leibniz::mat<"W2", 10, 64>;
  constexpr auto h = leibniz::vec<"h", 64>;
  CHECK_SYMBOLIC(leibniz::shape_of(W2 * h).rows == 10 && leibniz::shape_of(W2 * h).cols == 1);
  CHECK_SYMBOLIC(leibniz::shape_of(transpose(W2)).rows == 64);
}

TEST_CASE("the matrix product is a node of its own, never reordered; scalars move out", "[matrix]") {
  CHECK_SYMBOLIC(A * B != B * A);
  CHECK_SYMBOLIC(transpose(transpose(A)) == A);
  CHECK_SYMBOLIC((2_c * A) * B == 2_c * (A * B));
  CHECK_SYMBOLIC(A * (s * B) == s * (A * B));
  CHECK_SYMBOLIC(transpose(3_c * A) == 3_c * transpose(A));
  CHECK_SYMBOLIC(transpose(s) == s);
  CHECK_SYMBOLIC(hadamard(A, B) == hadamard(B, A));  // entrywise: commutes
  CHECK_SYMBOLIC(dot(x, y) == transpose(x) * y);
  CHECK_SYMBOLIC(sum(s) == s && squared_norm(s) == pow(s, 2_c));
}

TEST_CASE("d by vectors and matrices: the expressions a person would write", "[matrix]") {
  // The least-squares gradient, the contract's example.
  CHECK_SYMBOLIC(d(squared_norm(A * w - y), w) == 2_c * transpose(A) * (A * w - y));
  CHECK_SYMBOLIC(d(squared_norm(A * w - y), A) == 2_c * (A * w - y) * transpose(w));
  CHECK(leibniz::to_string(d(squared_norm(A * w - y), w)) == "2 * A^T * (A * w - y)");
  CHECK(leibniz::to_string(d(squared_norm(A * w - y), A)) == "2 * (A * w - y) * w^T");
  // Linear and quadratic forms.
  CHECK_SYMBOLIC(d(dot(w, x), w) == x);
  CHECK_SYMBOLIC(d(transpose(x) * A * x, x) == transpose(A) * x + A * x);
  CHECK_SYMBOLIC(d(transpose(x) * A * y, A) == x * transpose(y));
  CHECK_SYMBOLIC(d(trace(A), A) == leibniz::d(trace(A), A));
  // A scalar variable beside matrices: its derivative is a scalar.
  CHECK_SYMBOLIC(d(s * squared_norm(W), s) == squared_norm(W));
  CHECK_SYMBOLIC(d(s * squared_norm(W), W) == 2_c * s * W);
  // By a variable the function does not contain: 0.
  CHECK_SYMBOLIC(d(squared_norm(A * w), y) == 0_c);
}

TEST_CASE("printing: x^T, A * x, hadamard(a, b); LaTeX x^\\top, \\odot, \\operatorname{tr}", "[matrix]") {
  CHECK(leibniz::to_string(transpose(x) * A * x) == "x^T * (A * x)");  // evaluated right to left
  CHECK(leibniz::to_string(hadamard(A, B)) == "hadamard(A, B)");
  CHECK(leibniz::to_string(3_c * hadamard(A, B)) == "3 * hadamard(A, B)");
  CHECK(leibniz::to_string(relu(W * X + b)) == "relu(W * X + b)");
  CHECK(leibniz::to_string(mean(colwise_sum(A))) == "mean(colwise_sum(A))");
  CHECK(leibniz::to_latex(transpose(x) * A * x) == "x^\\top A x");
  CHECK(leibniz::to_latex(hadamard(A, B)) == "A \\odot B");
  CHECK(leibniz::to_latex(trace(A)) == "\\operatorname{tr}\\left(A\\right)");
}

TEST_CASE("values on Eigen matrices: products by GEMM, broadcasting, reductions", "[matrix]") {
  const Eigen::MatrixXd a = sample(3, 4, 0.1), bm = sample(4, 2, 0.9);
  const Eigen::VectorXd v = sample(4, 1, 0.3), u = sample(3, 1, 1.7);
  CHECK(((A * B)(A = a, B = bm) - a * bm).norm() < 1e-14);
  CHECK(((transpose(A) * x)(A = a, x = u) - a.transpose() * u).norm() < 1e-14);
  CHECK(std::abs((transpose(x) * y)(x = u, y = u) - u.squaredNorm()) < 1e-14);
  CHECK(((A + x)(A = a, x = u) - (a.colwise() + u)).norm() < 1e-14);  // x added to every column
  CHECK(((A + s)(A = a, s = 2.0) - (a.array() + 2.0).matrix()).norm() < 1e-14);
  CHECK(((exp(A) - A)(A = a) - (a.array().exp() - a.array()).matrix()).norm() < 1e-14);
  CHECK(std::abs(sum(A)(A = a) - a.sum()) < 1e-14);
  CHECK(std::abs(mean(A)(A = a) - a.mean()) < 1e-14);
  CHECK(((colwise_sum(A))(A = a) - a.colwise().sum()).norm() < 1e-14);
  CHECK(((rowwise_sum(A))(A = a) - a.rowwise().sum()).norm() < 1e-14);
  // The sums' loops on a transpose (read across the storage), a block and a row-major matrix.
  const Eigen::MatrixXd wide = sample(5, 7, 0.4);
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = wide;
  CHECK(((colwise_sum(transpose(A)))(A = wide) - wide.rowwise().sum().transpose()).norm() < 1e-14);
  CHECK(((rowwise_sum(transpose(A)))(A = wide) - wide.colwise().sum().transpose()).norm() < 1e-14);
  CHECK(((colwise_sum(A))(A = wide.block(1, 2, 3, 4)) - wide.block(1, 2, 3, 4).colwise().sum()).norm() < 1e-14);
  CHECK(((rowwise_sum(A))(A = row_major) - wide.rowwise().sum()).norm() < 1e-14);
  CHECK(std::abs(squared_norm(A * x)(A = a, x = v) - (a * v).squaredNorm()) < 1e-13);
  CHECK(std::abs(norm(x)(x = v) - v.norm()) < 1e-14);
  const Eigen::MatrixXd square = sample(3, 3, 2.0);
  CHECK(std::abs(trace(A)(A = square) - square.trace()) < 1e-14);
  // The result type: a number for a scalar; a fixed-size matrix where the sizes are static.
  STATIC_REQUIRE(std::is_same_v<decltype(sum(A)(A = a)), double>);
  STATIC_REQUIRE(std::is_same_v<decltype((A * x)(A = a, x = v)), Eigen::Matrix<double, Eigen::Dynamic, 1>>);
  constexpr auto M = leibniz::mat<"M", 2, 3>;
  const Eigen::Matrix<double, 2, 3> m = sample(2, 3, 0.5);
  STATIC_REQUIRE(std::is_same_v<decltype((transpose(M))(M = m)), Eigen::Matrix<double, 3, 2>>);
  CHECK(((transpose(M))(M = m) - m.transpose()).norm() == 0);
}

TEST_CASE("bindings: any Eigen::MatrixBase, float or double", "[matrix]") {
  const Eigen::MatrixXd a = sample(3, 4, 0.1);
  const Eigen::VectorXd v = sample(4, 1, 0.3);
  const Eigen::VectorXd expected = a * v;
  // Map, block, row-major, fixed size.
  const Eigen::Map<const Eigen::MatrixXd> mapped(a.data(), 3, 4);
  CHECK(((A * x)(A = mapped, x = v) - expected).norm() < 1e-14);
  const Eigen::MatrixXd big = sample(5, 6, 0.1);
  CHECK(((A * x)(A = big.block(1, 1, 3, 4), x = v) - big.block(1, 1, 3, 4) * v).norm() < 1e-14);
  const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> row_major = a;
  CHECK(((A * x)(A = row_major, x = v) - expected).norm() < 1e-14);
  const Eigen::Matrix<double, 3, 4> fixed = a;
  CHECK(((A * x)(A = fixed, x = v) - expected).norm() < 1e-14);
  // float in, float out.
  const Eigen::MatrixXf af = a.cast<float>();
  const Eigen::VectorXf vf = v.cast<float>();
  const auto r = (A * x)(A = af, x = vf);
  STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(r)>, Eigen::VectorXf>);
  CHECK((r.cast<double>() - expected).norm() < 1e-5);
}

TEST_CASE("gradient by vectors and matrices matches finite differences", "[matrix]") {
  const Eigen::MatrixXd a = sample(4, 3, 0.2);
  const Eigen::VectorXd wv = sample(3, 1, 1.1), yv = sample(4, 1, 2.3);
  constexpr auto f = squared_norm(A * w - y) + 0.5 * s * squared_norm(w);
  const auto g = leibniz::gradient(f, A, w, s)(A = a, w = wv, y = yv, s = 0.3);
  const Eigen::VectorXd r = a * wv - yv;
  CHECK((g[A] - 2 * r * wv.transpose()).norm() < 1e-13);
  CHECK((g[w] - (2 * a.transpose() * r + 0.3 * wv)).norm() < 1e-13);
  CHECK(std::abs(g[s] - 0.5 * wv.squaredNorm()) < 1e-14);
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return f(A = m, w = wv, y = yv, s = 0.3); }, a, g[A]) < 1e-9);
  CHECK(worst_entry_error([&](const Eigen::VectorXd& m) { return f(A = a, w = m, y = yv, s = 0.3); }, wv, g[w]) < 1e-9);
  // by position and structured bindings
  const auto& [gA, gw, gs] = g;
  CHECK((gA - g[A]).norm() == 0);
  CHECK(gs == g[s]);
  CHECK((gw - g.get<1>()).norm() == 0);
}

TEST_CASE("a two-layer network: softmax cross-entropy, its gradient by every weight", "[matrix]") {
  constexpr auto W1 = leibniz::mat<"W1">;
  constexpr auto b1 = leibniz::vec<"b1">;
  constexpr auto W2 = leibniz::mat<"W2">;
  constexpr auto b2 = leibniz::vec<"b2">;
  constexpr auto Y = leibniz::mat<"Y">;
  constexpr auto H = relu(W1 * X + b1);
  constexpr auto Z = W2 * H + b2;
  constexpr auto L = mean(log(colwise_sum(exp(Z))) - colwise_sum(hadamard(Y, Z)));
  const Eigen::MatrixXd w1 = sample(5, 3, 0.4), w2 = sample(4, 5, 1.9), xb = sample(3, 6, 0.8);
  const Eigen::VectorXd c1 = sample(5, 1, 0.6), c2 = sample(4, 1, 2.6);
  Eigen::MatrixXd yb = Eigen::MatrixXd::Zero(4, 6);
  for (int j = 0; j < 6; ++j) yb(j % 4, j) = 1;
  const auto g = leibniz::gradient(L, W1, b1, W2, b2)(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb);
  // By hand: backpropagation with Eigen.
  const Eigen::MatrixXd h = ((w1 * xb).colwise() + c1).cwiseMax(0.0);
  const Eigen::MatrixXd z = (w2 * h).colwise() + c2;
  Eigen::MatrixXd p = z.array().exp();
  p.array().rowwise() /= p.colwise().sum().array();
  const Eigen::MatrixXd dz = (p - yb) / 6.0;
  const Eigen::MatrixXd dh = (w2.transpose() * dz).array() * (h.array() > 0).cast<double>();
  CHECK((g[W2] - dz * h.transpose()).norm() < 1e-13);
  CHECK((g[b2] - dz.rowwise().sum()).norm() < 1e-13);
  CHECK((g[W1] - dh * xb.transpose()).norm() < 1e-13);
  CHECK((g[b1] - dh.rowwise().sum()).norm() < 1e-13);
  const auto loss = [&](const Eigen::MatrixXd& m) { return L(W1 = m, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb); };
  CHECK(worst_entry_error(loss, w1, g[W1]) < 1e-8);
}

TEST_CASE("a broadcast adjoint meets a matrix product: d(sum(W * X), W) = fill(1, W * X) * X^T", "[matrix]") {
  const Eigen::MatrixXd wm = sample(2, 3, 0.3), xm = sample(3, 4, 1.2);
  const auto dW = d(sum(W * X), W);
  CHECK(leibniz::to_string(dW) == "fill(1, W * X) * X^T");
  const Eigen::MatrixXd expected = Eigen::MatrixXd::Ones(2, 4) * xm.transpose();
  CHECK((dW(W = wm, X = xm) - expected).norm() < 1e-14);
  // A bias that is broadcast has its adjoint summed back: d(sum(A + b), b) is a column of A's width.
  const Eigen::MatrixXd a = sample(3, 5, 0.1);
  const Eigen::VectorXd bv = sample(3, 1, 0.2);
  const Eigen::VectorXd gb = leibniz::gradient(sum(exp(A + b)), b)(A = a, b = bv)[b];
  CHECK((gb - (a.colwise() + bv).array().exp().matrix().rowwise().sum()).norm() < 1e-13);
}

TEST_CASE("entrywise rules stay entrywise on matrices; a broadcast operand counts every entry", "[matrix]") {
  const Eigen::MatrixXd a = sample(2, 2, 0.7), r = sample(2, 3, 0.5);
  const Eigen::VectorXd v = sample(3, 1, 0.9), c = sample(2, 1, 1.4);
  // sigmoid's rule is written sigmoid(a) * sigmoid(-a): on a matrix that product is
  // entrywise, not the matrix product (a square A would hide the difference in sizes).
  CHECK_SYMBOLIC(d(sum(sigmoid(A)), A) == hadamard(sigmoid(A), sigmoid(-A)));
  const Eigen::MatrixXd sig = (1.0 / (1.0 + (-a.array()).exp())).matrix();
  const Eigen::MatrixXd expected = sig.array() * (1.0 - sig.array());
  CHECK((leibniz::gradient(sum(sigmoid(A)), A)(A = a)[A] - expected).norm() < 1e-14);
  const auto on_vector = leibniz::gradient(sum(gelu(x)), x)(x = v)[x];
  CHECK(worst_entry_error([&](const Eigen::VectorXd& m) { return sum(gelu(x))(x = m); }, v, on_vector) < 1e-9);
  // The trace of an expression: its adjoint is g I.
  const Eigen::MatrixXd gt = leibniz::gradient(trace(exp(A)), A)(A = a)[A];
  CHECK((gt - Eigen::MatrixXd(a.array().exp().matrix().diagonal().asDiagonal())).norm() < 1e-14);
  // The one number sum hands down stands for every entry of A + s: d/ds sum(A + s) = 6.
  CHECK(leibniz::gradient(sum(A + s), s)(A = r, s = 0.5)[s] == 6.0);
  CHECK(leibniz::gradient(mean(A + s), s)(A = r, s = 0.5)[s] == 1.0);
  CHECK((leibniz::gradient(sum(A + b), b)(A = r, b = c)[b] - Eigen::VectorXd::Constant(2, 3.0)).norm() == 0);
  const Eigen::VectorXd pick = Eigen::Vector2d(1.0, 0.0);  // the first row's sum
  CHECK((leibniz::gradient(dot(rowwise_sum(A + b), y), b)(A = r, b = c, y = pick)[b] - Eigen::Vector2d(3.0, 0.0))
            .norm() == 0);
  CHECK(std::abs(leibniz::gradient(sum(colwise_sum(A - 2.0 * s)), s)(A = r, s = 0.5)[s] + 12.0) < 1e-14);
  // Static sizes: the rule is asked of a scalar stand-in, never instantiated on the vector.
  constexpr auto v2 = leibniz::vec<"v", 2>;
  const Eigen::Vector2d at(0.3, -0.7), along(1.0, 0.5);
  const Eigen::Vector2d sg = 1.0 / (1.0 + (-at.array()).exp());
  CHECK((leibniz::gradient(sum(sigmoid(v2)), v2)(v2 = at)[v2] - Eigen::Vector2d(sg.array() * (1 - sg.array()))).norm() <
        1e-15);
  // Second order keeps the count: the filled-out adjoint of a broadcast s, differentiated again.
  const auto h = leibniz::hvp(s * sum(A + s), s = 1.0)(A = r, s = 0.5);
  CHECK(h[s] == 12.0);  // d^2/ds^2 of s (sum(A) + 6 s)
  CHECK(leibniz::hvp(pow(sum(A + s), 2_c), s = 1.0)(A = r, s = 0.5)[s] == 72.0);
  const Eigen::MatrixXd zero = Eigen::MatrixXd::Zero(2, 3);
  CHECK((leibniz::hvp(sum(A + s) * sum(A), A = zero, s = 1.0)(A = r, s = 0.5)[A] -
         Eigen::MatrixXd::Constant(2, 3, 6.0))
            .norm() == 0);
}

TEST_CASE("sizes that do not fit: an exception naming the operation, the operands and their sizes", "[matrix]") {
  const Eigen::MatrixXd a = sample(3, 4, 0.1);
  const Eigen::VectorXd v5 = sample(5, 1, 0.3), v4 = sample(4, 1, 0.3);
  CHECK_THROWS_WITH((A * x)(A = a, x = v5),
                    Catch::Contains("A * x") && Catch::Contains("3 x 4") && Catch::Contains("5 x 1"));
  CHECK_THROWS_AS((A + x)(A = a, x = v4), std::invalid_argument);  // x has 4 rows, A 3
  CHECK_THROWS_WITH(trace(A)(A = a), Catch::Contains("not square") && Catch::Contains("3 x 4"));
  constexpr auto F = leibniz::mat<"F", 2, 2>;
  CHECK_THROWS_WITH(sum(F)(F = a), Catch::Contains("F is declared 2 x 2") && Catch::Contains("3 x 4"));
}

TEST_CASE("tie writes a gradient by matrices into existing matrices and numbers", "[matrix]") {
  const Eigen::MatrixXd a = sample(4, 3, 0.2);
  const Eigen::VectorXd wv = sample(3, 1, 1.1), yv = sample(4, 1, 2.3);
  constexpr auto f = squared_norm(A * w - y) + s * sum(w);
  Eigen::MatrixXd gA;
  Eigen::VectorXd gw;
  double gs = 0;
  leibniz::tie(gA, gw, gs) = leibniz::gradient(f, A, w, s)(A = a, w = wv, y = yv, s = 0.5);
  const Eigen::VectorXd r = a * wv - yv;
  CHECK((gA - 2 * r * wv.transpose()).norm() < 1e-13);
  CHECK((gw - (2 * a.transpose() * r + Eigen::VectorXd::Constant(3, 0.5))).norm() < 1e-13);
  CHECK(gs == Approx(wv.sum()));
}

TEST_CASE("softmax and log_sum_exp: per column, stable for large entries, exact adjoints", "[matrix]") {
  constexpr auto Z = leibniz::mat<"Z">;
  constexpr auto Y = leibniz::mat<"Y">;
  Eigen::MatrixXd z = sample(3, 4, 0.7);
  z(1, 2) = 800.0;  // exp(800) overflows; the stable forms do not
  const Eigen::RowVectorXd lse = log_sum_exp(Z)(Z = z);
  for (Eigen::Index j = 0; j < 4; ++j) {
    const double top = z.col(j).maxCoeff();
    CHECK(lse(j) == Approx(top + std::log((z.col(j).array() - top).exp().sum())).epsilon(1e-14));
  }
  const Eigen::MatrixXd p = softmax(Z)(Z = z);
  CHECK((p.colwise().sum().array() - 1.0).abs().maxCoeff() < 1e-14);
  CHECK(p(1, 2) == Approx(1.0));
  // a vector: a scalar log_sum_exp
  const Eigen::VectorXd v = sample(5, 1, 0.2);
  CHECK(log_sum_exp(x)(x = v) == Approx(std::log(v.array().exp().sum())).epsilon(1e-14));
  // The softmax cross-entropy's gradient by the logits is (softmax(Z) - Y) / batch.
  Eigen::MatrixXd yb = Eigen::MatrixXd::Zero(3, 4);
  for (int j = 0; j < 4; ++j) yb(j % 3, j) = 1;
  constexpr auto L = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z)));
  const Eigen::MatrixXd g = leibniz::gradient(L, Z)(Z = z, Y = yb)[Z];
  CHECK((g - (p - yb) / 4.0).norm() < 1e-13);    // the mean of a row of 4 examples
  const Eigen::MatrixXd zs = sample(3, 4, 0.7);  // moderate entries, for finite differences
  const Eigen::MatrixXd gs = leibniz::gradient(L, Z)(Z = zs, Y = yb)[Z];
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return L(Z = m, Y = yb); }, zs, gs) < 1e-9);
  // softmax's own adjoint, through a weighted sum of its entries
  constexpr auto S = sum(hadamard(Y, softmax(Z)));
  const Eigen::MatrixXd gsm = leibniz::gradient(S, Z)(Z = zs, Y = yb)[Z];
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return S(Z = m, Y = yb); }, zs, gsm) < 1e-9);
  CHECK(leibniz::to_string(log_sum_exp(Z)) == "log_sum_exp(Z)");
  // Columns of 13 (whole SIMD batches and a tail), read in place and through a transpose.
  const Eigen::MatrixXd w = sample(13, 3, 0.9), wt = w.transpose();
  const Eigen::MatrixXd pw = softmax(Z)(Z = w), pt = softmax(transpose(Z))(Z = wt);
  const Eigen::RowVectorXd lw = log_sum_exp(transpose(Z))(Z = wt);
  for (Eigen::Index j = 0; j < 3; ++j) {
    const Eigen::ArrayXd e = (w.col(j).array() - w.col(j).maxCoeff()).exp();
    CHECK((pw.col(j).array() - e / e.sum()).abs().maxCoeff() < 1e-15);
    CHECK(lw(j) == Approx(std::log(e.sum()) + w.col(j).maxCoeff()).epsilon(1e-14));
  }
  CHECK((pt - pw).norm() == 0.0);
}

TEST_CASE("jacobian of a vector by a vector keeps structure: W, diag(step(x))", "[matrix]") {
  CHECK_SYMBOLIC(leibniz::jacobian(W * x, x) == W);
  CHECK_SYMBOLIC(leibniz::jacobian(relu(x), x) == diag(step(x)));
  CHECK_SYMBOLIC(leibniz::jacobian(relu(W * x + b), x) == diag(step(W * x + b)) * W);
  CHECK_SYMBOLIC(leibniz::jacobian(3_c * x, x) == 3_c * leibniz::jacobian(x, x));
  CHECK(leibniz::to_string(leibniz::jacobian(relu(W * x + b), x)) == "diag(step(W * x + b)) * W");
  // Values: against the Jacobian by finite differences, column by column.
  const Eigen::MatrixXd wm = sample(3, 4, 0.3);
  const Eigen::VectorXd xv = sample(4, 1, 1.3), bv = sample(3, 1, 0.1);
  constexpr auto g = hadamard(tanh(W * x + b), exp(W * x));
  const Eigen::MatrixXd J = leibniz::jacobian(g, x)(W = wm, x = xv, b = bv);
  REQUIRE(J.rows() == 3);
  REQUIRE(J.cols() == 4);
  double worst = 0;
  for (Eigen::Index k = 0; k < 4; ++k)
    for (Eigen::Index i = 0; i < 3; ++i) {
      const double fd = numeric::derivative(
          [&](double t) {
            Eigen::VectorXd moved = xv;
            moved(k) = t;
            const Eigen::VectorXd value = g(W = wm, x = moved, b = bv);
            return value(i);
          },
          xv(k));
      worst = std::max(worst, std::abs(fd - J(i, k)));
    }
  CHECK(worst < 1e-9);
  // diag(v) times a matrix scales its rows, and evaluates as a dense matrix on its own.
  const Eigen::MatrixXd d = diag(x)(x = xv);
  CHECK((d - Eigen::MatrixXd(xv.asDiagonal())).norm() == 0);
  const Eigen::MatrixXd a = sample(4, 2, 0.5);
  CHECK(((diag(x) * A)(x = xv, A = a) - xv.asDiagonal() * a).norm() < 1e-15);
}

/// The derivative of a gradient (an Eigen matrix, given by `grad(t)` at the point moved
/// t along a direction) at t = 0, entry by entry: the Hessian times the direction.
template <class Grad>
Eigen::MatrixXd directional_difference(Grad&& grad, Eigen::Index rows, Eigen::Index cols) {
  Eigen::MatrixXd out(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i)
      out(i, j) = numeric::derivative([&](double t) { return double(grad(t)(i, j)); }, 0.0);
  return out;
}

TEST_CASE("hessian by a vector keeps structure: A + A^T, 2 A^T A, softmax's diag(s) - s s^T", "[matrix]") {
  CHECK_SYMBOLIC(leibniz::hessian(transpose(x) * A * x, x) == A + transpose(A));
  CHECK_SYMBOLIC(leibniz::hessian(squared_norm(A * x - y), x) == 2_c * transpose(A) * A);
  CHECK(leibniz::to_string(leibniz::hessian(squared_norm(A * x - y), x)) == "2 * A^T * A");
  CHECK(leibniz::to_string(leibniz::hessian(log_sum_exp(W * x), x)) ==
        "W^T * (diag(softmax(W * x)) * W - softmax(W * x) * (softmax(W * x)^T * W))");
  const Eigen::MatrixXd wm = sample(4, 3, 0.3);
  const Eigen::VectorXd xv = sample(3, 1, 1.3);
  // Every kind of term: a scalar factor of x (outer products), eye, diag, softmax's rule.
  constexpr auto f = sum(exp(x)) * squared_norm(x) + log_sum_exp(W * x) + dot(x, sigmoid(x));
  const Eigen::MatrixXd H = leibniz::hessian(f, x)(W = wm, x = xv);
  REQUIRE(H.rows() == 3);
  REQUIRE(H.cols() == 3);
  const auto G = leibniz::gradient(f, x);
  for (Eigen::Index k = 0; k < 3; ++k) {
    const Eigen::VectorXd e = Eigen::VectorXd::Unit(3, k);
    const Eigen::MatrixXd column = directional_difference(
        [&](double t) { return Eigen::VectorXd(G(W = wm, x = Eigen::VectorXd(xv + t * e))[x]); }, 3, 1);
    CHECK((H.col(k) - column).norm() < 1e-8);
  }
  CHECK((H - H.transpose()).norm() < 1e-13);
}

TEST_CASE("hvp: the Hessian times a direction, shaped like each variable, never forming the Hessian", "[matrix]") {
  // Scalars: hvp(x^2 y, x = 1, y = 0) = (2y, 2x).
  constexpr auto p = leibniz::var<"p">;
  constexpr auto q = leibniz::var<"q">;
  const auto h = leibniz::hvp(p * p * q, p = 1.0, q = 0.0)(p = 3.0, q = 2.0);
  CHECK(h[p] == 4.0);
  CHECK(h[q] == 6.0);
  // B10's function: hvp by w is 2 A^T (A v).
  const Eigen::MatrixXd am = sample(5, 3, 0.4);
  const Eigen::VectorXd wv = sample(3, 1, 0.8), yv = sample(5, 1, 1.7), v = sample(3, 1, 2.9);
  constexpr auto L = squared_norm(A * w - y);
  const Eigen::VectorXd hw = leibniz::hvp(L, w = v)(A = am, w = wv, y = yv)[w];
  CHECK((hw - 2 * am.transpose() * (am * v)).norm() < 1e-13);
  // A network's loss, directions on a matrix and a vector at once: against the
  // derivative of the gradient along the direction.
  constexpr auto Y = leibniz::mat<"Y">;
  constexpr auto net = mean(log_sum_exp(W * X + b) - colwise_sum(hadamard(Y, W * X + b))) + s * squared_norm(W);
  const Eigen::MatrixXd wm = sample(3, 4, 0.2), xm = sample(4, 5, 1.1), dW = sample(3, 4, 2.2);
  const Eigen::VectorXd bv = sample(3, 1, 0.6), db = sample(3, 1, 3.1);
  Eigen::MatrixXd ym = Eigen::MatrixXd::Zero(3, 5);
  for (int j = 0; j < 5; ++j) ym(j % 3, j) = 1;
  const auto H = leibniz::hvp(net, W = dW, b = db, s = 0.5)(W = wm, b = bv, X = xm, Y = ym, s = 0.1);
  const auto G = leibniz::gradient(net, W, b, s);
  const auto along = [&](double t) {
    return G(W = Eigen::MatrixXd(wm + t * dW), b = Eigen::VectorXd(bv + t * db), X = xm, Y = ym, s = 0.1 + 0.5 * t);
  };
  CHECK((H[W] - directional_difference([&](double t) { return along(t)[W]; }, 3, 4)).norm() < 1e-8);
  CHECK((H[b] - directional_difference([&](double t) { return along(t)[b]; }, 3, 1)).norm() < 1e-8);
  CHECK(std::abs(H[s] - numeric::derivative([&](double t) { return along(t)[s]; }, 0.0)) < 1e-8);
}

TEST_CASE("jvp on vectors and matrices: J v kept structured, <d(L, W), V> for a scalar L", "[matrix]") {
  const Eigen::MatrixXd wm = sample(4, 3, 0.5), dW = sample(4, 3, 1.5);
  const Eigen::VectorXd xv = sample(3, 1, 0.1), v = sample(3, 1, 2.1);
  const Eigen::VectorXd t = leibniz::jvp(relu(W * x), x = v)(W = wm, x = xv);
  CHECK((t - Eigen::VectorXd(((wm * xv).array() > 0).cast<double>() * (wm * v).array())).norm() < 1e-14);
  constexpr auto L = squared_norm(tanh(W * x));
  const double tl = leibniz::jvp(L, W = dW, x = v)(W = wm, x = xv);
  const double fd = numeric::derivative(
      [&](double u) { return L(W = Eigen::MatrixXd(wm + u * dW), x = Eigen::VectorXd(xv + u * v)); }, 0.0);
  CHECK(std::abs(tl - fd) < 1e-9);
}
