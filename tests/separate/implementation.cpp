// The one translation unit that compiles the decoder in compiled mode.
#include <ari/implementation.hpp>
