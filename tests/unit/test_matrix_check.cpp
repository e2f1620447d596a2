// tests/unit/test_matrix_check.cpp — the checker and to_dot on vectors and matrices:
// check_gradient compares every entry of every bound vector and matrix (entries named
// `df/dW[1,2]`, `df/db[4]`) and catches a wrong derivative by the entry it is in; to_dot
// labels each node with its shape.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include <leibniz/leibniz.hpp>

#include "matrix_numeric.hpp"

namespace {
using numeric::sample;
using namespace leibniz::literals;

constexpr auto W = leibniz::mat<"W">;
constexpr auto X = leibniz::mat<"X">;
constexpr auto x = leibniz::vec<"x">;
constexpr auto b = leibniz::vec<"b">;
constexpr auto s = leibniz::var<"s">;

std::vector<std::string> labels(const leibniz::check_report& r) {
  std::vector<std::string> out;
  for (const auto& e : r.entries) out.push_back(e.label);
  return out;
}

std::string printed(const leibniz::check_report& r) {
  std::ostringstream out;
  out << r;
  return out.str();
}

// softsign with a derivative that is wrong where a > 0.9: on a matrix with one entry
// above 0.9, exactly that entry's derivative is wrong.
struct bent_softsign_op {
  static constexpr std::string_view name = "bent_softsign";
  static auto apply(const auto& v) {
    using std::abs;
    return v / (1 + abs(v));
  }
  static constexpr auto derivative(auto a) { return 1_c / square(1_c + abs(a)) + step(a - leibniz::c<9, 10>); }
};
inline constexpr leibniz::function<bent_softsign_op> bent_softsign{};
}  // namespace

TEST_CASE("check_gradient on a network: every entry of every matrix, vector and scalar", "[matrix][check]") {
  constexpr auto W1 = leibniz::mat<"W1">;
  constexpr auto b1 = leibniz::vec<"b1">;
  constexpr auto W2 = leibniz::mat<"W2">;
  constexpr auto b2 = leibniz::vec<"b2">;
  constexpr auto Y = leibniz::mat<"Y">;
  constexpr auto lambda = leibniz::var<"lambda">;
  constexpr auto H = relu(W1 * X + b1);
  constexpr auto Z = W2 * H + b2;
  constexpr auto L = mean(log_sum_exp(Z) - colwise_sum(hadamard(Y, Z))) + lambda * squared_norm(W2);
  const Eigen::MatrixXd w1 = sample(4, 3, 0.4), w2 = sample(2, 4, 1.9), xb = sample(3, 5, 0.8);
  const Eigen::VectorXd c1 = sample(4, 1, 0.6), c2 = sample(2, 1, 2.6);
  Eigen::MatrixXd yb = Eigen::MatrixXd::Zero(2, 5);
  for (int j = 0; j < 5; ++j) yb(j % 2, j) = 1;

  const auto r = leibniz::check_gradient(L, W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb, lambda = 0.05);
  INFO(r);
  CHECK(r.ok());
  // Every bound variable L uses, in the order bound, each matrix column by column.
  REQUIRE(r.entries.size() == 12 + 4 + 8 + 2 + 15 + 10 + 1);
  const auto names = labels(r);
  CHECK(names[0] == "df/dW1[0,0]");
  CHECK(names[1] == "df/dW1[1,0]");  // column-major, as Eigen stores them
  CHECK(names[4] == "df/dW1[0,1]");
  CHECK(names[11] == "df/dW1[3,2]");
  CHECK(names[12] == "df/db1[0]");  // a column vector: one index
  CHECK(names[15] == "df/db1[3]");
  CHECK(names[16] == "df/dW2[0,0]");
  CHECK(names[25] == "df/db2[1]");
  CHECK(names[26] == "df/dX[0,0]");
  CHECK(names[50] == "df/dY[1,4]");
  CHECK(names[51] == "df/dlambda");
  // The analytic side is leibniz's gradient, entry for entry.
  const auto g =
      leibniz::gradient(L, W1, b1, W2, lambda)(W1 = w1, b1 = c1, W2 = w2, b2 = c2, X = xb, Y = yb, lambda = 0.05);
  CHECK(r.entries[7].analytic == g[W1](3, 1));
  CHECK(r.entries[14].analytic == g[b1](2));
  CHECK(r.entries[16 + 5].analytic == g[W2](1, 2));
  CHECK(r.entries[51].analytic == g[lambda]);
  // The numeric side agrees closely, not only within the tolerance.
  for (const auto& e : r.entries) CHECK(e.abs_error <= 1e-8 * std::max(1.0, std::abs(e.analytic)));
  CHECK(r.title.find("W1 = [4 x 3]") != std::string::npos);
  CHECK(r.title.find("lambda = 0.05") != std::string::npos);
}

