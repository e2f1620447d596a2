// leibniz/core.hpp — expressions, derivatives, scalar evaluation, printing and graphs,
// without Eigen: what a program that works on numbers only needs.
//
//     #include <leibniz/core.hpp>
//     constexpr auto x = leibniz::var<"x">;
//     double slope = leibniz::d(sin(x) * x, x)(x = 1.0);
//
// Arrays (Eigen), SIMD and the checker come with <leibniz/leibniz.hpp>.
#pragma once

#include "constant.hpp"
#include "derivative.hpp"
#include "dot.hpp"
#include "equality.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "fixed_string.hpp"
#include "function.hpp"
#include "functions.hpp"
#include "gradient.hpp"
#include "inspect.hpp"
#include "nodes.hpp"
#include "operators.hpp"
#include "print.hpp"
#include "simplify.hpp"
#include "variable.hpp"
