import Foundation

/// Freezes one thread of another process while its other threads run on: a wedged loop,
/// made by the kernel (`ptrace` `PTRACE_SEIZE` + `PTRACE_INTERRUPT` stop only the thread
/// named), with no test hook in the daemon. Thawed by ``thaw()``: the tracer exits, the
/// kernel detaches it and the thread continues where it stopped.
final class ThreadFreezer {
    /// The tracer: a few lines of Python (ptrace is variadic in C, so Swift cannot call it).
    private static let tracer = """
        import ctypes, os, sys
        libc = ctypes.CDLL(None, use_errno=True)
        libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
        tid = int(sys.argv[1])
        for request in (0x4206, 0x4207):  # PTRACE_SEIZE, PTRACE_INTERRUPT
            if libc.ptrace(request, tid, None, None) != 0:
                sys.exit("ptrace(%#x, %d): %s" % (request, tid, os.strerror(ctypes.get_errno())))
        print("frozen", flush=True)
        sys.stdin.read()
        """

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The frozen thread's id.
    let tid: Int32
    private let process = Process()
    private let input = Pipe()

    /// Freezes the thread of `pid` whose name (`/proc/PID/task/TID/comm`) is `name`.
    init(pid: Int32, threadNamed name: String) throws {
        let tasks = "/proc/\(pid)/task"
        let found = try FileManager.default.contentsOfDirectory(atPath: tasks).first { tid in
            (try? String(contentsOfFile: "\(tasks)/\(tid)/comm", encoding: .utf8))?
                .trimmingCharacters(in: .newlines) == name
        }
        guard let found, let tid = Int32(found) else { throw Failure(description: "no thread named \(name) in \(pid)") }
        self.tid = tid
        let output = Pipe()
        let errors = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.tracer, String(tid)]
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let line = String(decoding: output.fileHandleForReading.readData(ofLength: 7), as: UTF8.self)
        guard line == "frozen\n" else {
            process.waitUntilExit()
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "cannot freeze thread \(tid) (ptrace not allowed here?): \(message)")
        }
    }

    /// Lets the thread run again.
    func thaw() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
