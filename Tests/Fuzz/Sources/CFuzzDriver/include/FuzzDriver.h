#ifndef PARTNERD_FUZZ_DRIVER_H
#define PARTNERD_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>
// libFuzzer's driver, for a program that has its own main (SwiftPM names every executable's entry point itself).
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
#endif
