import CLMDB
import Glibc

/// A failed LMDB call: which call, on which environment, and LMDB's code (an `errno` or one
/// of LMDB's own, such as `MDB_MAP_FULL`).
public struct LMDBError: Error, CustomStringConvertible {
    /// The call (`mdb_txn_commit`, …).
    public var call: String
    /// The environment's directory.
    public var path: String
    /// The code the call returned.
    public var code: Int32

    /// Whether the store has no room: its memory map is full (`store.map_size`) or its file
    /// system is. Intake pauses until a retry succeeds, as for a full event log.
    public var isOutOfRoom: Bool { code == MDB_MAP_FULL || code == ENOSPC || code == EDQUOT }

    /// `mdb_txn_commit(var/state/store): MDB_MAP_FULL: Environment mapsize limit reached (-30792)`.
    public var description: String { "\(call)(\(path)): \(String(cString: mdb_strerror(code))) (\(code))" }
}

/// One LMDB environment (a directory holding `data.mdb` and `lock.mdb`), opened with
/// `MDB_NOTLS` (read transactions are not tied to a thread) and `MDB_NOMETASYNC` (a commit
/// syncs its data pages; the meta page is synced with the next commit, so a machine crash may
/// undo the last commit but never corrupts the store, and the event log replays it).
///
/// A write transaction is begun, used and committed within one synchronous call
/// (``write(_:)``), as LMDB requires of the thread that holds its writer lock.
final class LMDBEnvironment {
    let path: String
    private let env: OpaquePointer

    /// Opens (creating) the environment in `path` with named databases and a map of
    /// `mapSize` bytes (address space; the file grows as data is written).
    init(path: String, mapSize: Int, maxDatabases: UInt32, readOnly: Bool = false) throws {
        self.path = path
        var env: OpaquePointer?
        try Self.check("mdb_env_create", path, mdb_env_create(&env))
        guard let env else { throw LMDBError(call: "mdb_env_create", path: path, code: ENOMEM) }
        do {
            try Self.check("mdb_env_set_mapsize", path, mdb_env_set_mapsize(env, mapSize))
            try Self.check("mdb_env_set_maxdbs", path, mdb_env_set_maxdbs(env, maxDatabases))
            let flags = UInt32(MDB_NOTLS | MDB_NOMETASYNC | (readOnly ? MDB_RDONLY : 0))
            try Self.check("mdb_env_open", path, mdb_env_open(env, path, flags, 0o640))
        } catch {
            mdb_env_close(env)
            throw error
        }
        self.env = env
    }

    deinit { mdb_env_close(env) }

    /// Runs `body` in a write transaction and commits it; aborts it if `body` throws.
    func write<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        try transaction(flags: 0, body)
    }

    /// Runs `body` in a read-only transaction (a consistent snapshot). It ends with a commit,
    /// which keeps the databases it opened open (an abort would close them).
    func read<T>(_ body: (LMDBTransaction) throws -> T) throws -> T {
        try transaction(flags: UInt32(MDB_RDONLY), body)
    }

    private func transaction<T>(flags: UInt32, _ body: (LMDBTransaction) throws -> T) throws -> T {
        var txn: OpaquePointer?
        try Self.check("mdb_txn_begin", path, mdb_txn_begin(env, nil, flags, &txn))
        guard let txn else { throw LMDBError(call: "mdb_txn_begin", path: path, code: ENOMEM) }
        let result: T
        do { result = try body(LMDBTransaction(txn: txn, path: path)) } catch {
            mdb_txn_abort(txn)
            throw error
        }
        try Self.check("mdb_txn_commit", path, mdb_txn_commit(txn))
        return result
    }

    /// Bytes of the data file in use (pages up to the last one written).
    func usedBytes() throws -> Int {
        var info = MDB_envinfo()
        var stat = MDB_stat()
        try Self.check("mdb_env_info", path, mdb_env_info(env, &info))
        try Self.check("mdb_env_stat", path, mdb_env_stat(env, &stat))
        return (info.me_last_pgno + 1) * Int(stat.ms_psize)
    }

    /// Copies the environment into the existing empty directory `directory`, leaving out free
    /// pages (`mdb_env_copy2` with `MDB_CP_COMPACT`): the size the data needs.
    func copyCompacted(to directory: String) throws {
        try Self.check("mdb_env_copy2", path, mdb_env_copy2(env, directory, UInt32(MDB_CP_COMPACT)))
    }

    static func check(_ call: String, _ path: String, _ code: Int32) throws {
        guard code == MDB_SUCCESS else { throw LMDBError(call: call, path: path, code: code) }
    }
}

