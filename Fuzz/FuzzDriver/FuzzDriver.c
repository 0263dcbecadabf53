#include "FuzzDriver.h"
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*UserCb)(const uint8_t *Data, size_t Size));

static int (*registered)(const uint8_t *data, size_t size);

// -sanitize=fuzzer links libFuzzer whole, and its main() refers to this symbol. The target's
// own main (which SwiftPM names) runs instead and registers the Swift callback first.
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (!registered) {
        fputs("depeche fuzz: no target registered (libFuzzer's main ran instead of the target's)\n", stderr);
        abort();
    }
    return registered(data, size);
}

int depeche_fuzz_run(int *argc, char ***argv, int (*target)(const uint8_t *data, size_t size)) {
    registered = target;
    return LLVMFuzzerRunDriver(argc, argv, LLVMFuzzerTestOneInput);
}
