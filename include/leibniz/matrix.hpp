// leibniz/matrix.hpp — vectors and matrices as single nodes: matrix calculus at compile time.
//
//     #include <leibniz/matrix.hpp>   // (also included by <leibniz/leibniz.hpp>)
//     constexpr auto A = leibniz::mat<"A">;   constexpr auto w = leibniz::vec<"w">;
//     auto g = leibniz::d(squared_norm(A * w - y), w);   // 2 * A^T * (A * w - y)
#pragma once

#include "core.hpp"
#include "matrix/derivative.hpp"
#include "matrix/diagonal.hpp"
#include "matrix/evaluate.hpp"
#include "matrix/jacobian.hpp"
#include "matrix/linear_algebra.hpp"
#include "matrix/nodes.hpp"
#include "matrix/print.hpp"
#include "matrix/reductions.hpp"
#include "matrix/results.hpp"
#include "matrix/variable.hpp"
