import Glibc

/// Writes bytes to a file descriptor (stdout by default), whole.
func emit(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
}

/// Writes text to stderr.
func emitError(_ text: String) { emit(Array(text.utf8), to: STDERR_FILENO) }
