import FuzzDriver
import FuzzReplay
import Glibc

/// Any bytes through the decode stage (see FuzzReplay.decode).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(depeche_fuzz_run(&argc, &argv) { data, size in
    FuzzReplay.decode(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
})
