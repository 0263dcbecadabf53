import CLinuxFiles
import Glibc

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

    /// One heap (malloc arena) per processor, where glibc allows eight. A thread's first
    /// allocation takes a heap no other live thread uses, making a new one up to that limit, and
    /// each heap keeps its own free memory for good: so the daemon's heap memory can step up
    /// whenever more threads than ever before allocate at once (after a stall, in a burst).
    /// A burst of 5,000 pages ran as fast with two heaps on two processors as with sixteen (one
    /// heap: 4 % slower). Call once, at start, before other threads.
    public static func oneHeapPerProcessor() {
        _ = depeche_set_arena_max(Int32(clamping: max(1, sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    }

    /// Gives the heap's free memory back to the system now: after a one-off job that freed much
    /// in small blocks (a state store conversion), which the heap would otherwise keep.
    static func returnFreedMemory() {
        _ = depeche_trim_heap()
    }
}
