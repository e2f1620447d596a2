// tests/unit/test_matrix_linear_algebra.cpp — inverse(A), log_det(A), solve(A, b)
// (matrix/linear_algebra.hpp): shapes and canonical forms, printing, values against
// Eigen, gradients, and the errors for matrices that are not square.
//
// Every gradient is checked two ways, as in test_matrix.cpp: symbolically (the expected
// matrix expression, CHECK_SYMBOLIC, decided at compile time) and numerically (each entry
// against a central finite difference of the function's value, numeric.hpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>

#include <Eigen/Core>
#include <Eigen/Cholesky>
#include <Eigen/LU>

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
constexpr auto C = leibniz::mat<"C">;
constexpr auto S = leibniz::mat<"S">;
constexpr auto b = leibniz::vec<"b">;
constexpr auto p = leibniz::vec<"p">;
constexpr auto r = leibniz::vec<"r">;
constexpr auto s = leibniz::var<"s">;
constexpr auto half = 1_c / 2_c;

/// A Gaussian's negative log-likelihood, up to its constant: S the covariance, r the residual.
constexpr auto nll = half * log_det(S) + half * dot(r, solve(S, r));

/// A well-conditioned square matrix that is not symmetric (so a missing transpose shows).
Eigen::MatrixXd invertible(Eigen::Index n, double seed) {
  return sample(n, n, seed) + 2.5 * Eigen::MatrixXd::Identity(n, n);
}
/// A positive-definite (covariance) matrix.
Eigen::MatrixXd covariance(Eigen::Index n, double seed) {
  const Eigen::MatrixXd m = sample(n, n, seed);
  return m * m.transpose() + Eigen::MatrixXd::Identity(n, n);
}
}  // namespace

TEST_CASE("inverse, log_det, solve: shapes and canonical forms", "[matrix][linear_algebra]") {
  CHECK_SYMBOLIC(leibniz::shape_of(inverse(A)).is_matrix());
  CHECK_SYMBOLIC(leibniz::shape_of(log_det(A)).scalar);
  CHECK_SYMBOLIC(leibniz::shape_of(solve(A, b)).is_column());
  CHECK_SYMBOLIC(leibniz::shape_of(solve(A, B)).is_matrix());
  constexpr auto F = leibniz::mat<"F", 3, 3>;
  CHECK_SYMBOLIC(leibniz::shape_of(inverse(F)).rows == 3 && leibniz::shape_of(inverse(F)).cols == 3);
  CHECK_SYMBOLIC(leibniz::shape_of(solve(A, leibniz::vec<"v", 3>)).rows == 3);  // x's rows from b's
  CHECK_SYMBOLIC(leibniz::shape_of(solve(F, b)).rows == 3);                     // or from A's
  // Equal inverses are one node: canonical forms.
  CHECK_SYMBOLIC(inverse(inverse(A)) == A);
  CHECK_SYMBOLIC(inverse(transpose(A)) == transpose(inverse(A)));
  CHECK_SYMBOLIC(inverse(2_c * A) == half * inverse(A));
  CHECK_SYMBOLIC(inverse(-A) == -inverse(A));
  CHECK_SYMBOLIC(inverse(diag(b)) == diag(1_c / b));
  CHECK_SYMBOLIC(log_det(transpose(A)) == log_det(A));
  CHECK_SYMBOLIC(log_det(inverse(A)) == -log_det(A));
  CHECK_SYMBOLIC(solve(A, 3_c * b) == 3_c * solve(A, b));
  CHECK_SYMBOLIC(solve(2_c * A, b) == half * solve(A, b));
  CHECK_SYMBOLIC(solve(A, b) != inverse(A) * b);  // no A^-1 is formed
  // A scalar is a 1 x 1 matrix.
  CHECK_SYMBOLIC(inverse(s) == 1_c / s);
  CHECK_SYMBOLIC(log_det(s) == log(abs(s)));
}

