import CLinuxFiles

/// How the process asks the C allocator for memory.
public enum ProcessMemory {
    /// Blocks this large or larger get a mapping of their own, given back to the system when freed.
    public static let largeBlockBytes = 1 << 20

    /// Gives large blocks back to the system as soon as they are freed. By default glibc raises
    /// its mapping threshold to the size of the largest block freed (up to 32 MiB), so after one
    /// large page the copies of the next ones come from the heap, whose freed middle stays in
    /// memory: the peak of `depeche extract` on a 13 MiB page was 99 MiB, and is 79 MiB with
    /// this. Pages of ordinary size never make blocks this large, so they cost nothing more.
    /// Call once, at start: it holds for the blocks allocated after it.
    public static func returnLargeBlocksToTheSystem() {
        _ = depeche_set_mmap_threshold(Int32(largeBlockBytes))
    }

    /// Gives the heap's free memory back to the system now: after a one-off job that freed much
    /// in small blocks (a state store conversion), which the heap would otherwise keep.
    static func returnFreedMemory() {
        _ = depeche_trim_heap()
    }
}
