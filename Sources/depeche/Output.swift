import Glibc

/// Writes bytes to a file descriptor (stdout by default), whole.
func emit(_ bytes: [UInt8], to fd: Int32 = STDOUT_FILENO) {
    bytes.withUnsafeBufferPointer { emit($0, to: fd) }
}

/// Writes bytes in place to a file descriptor (stdout by default), whole.
func emit(_ bytes: UnsafeBufferPointer<UInt8>, to fd: Int32 = STDOUT_FILENO) {
    guard let base = bytes.baseAddress else { return }
    var offset = 0
    while offset < bytes.count {
        let written = write(fd, base + offset, bytes.count - offset)
        if written < 0 {
            if errno == EINTR { continue }
            return
        }
        offset += written
    }
}

/// Writes text to stderr.
func emitError(_ text: String) { emit(Array(text.utf8), to: STDERR_FILENO) }
