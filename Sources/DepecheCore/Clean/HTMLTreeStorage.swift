#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A growable array in memory of its own (`realloc`), for the tables of an `HTMLTree`. Once the
/// tree is built nothing is appended, so its elements stay where they are: a text node hands out
/// a pointer to its bytes, and reading a node costs no reference count and no exclusivity check.
/// Copies share the memory; the tree's owner frees it once (`deallocate()`).
struct HTMLTreeStorage<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>?
    private(set) var count = 0
    private var capacity = 0

    /// The element at `index`, which must be below `count`.
    subscript(index: Int32) -> Element {
        get { base.unsafelyUnwrapped[Int(index)] }
        nonmutating set { base.unsafelyUnwrapped[Int(index)] = newValue }
    }

    /// Appends `element`.
    mutating func append(_ element: Element) {
        reserve(count + 1)
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    /// Appends a run of elements.
    mutating func append(contentsOf elements: UnsafeBufferPointer<Element>) {
        guard let source = elements.baseAddress, !elements.isEmpty else { return }
        reserve(count + elements.count)
        (base.unsafelyUnwrapped + count).initialize(from: source, count: elements.count)
        count += elements.count
    }

    /// Frees the memory; no copy of this storage may be used afterwards.
    func deallocate() { free(base) }

    /// Grows by doubling, so that appending stays linear (realloc moves large blocks by remapping).
    private mutating func reserve(_ needed: Int) {
        guard needed > capacity else { return }
        let grown = max(needed, capacity * 2, 64)
        guard let memory = realloc(base, grown * MemoryLayout<Element>.stride) else {
            fatalError("out of memory for \(grown) HTML tree entries")
        }
        base = memory.bindMemory(to: Element.self, capacity: grown)
        capacity = grown
    }
}
