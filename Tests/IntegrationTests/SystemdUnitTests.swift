import Foundation
import Testing

/// The files in `systemd/` as systemd 252 (Debian 12) reads them, through its own offline tools.
@Suite struct SystemdUnitTests {
    /// The repository root, from this file's path.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A tool's exit status and output.
    struct Run {
        let status: Int32
        let output: String
        let errors: String
    }

    /// Runs `/usr/bin/<tool>` (systemd's tools live there on Debian; `make deps` installs them).
    static func run(_ tool: String, _ arguments: [String]) throws -> Run {
        let path = "/usr/bin/" + tool
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ToolMissing(tool: path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
            errors: String(decoding: errorData, as: UTF8.self))
    }

    struct ToolMissing: Error, CustomStringConvertible {
        let tool: String
        var description: String { "\(tool) is missing: run `make deps` (Debian package systemd)" }
    }

    /// `systemd/depeche.service` in a fresh directory, its commands pointing at the built binary
    /// (verify checks that every command exists and is executable).
    static func unitCopy() throws -> URL {
        let binary = BuiltBinary.depeche.path
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build depeche first: swift build")
        let text = try String(contentsOf: repository.appendingPathComponent("systemd/depeche.service"), encoding: .utf8)
        #expect(text.contains("/usr/local/bin/depeche "))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("depeche-unit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let unit = directory.appendingPathComponent("depeche.service")
        try text.replacingOccurrences(of: "/usr/local/bin/depeche", with: binary).write(
            to: unit, atomically: true, encoding: .utf8)
        return unit
    }

    @Test func verifyPrintsNothing() throws {
        let unit = try Self.unitCopy()
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let verify = try Self.run("systemd-analyze", ["verify", "--man=no", unit.path])
        #expect(verify.status == 0)
        #expect(verify.errors == "", "systemd-analyze verify complained")
        #expect(verify.output == "")
    }

    /// `systemd-analyze security`'s exposure level for `unit` (with the drop-ins beside it), and its report.
    static func exposure(of unit: URL) throws -> (level: Double, report: String) {
        let security = try run("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit.path])
        #expect(security.status == 0, "\(security.errors)")
        let marker = "Overall exposure level for depeche.service: "
        let line = try #require(security.output.split(separator: "\n").first { $0.contains(marker) })
        let level = try #require(line.components(separatedBy: marker).last?.split(separator: " ").first.flatMap { Double($0) })
        return (level, security.output)
    }

    @Test func exposureIsAtMostTwo() throws {
        let unit = try Self.unitCopy()
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let (level, report) = try Self.exposure(of: unit)
        #expect(level <= 2.0, "\(report)")
    }

    /// Cluster mode's drop-in (`depeche.service.d/nats.conf`) opens the network to the NATS
    /// servers only, and the unit stays at an exposure of 2.0 or less.
    @Test func theNATSDropInOpensOnlyTheNetworkAndKeepsExposureAtMostTwo() throws {
        let unit = try Self.unitCopy()
        defer { try? FileManager.default.removeItem(at: unit.deletingLastPathComponent()) }
        let dropIns = unit.deletingLastPathComponent().appendingPathComponent("depeche.service.d")
        try FileManager.default.createDirectory(at: dropIns, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: Self.repository.appendingPathComponent("systemd/depeche.service.d/nats.conf"), to: dropIns.appendingPathComponent("nats.conf"))
        let verify = try Self.run("systemd-analyze", ["verify", "--man=no", unit.path])
        #expect(verify.status == 0 && verify.errors == "", "\(verify.errors)")
        let (level, report) = try Self.exposure(of: unit)
        #expect(level <= 2.0, "\(report)")
        #expect(report.contains("Service has access to the host's network"), "the drop-in was not applied")
        #expect(report.contains("Service defines IP address allow list"), "IPAddressDeny=any must stay, with an allow list")
    }

    @Test func sysusersAndTmpfilesMakeTheUserGroupsAndDirectories() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("depeche-root-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("etc"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let sysusers = try Self.run(
            "systemd-sysusers", ["--root=" + root.path, Self.repository.appendingPathComponent("systemd/depeche.sysusers").path])
        #expect(sysusers.status == 0, "\(sysusers.errors)")
        let tmpfiles = try Self.run(
            "systemd-tmpfiles",
            ["--create", "--root=" + root.path, Self.repository.appendingPathComponent("systemd/depeche.tmpfiles").path])
        #expect(tmpfiles.status == 0, "\(tmpfiles.errors)")

        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let group = try String(contentsOf: root.appendingPathComponent("etc/group"), encoding: .utf8)
        let user = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("depeche:") }?.split(separator: ":"))
        let inboxGroup = try #require(group.split(separator: "\n").first { $0.hasPrefix("depeche-inbox:") }?.split(
            separator: ":", omittingEmptySubsequences: false))
        #expect(Int(user[2])! < 1000, "a system user")
        #expect(user.last == "/usr/sbin/nologin")
        #expect(inboxGroup.last == "depeche", "depeche reads what the scrapers drop")

        func status(_ path: String) throws -> (mode: UInt32, uid: Int, gid: Int) {
            var raw = stat()
            try #require(stat(root.appendingPathComponent(path).path, &raw) == 0, "\(path) is missing")
            return (raw.st_mode & 0o7777, Int(raw.st_uid), Int(raw.st_gid))
        }
        let (uid, gid, inboxGid) = (Int(user[2])!, Int(user[3])!, Int(inboxGroup[2])!)
        let home = try status("var/lib/depeche")
        #expect(home.mode == 0o751 && home.uid == uid && home.gid == gid)
        let inbox = try status("var/lib/depeche/inbox")
        #expect(inbox.mode == 0o2770 && inbox.uid == uid && inbox.gid == inboxGid, "setgid, scrapers' group")
        let state = try status("var/lib/depeche/state")
        #expect(state.mode == 0o750 && state.uid == uid && state.gid == gid)
    }
}
