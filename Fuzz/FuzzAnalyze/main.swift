import DepecheCore
import FuzzDriver
import FuzzReplay
import Glibc

/// Any bytes through decode → clean → extract with the project's gazetteer (see FuzzReplay.analyze).
enum Target {
    static let analyzer = FuzzReplay.analyzer(
        packageRoot: #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3).joined(separator: "/"))
}

_ = Target.analyzer
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(depeche_fuzz_run(&argc, &argv) { data, size in
    FuzzReplay.analyze(Array(UnsafeBufferPointer(start: data, count: size)), with: Target.analyzer)
    return 0
})