/// A transaction of an ``LMDBEnvironment``, valid only inside the closure that received it.
struct LMDBTransaction {
    fileprivate let txn: OpaquePointer
    let path: String

    /// Opens (`create`: creating) the named database.
    func database(_ name: String, flags: Int32 = 0, create: Bool) throws -> MDB_dbi {
        var dbi: MDB_dbi = 0
        try LMDBEnvironment.check("mdb_dbi_open(\(name))", path, mdb_dbi_open(txn, name, UInt32(flags | (create ? MDB_CREATE : 0)), &dbi))
        return dbi
    }

    /// Opens the named database, or returns nil when there is none (a read-only transaction
    /// over a store written before it existed).
    func databaseIfPresent(_ name: String) throws -> MDB_dbi? {
        var dbi: MDB_dbi = 0
        let code = mdb_dbi_open(txn, name, 0, &dbi)
        if code == MDB_NOTFOUND { return nil }
        try LMDBEnvironment.check("mdb_dbi_open(\(name))", path, code)
        return dbi
    }

    /// Calls `body` with the value stored under `key`, or returns nil when there is none.
    func get<T>(_ dbi: MDB_dbi, _ key: [UInt8], _ body: (UnsafeRawBufferPointer) -> T) throws -> T? {
        var data = MDB_val()
        let code = key.withUnsafeBytes { raw in
            var key = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
            return mdb_get(txn, dbi, &key, &data)
        }
        if code == MDB_NOTFOUND { return nil }
        try LMDBEnvironment.check("mdb_get", path, code)
        return body(UnsafeRawBufferPointer(start: data.mv_data, count: data.mv_size))
    }

    /// Stores `value` under `key`. With `noOverwrite`, an existing key is kept and the call
    /// returns false.
    @discardableResult
    func put(_ dbi: MDB_dbi, _ key: [UInt8], _ value: [UInt8], noOverwrite: Bool = false, flags: Int32 = 0) throws -> Bool {
        let code = key.withUnsafeBytes { rawKey in
            value.withUnsafeBytes { rawValue in
                var key = MDB_val(mv_size: rawKey.count, mv_data: UnsafeMutableRawPointer(mutating: rawKey.baseAddress))
                var data = MDB_val(mv_size: rawValue.count, mv_data: UnsafeMutableRawPointer(mutating: rawValue.baseAddress))
                return mdb_put(txn, dbi, &key, &data, UInt32(flags | (noOverwrite ? MDB_NOOVERWRITE : 0)))
            }
        }
        if code == MDB_KEYEXIST { return false }
        try LMDBEnvironment.check("mdb_put", path, code)
        return true
    }

    /// Deletes `key` (every value under it); false when it was not there.
    @discardableResult
    func delete(_ dbi: MDB_dbi, _ key: [UInt8]) throws -> Bool {
        let code = key.withUnsafeBytes { raw in
            var key = MDB_val(mv_size: raw.count, mv_data: UnsafeMutableRawPointer(mutating: raw.baseAddress))
            return mdb_del(txn, dbi, &key, nil)
        }
        if code == MDB_NOTFOUND { return false }
        try LMDBEnvironment.check("mdb_del", path, code)
        return true
    }

    /// Empties the database.
    func empty(_ dbi: MDB_dbi) throws {
        try LMDBEnvironment.check("mdb_drop", path, mdb_drop(txn, dbi, 0))
    }

    /// Deletes the database itself (so that it can be created again with other flags) and
    /// closes its handle.
    func deleteDatabase(_ dbi: MDB_dbi) throws {
        try LMDBEnvironment.check("mdb_drop", path, mdb_drop(txn, dbi, 1))
    }

    /// How many entries the database holds.
    func count(_ dbi: MDB_dbi) throws -> Int {
        var stat = MDB_stat()
        try LMDBEnvironment.check("mdb_stat", path, mdb_stat(txn, dbi, &stat))
        return stat.ms_entries
    }

