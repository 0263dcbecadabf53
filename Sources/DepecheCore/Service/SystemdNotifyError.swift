import Glibc

/// A notification could not reach systemd. The daemon goes on (systemd will see a missing
/// `READY=1` or watchdog ping and act on it); the error is logged once per failure.
public struct SystemdNotifyError: Error, CustomStringConvertible {
    /// What went wrong.
    public enum Code: Sendable, Equatable {
        /// `$NOTIFY_SOCKET` is neither an absolute path nor an `@` abstract name.
        case unsupportedAddress
        /// `socket(2)` failed.
        case socketFailed
        /// `sendto(2)` failed: systemd is gone, or the socket is not writable for this user.
        case sendFailed
    }

    /// What went wrong.
    public let code: Code
    /// `$NOTIFY_SOCKET` as it was given.
    public let socket: String
    /// The `errno` of the failed call, if a call failed.
    public let errno: Int32?

    /// A message that says where the notification was going and why it did not get there.
    public var description: String {
        switch code {
        case .unsupportedAddress:
            "NOTIFY_SOCKET=\(socket) is neither an absolute path nor an abstract name (@…); "
                + "was depeche started by systemd with Type=notify?"
        case .socketFailed, .sendFailed:
            "could not notify systemd through NOTIFY_SOCKET=\(socket): "
                + String(cString: strerror(errno ?? 0))
        }
    }
}
