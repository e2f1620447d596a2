// Part 18 of the checker's random-expression self-test (check_corpus.hpp).
#include "check_corpus.hpp"

LEIBNIZ_CHECK_CORPUS_PART(18)