TEST_CASE("inverse, log_det, solve: printing", "[matrix][linear_algebra]") {
  CHECK(leibniz::to_string(inverse(A)) == "inverse(A)");
  CHECK(leibniz::to_string(log_det(A)) == "log_det(A)");
  CHECK(leibniz::to_string(solve(A, b)) == "solve(A, b)");
  CHECK(leibniz::to_string(solve(transpose(A), b + p)) == "solve(A^T, b + p)");
  CHECK(leibniz::to_string(d(log_det(A), A)) == "inverse(A)^T");
  CHECK(leibniz::to_string(d(sum(inverse(A)), A)) == "-inverse(A)^T * fill(1, inverse(A)) * inverse(A)^T");
  CHECK(leibniz::to_latex(inverse(A)) == "A^{-1}");
  CHECK(leibniz::to_latex(inverse(A + B)) == "\\left(A + B\\right)^{-1}");
  CHECK(leibniz::to_latex(transpose(inverse(A))) == "\\left(A^{-1}\\right)^\\top");
  CHECK(leibniz::to_latex(log_det(A)) == "\\log\\lvert A\\rvert");  // log|det A|: see log_det_op
  CHECK(leibniz::to_latex(log_det(A * B)) == "\\log\\lvert A B\\rvert");
  CHECK(leibniz::to_latex(2_c * log_det(A)) == "2 \\cdot \\log\\lvert A\\rvert");
  CHECK(leibniz::to_latex(pow(log_det(A), 2_c)) == "\\left(\\log\\lvert A\\rvert\\right)^{2}");
  CHECK(leibniz::to_latex(solve(A, b)) == "A^{-1} b");
  CHECK(leibniz::to_latex(solve(A, b + p)) == "A^{-1} \\left(b + p\\right)");
}

TEST_CASE("inverse, log_det, solve: values against Eigen", "[matrix][linear_algebra]") {
  const Eigen::MatrixXd a = invertible(4, 0.3), bm = sample(4, 2, 1.1);
  const Eigen::VectorXd v = sample(4, 1, 0.7);
  CHECK((inverse(A)(A = a) - a.inverse()).norm() < 1e-13);
  CHECK(std::abs(log_det(A)(A = a) - std::log(std::abs(a.determinant()))) < 1e-13);
  CHECK((solve(A, b)(A = a, b = v) - a.partialPivLu().solve(v)).norm() < 1e-13);
  CHECK((solve(A, B)(A = a, B = bm) - a.partialPivLu().solve(bm)).norm() < 1e-13);
  CHECK((solve(transpose(A), b)(A = a, b = v) - a.transpose().partialPivLu().solve(v)).norm() < 1e-13);
  CHECK(((A * solve(A, b))(A = a, b = v) - v).norm() < 1e-13);
  // log|det A|: a negative determinant gives the log of its absolute value.
  Eigen::MatrixXd flipped = a;
  flipped.row(0).swap(flipped.row(1));
  REQUIRE(flipped.determinant() < 0);
  CHECK(std::abs(log_det(A)(A = flipped) - std::log(-flipped.determinant())) < 1e-13);
  // Finite where the determinant underflows: det(1e-200 I) is 1e-800.
  const Eigen::MatrixXd tiny = 1e-200 * Eigen::MatrixXd::Identity(4, 4);
  CHECK(log_det(A)(A = tiny) == Approx(4 * std::log(1e-200)));
  // A positive-definite S: log det S, as Eigen's LLT computes it.
  const Eigen::MatrixXd sm = covariance(3, 0.9);
  const Eigen::MatrixXd l = sm.llt().matrixL();
  CHECK(std::abs(log_det(S)(S = sm) - 2 * l.diagonal().array().log().sum()) < 1e-13);
  // Static sizes give fixed-size results; float in, float out; a diagonal is solved entrywise.
  constexpr auto F = leibniz::mat<"F", 3, 3>;
  constexpr auto u = leibniz::vec<"u", 3>;
  const Eigen::Matrix3d f = invertible(3, 1.7);
  const Eigen::Vector3d uv = sample(3, 1, 0.2);
  STATIC_REQUIRE(std::is_same_v<decltype(inverse(F)(F = f)), Eigen::Matrix3d>);
  STATIC_REQUIRE(std::is_same_v<decltype(solve(F, u)(F = f, u = uv)), Eigen::Vector3d>);
  CHECK((solve(F, u)(F = f, u = uv) - f.partialPivLu().solve(uv)).norm() < 1e-13);
  const Eigen::MatrixXf af = a.cast<float>();
  const auto xf = inverse(A)(A = af);
  STATIC_REQUIRE(std::is_same_v<std::remove_cvref_t<decltype(xf)>, Eigen::MatrixXf>);
  CHECK((xf.cast<double>() - a.inverse()).norm() < 1e-4);
  const Eigen::VectorXd dv = sample(4, 1, 0.4).array() + 2.0;
  CHECK((solve(diag(p), b)(p = dv, b = v) - (v.array() / dv.array()).matrix()).norm() < 1e-14);
  // The inverse in log_det's gradient and in the expression is one node, computed once.
  CHECK(leibniz::node_count(d(log_det(A), A) + inverse(A)) == 4);  // +, ^T, inverse, A
}

