import DepecheCore
import FuzzDriver
import FuzzReplay
import Glibc

/// Any bytes through decode → clean → extract with the built-in gazetteer (see FuzzReplay.analyze).
enum Target {
    static let analyzer = FuzzReplay.analyzer()
}

_ = Target.analyzer
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(depeche_fuzz_run(&argc, &argv) { data, size in
    FuzzReplay.analyze(Array(UnsafeBufferPointer(start: data, count: size)), with: Target.analyzer)
    return 0
})
