#ifndef DEPECHE_FUZZ_DRIVER_H
#define DEPECHE_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer's driver (LLVMFuzzerRunDriver, from the -sanitize=fuzzer runtime) on one
/// target: SwiftPM gives each executable its own `main`, so libFuzzer's cannot be used.
int depeche_fuzz_run(int *argc, char ***argv, int (*target)(const uint8_t *data, size_t size));

#endif
