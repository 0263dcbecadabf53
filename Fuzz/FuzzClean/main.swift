import FuzzDriver
import FuzzReplay
import Glibc

/// Any bytes through HTML and text cleaning (see FuzzReplay.clean).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(depeche_fuzz_run(&argc, &argv) { data, size in
    FuzzReplay.clean(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
})