TEST_CASE("check_gradient on matrices: static sizes, float, bindings that f does not use", "[matrix][check]") {
  constexpr auto V = leibniz::mat<"V", 2, 3>;
  constexpr auto u = leibniz::vec<"u", 3>;
  const Eigen::Matrix<double, 2, 3> v = sample(2, 3, 0.3);
  const Eigen::Vector3d uv = sample(3, 1, 1.7);
  const auto r = leibniz::check_gradient(squared_norm(V * u) + s * sum(exp(u)), V = v, u = uv, s = 2.0,
                                         b = Eigen::VectorXd(sample(2, 1, 0.1)));  // b is not used: ignored
  INFO(r);
  CHECK(r.ok());
  CHECK(labels(r) == std::vector<std::string>{"df/dV[0,0]", "df/dV[1,0]", "df/dV[0,1]", "df/dV[1,1]", "df/dV[0,2]",
                                              "df/dV[1,2]", "df/du[0]", "df/du[1]", "df/du[2]", "df/ds"});
  const Eigen::Vector2d z = v * uv;
  CHECK(r.entries[5].analytic == Approx(2 * z(1) * uv(2)).epsilon(1e-14));
  CHECK(r.entries[9].analytic == Approx(uv.array().exp().sum()).epsilon(1e-14));

  // float matrices: computed in float, judged with float's tolerance.
  const Eigen::MatrixXf wf = sample(3, 2, 0.9).cast<float>();
  const Eigen::VectorXf xf = sample(2, 1, 0.2).cast<float>();
  const auto rf = leibniz::check_gradient(sum(tanh(W * x)), W = wf, x = xf);
  INFO(rf);
  CHECK(rf.ok());
  CHECK(rf.entries.size() == 6 + 2);
  CHECK(rf.rtol == 1e-4);
}

TEST_CASE("check_gradient on matrices: blocks and segments of the caller's matrices", "[matrix][check]") {
  // v.head(n) is an Eigen::VectorBlock, whose base is MatrixBase<Block<...>>, not
  // MatrixBase<VectorBlock<...>>: it must still be checked entry by entry, and the
  // caller's matrices must be left as they were.
  const Eigen::MatrixXd data = sample(3, 8, 0.4);
  const Eigen::VectorXd labels_all = sample(8, 1, 2.1), weights = sample(3, 1, 0.8);
  const auto r = leibniz::check_gradient(mean(softplus(-hadamard(x, transpose(X) * b))), b = weights,
                                         X = data.leftCols(5), x = labels_all.head(5));
  INFO(r);
  CHECK(r.ok());
  CHECK(r.entries.size() == 3 + 15 + 5);
  CHECK(r.entries.back().label == "df/dx[4]");
  CHECK(data == sample(3, 8, 0.4));
  CHECK(labels_all == sample(8, 1, 2.1));
}

TEST_CASE("check_gradient on matrices catches a wrong derivative and names its entry", "[matrix][check]") {
  Eigen::MatrixXd w(2, 3);
  w << 0.1, -0.4, 0.7,  //
      0.3, 0.5, 0.95;   // only W[1,2] > 0.9, where bent_softsign's derivative is 1 too large
  const Eigen::VectorXd c = sample(2, 1, 0.5);
  const auto r = leibniz::check_gradient(sum(bent_softsign(W) + b), W = w, b = c);
  INFO(r);
  CHECK_FALSE(r.ok());
  REQUIRE(r.entries.size() == 6 + 2);
  CHECK(r.failures() == 1);
  CHECK(r.worst().label == "df/dW[1,2]");
  CHECK(r.worst().reason == "mismatch");
  CHECK(r.worst().analytic == Approx(1 / ((1 + 0.95) * (1 + 0.95)) + 1).epsilon(1e-14));
  CHECK(r.worst().numeric == Approx(1 / ((1 + 0.95) * (1 + 0.95))).epsilon(1e-9));
  const std::string text = printed(r);
  CHECK(text.find("df/dW[1,2]") != std::string::npos);
  CHECK(text.find("FAIL (mismatch)") != std::string::npos);
  CHECK(text.find("8 entries checked, 1 FAILED; worst: df/dW[1,2]") != std::string::npos);
  // The same derivative below 0.9 everywhere: no entry fails.
  w(1, 2) = 0.85;
  CHECK(leibniz::check_gradient(sum(bent_softsign(W) + b), W = w, b = c).ok());
}