    /// Runs `body` with a cursor on the database.
    func withCursor<T>(_ dbi: MDB_dbi, _ body: (LMDBCursor) throws -> T) throws -> T {
        var cursor: OpaquePointer?
        try LMDBEnvironment.check("mdb_cursor_open", path, mdb_cursor_open(txn, dbi, &cursor))
        guard let cursor else { throw LMDBError(call: "mdb_cursor_open", path: path, code: ENOMEM) }
        defer { mdb_cursor_close(cursor) }
        return try body(LMDBCursor(cursor: cursor, path: path))
    }
}

/// A cursor, valid only inside the closure that received it.
struct LMDBCursor {
    fileprivate let cursor: OpaquePointer
    let path: String

    /// Moves the cursor (`op`), optionally from `key` and `value`; calls `body` with the key
    /// and value it lands on, or returns nil when there is none.
    func get<T>(
        _ op: MDB_cursor_op, key: [UInt8]? = nil, value: [UInt8]? = nil,
        _ body: (_ key: UnsafeRawBufferPointer, _ value: UnsafeRawBufferPointer) throws -> T
    ) throws -> T? {
        let keyBytes = key ?? []
        let valueBytes = value ?? []
        return try keyBytes.withUnsafeBytes { rawKey in
            try valueBytes.withUnsafeBytes { rawValue in
                var keyValue = MDB_val()
                var dataValue = MDB_val()
                if key != nil { keyValue = MDB_val(mv_size: rawKey.count, mv_data: UnsafeMutableRawPointer(mutating: rawKey.baseAddress)) }
                if value != nil { dataValue = MDB_val(mv_size: rawValue.count, mv_data: UnsafeMutableRawPointer(mutating: rawValue.baseAddress)) }
                let code = mdb_cursor_get(cursor, &keyValue, &dataValue, op)
                if code == MDB_NOTFOUND { return nil }
                try LMDBEnvironment.check("mdb_cursor_get", path, code)
                return try body(
                    UnsafeRawBufferPointer(start: keyValue.mv_data, count: keyValue.mv_size),
                    UnsafeRawBufferPointer(start: dataValue.mv_data, count: dataValue.mv_size))
            }
        }
    }
}

extension LMDBCursor {
    /// Moves the cursor (`op`) with `key` and `value` as `mdb_cursor_get`'s in and out
    /// parameters (they then point into the map, valid until the transaction ends or the
    /// database changes); false when there is nothing there (`MDB_NOTFOUND`). Allocates nothing.
    @inline(__always)
    func move(_ op: MDB_cursor_op, key: inout MDB_val, value: inout MDB_val) throws -> Bool {
        let code = mdb_cursor_get(cursor, &key, &value, op)
        if code == MDB_NOTFOUND { return false }
        if code != MDB_SUCCESS { try LMDBEnvironment.check("mdb_cursor_get", path, code) }
        return true
    }

    /// Stores `value` under `key` at the cursor (`mdb_cursor_put`; `flags` such as
    /// `MDB_APPEND`). A cursor left near the key by the previous call finds it without a
    /// descent from the root, so sorted puts are cheap. False when `MDB_NOOVERWRITE` or
    /// `MDB_NODUPDATA` kept an existing entry.
    @discardableResult
    func put(key: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, flags: Int32 = 0) throws -> Bool {
        var keyValue = MDB_val(mv_size: key.count, mv_data: UnsafeMutableRawPointer(mutating: key.baseAddress))
        var dataValue = MDB_val(mv_size: value.count, mv_data: UnsafeMutableRawPointer(mutating: value.baseAddress))
        let code = mdb_cursor_put(cursor, &keyValue, &dataValue, UInt32(flags))
        if code == MDB_KEYEXIST { return false }
        try LMDBEnvironment.check("mdb_cursor_put", path, code)
        return true
    }
}

extension MDB_val {
    /// The bytes the value points at.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: mv_data, count: mv_size) }
}

extension LMDBCursor {
    /// Deletes the value the cursor is on (`mdb_cursor_del`; under a sorted-duplicate key, that
    /// value alone).
    func deleteCurrent() throws {
        try LMDBEnvironment.check("mdb_cursor_del", path, mdb_cursor_del(cursor, 0))
    }
}