TEST_CASE("log_det(A): gradient inverse(A)^T", "[matrix][linear_algebra]") {
  CHECK_SYMBOLIC(d(log_det(A), A) == transpose(inverse(A)));
  CHECK_SYMBOLIC(d(s * log_det(A), A) == s * transpose(inverse(A)));
  const Eigen::MatrixXd a = invertible(4, 0.3);
  const Eigen::MatrixXd g = leibniz::gradient(log_det(A), A)(A = a)[A];
  CHECK((g - a.inverse().transpose()).norm() < 1e-13);
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return log_det(A)(A = m); }, a, g) < 1e-9);
  // Where det A < 0 too: d log|det A| = A^-T.
  Eigen::MatrixXd flipped = a;
  flipped.row(0).swap(flipped.row(2));
  const Eigen::MatrixXd gf = leibniz::gradient(log_det(A), A)(A = flipped)[A];
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return log_det(A)(A = m); }, flipped, gf) < 1e-9);
}

TEST_CASE("inverse(A): gradient -X^T G X^T", "[matrix][linear_algebra]") {
  CHECK_SYMBOLIC(d(dot(p, inverse(A) * b), A) == -(transpose(inverse(A)) * (p * transpose(b)) * transpose(inverse(A))));
  const Eigen::MatrixXd a = invertible(3, 0.8);
  const Eigen::MatrixXd x = a.inverse();
  const Eigen::MatrixXd g = leibniz::gradient(sum(inverse(A)), A)(A = a)[A];
  CHECK((g + x.transpose() * Eigen::MatrixXd::Ones(3, 3) * x.transpose()).norm() < 1e-13);
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return sum(inverse(A))(A = m); }, a, g) < 1e-9);
  // Inside a larger expression: squared_norm(inverse(A) * B).
  const Eigen::MatrixXd bm = sample(3, 2, 1.4);
  constexpr auto f = squared_norm(inverse(A) * B);
  const Eigen::MatrixXd gf = leibniz::gradient(f, A)(A = a, B = bm)[A];
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return f(A = m, B = bm); }, a, gf) < 1e-9);
}

TEST_CASE("solve(A, b): gradients solve(A^T, G) and -adj(b) x^T", "[matrix][linear_algebra]") {
  constexpr auto f = squared_norm(solve(A, b));
  CHECK_SYMBOLIC(d(f, b) == 2_c * solve(transpose(A), solve(A, b)));
  CHECK_SYMBOLIC(d(f, A) == -2_c * solve(transpose(A), solve(A, b)) * transpose(solve(A, b)));
  const Eigen::MatrixXd a = invertible(4, 0.5);
  const Eigen::VectorXd v = sample(4, 1, 2.2);
  const auto g = leibniz::gradient(f, A, b)(A = a, b = v);
  const Eigen::VectorXd x = a.partialPivLu().solve(v);
  const Eigen::VectorXd adj_b = a.transpose().partialPivLu().solve(2 * x);
  CHECK((g[b] - adj_b).norm() < 1e-13);
  CHECK((g[A] + adj_b * x.transpose()).norm() < 1e-13);
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return f(A = m, b = v); }, a, g[A]) < 1e-9);
  CHECK(worst_entry_error([&](const Eigen::VectorXd& m) { return f(A = a, b = m); }, v, g[b]) < 1e-9);
  // A matrix of right-hand sides.
  const Eigen::MatrixXd bm = sample(4, 3, 0.1);
  constexpr auto h = sum(exp(solve(A, B)));
  const auto gh = leibniz::gradient(h, A, B)(A = a, B = bm);
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return h(A = m, B = bm); }, a, gh[A]) < 1e-9);
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return h(A = a, B = m); }, bm, gh[B]) < 1e-9);
}

