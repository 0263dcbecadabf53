import Glibc

/// What the kernel's page cache holds of a file: which of its pages are dirty (written and not
/// yet on the disk), read from `/proc/self/pagemap` and `/proc/kpageflags` through a shared
/// mapping of the file. Reading page frame numbers needs `CAP_SYS_ADMIN` (root).
enum PageCache {
    /// The number of `path`'s pages that are dirty, or nil where the kernel does not tell
    /// (not root, no `/proc/kpageflags`).
    static func dirtyPages(of path: String) -> Int? {
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return nil }
        let length = Int(info.st_size)
        guard let mapping = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), mapping != MAP_FAILED else { return nil }
        defer { munmap(mapping, length) }
        let pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC)
        let flags = open("/proc/kpageflags", O_RDONLY | O_CLOEXEC)
        defer {
            if pagemap >= 0 { close(pagemap) }
            if flags >= 0 { close(flags) }
        }
        guard pagemap >= 0, flags >= 0 else { return nil }
        let bytes = mapping.assumingMemoryBound(to: UInt8.self)
        var dirty = 0
        for page in stride(from: 0, to: length, by: pageSize) {
            // Touch the page, so that it is mapped and has a frame.
            withExtendedLifetime(bytes[page]) {}
            let virtualPage = (Int(bitPattern: mapping) + page) / pageSize
            guard let entry = readWord(pagemap, at: virtualPage * 8) else { return nil }
            let frame = entry & ((1 << 55) - 1)
            // Bit 63: present. Without the capability the frame number reads as 0.
            guard entry >> 63 == 1, frame != 0, let pageFlags = readWord(flags, at: Int(frame) * 8) else { return nil }
            // KPF_DIRTY is bit 4.
            if pageFlags >> 4 & 1 == 1 { dirty += 1 }
        }
        return dirty
    }

    private static func readWord(_ fd: Int32, at offset: Int) -> UInt64? {
        var word: UInt64 = 0
        return pread(fd, &word, 8, off_t(offset)) == 8 ? word : nil
    }
}
