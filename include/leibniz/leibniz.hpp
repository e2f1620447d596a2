// leibniz/leibniz.hpp — everything: expressions, derivatives, evaluation, printing.
//
//     #include <leibniz/leibniz.hpp>
//     using namespace leibniz::literals;
//     constexpr auto x = leibniz::var<"x">;
//     static_assert(leibniz::d(sin(x) * x, x) == cos(x) * x + sin(x));
#pragma once

#include "check.hpp"
#include "constant.hpp"
#include "derivative.hpp"
#include "eigen.hpp"
#include "dot.hpp"
#include "equality.hpp"
#include "evaluate.hpp"
#include "expression.hpp"
#include "fixed_string.hpp"
#include "functions.hpp"
#include "gradient.hpp"
#include "inspect.hpp"
#include "nodes.hpp"
#include "operators.hpp"
#include "print.hpp"
#include "simplify.hpp"
#include "variable.hpp"