TEST_CASE("a Gaussian negative log-likelihood by its covariance and its residual", "[matrix][linear_algebra]") {
  CHECK_SYMBOLIC(d(nll, r) == half * solve(S, r) + half * solve(transpose(S), r));
  CHECK_SYMBOLIC(d(nll, S) == half * transpose(inverse(S)) - half * solve(transpose(S), r) * transpose(solve(S, r)));
  const Eigen::MatrixXd sm = covariance(4, 0.6);
  const Eigen::VectorXd rv = sample(4, 1, 1.9);
  const auto g = leibniz::gradient(nll, S, r)(S = sm, r = rv);
  // By hand, for a symmetric S: d/dr = S^-1 r, d/dS = 1/2 (S^-1 - S^-1 r r^T S^-1).
  const Eigen::MatrixXd si = sm.inverse();
  CHECK((g[r] - si * rv).norm() < 1e-12);
  CHECK((g[S] - 0.5 * (si - si * rv * rv.transpose() * si)).norm() < 1e-12);
  const double expected = 0.5 * std::log(sm.determinant()) + 0.5 * rv.dot(si * rv);
  CHECK(std::abs(nll(S = sm, r = rv) - expected) < 1e-13);
  // Entry by entry, S moved as a general matrix (one entry at a time leaves it unsymmetric).
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return nll(S = m, r = rv); }, sm, g[S]) < 1e-9);
  CHECK(worst_entry_error([&](const Eigen::VectorXd& m) { return nll(S = sm, r = m); }, rv, g[r]) < 1e-9);
  // With runtime constants, as a user writes it.
  constexpr auto nll_runtime = 0.5 * log_det(S) + 0.5 * dot(r, solve(S, r));
  const auto gr = leibniz::gradient(nll_runtime, S, r)(S = sm, r = rv);
  CHECK((gr[S] - g[S]).norm() < 1e-14);
  CHECK((gr[r] - g[r]).norm() < 1e-14);
}

TEST_CASE("the adjoints are expressions: differentiated again", "[matrix][linear_algebra]") {
  // f2(A) = sum(C .* A^-T), the gradient of log_det weighted, differentiated by A.
  constexpr auto f2 = sum(hadamard(C, d(log_det(A), A)));
  const Eigen::MatrixXd a = invertible(3, 1.2), cm = sample(3, 3, 0.4);
  const Eigen::MatrixXd g2 = leibniz::gradient(f2, A)(A = a, C = cm)[A];
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return f2(A = m, C = cm); }, a, g2) < 1e-9);
  // and the gradient of squared_norm(solve(A, b)) by b, reduced and differentiated by A.
  constexpr auto f3 = dot(p, d(squared_norm(solve(A, b)), b));
  const Eigen::VectorXd v = sample(3, 1, 0.8), cv = sample(3, 1, 2.5);
  const Eigen::MatrixXd g3 = leibniz::gradient(f3, A)(A = a, b = v, p = cv)[A];
  CHECK(worst_entry_error([&](const Eigen::MatrixXd& m) { return f3(A = m, b = v, p = cv); }, a, g3) < 1e-9);
}

TEST_CASE("a matrix that is not square: an exception naming the operation and the sizes", "[matrix][linear_algebra]") {
  const Eigen::MatrixXd a = sample(3, 4, 0.1), square = invertible(3, 0.2);
  const Eigen::VectorXd v3 = sample(3, 1, 0.3), v4 = sample(4, 1, 0.3);
  CHECK_THROWS_AS(inverse(A)(A = a), std::invalid_argument);
  CHECK_THROWS_WITH(inverse(A)(A = a),
                    Catch::Contains("inverse(A)") && Catch::Contains("not square") && Catch::Contains("3 x 4"));
  CHECK_THROWS_WITH(log_det(A)(A = a), Catch::Contains("log_det(A)") && Catch::Contains("3 x 4"));
  CHECK_THROWS_WITH(solve(A, b)(A = a, b = v3),
                    Catch::Contains("solve(A, b)") && Catch::Contains("A is 3 x 4") && Catch::Contains("square"));
  CHECK_THROWS_WITH(solve(A, b)(A = square, b = v4),
                    Catch::Contains("solve(A, b)") && Catch::Contains("A is 3 x 3") && Catch::Contains("b is 4 x 1"));
  // A gradient is evaluated when read (or written by tie): the error comes then.
  CHECK_THROWS_AS(leibniz::gradient(log_det(A), A)(A = a)[A], std::invalid_argument);
  Eigen::MatrixXd gA;
  CHECK_THROWS_AS(leibniz::tie(gA) = leibniz::gradient(log_det(A), A)(A = a), std::invalid_argument);
  CHECK_NOTHROW(solve(A, b)(A = square, b = v3));
}