TEST_CASE("check_gradient on matrices: a non-finite derivative fails its entry", "[matrix][check]") {
  Eigen::MatrixXd w = sample(2, 2, 0.3).cwiseAbs() + Eigen::MatrixXd::Constant(2, 2, 0.5);
  w(0, 1) = 0;  // d/dw sqrt(|w|) at 0: not finite
  const auto r = leibniz::check_gradient(sum(sqrt(abs(W))), W = w);
  INFO(r);
  REQUIRE(r.entries.size() == 4);
  CHECK(r.failures() == 1);
  CHECK(r.worst().label == "df/dW[0,1]");
  CHECK_FALSE(r.worst().passed);
  CHECK(r.entries[0].passed);
  CHECK(r.entries[3].passed);
}

TEST_CASE("to_dot labels each node of a matrix expression with its shape", "[matrix][dot]") {
  constexpr auto A = leibniz::mat<"A", 3, 4>;
  constexpr auto v = leibniz::vec<"v", 4>;
  constexpr auto c = leibniz::vec<"c", 3>;
  CHECK(leibniz::to_dot(relu(A * v + c)) ==
        "digraph leibniz {\n  rankdir=LR;\n  graph [fontname=\"Helvetica\", fontsize=11];\n"
        "  node [fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\"];\n"
        "  n0 [shape=box, label=\"A\\n3 x 4\"];\n"
        "  n1 [shape=box, label=\"v\\n4 x 1\"];\n"
        "  n2 [shape=ellipse, label=\"*\\n3 x 1\"];\n"
        "  n3 [shape=box, label=\"c\\n3 x 1\"];\n"
        "  n4 [shape=ellipse, label=\"+\\n3 x 1\"];\n"
        "  n5 [shape=ellipse, peripheries=2, label=\"relu\\n3 x 1\"];\n"
        "  n0 -> n2;\n  n1 -> n2;\n  n2 -> n4;\n  n3 -> n4;\n  n4 -> n5;\n}\n");
  // Sizes taken at binding are `?`.
  const std::string dynamic = leibniz::to_dot(relu(W * x + b));
  CHECK(dynamic.find("label=\"W\\n? x ?\"") != std::string::npos);
  CHECK(dynamic.find("label=\"x\\n? x 1\"") != std::string::npos);
  CHECK(dynamic.find("label=\"*\\n? x 1\"") != std::string::npos);
  CHECK(dynamic.find("peripheries=2, label=\"relu\\n? x 1\"") != std::string::npos);
  // Transposes, fills, reductions, entrywise products; a scalar is 1 x 1, a number has no shape.
  const std::string derivative = leibniz::to_dot(leibniz::d(sum(W * X), W));  // fill(1, W * X) * X^T
  CHECK(derivative.find("label=\"fill\\n? x ?\"") != std::string::npos);
  CHECK(derivative.find("label=\"^T\\n? x ?\"") != std::string::npos);
  CHECK(derivative.find("shape=plaintext, label=\"1\"") != std::string::npos);
  const std::string reduced = leibniz::to_dot(s * sum(hadamard(A * v, exp(c))));
  CHECK(reduced.find("label=\"hadamard\\n3 x 1\"") != std::string::npos);
  CHECK(reduced.find("label=\"exp\\n3 x 1\"") != std::string::npos);
  CHECK(reduced.find("label=\"sum\\n1 x 1\"") != std::string::npos);
  CHECK(reduced.find("label=\"s\\n1 x 1\"") != std::string::npos);
  CHECK(reduced.find("peripheries=2, label=\"*\\n1 x 1\"") != std::string::npos);
  CHECK(leibniz::to_dot(colwise_sum(transpose(x) * W)).find("label=\"colwise_sum\\n1 x ?\"") != std::string::npos);
  // A graph of scalars is drawn as before: no shapes.
  CHECK(leibniz::to_dot(sin(s) * s).find("\\n") == std::string::npos);
}
